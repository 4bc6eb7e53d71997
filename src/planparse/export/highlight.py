"""Place the extractions of one item on its text, for the review page.

The contract gives each extraction its text (a unit its ``name``) but no offsets, so
the page finds them again: each extraction claims one occurrence that no other
extraction has claimed. Units are placed from the end of the text backwards (their
label lines close a task; the same name earlier in prose is not the label), targets
and dates forwards in reading order. An extraction with no free occurrence is
*unplaced*; the page lists it in the item's table instead, so every extraction is
shown exactly once either way.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..contract import Item


@dataclass(frozen=True)
class Mark:
    """One extraction of an item: ``kind`` unit/target/date, ``index`` within that kind."""

    kind: str
    index: int
    needle: str
    start: int | None = None

    @property
    def end(self) -> int | None:
        return None if self.start is None else self.start + len(self.needle)


def wanted(item: Item) -> list[Mark]:
    """The item's extractions in placement order: units, then dates, then targets."""
    marks = [Mark("unit", i, u.name) for i, u in enumerate(item.units)]
    marks += [Mark("date", i, d.text) for i, d in enumerate(item.dates)]
    marks += [Mark("target", i, t.text) for i, t in enumerate(item.targets)]
    return marks


def occurrences(text: str, needle: str) -> list[int]:
    """Every start of ``needle`` in ``text`` (overlapping ones included)."""
    found, at = [], text.find(needle)
    while needle and at >= 0:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def is_free(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return all(end <= a or start >= b for a, b in taken)


def preferred(starts: list[int], kind: str, cursor: int | None) -> list[int]:
    """Candidate starts in the order to try: past the cursor of this kind first."""
    if kind == "unit":  # backwards from the previous unit
        before = [s for s in reversed(starts) if cursor is None or s < cursor]
        return before + [s for s in reversed(starts) if s not in before]
    after = [s for s in starts if cursor is None or s >= cursor]
    return after + [s for s in starts if s not in after]


def place(text: str, marks: list[Mark]) -> list[Mark]:
    """Give each mark a free, non-overlapping start in ``text`` (or ``None``); same order as given."""
    taken: list[tuple[int, int]] = []
    cursors: dict[str, int | None] = {}
    placed: list[Mark] = []
    order = {"unit": 0, "date": 1, "target": 2}
    marks = sorted(marks, key=lambda m: (order[m.kind], m.index if m.kind != "unit" else -m.index))
    for mark in marks:
        start = next(
            (s for s in preferred(occurrences(text, mark.needle), mark.kind, cursors.get(mark.kind))
             if is_free(s, s + len(mark.needle), taken)),
            None,
        )
        if start is not None:
            taken.append((start, start + len(mark.needle)))
            cursors[mark.kind] = start if mark.kind == "unit" else start + len(mark.needle)
        placed.append(Mark(mark.kind, mark.index, mark.needle, start))
    return sorted(placed, key=lambda m: (order[m.kind], m.index))


def segments(text: str, placed: list[Mark]) -> list[tuple[str, Mark | None]]:
    """``text`` cut into plain pieces and marked pieces, in reading order."""
    inline = sorted(((m.start, m) for m in placed if m.start is not None), key=lambda pair: pair[0])
    pieces: list[tuple[str, Mark | None]] = []
    at = 0
    for start, mark in inline:
        end = start + len(mark.needle)
        if start > at:
            pieces.append((text[at:start], None))
        pieces.append((text[start:end], mark))
        at = end
    if at < len(text):
        pieces.append((text[at:], None))
    return pieces
