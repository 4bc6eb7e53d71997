"""Task table as CSV (UTF-8 with BOM, for Excel) and XLSX (openpyxl, one sheet per document)."""
from __future__ import annotations

import csv
import re
from pathlib import Path

from ..atomic import atomic_path
from ..contract import Document
from .by_unit import UNIT_HEADERS, UNIT_KEYS, unit_rows
from .summary import quality_summary
from .tasks import COLUMN_KEYS, COLUMNS, HEADERS, task_rows

# Characters that make Excel read a CSV cell as a formula (OWASP "CSV injection").
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")

# Approximate display widths (Excel character units) per column key.
COLUMN_WIDTHS = {
    "id": 12, "part": 6, "path": 12, "chapter": 22, "section": 26, "title": 30, "text": 70,
    "lead_units": 26, "support_units": 26, "low_units": 20, "targets": 18, "dates": 18, "dates_iso": 14, "page": 6,
}
SUMMARY_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("file", "文件", 34), ("title", "标题", 50), ("items", "条目", 8), ("tasks", "任务", 8),
    ("units", "单位", 8), ("targets", "指标", 8), ("dates", "时间", 8), ("repairs", "修复", 8),
    ("warnings", "警告", 8), ("low_units", "存疑单位", 10), ("status", "状态", 8), ("warning_text", "警告说明", 60),
    ("sheet", "工作表", 24),
)
SUMMARY_SHEET = "汇总"
UNIT_SHEET = "按单位"
UNIT_WIDTHS = [24, 28, 28, 8, 14, 14, 48, 14, 8]
SHEET_NAME_MAX = 31
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def csv_safe(value) -> str:
    """A cell value as CSV text; a leading formula character gets an apostrophe (OWASP)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_LEADS) else text


def write_csv(doc: Document, path: str | Path) -> Path:
    """The task table as CSV, header row of Chinese labels, ``utf-8-sig`` so Excel detects UTF-8;
    beside it ``NAME.units.csv``, the same tasks by unit (:mod:`.by_unit`)."""
    write_rows(path, HEADERS, COLUMN_KEYS, task_rows(doc))
    path = Path(path)
    write_rows(path.with_name(path.name.removesuffix(".csv") + ".units.csv"), UNIT_HEADERS, UNIT_KEYS, unit_rows(doc))
    return path


def write_rows(path: str | Path, headers, keys, rows: list[dict]) -> Path:
    with atomic_path(path) as tmp:
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(headers)
            for row in rows:
                writer.writerow([csv_safe(row[key]) for key in keys])
    return Path(path)


def sheet_names(names: list[str]) -> list[str]:
    """Valid, unique Excel sheet names (≤31 chars, none of ``[]:*?/\\``, not the summary's)."""
    used = {SUMMARY_SHEET.casefold(), UNIT_SHEET.casefold()}
    result = []
    for name in names:
        base = SHEET_FORBIDDEN.sub("_", name).strip("' ") or "sheet"
        candidate, n = base[:SHEET_NAME_MAX], 1
        while candidate.casefold() in used or candidate.casefold() == "history":
            n += 1
            suffix = f"~{n}"
            candidate = base[: SHEET_NAME_MAX - len(suffix)] + suffix
        used.add(candidate.casefold())
        result.append(candidate)
    return result


def xlsx_text(value):
    """Drop control characters that XLSX cannot store (openpyxl would raise)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def put(ws, row: int, col: int, value):
    """Write one cell; strings stay strings even when they start with ``=``."""
    cell = ws.cell(row=row, column=col, value=xlsx_text(value))
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def style_sheet(ws, widths: list[int], n_rows: int) -> None:
    """Bold shaded header, frozen first row, wrapped top-aligned text, column widths, filter."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE7F3")
    wrap = Alignment(wrap_text=True, vertical="top")
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
        header = ws.cell(row=1, column=col)
        header.font, header.fill, header.alignment = bold, fill, wrap
    for row in ws.iter_rows(min_row=2, max_row=n_rows + 1):
        for cell in row:
            cell.alignment = wrap
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(widths))}{n_rows + 1}"


def fill_task_sheet(ws, doc: Document) -> int:
    """Header plus one row per task; returns the number of task rows."""
    for col, label in enumerate(HEADERS, start=1):
        put(ws, 1, col, label)
    rows = task_rows(doc)
    for r, row in enumerate(rows, start=2):
        for col, key in enumerate(COLUMN_KEYS, start=1):
            put(ws, r, col, row[key])
    style_sheet(ws, [COLUMN_WIDTHS[key] for key, _ in COLUMNS], len(rows))
    return len(rows)


def fill_unit_sheet(ws, rows: list[dict]) -> None:
    """按单位: every unit with the tasks it leads and supports, by deadline (all documents)."""
    for col, label in enumerate(UNIT_HEADERS, start=1):
        put(ws, 1, col, label)
    for r, row in enumerate(rows, start=2):
        for col, key in enumerate(UNIT_KEYS, start=1):
            put(ws, r, col, row[key])
    style_sheet(ws, UNIT_WIDTHS, len(rows))


def fill_summary_sheet(ws, docs: list[Document], names: list[str]) -> None:
    """One row per document: its counts and a link to its sheet."""
    for col, (_, label, _) in enumerate(SUMMARY_COLUMNS, start=1):
        put(ws, 1, col, label)
    for r, (doc, name) in enumerate(zip(docs, names), start=2):
        values = {"file": doc.source.name, "title": doc.metadata.title or "", "sheet": name, **quality_summary(doc),
                  **doubt_columns(doc)}
        for col, (key, _, _) in enumerate(SUMMARY_COLUMNS, start=1):
            put(ws, r, col, values[key])
        link = ws.cell(row=r, column=len(SUMMARY_COLUMNS))
        link.hyperlink = "#'{}'!A1".format(name.replace("'", "''"))
        link.style = "Hyperlink"
    style_sheet(ws, [width for _, _, width in SUMMARY_COLUMNS], len(docs))


def doubt_columns(doc: Document) -> dict:
    """存疑单位 count, 状态 (正常/存疑, as the batch reports it) and the warnings in Chinese."""
    from ..batch import doubt_key
    from ..messages import localized, word

    lines = [f"{w.code}：{localized(w.code, w.message)}" for w in doc.normalization.warnings]
    return {
        "low_units": sum(u.confidence == "low" for item in doc.items for u in item.units),
        "status": word("status", "warn" if doubt_key([doc]) else "ok"),
        "warning_text": "\n".join(lines),
    }


def write_xlsx(docs: list[Document], path: str | Path) -> Path:
    """A workbook: the summary sheet first, then one task sheet per document (named by file stem)."""
    from openpyxl import Workbook

    names = sheet_names([Path(doc.source.name).stem for doc in docs])
    wb = Workbook()
    summary = wb.active
    summary.title = SUMMARY_SHEET
    fill_summary_sheet(summary, docs, names)
    for doc, name in zip(docs, names):
        fill_task_sheet(wb.create_sheet(title=name), doc)
    fill_unit_sheet(wb.create_sheet(title=UNIT_SHEET), [row for doc in docs for row in unit_rows(doc)])
    fixed_properties(wb)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    reproducible_zip(tmp_path := Path(path))
    return tmp_path


# A fixed moment for the workbook's document properties and ZIP entries: two runs give the
# same bytes (the outputs are compared byte for byte across runs and machines).
FIXED_TIME = (2000, 1, 1, 0, 0, 0)


def fixed_properties(wb) -> None:
    import datetime

    moment = datetime.datetime(*FIXED_TIME)
    wb.properties.created = moment
    wb.properties.modified = moment
    wb.properties.creator = "planparse"
    wb.properties.lastModifiedBy = "planparse"


MODIFIED_STAMP = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def reproducible_zip(path: Path) -> None:
    """Rewrite the XLSX package with fixed entry timestamps (openpyxl stamps the clock)."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    with atomic_path(path) as tmp:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as target:
            for info, data in entries:
                if info.filename == "docProps/core.xml":  # openpyxl stamps `modified` while saving
                    data = MODIFIED_STAMP.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", data)
                fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
                fixed.compress_type = zipfile.ZIP_DEFLATED
                fixed.external_attr = info.external_attr
                target.writestr(fixed, data)
