"""CSV and XLSX task tables reopen with the same tasks, units, targets and dates as the JSON."""
from __future__ import annotations

import csv
import json

import openpyxl
import pytest

from planparse.export import write_csv, write_xlsx
from planparse.export.tabular import FORMULA_LEADS, SUMMARY_SHEET, csv_safe, sheet_names
from planparse.export.tasks import HEADERS, JOIN

from .documents import corpus_documents, gold_document, gold_stems, hostile_document

DOCS = [*corpus_documents(), *(gold_document(s) for s in gold_stems()), hostile_document()]
COL = {label: n for n, label in enumerate(HEADERS)}


def split(cell) -> list[str]:
    return [] if cell in (None, "") else str(cell).split(JOIN)


def unguard(cell: str) -> str:
    """Undo :func:`csv_safe`'s apostrophe before a formula character."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] and cell[1:2] in "".join(FORMULA_LEADS) else cell


def expected_from_json(doc) -> list[dict]:
    """Task items as the JSON reader sees them."""
    items = json.loads(doc.to_json())["items"]
    parents = {i["parent"] for i in items if i["parent"]}
    return [i for i in items if i["id"] not in parents or i["units"] or i["targets"] or i["dates"]]


def assert_rows_match(rows: list[list], doc) -> None:
    items = expected_from_json(doc)
    assert len(rows) == len(items)
    for row, item in zip(rows, items):
        cell = lambda label: row[COL[label]]  # noqa: E731
        assert cell("编号") == item["id"]
        assert cell("序号") == "".join(item["markers"])
        assert cell("标题") == item["title"] and cell("内容") == item["text"]
        assert split(cell("牵头单位")) == [u["name"] for u in item["units"] if u["role"] == "lead"]
        assert split(cell("配合单位")) == [u["name"] for u in item["units"] if u["role"] == "support"]
        assert split(cell("指标")) == [t["text"] for t in item["targets"]]
        assert split(cell("时间")) == [d["text"] for d in item["dates"]]
        assert split(cell("时间（ISO）")) == [d["value"] for d in item["dates"]]
        assert str(cell("页码")) == ("" if item["page"] is None else str(item["page"]))


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.source.name[:24])
def test_csv_reopens_with_json_content(doc, tmp_path):
    path = write_csv(doc, tmp_path / "t.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    with path.open(encoding="utf-8-sig", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    assert tuple(header) == HEADERS
    assert_rows_match([[unguard(c) for c in r] for r in rows], doc)


def test_xlsx_batch_reopens_with_json_content(tmp_path):
    path = write_xlsx(DOCS, tmp_path / "batch.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == SUMMARY_SHEET and len(wb.sheetnames) == len(DOCS) + 2
    assert wb.sheetnames[-1] == "按单位"
    summary = list(wb[SUMMARY_SHEET].iter_rows(min_row=2, values_only=True))
    for doc, name, srow in zip(DOCS, wb.sheetnames[1:-1], summary):
        header, *rows = [[("" if v is None else v) for v in r] for r in wb[name].iter_rows(values_only=True)]
        assert tuple(header) == HEADERS
        assert_rows_match(rows, doc)
        items = json.loads(doc.to_json())["items"]
        assert srow[0] == doc.source.name and srow[-1] == name
        assert srow[2:9] == (
            len(items), len(rows), sum(len(i["units"]) for i in items), sum(len(i["targets"]) for i in items),
            sum(len(i["dates"]) for i in items), sum(r.count for r in doc.normalization.repairs),
            len(doc.normalization.warnings),
        )


def test_xlsx_layout(tmp_path):
    wb = openpyxl.load_workbook(write_xlsx([gold_document("000_b92df6d258e81408")], tmp_path / "one.xlsx"))
    ws = wb.worksheets[1]
    assert ws.freeze_panes == "A2"
    assert all(cell.font.b for cell in ws[1])
    assert ws.cell(row=2, column=COL["内容"] + 1).alignment.wrap_text
    assert ws.column_dimensions["G"].width >= 60  # 内容
    assert ws.auto_filter.ref.startswith("A1:")


def test_formula_bait_stays_text(tmp_path):
    doc = hostile_document()
    wb = openpyxl.load_workbook(write_xlsx([doc], tmp_path / "h.xlsx"))
    ws = wb.worksheets[1]
    title = ws.cell(row=3, column=COL["标题"] + 1)
    assert title.value == '=HYPERLINK("http://x")' and title.data_type == "s"
    with write_csv(doc, tmp_path / "h.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[2][COL["标题"]] == '\'=HYPERLINK("http://x")'
    assert rows[3][COL["指标"]] == "'-5%以内"


def test_csv_safe():
    assert csv_safe("=1+1") == "'=1+1" and csv_safe("@x") == "'@x" and csv_safe("+1") == "'+1"
    assert csv_safe("市司法局") == "市司法局" and csv_safe(None) == "" and csv_safe(3) == "3"


def test_sheet_names_are_valid_and_unique():
    long = "关于印发某某市推进法治政府建设八大提升行动实施方案任务分工的通知文件"
    names = sheet_names([long, long, "a/b:c*d?[e]", "汇总", "History", "'quoted'", ""])
    assert len(set(n.casefold() for n in names)) == len(names)
    assert all(0 < len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert names[2] == "a_b_c_d__e_" and names[3] != "汇总" and names[4] != "History"
    assert not names[5].startswith("'") and names[6] == "sheet"


def test_xlsx_summary_gives_status_and_warnings_in_chinese(tmp_path):
    from .documents import flattened_document

    docs = [hostile_document(), flattened_document()]
    wb = openpyxl.load_workbook(write_xlsx(docs, tmp_path / "b.xlsx"))
    header = [c.value for c in wb[SUMMARY_SHEET][1]]
    rows = [dict(zip(header, r)) for r in wb[SUMMARY_SHEET].iter_rows(min_row=2, values_only=True)]
    assert rows[0]["状态"] == "正常" and rows[0]["警告说明"].startswith("odd：看起来可疑")
    assert rows[1]["存疑单位"] == sum(u.confidence == "low" for i in docs[1].items for u in i.units) >= 2
    task_header = [c.value for c in wb[wb.sheetnames[2]][1]]
    lows = [r[task_header.index("存疑单位")] for r in wb[wb.sheetnames[2]].iter_rows(min_row=2, values_only=True)]
    assert "完成边缘服务组件的部署及调试" in "；".join(v for v in lows if v)
