"""Per-document quality summary: what an analyst checks first (did the parser find things?)."""
from __future__ import annotations

from ..contract import Document
from ..messages import word
from .tasks import task_items

SUMMARY_KEYS = ("items", "units", "targets", "dates", "repairs", "warnings")


def quality_summary(doc: Document) -> dict[str, int]:
    """Counts of items, tasks and extractions, total repairs made and warnings raised."""
    items = doc.items
    return {
        "items": len(items),
        "tasks": len(task_items(doc)),
        "units": sum(len(i.units) for i in items),
        "targets": sum(len(i.targets) for i in items),
        "dates": sum(len(i.dates) for i in items),
        "repairs": sum(r.count for r in doc.normalization.repairs),
        "warnings": len(doc.normalization.warnings),
    }


def format_summary(doc: Document, lang: str = "en") -> str:
    """One line: ``items 65 · units 81 · targets 16 · dates 4 · repairs 0 · warnings 1`` for the
    CLI, ``条目 65 · 单位 81 · …`` (plus 存疑单位 when there are any) for the page (``lang="zh"``)."""
    counts = quality_summary(doc)
    keys = list(SUMMARY_KEYS)
    low = sum(u.confidence == "low" for i in doc.items for u in i.units)
    if lang != "en" and low:
        keys.insert(keys.index("units") + 1, "low_units")
        counts["low_units"] = low
    return " · ".join(f"{word('summary', key, lang)} {counts[key]}" for key in keys)
