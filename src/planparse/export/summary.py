"""Per-document quality summary: what an analyst checks first (did the parser find things?)."""
from __future__ import annotations

from ..contract import Document
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


def format_summary(doc: Document) -> str:
    """One line for the CLI, e.g. ``items 65 · units 81 · targets 16 · dates 4 · repairs 0 · warnings 1``."""
    counts = quality_summary(doc)
    return " · ".join(f"{key} {counts[key]}" for key in SUMMARY_KEYS)
