"""Character accuracy and speed of OCR on renderings of text PDFs (README "OCR"); a report, never a test.

    python tests/tools/ocr_accuracy.py [--engine tesseract|rapidocr] [--psm 6] [--dpi 200]
                                       [--scan] [--cleanup all|none|no-red|no-deskew|no-despeckle]
                                       [--only 000,004,r71]

Pages 1 and 3 of every corpora/*.pdf and tests/real/docs/*.pdf are rendered (``--scan``: as
tests/tools/scan_pdf.py degrades them: turned 0.8°, specks, a red seal over the signature),
cleaned as ``--cleanup`` says and OCRed; the text layer of the same page is the reference.
Accuracy is 1 − edit distance / reference length over the text without whitespace, with
full- and half-width punctuation counted alike (the normaliser repairs their width).
Speed is CPU seconds per page in this process (one core; OMP_THREAD_LIMIT=1). RapidOCR
(rapidocr-onnxruntime) is not a planparse dependency: install it into the venv to compare.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
WIDTH = str.maketrans("，。：；（）！？【】", ",.:;()!?[]")
CLEANUPS = {"all": {}, "none": {"red": False, "deskew": False, "despeckle": False},
            "no-red": {"red": False}, "no-deskew": {"deskew": False}, "no-despeckle": {"despeckle": False}}


def distance(a: str, b: str) -> int:
    """Levenshtein distance (two rows)."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def comparable(text: str) -> str:
    return re.sub(r"\s+", "", text).translate(WIDTH)


def tesseract(psm: int):
    import tesserocr

    from planparse.ingest.ocr import tessdata_dir

    api = tesserocr.PyTessBaseAPI(path=tessdata_dir(), lang="chi_sim", psm=psm)

    def read(image) -> str:
        api.SetImage(image)
        return api.GetUTF8Text()

    return read


def rapidocr():
    import numpy as np
    from rapidocr_onnxruntime import RapidOCR

    engine = RapidOCR()

    def read(image) -> str:
        found, _ = engine(np.array(image.convert("RGB")))
        return "\n".join(row[1] for row in found or [])

    return read


def main(argv: list[str]) -> int:
    import pypdfium2

    from planparse.ingest.ocr import OcrSettings, render_page
    from planparse.ingest.scan import Cleanup
    from tests.tools.scan_pdf import scan_pdf

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=("tesseract", "rapidocr"), default="tesseract")
    parser.add_argument("--psm", type=int, default=6)
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--scan", action="store_true", help="degrade the pages as scan_pdf does first")
    parser.add_argument("--cleanup", choices=tuple(CLEANUPS), default="all")
    parser.add_argument("--only", default="", help="comma list of file-name prefixes to keep")
    args = parser.parse_args(argv)
    read = tesseract(args.psm) if args.engine == "tesseract" else rapidocr()
    settings = OcrSettings(dpi=args.dpi, cleanup=Cleanup(**CLEANUPS[args.cleanup]))
    pdfs = sorted((ROOT / "corpora").glob("*.pdf")) + sorted((ROOT / "tests" / "real" / "docs").glob("*.pdf"))
    if args.only:
        pdfs = [p for p in pdfs if p.name.startswith(tuple(args.only.split(",")))]
    errors = length = 0
    cpu = 0.0
    pages = 0
    with tempfile.TemporaryDirectory() as tmp:
        for pdf in pdfs:
            text_doc = pypdfium2.PdfDocument(str(pdf))
            numbers = [n for n in (1, 3) if n <= len(text_doc)]
            source = scan_pdf(pdf, Path(tmp) / pdf.name, rotate=0.8, speckle=0.001, seal=True, pages=numbers,
                              dpi=args.dpi) if args.scan else pdf
            image_doc = pypdfium2.PdfDocument(str(source))
            for index, number in enumerate(numbers):
                reference = comparable(text_doc[number - 1].get_textpage().get_text_range())
                started = time.process_time()
                image = render_page(image_doc, index if args.scan else number - 1, settings)
                found = comparable(read(image))
                cpu += time.process_time() - started
                wrong = distance(reference, found)
                errors, length, pages = errors + wrong, length + len(reference), pages + 1
                print(f"{pdf.stem[:28]:<28} p{number}  accuracy {1 - wrong / max(1, len(reference)):.3f}", flush=True)
            image_doc.close()
            text_doc.close()
    print(f"{args.engine}{f' psm {args.psm}' if args.engine == 'tesseract' else ''} dpi {args.dpi} "
          f"{'scan' if args.scan else 'clean'} cleanup {args.cleanup}: {pages} pages, "
          f"character accuracy {1 - errors / length:.4f}, CPU {cpu / pages:.2f} s/page")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
