"""OCR of scanned PDFs end to end: scans built here from corpora pages, checked like text PDFs.

Each scan is made by ``tests/tools/scan_pdf.py`` (render → turn → specks → red seal → an
image-only PDF) from pages of a corpora PDF, whose text layer says what OCR should find.
OCR costs ~2 s a page, so the scans are few and short (7 OCRed pages in this module).
"""
from __future__ import annotations

import json
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from planparse.ingest import ingest
from planparse.ingest.ocr import OcrPage, OcrSettings
from planparse.pipeline import parse

from ..tools.scan_pdf import scan_pdf, text_pages

ROOT = Path(__file__).resolve().parents[2]
NOTICE = ROOT / "corpora" / "000_b92df6d258e81408.pdf"    # its cover notice and plan title are on page 1


def first_pages(src: Path, pages: int, out: Path) -> Path:
    """The text PDF cut to its first ``pages`` pages (what the scan is compared with)."""
    return text_pages(src, list(range(1, pages + 1)), out)


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    """Pages 1–2 of a notice scanned turned 0.8°, speckled, sealed; and the text PDF of the same pages."""
    folder = tmp_path_factory.mktemp("scans")
    scan = scan_pdf(NOTICE, folder / "scan.pdf", rotate=0.8, speckle=0.001, seal=True, pages=[1, 2])
    text = first_pages(NOTICE, 2, folder / "text.pdf")
    return {"scan": scan, "text": text, "scan_doc": parse(scan), "text_doc": parse(text)}


def test_scan_is_read_by_ocr_with_page_provenance(scanned):
    doc = scanned["scan_doc"]
    assert doc.source.pages == 2 and doc.source.pages_ocr == [1, 2]
    repairs = {r.kind: r.count for r in doc.normalization.repairs}
    assert repairs["ocr"] >= 40                      # lines read from the two images
    assert {item.page for item in doc.items} <= {1, 2}


def test_scan_metadata_matches_the_text_layer(scanned):
    scan, text = scanned["scan_doc"].metadata, scanned["text_doc"].metadata
    assert scan.doc_number == text.doc_number == "吴政办发〔2023〕26号"   # 【2023] repaired
    assert scan.issue_date == text.issue_date == "2023-08-15"          # the date under the seal
    assert scan.issuer == text.issuer
    assert SequenceMatcher(None, scan.title, text.title).ratio() >= 0.95   # a glyph or two may differ


def test_scan_outline_matches_the_text_layer(scanned):
    scan, text = scanned["scan_doc"], scanned["text_doc"]
    assert [(i.id, i.page) for i in scan.items] == [(i.id, i.page) for i in text.items]
    same_title = sum(a.title == b.title for a, b in zip(scan.items, text.items))
    assert same_title >= 0.8 * len(text.items)
    scan_units = {(i.id, u.name) for i in scan.items for u in i.units}
    text_units = {(i.id, u.name) for i in text.items for u in i.units}
    assert len(scan_units & text_units) >= 0.8 * len(text_units)


def test_page_numbers_and_layout_breaks_are_handled_as_in_text_pdfs(scanned):
    source = ingest(scanned["scan"])
    assert not any(line.text.strip() in ("一1一", "一2一", "—1—", "—2—") for line in source.lines)
    assert source.repairs["joined_line"] >= 5       # page numbers go as furniture or as OCR noise
    sizes = Counter(ln.font_size for ln in source.lines for _ in ln.text)
    (body, body_chars), (title, title_chars) = sizes.most_common(2)
    assert body_chars + title_chars >= 0.98 * sum(sizes.values())    # snapped to two sizes, as printed
    assert abs(body - 16) <= 0.05 * 16 and abs(title / body - 22 / 16) <= 0.05


def test_ocr_off_keeps_the_no_text_layer_error(scanned, tmp_path):
    from planparse.cli import main

    report = tmp_path / "report.jsonl"
    code = main(["parse", str(scanned["scan"]), "-o", str(tmp_path / "out"), "-q", "--ocr", "off",
                 "--report", str(report)])
    row = json.loads(report.read_text(encoding="utf-8"))
    assert code == 1 and row["error_code"] == "no_text_layer"


def test_mixed_pdf_ocrs_only_the_scanned_page(scanned, tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.add_page(PdfReader(str(scanned["text"])).pages[0])
    writer.add_page(PdfReader(str(scanned["scan"])).pages[1])
    mixed = tmp_path / "mixed.pdf"
    with mixed.open("wb") as handle:
        writer.write(handle)
    source = ingest(mixed)
    assert source.pages_ocr == [2]
    text_page = [ln.text for ln in ingest(scanned["text"], ocr=OcrSettings(mode="off")).lines if ln.page == 1]
    assert [ln.text for ln in source.lines if ln.page == 1][:10] == text_page[:10]   # the text page as it was
    assert any(ln.ocr for ln in source.lines) and not all(ln.ocr for ln in source.lines)


def test_force_reads_a_text_pdf_from_its_image(tmp_path):
    one_page = first_pages(NOTICE, 1, tmp_path / "one.pdf")
    doc = parse(one_page, ocr=OcrSettings(mode="force"))
    assert doc.source.pages_ocr == [1]
    assert doc.metadata.doc_number == "吴政办发〔2023〕26号"


def test_text_pdf_output_has_no_ocr_trace(scanned):
    data = json.loads(scanned["text_doc"].to_json())
    assert "pages_ocr" not in data["source"]
    assert not any(r["kind"].startswith("ocr") for r in data["normalization"]["repairs"])


def test_missing_ocr_model_is_one_clear_error(tmp_path, monkeypatch):
    from planparse.ingest.ocr import engine
    from planparse.model import PlanparseError

    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))     # a folder without chi_sim.traineddata
    engine.cache_clear()
    try:
        with pytest.raises(PlanparseError) as err:
            engine("chi_sim")
    finally:
        engine.cache_clear()
    assert err.value.code == "ocr_unavailable" and "tesseract-ocr-chi-sim" in str(err.value)


# ---------------------------------------------------------------- the document's model
def fake_page(confidence: float, han: int = 100) -> OcrPage:
    return OcrPage(595, 842, [[{"text": "法"}] * han], confidence, [confidence])


@pytest.mark.parametrize("simplified, traditional, chosen", [
    (90.4, 86.5, "chi_sim"),     # corpora 000 p1 (kept-line confidences measured, README "OCR")
    (86.7, 81.6, "chi_sim"),     # tests/real r71 p1
    (80.2, 80.7, "chi_tra"),     # corpora 001 p1, traditional
    (78.4, 81.4, "chi_tra"),     # corpora 002 p1, traditional
])
def test_the_script_is_chosen_once_per_document(monkeypatch, simplified, traditional, chosen):
    from planparse.ingest import ocr

    calls = []

    def recognise(image, dpi, lang):
        calls.append(lang)
        return fake_page(simplified if lang == "chi_sim" else traditional)

    monkeypatch.setattr(ocr, "recognise", recognise)
    monkeypatch.setattr(ocr, "installed", lambda lang: True)
    model = ocr.ModelChoice()
    first = model.read(None, 200)
    model.read(None, 200)
    assert model.lang == chosen
    assert calls == ["chi_sim", "chi_tra", chosen]         # one extra reading, on the first page only
    assert first.confidence == (simplified if chosen == "chi_sim" else traditional)


def test_a_page_with_little_text_leaves_the_choice_to_the_next(monkeypatch):
    from planparse.ingest import ocr

    pages = iter([fake_page(90, han=5), fake_page(90), fake_page(80)])
    monkeypatch.setattr(ocr, "recognise", lambda image, dpi, lang: next(pages))
    monkeypatch.setattr(ocr, "installed", lambda lang: True)
    model = ocr.ModelChoice()
    model.read(None, 200)
    assert model.lang is None
    model.read(None, 200)
    assert model.lang == "chi_sim"


def test_without_the_traditional_model_simplified_reads_everything(monkeypatch):
    from planparse.ingest import ocr

    monkeypatch.setattr(ocr, "recognise", lambda image, dpi, lang: fake_page(70))
    monkeypatch.setattr(ocr, "installed", lambda lang: lang == "chi_sim")
    model = ocr.ModelChoice()
    model.read(None, 200)
    assert model.lang == "chi_sim"
    assert ocr.ModelChoice("chi_tra").lang == "chi_tra"     # an explicit model is used as given


# ---------------------------------------------------------------- unsure runs at a line's ends
def test_an_unsure_run_beside_a_date_does_not_make_the_line_noise():
    from planparse.ingest.ocr import OcrLine

    line = OcrLine([0, 0, 300, 16], [("2025", 92, [0, 0, 40, 16]), ("年3月28日", 93, [40, 0, 100, 16]),
                                     ("???22???22??", 6, [100, 0, 300, 16])])
    kept = line.trimmed()
    assert kept.texts() == ["2025", "年3月28日"] and kept.box == [0, 0, 100, 16]
    assert min(kept.confidences()) >= 50


@pytest.mark.parametrize("words", [
    [("(", 30, [0, 0, 8, 16]), ("八)实施行动", 90, [8, 0, 100, 16])],       # a bracket is no run
    [("“寧夏", 36, [0, 0, 40, 16]), ("回族自治区", 93, [40, 0, 120, 16])],    # unsure Han stays
    [("|#@%", 10, [0, 0, 40, 16]), ("中", 90, [40, 0, 56, 16])],            # one glyph is no line
])
def test_what_trimming_keeps(words):
    from planparse.ingest.ocr import OcrLine

    line = OcrLine([0, 0, 120, 16], words)
    assert line.trimmed().texts() == line.texts()
