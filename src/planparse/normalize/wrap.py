"""Hard-wrapped text: copies of PDFs broken at a fixed width (pdftotext style).

In such a copy every line of a paragraph but its last fills the same display width,
so a line break there is layout, not structure — even before a line that starts like
an outline marker (``…辖区内的`` / ``一、二级医院``). Widths are display columns
(a CJK or full-width character takes two) measured on the raw lines, indent included.
"""
from __future__ import annotations

import collections
import unicodedata

WRAP_TOLERANCE = 2  # columns (one wide character) a full line may fall short of the wrap width
MIN_WRAPPED_LINES = 5  # full-width lines a copy needs to count as hard-wrapped
MIN_WRAP_COLUMNS = 30  # a narrower band is short headings or list lines, not a page width
MAX_WRAP_COLUMNS = 120  # wider "wrapped" text is one paragraph per line
WIDER_SHARE = 4  # at most one line in this many full ones may run past the wrap width
SET_RIGHT_INDENT = 10  # columns of leading blanks that set a line right or centre it (signature, date)


def display_width(line: str, limit: int | None = None) -> int:
    """Columns a line takes in a monospaced copy, trailing blanks excluded.

    With ``limit``, any line wider than ``limit`` columns counts as ``limit + 1``: a wrap
    measure only asks whether a line is wider than a page, and a megabyte-long line is
    then measured in constant time.

    >>> display_width("  一、总体目标 "), display_width("2024年"), display_width("一二三四", limit=5)
    (14, 6, 6)
    """
    line = line.rstrip()
    if limit is not None:
        if len(line) > limit:
            return limit + 1
        return min(limit + 1, display_width(line))
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def indent_width(line: str) -> int:
    """Columns of blanks a line starts with (an ideographic space takes two).

    >>> indent_width("\\u3000\\u3000一、"), indent_width("    （一）"), indent_width("一、")
    (4, 4, 0)
    """
    blank = line[:len(line) - len(line.lstrip(" \u3000"))]
    return len(blank) + blank.count("\u3000")


def hard_wrap_width(lines: list[str]) -> int | None:
    """The width a copy is wrapped at, or None when it holds one paragraph per line.

    The wrap width is the upper edge of the densest band of :data:`WRAP_TOLERANCE` + 1
    columns; it counts only when it is a plausible page width, at least
    :data:`MIN_WRAPPED_LINES` lines fill it and hardly any line runs past it. In a
    paragraph-per-line text the densest band is the short headings, and most body lines
    are wider, so the test fails. Tab rows and lines
    set right or centred are no measure of the wrap.

    >>> body = ["    一、总体目标", "    到2024年底，全省医疗服务能力明显提升，县"] + [
    ...     "域内就诊率达到九成，推动优质医疗资源扩容下沉。"] * 5
    >>> hard_wrap_width(body)
    46
    >>> hard_wrap_width(["一、总体目标", "二、重点任务", "三、保障措施", "四、工作要求", "五、其他",
    ...     "到2024年底，全省医疗服务能力明显提升，县域内就诊率达到九成，推动优质医疗资源扩容下沉。"] * 2)
    """
    widths = collections.Counter(
        display_width(line) for line in lines  # exact: every width present is a candidate band
        if line.strip() and "\t" not in line and indent_width(line) < SET_RIGHT_INDENT
    )
    if not widths:
        return None

    def band(width: int) -> int:
        return sum(widths[w] for w in range(width - WRAP_TOLERANCE, width + 1))

    wrap = max(widths, key=lambda width: (band(width), width))
    full = band(wrap)
    wider = sum(count for width, count in widths.items() if width > wrap)
    if not MIN_WRAP_COLUMNS <= wrap <= MAX_WRAP_COLUMNS or full < MIN_WRAPPED_LINES or wider * WIDER_SHARE > full:
        return None
    return wrap


def fills_wrap(line: str, wrap: int | None) -> bool:
    """``line`` (raw, indent included) reaches the wrap width within one wide character.

    >>> fills_wrap("对全省开展的" * 3, 38), fills_wrap("对全省开展的", 38), fills_wrap("对全省开展的", None)
    (True, False, False)
    """
    return wrap is not None and display_width(line, MAX_WRAP_COLUMNS) >= wrap - WRAP_TOLERANCE


MIN_INDENTED_LINES = 3  # indented lines that show a copy marks its paragraph starts by indent


def indents_paragraphs(lines: list[str]) -> bool:
    """The copy indents its paragraph starts, so an unindented line is no new paragraph.

    >>> indents_paragraphs(["    一、目标", "正文，", "    二、任务", "    （一）加强。"]), indents_paragraphs(["一、目标"] * 5)
    (True, False)
    """
    indented = sum(0 < indent_width(line) < SET_RIGHT_INDENT for line in lines if line.strip())
    return indented >= MIN_INDENTED_LINES
