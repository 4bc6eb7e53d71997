"""按单位: who leads and supports which task, by deadline, in CSV and XLSX."""
from __future__ import annotations

import csv
from html.parser import HTMLParser

import pytest

from planparse.export import export_files, unit_rows
from planparse.export.by_unit import ROLE_NAMES, unit_key
from planparse.pipeline import parse

from ..conftest import corpora_files, output_name

CORPORA = corpora_files()

TEXT = """甲方案
一、主要任务
（一）完善制度。2024年6月底前完成。（牵头单位：市司法局；配合单位：市财政局、市发展改革委等）
（二）加强考核。2024年3月底前完成。（牵头单位：市司法局；配合单位：市财政局(市国资委)）
（三）深化改革。（牵头单位：市财政局）
"""


def doc(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    return parse(tmp_path / "a.txt")


def test_rows_group_units_and_sort_lead_first_by_deadline(tmp_path):
    rows = unit_rows(doc(tmp_path))
    司法局 = [(r["role"], r["title"], r["deadline"]) for r in rows if r["unit"] == "市司法局"]
    assert 司法局 == [("牵头", "加强考核", "2024-03-31"), ("牵头", "完善制度", "2024-06-30")]
    财政局 = [(r["role"], r["title"]) for r in rows if r["unit"] == "市财政局"]
    assert 财政局 == [("牵头", "深化改革"), ("配合", "完善制度")]
    assert {r["printed"] for r in rows if r["unit"] == "市发展改革委"} == {"市发展改革委等"}


def test_unit_key_ignores_trivial_variants():
    assert unit_key("市财政局(市国资委)") == unit_key("市财政局（市国资委）") == "市财政局（市国资委）"


def test_csv_and_xlsx_carry_the_by_unit_table(tmp_path):
    import openpyxl

    document = doc(tmp_path)
    export_files(document, tmp_path / "out" / "a", ["csv", "xlsx"])
    with (tmp_path / "out" / "a.units.csv").open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    assert table[0] == ["文件", "单位", "原文写法", "角色", "编号", "序号", "任务", "完成时限", "可信度"]
    assert len(table) - 1 == len(unit_rows(document))
    sheet = openpyxl.load_workbook(tmp_path / "out" / "a.xlsx")["按单位"]
    assert sheet.max_row - 1 == len(unit_rows(document))


def test_the_review_page_has_a_by_unit_section_linked_to_the_items(tmp_path):
    from planparse.export import render_html

    page = render_html(doc(tmp_path))
    section = page[page.index('<section id="units">'):]
    assert "<h2>按单位</h2>" in section and section.count('data-unit="市司法局"') == 2
    assert 'href="#item-p0-1_2"' in section and "（原文：市发展改革委等）" in section


# ---- every corpora document: the three by-unit tables hold exactly the JSON's units ----------

class UnitTableRows(HTMLParser):
    """``(unit, role, item id, deadline)`` of each row of the page's 按单位 table."""

    def __init__(self):
        super().__init__()
        self.rows, self.cells, self.row, self.cell = [], [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and "data-item" in attrs:
            self.row = attrs
            self.cells = []
        elif tag == "td" and self.row is not None:
            self.cell = ""

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data

    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None:
            self.cells.append(self.cell)
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.rows.append((self.row["data-unit"], ROLE_NAMES[self.row["data-role"]], self.row["data-item"], self.cells[4]))
            self.row = None


def expected_rows(document) -> set[tuple[str, str, str, str]]:
    """From the JSON alone: each unit (name grouped) with its role, item and the item's earliest deadline."""
    rows = set()
    for item in document.items:
        deadlines = sorted(d.value for d in item.dates if d.kind == "deadline" and d.value)
        for unit in item.units:
            rows.add((unit_key(unit.name), ROLE_NAMES[unit.role], item.id, deadlines[0] if deadlines else None))
    return rows


def matches(shown: list[tuple], expected: set[tuple], document) -> None:
    dates = {i.id: {d.value.split("/")[-1] for d in i.dates if d.value} for i in document.items}
    assert len(shown) == len(expected)
    by_key = {row[:3]: row[3] for row in expected}
    assert {row[:3] for row in shown} == set(by_key)
    for unit, role, item_id, when in shown:
        want = by_key[(unit, role, item_id)]
        assert when == want if want is not None else (when == "" or when in dates[item_id]), (unit, item_id, when)


def test_the_corpora_name_units(corpora_docs):
    assert sum(bool(expected_rows(d)) for d in corpora_docs.values()) >= len(corpora_docs) // 2


@pytest.mark.parametrize("path", CORPORA, ids=lambda p: p.name)
def test_every_corpora_document_by_unit_tables_match_the_json(path, corpora_docs, tmp_path):
    import openpyxl

    document = corpora_docs[output_name(path)]
    expected = expected_rows(document)  # empty for a plan without units: then the tables are empty too
    export_files(document, tmp_path / "x", ["csv", "xlsx", "html"])

    with (tmp_path / "x.units.csv").open(encoding="utf-8-sig", newline="") as fh:
        csv_rows = list(csv.DictReader(fh))
    matches([(r["单位"], r["角色"], r["编号"], r["完成时限"]) for r in csv_rows], expected, document)

    sheet = openpyxl.load_workbook(tmp_path / "x.xlsx")["按单位"]
    header = [c.value for c in sheet[1]]
    cols = [header.index(h) for h in ("单位", "角色", "编号", "完成时限")]
    xlsx_rows = [tuple(row[c] or "" for c in cols) for row in sheet.iter_rows(min_row=2, values_only=True)]
    matches(xlsx_rows, expected, document)

    parser = UnitTableRows()
    parser.feed((tmp_path / "x.html").read_text(encoding="utf-8"))
    matches(parser.rows, expected, document)

    low = {(unit_key(u.name), i.id) for i in document.items for u in i.units if u.confidence == "low"}
    assert {(r["单位"], r["编号"]) for r in csv_rows if r["可信度"] == "存疑"} == low
