"""A line view over the normalised text: offsets of every line and its stripped content.

Segmentation reads lines as the unit of layout but never relies on blank lines: a
blank line is skipped, never counted.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Line, Text

SPACES = " \t\u3000\u2002\u2003\u00a0\ufeff\u200b"
LEFT_SPACES = SPACES.replace("\t", "")  # leading tabs are empty table cells: keep them


@dataclass
class TextLine:
    """One line of ``Text.text``: ``start``/``end`` bound the stripped content."""

    index: int
    start: int
    end: int
    content: str
    raw_start: int
    raw_end: int

    @property
    def blank(self) -> bool:
        return not self.content.strip(SPACES)


def split_lines(text: str) -> list[TextLine]:
    lines, pos = [], 0
    for i, raw in enumerate(text.split("\n")):
        content = raw.rstrip(SPACES).lstrip(LEFT_SPACES)
        left = len(raw) - len(raw.lstrip(LEFT_SPACES))
        if not content.strip(SPACES):
            content = ""
        start = pos + left
        lines.append(TextLine(i, start, start + len(content), content, pos, pos + len(raw)))
        pos += len(raw) + 1
    return lines


def non_blank(lines: list[TextLine], lo: int = 0, hi: int | None = None, *, first: int | None = None,
              last: int | None = None) -> list[TextLine]:
    r"""The non-blank lines of ``lines[lo:hi]``; only the ``first`` or ``last`` N of them when
    asked, found without scanning the rest (a part's opening lines in a long file).

    >>> lines = split_lines("a\n\nb\n c\n\nd")
    >>> [ln.content for ln in non_blank(lines, 1)], [ln.content for ln in non_blank(lines, 1, first=2)]
    (['b', 'c', 'd'], ['b', 'c'])
    >>> [ln.content for ln in non_blank(lines, 0, 5, last=2)]
    ['b', 'c']
    """
    hi = len(lines) if hi is None else min(hi, len(lines))
    if first is None and last is None:
        return [ln for ln in lines[lo:hi] if not ln.blank]
    order = range(lo, hi) if first is not None else range(hi - 1, lo - 1, -1)
    wanted = first if first is not None else last
    assert wanted is not None  # one of the two is given (the case of neither returned above)
    found: list[TextLine] = []
    for i in order:
        if len(found) >= wanted:
            break
        if not lines[i].blank:
            found.append(lines[i])
    return found if first is not None else found[::-1]


def source_line(text: Text, ln: TextLine) -> Line | None:
    """The ingest line (page, font) behind a text line, when the input carries it."""
    return text.line_at(ln.start) if text.source_lines else None


#: Running text needed to measure the body size without the table rows (about a page).
MIN_PROSE_CHARS = 400


def body_font_size(text: Text) -> float | None:
    """The most common font size of running text (仿宋 16pt in GB/T 9704 layouts).

    Table rows (tab-joined cells) are left out when there is enough prose to measure: an
    annex of indicator tables set in small type can outweigh the body text, and every
    body line would then look like a title. A document that is mostly one task table is
    measured on all its lines.
    """
    prose: dict[float, int] = {}
    every: dict[float, int] = {}
    for line in text.source_lines:
        if line.font_size:
            size = round(line.font_size, 1)
            every[size] = every.get(size, 0) + len(line.text)
            if "\t" not in line.text:
                prose[size] = prose.get(size, 0) + len(line.text)
    sizes = prose if sum(prose.values()) >= MIN_PROSE_CHARS else every
    return max(sizes, key=lambda size: sizes[size]) if sizes else None
