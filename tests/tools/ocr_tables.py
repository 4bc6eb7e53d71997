"""Ruled tables on scans (README "OCR"): how well they are found and read; a report, never a test.

    python tests/tools/ocr_tables.py detect [PDF ...]
    python tests/tools/ocr_tables.py cells [--pages 8-10] [--reading crops|page] [PDF]

``detect``: every page of the PDFs (default: corpora/*.pdf and every PDF under tests/) is
rendered at 200 dpi as tests/tools/scan_pdf.py degrades it (grey paper, turned 0.8°, 0.1 %
specks), cleaned, and its ruled tables found (:func:`planparse.ingest.rules.find_tables`);
each page's ``(cells, rows)`` per table is compared with pdfplumber's tables on the text
layer (:func:`planparse.ingest.pdf.find_tables`). Prints the pages that differ, the count
that agree and the CPU milliseconds table finding costs per page.

``cells``: the pages (default 8–10 of corpora 003, an 指标体系 table in small type) are
scanned as above and ingested through OCR; the cell text of the tables found is compared
with the text layer's tables (1 − edit distance / reference length, whitespace removed,
punctuation width ignored), with CPU seconds per page of the whole ingestion. ``--reading
page`` reads cells the other way measured: the page OCRed once (rules erased) and its
lines given to the table they fall in, their characters to cells by position.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
WIDTH = str.maketrans("，。：；（）！？【】", ",.:;()!?[]")


def detect(paths: list[Path]) -> None:
    import numpy as np
    import pdfplumber
    import pypdfium2
    from PIL import Image

    from planparse.ingest.pdf import find_tables as text_tables
    from planparse.ingest.rules import find_tables
    from planparse.ingest.scan import clean_page
    from tests.tools.scan_pdf import speckled

    pages = agree = 0
    spent = 0.0
    for path in paths:
        rng = random.Random(f"{path.name}:0")
        document = pypdfium2.PdfDocument(str(path))
        with pdfplumber.open(path) as pdf:
            for index, page in enumerate(pdf.pages):
                expected = sorted((len(t.cells), len(t.rows)) for t in text_tables(page))
                image = document[index].render(scale=200 / 72).to_pil().convert("L")
                image = Image.fromarray((np.asarray(image, dtype=np.float32) * 0.93).astype(np.uint8))
                image = speckled(image.rotate(0.8, resample=Image.Resampling.BILINEAR, fillcolor=237), 0.001, rng)
                image = clean_page(image, 200)
                start = time.process_time()
                found = sorted((len(t.table.cells), len(t.table.rows)) for t in find_tables(image, 200))
                spent += time.process_time() - start
                pages += 1
                agree += found == expected
                if found != expected:
                    print(f"{path.name} p{index + 1}: scan {found}, text layer {expected}")
        document.close()
    print(f"{agree}/{pages} pages agree with the text layer; table finding {1000 * spent / max(1, pages):.0f} ms/page")


def page_reading() -> None:
    """Read cells from the page's own OCR lines (by position) instead of cell crops."""
    from PIL import ImageDraw

    import planparse.ingest.ocr as ocr
    import planparse.ingest.pdf as pdf
    from planparse.ingest.rules import find_tables
    from planparse.ingest.scan import paper_grey

    def ocr_page(document, index, settings, model=None):
        image = ocr.render_page(document, index, settings)
        found = find_tables(image, settings.dpi)
        paper, draw = paper_grey(image), ImageDraw.Draw(image)
        for grid in found:
            for box in grid.rule_boxes:
                draw.rectangle((box[0], box[1], box[2] - 1, box[3] - 1), fill=paper)
        page = (model or ocr.ModelChoice(settings.lang)).read(image, settings.dpi)
        tables = [ocr.OcrTable(grid, [], []) for grid in found]
        body, confidences = [], []
        for line, confidence in zip(page.lines, page.line_confidence):
            middle = (line[0]["top"] + line[0]["bottom"]) / 2
            table = next((t for t in tables if t.grid.bbox[1] <= middle <= t.grid.bbox[3]), None)
            if table is None:
                body.append(line)
                confidences.append(confidence)
            else:
                table.lines.append(line)
                table.line_confidence.append(confidence)
        page.lines, page.line_confidence, page.tables = body, confidences, tables
        return page

    pdf.ocr_page = ocr_page


def cells(path: Path, first: int, last: int, reading: str) -> None:
    from pypdf import PdfReader, PdfWriter

    from planparse.ingest import ingest
    from planparse.ingest.ocr import engine
    from tests.tools.ocr_accuracy import distance
    from tests.tools.scan_pdf import scan_pdf

    numbers = list(range(first, last + 1))
    with tempfile.TemporaryDirectory() as folder:
        writer = PdfWriter()
        for number in numbers:
            writer.add_page(PdfReader(str(path)).pages[number - 1])
        text_pdf = Path(folder) / "text.pdf"
        with text_pdf.open("wb") as handle:
            writer.write(handle)
        scan = scan_pdf(path, Path(folder) / "scan.pdf", rotate=0.8, speckle=0.001, pages=numbers)
        if reading == "page":
            page_reading()
        engine()
        start = time.process_time()
        scanned = ingest(scan)
        spent = time.process_time() - start
        reference = ingest(text_pdf)

    def flat(source) -> str:
        return "".join(re.sub(r"\s", "", c or "").translate(WIDTH) for t in source.tables for r in t.rows for c in r)

    ours, theirs = flat(scanned), flat(reference)
    grids = sum(len(a.rows) == len(b.rows) for a, b in zip(scanned.tables, reference.tables))
    print(f"{path.name} p{first}-{last} ({reading}): {len(scanned.tables)}/{len(reference.tables)} tables, "
          f"{grids} with the text layer's rows; cell text accuracy "
          f"{1 - distance(ours, theirs) / max(1, len(theirs)):.4f} ({len(ours)}/{len(theirs)} chars); "
          f"{spent / len(numbers):.2f} CPU s/page")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    found = sub.add_parser("detect")
    found.add_argument("pdfs", nargs="*", type=Path)
    read = sub.add_parser("cells")
    read.add_argument("pdf", nargs="?", type=Path, default=ROOT / "corpora" / "003_921445c91930cf0e.pdf")
    read.add_argument("--pages", default="8-10")
    read.add_argument("--reading", choices=("crops", "page"), default="crops")
    args = parser.parse_args()
    if args.command == "detect":
        detect(args.pdfs or sorted((ROOT / "corpora").glob("*.pdf")) + sorted((ROOT / "tests").rglob("*.pdf")))
    else:
        first, _, last = args.pages.partition("-")
        cells(args.pdf, int(first), int(last or first), args.reading)


if __name__ == "__main__":
    main()
