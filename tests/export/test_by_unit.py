"""按单位: who leads and supports which task, by deadline, in CSV and XLSX."""
from __future__ import annotations

import csv

from planparse.export import export_files, unit_rows
from planparse.export.by_unit import unit_key
from planparse.pipeline import parse

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
    assert table[0] == ["文件", "单位", "原文写法", "角色", "编号", "序号", "任务", "完成时限"]
    assert len(table) - 1 == len(unit_rows(document))
    sheet = openpyxl.load_workbook(tmp_path / "out" / "a.xlsx")["按单位"]
    assert sheet.max_row - 1 == len(unit_rows(document))


def test_the_review_page_has_a_by_unit_section_linked_to_the_items(tmp_path):
    from planparse.export import render_html

    page = render_html(doc(tmp_path))
    section = page[page.index('<section id="units">'):]
    assert "<h2>按单位</h2>" in section and section.count('<tr data-unit="市司法局"') == 2
    assert 'href="#item-p0-1_2"' in section and "（原文：市发展改革委等）" in section
