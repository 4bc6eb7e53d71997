"""Internal data model shared by the stages (ingest → normalize → segment → extract).

These are plain dataclasses, not the public contract (that is :mod:`planparse.contract`).
Every later stage reads one normalised string (:class:`Text`) and returns spans
``(start, end)`` over it, so ``page`` and ``span`` in the output come for free.
"""
from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .contract import PartKind


class PlanparseError(Exception):
    """A per-file failure with a message an analyst can act on.

    ``code`` is a short stable identifier (``encrypted_pdf``, ``no_text_layer`` …) used
    in batch reports; ``str(err)`` is the human message.
    """

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


class UsageError(Exception):
    """A bad command line or batch request (a missing input, a bad option): exit status 2."""


@dataclass
class Warn:
    """Something that could not be repaired or looks suspicious (contract ``warnings``)."""

    code: str
    message: str
    page: int | None = None
    offset: int | None = None


@dataclass
class Line:
    """One logical line of the source, with where it came from.

    For PDFs a line is a visual line after page furniture removal and layout-line joining,
    so it may span two pages; ``page`` is the page where it starts and ``page_breaks``
    holds ``(offset_in_line, page)`` for every later page it runs onto.
    """

    text: str
    page: int | None = None
    font_size: float | None = None
    font_name: str | None = None
    bold: bool = False
    x0: float | None = None
    x1: float | None = None
    top: float | None = None
    page_breaks: list[tuple[int, int]] = field(default_factory=list)
    ocr: bool = False   # read by OCR from a page image (the OCR-aware fixers work on these)


@dataclass
class Table:
    """A table found by pdfplumber (cells as printed, ``None`` for merged/empty)."""

    page: int
    rows: list[list[str | None]]
    bbox: tuple[float, float, float, float] | None = None


@dataclass
class SourceText:
    """What ingestion yields: format knowledge, nothing about plans."""

    name: str
    sha256: str
    format: str
    lines: list[Line]
    pages: int | None = None
    encoding: str | None = None
    tables: list[Table] = field(default_factory=list)
    repairs: Counter = field(default_factory=Counter)
    warnings: list[Warn] = field(default_factory=list)
    # metadata a form carries beside the text (front matter, record fields, a page's
    # 索引号 block): ``{"title": …, "doc_number": …}``, used only where the text is silent
    field_metadata: dict[str, str] = field(default_factory=dict)
    # for one record of a dataset file: ``{"container": "json", "key": "17"}``
    record: dict[str, str] | None = None
    pages_ocr: list[int] = field(default_factory=list)   # pages read by OCR (PDF scans)

    def raw_text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True)
class RepairStep:
    """One repair as data, as ftfy's ``fix_and_explain`` gives it: the repair kind (the
    fixer), the span of the raw source it replaced, the text before and after."""

    kind: str
    start: int  # offsets in ``Text.source_text``
    end: int
    before: str
    after: str


@dataclass
class Text:
    """The one normalised string every later stage reads.

    ``to_source[i]`` is the offset in ``source_text`` (the joined raw lines) of the
    character that produced normalised char ``i``; ``to_source[len(text)]`` is
    ``len(source_text)``. ``line_starts`` are the raw offsets where each source line
    begins, so any normalised offset maps back to its :class:`Line` and page.
    """

    text: str
    source_text: str
    to_source: Sequence[int]  # an array("q"): one entry per character
    source_lines: list[Line]
    line_starts: list[int]
    script: str = "simplified"
    repairs: Counter = field(default_factory=Counter)
    warnings: list[Warn] = field(default_factory=list)
    explanation: list[RepairStep] | None = None  # every repair, when asked (``explain=True``)

    def source_offset(self, offset: int) -> int:
        offset = max(0, min(offset, len(self.text)))
        return self.to_source[offset]

    def line_at(self, offset: int) -> Line | None:
        """The source line holding normalised ``offset``."""
        if not self.source_lines:
            return None
        src = self.source_offset(offset)
        idx = bisect.bisect_right(self.line_starts, src) - 1
        return self.source_lines[max(0, idx)]

    def line_number(self, offset: int) -> int:
        """1-based number of the source line holding normalised ``offset``."""
        src = self.source_offset(offset)
        return max(0, bisect.bisect_right(self.line_starts, src) - 1) + 1

    def page_at(self, offset: int) -> int | None:
        """The page of normalised ``offset`` (None for non-paginated input)."""
        if not self.source_lines:
            return None
        src = self.source_offset(offset)
        idx = max(0, bisect.bisect_right(self.line_starts, src) - 1)
        line = self.source_lines[idx]
        page = line.page
        in_line = src - self.line_starts[idx]
        for brk_offset, brk_page in line.page_breaks:
            if in_line >= brk_offset:
                page = brk_page
        return page


@dataclass
class Span:
    """An extraction: ``start``/``end`` over :attr:`Text.text` plus typed values."""

    start: int
    end: int
    label: str
    value: dict[str, Any] = field(default_factory=dict)


@dataclass
class ItemNode:
    """A numbered outline node found by segmentation.

    ``start``/``end`` cover the item's own text (marker included, children excluded);
    ``title`` is the heading text after the marker.
    """

    part: int
    path: list[int]
    markers: list[str]
    title: str
    start: int
    end: int
    units: list[Span] = field(default_factory=list)
    targets: list[Span] = field(default_factory=list)
    dates: list[Span] = field(default_factory=list)

    @property
    def level(self) -> int:
        return len(self.path)

    @property
    def id(self) -> str:
        return f"p{self.part}-" + ".".join(str(n) for n in self.path)


@dataclass
class PartInfo:
    index: int
    title: str
    kind: PartKind
    start: int = 0
    end: int = 0


@dataclass
class IndicatorRow:
    part: int
    l1: int | None
    l1_title: str | None
    l2: int | None
    l2_title: str | None
    n: int | None
    text: str
    start: int | None = None
    end: int | None = None


@dataclass
class Outline:
    """Segmentation result: metadata, parts, items and indicator rows as spans."""

    metadata: dict[str, Any]
    parts: list[PartInfo]
    items: list[ItemNode]
    indicators: list[IndicatorRow] = field(default_factory=list)
    warnings: list[Warn] = field(default_factory=list)

    def plan_year(self) -> int | None:
        """The year a month without a year belongs to: 成文日期, else the plan title's."""
        year = self.metadata.get("plan_year")
        return int(year) if year else None
