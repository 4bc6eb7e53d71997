"""Extraction: units with roles, quantitative targets, dates — spans over the Text.

The plain regex extractors (:mod:`.units`, :mod:`.targets`, :mod:`.dates`) work on any
string and return offsets relative to it; :func:`extract` runs them on each item's own
text and shifts the offsets by the item's start. The spaCy components in :mod:`.nlp` wrap
the same functions, so the pipeline never needs spaCy.
"""
from __future__ import annotations

from ..messages import warning_text
from ..model import ItemNode, Outline, Span, Text, Warn
from .dates import find_dates, is_calendar_value
from .targets import find_targets
from .units import find_units, last_table_header, table_date_cells

__all__ = ["extract", "extract_item", "find_dates", "find_targets", "find_units", "plan_year"]


def plan_year(outline: Outline) -> int | None:
    """The year for month-only dates: ``plan_year`` set by segmentation, else 成文日期's year."""
    year = outline.plan_year()
    if year is None:
        issued = str(outline.metadata.get("issue_date") or "")
        year = int(issued[:4]) if issued[:4].isdigit() else None
    return year


def extract(outline: Outline, text: Text) -> None:
    """Fill ``units``, ``targets`` and ``dates`` of every item in ``outline``."""
    year = plan_year(outline)
    for node in outline.items:
        extract_item(node, text.text, year)
        if year is None:
            outline.warnings += drop_unanchored_dates(node)
        outline.warnings += clear_impossible_dates(node)


def clear_impossible_dates(node: ItemNode) -> list[Warn]:
    """An impossible calendar date (``2021年9月31日``) keeps its text but gets no value:
    downstream date parsing must never meet ``2021-09-31``."""
    warnings = []
    for span in node.dates:
        value = span.value.get("value")
        if value and not is_calendar_value(value):
            warnings.append(Warn("bad_date", warning_text("bad_date", text=span.value["text"], item=node.id, value=value),
                                 offset=span.start))
            span.value = dict(span.value, value=None)
    return warnings


def drop_unanchored_dates(node: ItemNode) -> list[Warn]:
    """Leave out dates that need the plan year when the document names none.

    `6月底前` in a notice with neither 成文日期 nor a year in its title has no calendar
    value; the contract promises ISO values, so it is reported instead of guessed.
    """
    kept, warnings = [], []
    for span in node.dates:
        if "XXXX" in (span.value["value"] or ""):
            warnings.append(Warn("unanchored_date", warning_text("unanchored_date", text=span.value["text"], item=node.id),
                                 offset=span.start))
        else:
            kept.append(span)
    node.dates = kept
    return warnings


def extract_item(node: ItemNode, full: str, year: int | None) -> None:
    """Run the extractors on one item's own text ``full[node.start:node.end]``.

    A 任务分工 table row carries its units in columns named by a header row printed
    before it (often in an earlier item), so the header is looked up in the text before.
    """
    s = full[node.start:node.end]
    header = last_table_header(full[max(0, node.start - 20000):node.start]) if "\t" in s else None
    node.units = _spans(node.start, "unit", find_units(s, header))
    node.targets = _spans(node.start, "target", find_targets(s))
    node.dates = _spans(node.start, "date", find_dates(s, year, table_date_cells(s, header) if "\t" in s else ()))


def _spans(offset: int, label: str, found) -> list[Span]:
    return [Span(offset + a, offset + b, label, value) for a, b, value in found]
