"""Who leads what (按单位): one row per unit and task it leads or supports, by deadline.

The analyst's first question of a 任务分工 notice is which unit leads which tasks and by
when. Rows are plain dicts keyed by :data:`UNIT_COLUMNS`, laid out by the CSV and XLSX
writers. Names that differ only trivially (full-/half-width brackets, spaces, a trailing
``等``) are grouped under one key; each row keeps the name as printed.
"""
from __future__ import annotations

import calendar
import re

from ..contract import Document, Item
from ..messages import word
from .tasks import printed_path

UNIT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("document", "文件"),
    ("unit", "单位"),
    ("printed", "原文写法"),
    ("role", "角色"),
    ("id", "编号"),
    ("path", "序号"),
    ("title", "任务"),
    ("deadline", "完成时限"),
    ("confidence", "可信度"),
)
UNIT_KEYS = tuple(key for key, _ in UNIT_COLUMNS)
UNIT_HEADERS = tuple(label for _, label in UNIT_COLUMNS)
ROLE_NAMES = {"lead": "牵头", "support": "配合"}
BRACKETS = str.maketrans("()", "（）")
SPACE = re.compile(r"\s+")
NO_DEADLINE = "9999"   # sorts tasks without a deadline last


def unit_key(name: str) -> str:
    """The grouping key of a unit name: brackets full-width, no spaces, no trailing 等.

    >>> unit_key("市委依法治市办(市司法局)"), unit_key("市财政局等"), unit_key("市 财政局")
    ('市委依法治市办（市司法局）', '市财政局', '市财政局')
    """
    return SPACE.sub("", name.translate(BRACKETS)).removesuffix("等")


def deadline(item: Item) -> str:
    """The earliest deadline of a task (its deadline expressions, else any dated one)."""
    values = [d.value for d in item.dates if d.kind == "deadline" and d.value]
    values = values or [d.value.split("/")[-1] for d in item.dates if d.value and not d.value.startswith(("-", "Q"))]
    return min(values) if values else ""


def confidence_word(confidence: str | None) -> str:
    """可信 / 存疑 for a rated unit, empty when the producer did not rate it."""
    return word("terms", f"confidence_{confidence}") if confidence else ""


def last_day(value: str) -> str:
    """The last day a deadline value allows, as ``YYYY-MM-DD`` (for a date-range filter).

    >>> last_day("2025"), last_day("2024-02"), last_day("2025-Q2"), last_day("2025-06-30"), last_day("")
    ('2025-12-31', '2024-02-29', '2025-06-30', '2025-06-30', '')
    """
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})|-Q([1-4]))?(?:-(\d{2}))?", value or "")
    if not m:
        return ""
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else (int(m.group(3)) * 3 if m.group(3) else 12)
    day = int(m.group(4)) if m.group(4) else calendar.monthrange(year, month)[1]
    return f"{year:04d}-{month:02d}-{day:02d}"


def unit_rows(doc: Document) -> list[dict]:
    """One row per (unit, task, role), sorted by unit, role (lead first), deadline, item."""
    rows = []
    for order, item in enumerate(doc.items):
        for unit in item.units:
            rows.append({"document": doc.source.name, "unit": unit_key(unit.name), "printed": unit.name,
                         "role": ROLE_NAMES[unit.role], "id": item.id, "path": printed_path(item),
                         "title": item.title, "deadline": deadline(item), "confidence": confidence_word(unit.confidence),
                         "_order": order, "_lead": unit.role != "lead"})
    rows.sort(key=lambda r: (r["unit"], r["_lead"], r["deadline"] or NO_DEADLINE, r["_order"]))
    seen, unique = set(), []
    for row in rows:
        key = (row["unit"], row["role"], row["id"])
        if key not in seen:  # a unit named twice in one task (two brackets) is one row
            seen.add(key)
            unique.append({k: v for k, v in row.items() if not k.startswith("_")})
    return unique
