"""Parts: the plan after the cover notice and every further separately titled document.

A new part starts at a `附件1` heading alone on its line, or at a document title
(a short unpunctuated line ending in a title word such as 方案/意见/指标体系) that
stands between paragraphs. Titles broken over several lines are joined.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from ..contract import PartKind
from ..model import Text
from . import tables as T
from .lines import TextLine, body_font_size, non_blank, source_line
from .metadata import is_issuer_line, longer_than, squeeze

ATTACHMENT_HEADING_RE = re.compile(rf"^{T.ATTACHMENT_HEADING}$")
ATTACHMENT_INLINE_RE = re.compile(rf"^{T.ATTACHMENT_INLINE}$")
ATTACHMENT_LIST_RE = re.compile(rf"^{T.ATTACHMENT_LIST}")
LIST_ITEM_RE = re.compile(r"^\d{1,2}\s*[.．、]")
MARKER_START_RE = re.compile("|".join(f"(?:{p.replace('?P<num>', '?:')})" for _, p in T.MARKER_STYLES))
TITLE_MARKER_RE = re.compile("|".join(
    f"(?:{p.replace('?P<num>', '?:')})" for style, p in T.MARKER_STYLES if style in T.TITLE_MARKER_STYLES))
TRAILING_BRACKET_RE = re.compile(r"[（(][^（）()]{1,12}[）)]$")
MAX_TITLE_LEN = 60
MAX_TITLE_LINES = 4
SIZE_TOLERANCE = 0.5  # pt: font sizes closer than this are the same type size
PARENTHETICAL_RE = re.compile(r"^[（(][^（）()]{1,20}[）)]$")


@dataclass
class PartSpan:
    """A part as a range of line indices ``[lo, hi)``; ``title_lines`` are not body text."""

    index: int
    title: str
    kind: PartKind
    lo: int
    hi: int
    title_lines: set[int] = field(default_factory=set)


def ends_with_title_word(s: str) -> bool:
    s = TRAILING_BRACKET_RE.sub("", s).rstrip("》”\"")
    return s.endswith(T.TITLE_WORDS)


def is_plain_line(content: str) -> bool:
    """Unpunctuated, unnumbered, not a table row, not a label line: could be title text."""
    if longer_than(content, MAX_TITLE_LEN):
        return False
    c = squeeze(content)
    return (
        bool(c) and "\t" not in content and len(c) <= MAX_TITLE_LEN
        and c[-1] not in T.TERMINAL_PUNCT and "：" not in c and ":" not in c
        and not MARKER_START_RE.match(c) and not c.startswith(T.PREAMBLE_OPENERS)
    )


class TitleFinder:
    """Decides whether a line is a document title, using font size when the input has it."""

    def __init__(self, text: Text):
        self.text = text
        self.body_size = body_font_size(text)

    def size_vs_body(self, ln: TextLine) -> int | None:
        """1 when the line is set larger than the body, -1 smaller, 0 the same size,
        None when the input has no font sizes."""
        line = source_line(self.text, ln)
        if self.body_size is None or line is None or not line.font_size:
            return None
        if line.font_size > self.body_size + SIZE_TOLERANCE:
            return 1
        return -1 if line.font_size < self.body_size - SIZE_TOLERANCE else 0

    def larger_than_body(self, ln: TextLine) -> bool | None:
        size = self.size_vs_body(ln)
        return None if size is None else size > 0

    def is_anchor(self, ln: TextLine) -> bool:
        """The last line of a title: plain and ending in a title word, or set large.

        Body-size type does not veto a title: many PDFs set the plan or annex title in
        the body face (only the notice title in 小标宋). Smaller type (notes, table
        captions, running headers) does."""
        size = self.size_vs_body(ln)
        if size == 1 and TITLE_MARKER_RE.match(squeeze(ln.content)):
            return True
        if not is_plain_line(ln.content) or len(squeeze(ln.content)) < 4 or size == -1:
            return False
        return ends_with_title_word(squeeze(ln.content)) or size == 1

    def block(self, lines: list[TextLine], anchor: int, floor: int) -> list[TextLine]:
        """The anchor line plus the lines above and below it that the same title runs over."""
        block = [lines[anchor]]
        prev = non_blank(lines, floor, anchor)
        while prev and len(block) < MAX_TITLE_LINES:
            cand = prev.pop()
            if not is_plain_line(cand.content) or not (self.continues(cand, block)
                                                       or (not prev and opening_fragment(cand.content))):
                break
            block.insert(0, cand)
        for cand in non_blank(lines, anchor + 1, anchor + 1 + 2 * MAX_TITLE_LINES):
            if len(block) >= MAX_TITLE_LINES or not self.goes_on(cand, block[-1]):
                break
            block.append(cand)
        return block

    def goes_on(self, cand: TextLine, last: TextLine) -> bool:
        """A line under a title line still belongs to the title: `（2021—2025年）`,
        another line ending in a title word, or the same large type."""
        if not is_plain_line(cand.content):
            return False
        c = squeeze(cand.content)
        if PARENTHETICAL_RE.match(c) or ends_with_title_word(c):
            return True
        return bool(self.larger_than_body(cand)) and bool(self.larger_than_body(last))

    def continues(self, cand: TextLine, block: list[TextLine]) -> bool:
        joined = squeeze("".join(ln.content for ln in block))
        c = squeeze(cand.content)
        unbalanced = sum(joined.count(ch) for ch in "》”）)") > sum(joined.count(ch) for ch in "《“（(")
        if self.larger_than_body(cand) and self.larger_than_body(block[0]):
            return True
        return (
            unbalanced or c.endswith(tuple(T.TITLE_CONNECTORS)) or c.endswith("关于")
            or ("关于" in c and "关于" not in joined)
            or (joined.startswith("关于") and is_issuer_line(c))  # 甲省教育厅等十二部门 / 关于…
        )


MAX_FRAGMENT_CHARS = 30


def opening_fragment(content: str) -> bool:
    """The first line of a part, short and open (no clause punctuation, not an organ, a
    date or a 文号), above a title line: the title's first half (``宁波市首届“百校千企”`` /
    ``人才培养合作交流大会总体方案``).

    >>> opening_fragment("宁波市首届“百校千企”"), opening_fragment("宁波市人民政府"), opening_fragment("附件1")
    (True, False, False)
    """
    from .metadata import DOC_NUMBER_RE, date_only, is_organ

    c = squeeze(content)
    return (0 < len(c) <= MAX_FRAGMENT_CHARS and not any(ch in c for ch in T.TERMINAL_PUNCT)
            and not is_organ(c) and not date_only(c) and not DOC_NUMBER_RE.search(c)
            and not ATTACHMENT_HEADING_RE.match(c))


def find_parts(text: Text, lines: list[TextLine], lo: int, hi: int) -> list[PartSpan]:
    """Split the body lines ``[lo, hi)`` (after the cover, before the 版记) into parts.

    >>> from planparse.model import Line, SourceText
    >>> from planparse.normalize import normalize
    >>> from .lines import split_lines
    >>> rows = ["工作要点", "一、加强公开", "附件1", "任务分工表", "一、分工"]
    >>> text = normalize(SourceText(name="x", sha256="", format="txt", lines=[Line(t) for t in rows]))
    >>> [(p.kind, p.title, p.lo) for p in find_parts(text, split_lines(text.text), 0, len(rows))]
    [('plan', '工作要点', 0), ('annex', '任务分工表', 2)]
    """
    finder = TitleFinder(text)
    parts = [PartSpan(0, "", "plan", lo, hi)]
    parts[0].title, parts[0].title_lines, i = opening_title(finder, lines, lo, hi)
    while i < hi:
        ln = lines[i]
        if ln.blank:
            i += 1
            continue
        if ATTACHMENT_HEADING_RE.match(squeeze(ln.content)):
            title, title_lines, nxt = opening_title(finder, lines, i + 1, hi)
            parts.append(PartSpan(len(parts), title, "annex", i, hi, {i} | title_lines))
            i = nxt
            continue
        if inline_title := inline_attachment_title(lines, i, hi):
            parts.append(PartSpan(len(parts), inline_title, "annex", i, hi, {i}))
            i += 1
            continue
        block = finder.block(lines, i, parts[-1].lo) if finder.is_anchor(ln) else []
        if block and stands_apart(lines, block[0].index, parts[-1].lo):
            title = squeeze("".join(b.content for b in block))
            parts.append(PartSpan(len(parts), title, "plan", block[0].index, hi, {b.index for b in block}))
            i = block[-1].index
        i += 1
    for cur, following in itertools.pairwise(parts):
        cur.hi = following.lo
    for part in parts:
        if has_indicator_table(lines, part):
            part.kind = "indicator_table"
    return parts


def opening_title(finder: TitleFinder, lines: list[TextLine], lo: int, hi: int) -> tuple[str, set[int], int]:
    """The title at the top of a part: the first anchor among its first plain lines."""
    for ln in non_blank(lines, lo, hi, first=6):
        if title := inline_attachment_title(lines, ln.index, hi):
            return title, {ln.index}, ln.index + 1
        if finder.is_anchor(ln):
            block = finder.block(lines, ln.index, lo)
            return squeeze("".join(b.content for b in block)), {b.index for b in block}, block[-1].index + 1
        if not is_plain_line(ln.content):
            break
    return "", set(), lo


def inline_attachment_title(lines: list[TextLine], i: int, hi: int) -> str | None:
    """`附件1：XX方案` heading a document that follows it; a run of `附件N：` lines is a list."""
    m = ATTACHMENT_INLINE_RE.match(squeeze(lines[i].content))
    if not m or not is_plain_line(m.group("title")):
        return None
    nxt = non_blank(lines, i + 1, hi, first=1)
    prev = non_blank(lines, 0, i, last=1)
    if not nxt or any(is_attachment_line(ln) for ln in nxt + prev):
        return None
    return squeeze(m.group("title"))


def is_attachment_line(ln: TextLine) -> bool:
    c = squeeze(ln.content)
    return bool(ATTACHMENT_INLINE_RE.match(c) or ATTACHMENT_HEADING_RE.match(c) or ATTACHMENT_LIST_RE.match(c))


def stands_apart(lines: list[TextLine], i: int, part_lo: int) -> bool:
    """A title follows a finished paragraph or a table row, never a broken sentence."""
    prev = non_blank(lines, part_lo, i, last=1)
    if not prev:
        return False
    last = prev[-1].content
    return "\t" in last or last[-1] in "。！？!?；;）)" or len(last) > MAX_TITLE_LEN


def has_indicator_table(lines: list[TextLine], part: PartSpan) -> bool:
    for ln in lines[part.lo:part.hi]:
        if "\t" in ln.content and sum(h in ln.content for h in T.INDICATOR_HEADER) >= 2:
            return True
    return False


def attachment_list_lines(lines: list[TextLine], lo: int, hi: int) -> list[tuple[int, int]]:
    """Line ranges of `附件：1.… 2.…` (or `附件1：…` `附件2：…`) lists: document furniture,
    not outline items."""
    ranges, i = [], lo
    while i < hi:
        if ATTACHMENT_LIST_RE.match(lines[i].content) or (
                ATTACHMENT_INLINE_RE.match(squeeze(lines[i].content)) and not inline_attachment_title(lines, i, hi)):
            j = i + 1
            while j < hi and (lines[j].blank or ATTACHMENT_INLINE_RE.match(squeeze(lines[j].content)) or (
                LIST_ITEM_RE.match(lines[j].content) and "。" not in lines[j].content
                and len(squeeze(lines[j].content)) <= MAX_TITLE_LEN)):
                j += 1
            while j > i + 1 and lines[j - 1].blank:
                j -= 1
            ranges.append((i, j))
            i = j
        else:
            i += 1
    return ranges
