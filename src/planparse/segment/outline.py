"""The numbered outline of one part: markers → levels → item spans and titles.

Markers are read at the start of a line, and inside a paragraph right after a
sentence or clause end (run-in items: `…的情形:1.…的;2.…的;`), where they must count
1, 2, 3… to be believed. Levels come from the order the part uses marker styles:
a style not yet open nests one level deeper, a style already open closes everything
below it. Numbers are kept as printed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from ..messages import warning_text
from ..model import ItemNode, Text, Warn
from ..normalize.wrap import display_width
from . import tables as T
from .lines import TextLine, source_line
from .metadata import squeeze
from .numerals import number_value

MARKER_RES = [(style, re.compile(pattern)) for style, pattern in T.MARKER_STYLES]
RUN_IN_POINT_RE = regex.compile(
    f"(?:[{re.escape(T.RUN_IN_AFTER)}]|(?<=[{re.escape(T.RUN_IN_AFTER)}][（(][^（()）\n]{{1,120}})[{re.escape(T.RUN_IN_AFTER_BRACKET)}])[ \u3000]*")
CLOSING_RE = re.compile("^(?:" + "|".join(T.CLOSING_PATTERNS) + ")")
ROW_NUMBER_RE = re.compile(
    rf"^(?:(?P<open>{T.OPEN})?(?P<arabic>\d{{1,3}})(?(open){T.CLOSE}|(?:[.．](?!\d)|、|$))"
    rf"|(?P<copen>{T.OPEN})?(?P<cn>{T.CN})(?(copen){T.CLOSE}|(?:[、.．]|$)))[ \u3000]*"
)
FIELD_LINE_RE = re.compile(r"^[（(【\[]?[^\s，。；：:]{2,8}[：:]")  # `责任单位：…` `完成时限：…`
CATEGORY_RE = re.compile(rf"^(?:{T.OPEN}{T.CN}{T.CLOSE}|{T.CN}[、.．])[ \u3000]*\S")
TITLE_STRIP = " \u3000,，。、"  # a trailing ；of an enumeration line and a line's closing ：are kept (FORMAT)
PARAGRAPH_END = "。！？!?；;）)"
SENTENCE_STOP = PARAGRAPH_END + "：:"  # a line ending on one of these may be followed by an item
HEADING_MAX_LEN = 40
WRAP_TOLERANCE = 12.0  # points short of the right margin that still count as a full line
TEXT_WRAP_TOLERANCE = 4  # columns short of a text copy's wrap width that still count as full
MAX_WRAP_COLUMNS = 120  # wider "wrapped" text is one paragraph per line
MIN_WRAPPED_LINES = 5  # full-width lines a text copy needs to count as hard-wrapped
SET_RIGHT_INDENT = 10  # columns of leading blanks that set a line right or centre it


@dataclass
class Candidate:
    """A marker that may open an item."""

    start: int
    marker_end: int
    style: str
    number: int
    marker: str
    line: TextLine
    run_in: bool = False
    title: str | None = None  # fixed title (table rows)
    row_end: int | None = None  # a table row's text ends with its last row line


#: Marker styles that may stand alone on their line (``第 1 条`` with the article's text on the
#: lines below, ``第一章`` with its caption below): every other marker needs text after it.
STANDALONE_STYLES = frozenset({"division", "chapter", "section", "article", "chapter_spaced", "article_spaced"})


def match_marker(text: str, pos: int, line: TextLine, run_in: bool = False) -> Candidate | None:
    for style, rx in MARKER_RES:
        m = rx.match(text, pos, line.end)
        if not m or (m.end() >= line.end and (style not in STANDALONE_STYLES or run_in)):
            continue
        raw = m.group("num")
        number = T.CIRCLED.index(raw) + 1 if style == "circled" else number_value(raw)
        if number is None or number == 0:
            continue
        return Candidate(m.start(), m.end(), style, number, m.group(0).strip(" \u3000"), line, run_in)
    return None


@dataclass
class PartBody:
    """What the outline of one part reads: its lines, excluded lines and hard stops."""

    part: int
    lines: list[TextLine]
    excluded: set[int]
    stops: list[int]
    end: int


@dataclass
class Margins:
    """Where full lines end (``rights``: :func:`right_margins`) and where lines start
    (``lefts``: :func:`left_margins`) — measured once per document, not once per part,
    since both read every source line."""

    rights: dict
    lefts: dict

    @classmethod
    def of(cls, text: Text) -> Margins:
        return cls(right_margins(text), left_margins(text))


def build_outline(text: Text, body: PartBody, margins: Margins | None = None) -> tuple[list[ItemNode], list[Warn]]:
    lines = [ln for ln in body.lines if not ln.blank and ln.index not in body.excluded]
    margins = margins or Margins.of(text)
    rights = margins.rights
    cands = line_candidates(text, lines, margins) + table_row_candidates(text.text, body.lines)
    cands.sort(key=lambda c: c.start)
    cands = cands + run_in_candidates(text.text, lines, cands)
    cands.sort(key=lambda c: c.start)
    if not cands:
        return [], []
    closing = closing_offset(text.text, lines, cands[-1])
    stops = sorted(body.stops + ([closing] if closing is not None else []))
    items, warns = [], []
    stack: list[Candidate] = []
    last_by_style: dict[str, int] = {}
    for i, c in enumerate(cands):
        styles = [s.style for s in stack]
        if c.style in styles:
            sibling = stack[styles.index(c.style)]
            del stack[styles.index(c.style):]
            expected = {sibling.number + 1}
        else:
            expected = {1}
        expected.add(last_by_style.get(c.style, 0) + 1)
        if c.number not in expected:
            warns.append(Warn("numbering_gap", warning_text("numbering_gap", marker=c.marker, expected=sorted(expected)),
                              text.page_at(c.start), c.start))
        stack.append(c)
        last_by_style[c.style] = c.number
        nxt = cands[i + 1].start if i + 1 < len(cands) else body.end
        end = min([nxt, body.end] + [s for s in stops if s > c.start]
                  + ([c.row_end] if c.row_end is not None else []))
        end = trim_end(text.text, c.start, end)
        items.append(ItemNode(
            part=body.part, path=[s.number for s in stack], markers=[s.marker for s in stack],
            title=item_title(text, c, nxt, lines, rights), start=c.start, end=end,
        ))
    return items, warns


def line_candidates(text: Text, lines: list[TextLine], margins: Margins) -> list[Candidate]:
    """Markers opening a line, except where the line above runs on into it (hard-wrapped
    text: `…支持\n一、二级医院…` is one sentence, not item 一)."""
    out, prev = [], None
    rights, lefts = margins.rights, margins.lefts
    for ln in lines:
        if "\t" in ln.content:
            prev = ln
            continue
        c = match_marker(text.text, ln.start, ln)
        if c and not (prev is not None and runs_on(text, prev, rights) and not indented(text, ln, lefts)):
            out.append(c)
        prev = ln
    return out


def runs_on(text: Text, ln: TextLine, rights: dict) -> bool:
    """A line that fills the measure and stops mid-sentence continues on the next line.
    A heading alone, a labelled field (`责任单位：…`) or a table row ends with its line
    (a heading may just fill the measure). The measure is
    read on the last source line behind ``ln`` (the normaliser may have joined several).

    A PDF line may be several visual lines the reader joined (its x1 is the widest one's):
    only a single visual line that reaches the margin says the sentence wraps."""
    if "\t" in ln.content or ln.content[-1] in SENTENCE_STOP or FIELD_LINE_RE.match(ln.content) \
            or not text.source_lines or is_heading_line(text.text, ln):
        return False
    line = text.line_at(ln.end - 1)
    if line is None:
        return False
    if line.x1 is not None:
        return line.page in rights and line.x1 >= rights[line.page] - WRAP_TOLERANCE and is_one_visual_line(line)
    return None in rights and display_width(line.text, MAX_WRAP_COLUMNS) >= rights[None] - TEXT_WRAP_TOLERANCE


def left_margins(text: Text) -> dict:
    """The leftmost x0 of each page (PDF input): where continuation lines start."""
    lefts: dict = {}
    for line in text.source_lines:
        if line.x0 is not None and line.text.strip():
            lefts[line.page] = min(lefts.get(line.page, line.x0), line.x0)
    return lefts


def indented(text: Text, ln: TextLine, lefts: dict) -> bool:
    """A line set in from the margin opens a paragraph: no sentence runs on into it."""
    line = text.line_at(ln.start) if text.source_lines else None
    if line is None:
        return False
    if line.x0 is not None:
        return line.page in lefts and line.x0 >= lefts[line.page] + (line.font_size or 10.0)
    return indent_width(line.text) >= 2


def is_heading_line(text: str, ln: TextLine) -> bool:
    """A marker and a short unpunctuated heading (`（一）实施…提升行动`)."""
    c = match_marker(text, ln.start, ln)
    return c is not None and is_heading_alone(text, c)


def is_one_visual_line(line) -> bool:
    """Printed text as wide as its box: full-width characters advance one font size each."""
    if not line.font_size or line.x0 is None or line.page_breaks:
        return False
    return display_width(line.text) / 2 * line.font_size <= (line.x1 - line.x0) * 1.1


def run_in_candidates(text: str, lines: list[TextLine], owners: list[Candidate]) -> list[Candidate]:
    """Run-in items inside the paragraphs of each line-level item (or the intro)."""
    found: list[Candidate] = []
    bounds = [c.start for c in owners]
    regions: dict[int, list[Candidate]] = {}
    for ln in lines:
        if "\t" in ln.content:
            continue
        for m in RUN_IN_POINT_RE.finditer(text, ln.start, ln.end):
            c = match_marker(text, m.end(), ln, run_in=True)
            if c:
                owner = sum(1 for b in bounds if b <= c.start) - 1
                regions.setdefault(owner, []).append(c)
    last: dict[str, int] = {}   # style → last run-in number accepted (numbering runs on)
    for owner, cs in sorted(regions.items()):
        owner_cand = owners[owner] if owner >= 0 else None
        for style in dict.fromkeys(c.style for c in cs):
            seq = counted_sequence([c for c in cs if c.style == style], owner_cand, last.get(style))
            if seq:
                last[style] = seq[-1].number
            found += seq
    return found


def counted_sequence(cs: list[Candidate], owner: Candidate | None, carried: int | None = None) -> list[Candidate]:
    """The run-in markers that count on from 1 (or from their owner's number, or — numbering
    continued across parents — from the last run-in number under the previous parent)."""
    starts = [1]
    if owner is not None and owner.style == cs[0].style:
        starts = [owner.number + 1]
    if carried is not None:
        starts.append(carried + 1)
    start = cs[0].number if cs[0].number in starts else starts[0]
    seq, expect = [], start
    for c in cs:
        if c.number != expect:
            break
        seq.append(c)
        expect += 1
    return seq if len(seq) >= 2 or (seq and start > 1) else []


def table_row_candidates(text: str, lines: list[TextLine]) -> list[Candidate]:
    """Rows of a 任务分工 table (序号 / 任务 / 牵头单位 … columns): one item each.

    A row numbered in Chinese (`一` `一、优化营商环境` `（一）`) is a category row, one level
    above the Arabic-numbered rows; a row with an empty 序号 cell continues the row above
    (a wrapped or vertically merged cell) and a task cell left open (no 。) goes on in it.
    A category row printed as a line of its own (the cell spans the row) keeps the table open.
    A row's text ends with its last line: a paragraph after the table is not part of it.
    """
    out: list[Candidate] = []
    table: TaskTable | None = None
    current: Candidate | None = None  # the row the next continuation line belongs to
    title_open = False
    for ln in lines:
        if ln.blank:
            continue
        cells = ln.content.split("\t")
        if "\t" not in ln.content:
            if not is_category_line(ln.content):
                table = None
            title_open, current = False, None
            continue
        header = task_table_header(cells)
        if header:
            table, title_open, current = header, False, None
            continue
        if table is None:
            continue
        row = table_row(text, ln, cells, table)
        task = table.task_cell(cells)
        if row is not None:
            out.append(row)
            current = row
            title_open = row.style == "table_row" and "。" not in task
        if current is not None:
            current.row_end = ln.raw_end  # the raw end keeps the row's trailing empty cells
        if row is None and out and title_open:
            out[-1].title = squeeze_title(((out[-1].title or "") + task).split("。")[0])
            title_open = bool(task) and "。" not in task
    return out


@dataclass
class TaskTable:
    """Where a 任务分工 table keeps the row number and the task (its header row)."""

    number: int
    task: int

    def task_cell(self, cells: list[str]) -> str:
        return cells[self.task].strip() if self.task < len(cells) else ""


def task_table_header(cells: list[str]) -> TaskTable | None:
    """A header row names 序号 and a task column (重点任务, 工作内容, 具体措施 …)."""
    squeezed = [re.sub(r"\s+", "", c) for c in cells]
    number = next((i for i, c in enumerate(squeezed) if "序号" in c), None)
    tasks = [i for i, c in enumerate(squeezed) if i != number and any(w in c for w in T.TASK_TABLE_HEADER)]
    if number is None or not tasks:
        return None
    return TaskTable(number, tasks[0])


def is_category_line(content: str) -> bool:
    """A category row printed alone (`一、优化营商环境`): a Chinese-numbered heading."""
    m = CATEGORY_RE.match(content.strip())
    return bool(m) and len(content) <= HEADING_MAX_LEN and "。" not in content


def table_row(text: str, ln: TextLine, cells: list[str], table: TaskTable) -> Candidate | None:
    """The item a table row opens, or None for a row continuing the one above."""
    filled = [(i, c.strip()) for i, c in enumerate(cells) if c.strip()]
    if not filled:
        return None
    number_cell = cells[table.number].strip() if table.number < len(cells) else ""
    if not number_cell and len(filled) == 1 and CATEGORY_RE.match(filled[0][1]):
        number_cell = filled[0][1]  # a category cell spanning the row, shifted right
    m = ROW_NUMBER_RE.match(number_cell)
    if not m:
        return None
    marker = m.group(0).strip(" \u3000")
    number: int | None
    if m.group("arabic"):
        style, number = "table_row", int(m.group("arabic"))
    else:
        style = "cn_paren" if m.group("open") else "cn_dun"
        number = number_value(m.group("cn"))
    if not number:
        return None
    title = number_cell[m.end():].strip()
    if not title:
        task = table.task_cell(cells)
        later = [c for i, c in filled if i > table.number]
        title = task or (later[0] if later else "")
    start = ln.start + ln.content.index(number_cell)
    return Candidate(start, start + len(marker), style, number, marker, ln,
                     title=squeeze_title(title.split("。")[0]))


def closing_offset(text: str, lines: list[TextLine], last: Candidate) -> int | None:
    """Where a closing paragraph (`各地各部门要…`) after the last item starts, if any.

    The paragraph right under a heading that stands alone is that heading's own text;
    later paragraphs that open with a closing formula belong to the document.
    """
    after = [ln for ln in lines if ln.index > last.line.index]
    if last.title is not None:
        return None
    body_first = is_heading_alone(text, last)
    prev_end = "。" if body_first else text[last.line.end - 1]  # a heading alone ends its line
    paragraphs = 0
    for ln in after:
        if prev_end in PARAGRAPH_END:
            paragraphs += 1
            if not (body_first and paragraphs == 1) and CLOSING_RE.match(squeeze(ln.content)):
                return ln.start
        prev_end = ln.content[-1]
    return None


def is_heading_alone(text: str, c: Candidate) -> bool:
    rest = text[c.marker_end:c.line.end]
    return "。" not in rest and len(rest) <= HEADING_MAX_LEN


def item_title(text: Text, c: Candidate, nxt: int, lines: list[TextLine], rights: dict) -> str:
    """Text after the marker up to the first 。, the end of the line, or the next item."""
    if c.title is not None:
        return c.title
    limit = min(c.line.end, nxt)
    seg = text.text[c.marker_end:limit]
    if not seg.strip() and c.style in STANDALONE_STYLES:  # 第 1 条 alone: its text follows
        following = [ln for ln in lines if ln.index > c.line.index and not ln.blank][:1]
        if following and following[0].start < nxt:
            seg = text.text[following[0].start:min(following[0].end, nxt)]
    if "。" not in seg and limit == c.line.end and line_is_wrapped(text, c.line, rights):
        following = [ln for ln in lines if ln.index > c.line.index][:1]
        if following and following[0].start < nxt:
            seg += text.text[following[0].start:min(following[0].end, nxt)]
    seg = seg.split("。")[0]
    if nxt < c.line.end:  # a run-in item ends at the next one: the separator is not its text
        seg = seg.rstrip().rstrip(";；")
    return squeeze_title(seg)


def squeeze_title(seg: str) -> str:
    return seg.strip().rstrip(TITLE_STRIP).strip()


def right_margins(text: Text) -> dict:
    """Where full lines end: the rightmost x1 of each page (PDF input), or for hard-wrapped
    plain text (pdftotext-style copies) the common display width under key ``None``."""
    rights: dict = {}
    for line in text.source_lines:
        if line.x1:
            rights[line.page] = max(rights.get(line.page, 0.0), line.x1)
    if not rights and (width := hard_wrap_width(text.source_lines)):
        rights[None] = width
    return rights


def hard_wrap_width(lines: list) -> int | None:
    """The wrap width of a text copy broken at a fixed width, or None for one line per paragraph.

    Such a copy has many lines ending within a few columns of the widest line, and that
    width is narrow; a paragraph-per-line text has one long line and ragged others. Lines
    set right or centred with a run of spaces (signature, date) are no measure of the wrap.
    """
    widths = [display_width(ln.text, MAX_WRAP_COLUMNS) for ln in lines
              if ln.text.strip() and "\t" not in ln.text and indent_width(ln.text) < SET_RIGHT_INDENT]
    if not widths:
        return None
    widest = max(widths)
    full = sum(w >= widest - TEXT_WRAP_TOLERANCE for w in widths)
    return widest if widest <= MAX_WRAP_COLUMNS and full >= MIN_WRAPPED_LINES else None


def indent_width(s: str) -> int:
    """Columns of blanks a line starts with (an ideographic space takes two)."""
    blank = s[:len(s) - len(s.lstrip(" \u3000"))]
    return len(blank) + blank.count("\u3000")


def line_is_wrapped(text: Text, ln: TextLine, rights: dict) -> bool:
    """A line that reaches the right margin (PDF x1, or text wrap width) continues on the next line."""
    line = source_line(text, ln)
    if line is None:
        return False
    if line.x1 is not None:
        return line.page in rights and line.x1 >= rights[line.page] - WRAP_TOLERANCE
    return None in rights and display_width(line.text, MAX_WRAP_COLUMNS) >= rights[None] - TEXT_WRAP_TOLERANCE


def trim_end(text: str, start: int, end: int) -> int:
    """The span's end without trailing blanks, except the empty cells closing a table row:
    the extractor aligns a row's cells to its header by count."""
    limit = end
    while end > start and text[end - 1] in " \t\n\r\u3000\u2002\u2003\u00a0":
        end -= 1
    line_start = text.rfind("\n", start, end) + 1
    if "\t" in text[max(line_start, start):end]:
        while end < limit and text[end] == "\t":
            end += 1
    return end
