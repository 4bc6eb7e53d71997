"""Ruled tables on scanned pages, end to end: two pages of an 指标体系 table (corpora 003,
small type, merged cells) scanned here, read through OCR, checked against the same pages'
text layer, which pdfplumber reads into the same Table objects and tab-joined rows.

The scans are made by ``tests/tools/scan_pdf.py`` (render → turn 0.8° → specks → image-only
PDF); 2 OCRed pages in this module, ~2 s each.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from planparse.ingest import ingest
from planparse.pipeline import parse

from ..tools.scan_pdf import scan_pdf, text_pages
from .test_ocr import first_pages

ROOT = Path(__file__).resolve().parents[2]
TABLES = ROOT / "corpora" / "003_921445c91930cf0e.pdf"
PAGES = [8, 9]             # page 8: the plan's last body lines, then the table's head; page 9: table only


@pytest.fixture(scope="module")
def table_pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("table_scans")
    scan = scan_pdf(TABLES, folder / "scan.pdf", rotate=0.8, speckle=0.001, pages=PAGES)
    text = text_pages(TABLES, PAGES, folder / "text.pdf")
    return {"scan": scan, "text": text, "scan_src": ingest(scan), "text_src": ingest(text)}


def flat(text: str | None) -> str:
    """Cell text compared without spaces and with punctuation width ignored."""
    return re.sub(r"\s", "", text or "").translate(str.maketrans("，；：（）", ",;:()"))


def test_scanned_tables_have_the_text_layers_grid(table_pages):
    scan, text = table_pages["scan_src"], table_pages["text_src"]
    assert scan.pages_ocr == [1, 2]
    assert [(t.page, len(t.rows)) for t in scan.tables] == [(t.page, len(t.rows)) for t in text.tables]
    for ours, theirs in zip(scan.tables, text.tables):
        filled = [[cell is not None for cell in row] for row in ours.rows]
        assert sum(map(sum, filled)) == sum(cell is not None for row in theirs.rows for cell in row)
        assert all(abs(a - b) <= 3 for a, b in zip(ours.bbox or (), theirs.bbox or ()))   # points


def test_scanned_cells_read_as_the_text_layer(table_pages):
    scan, text = table_pages["scan_src"], table_pages["text_src"]
    ours = "".join(flat(cell) for table in scan.tables for row in table.rows for cell in row)
    theirs = "".join(flat(cell) for table in text.tables for row in table.rows for cell in row)
    assert len(theirs) > 1000
    assert SequenceMatcher(None, ours, theirs, autojunk=False).ratio() >= 0.97


def test_table_rows_are_tab_joined_lines_and_body_lines_stay_lines(table_pages):
    scan, text = table_pages["scan_src"], table_pages["text_src"]
    rows = [ln for ln in scan.lines if "\t" in ln.text]
    assert len(rows) == len([ln for ln in text.lines if "\t" in ln.text])
    assert all(ln.ocr for ln in rows)
    assert "1 向社会公布" in rows[1].text           # a numbered indicator keeps its printed space
    body = [ln.text for ln in scan.lines if "\t" not in ln.text and ln.page == 1]
    text_body = [ln.text for ln in text.lines if "\t" not in ln.text and ln.page == 1]
    assert len(body) == len(text_body)              # the plan's paragraph above the table, as lines
    assert SequenceMatcher(None, "".join(body), "".join(text_body)).ratio() >= 0.95
    assert scan.repairs["ocr_table_row"] == len(rows)


def test_indicators_of_a_scanned_table_match_the_text_layer(table_pages):
    scan, text = parse(table_pages["scan"]), parse(table_pages["text"])
    assert len(text.indicators) >= 10
    assert [(i.l1, i.l2, i.n) for i in scan.indicators] == [(i.l1, i.l2, i.n) for i in text.indicators]
    same = sum(SequenceMatcher(None, flat(a.text), flat(b.text)).ratio() >= 0.95
               for a, b in zip(scan.indicators, text.indicators))
    assert same >= 0.9 * len(text.indicators)


def test_scan_without_rules_reads_as_before(tmp_path):
    """Table finding leaves a page without rules as it was (its text, its lines)."""
    from planparse.ingest.ocr import OcrSettings

    page = scan_pdf(first_pages(ROOT / "corpora" / "000_b92df6d258e81408.pdf", 1, tmp_path / "one.pdf"),
                    tmp_path / "scan.pdf", rotate=0.8, speckle=0.001)
    with_tables, without = ingest(page), ingest(page, ocr=OcrSettings(tables=False))
    assert not with_tables.tables
    assert [ln.text for ln in with_tables.lines] == [ln.text for ln in without.lines]
