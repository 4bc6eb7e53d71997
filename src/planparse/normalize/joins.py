"""Joining lines that a PDF → text conversion broke inside a sentence.

Web copies of 公文 PDFs keep the page breaks as line breaks (often with a blank
line): ``自治\\n\\n区党委``, ``督促\\n\\n纠正。``, a unit label ``责`` / ``任单位``. The joiner
is conservative: it joins only a body line — one that holds clause punctuation,
is not a heading, and does not end a sentence or a bracket — to a next line that
does not open a new structure (outline marker, unit label, a short ``key：``, date,
attachment, table) — except in a hard-wrapped copy, where a line that fills the wrap
width runs on into an unindented line that only looks like a marker (``…辖区内的`` /
``一、二级医院``, see :mod:`.wrap`). The unit labels are the extractor's (one lexicon:
:func:`planparse.data.unit_labels`).
"""
from __future__ import annotations

import regex

from ..data import deadline_labels, unit_labels, vocabulary_cached
from ..segment.tables import DOCUMENT_TITLE_WORDS, NUMERAL_PREFIXES, line_start_marker
from .context import Context
from .edits import Edit
from .wrap import fills_wrap, hard_wrap_width, indent_width, indents_paragraphs

OUTLINE_MARKER = regex.compile(f"^(?:{line_start_marker()})")  # segment/tables.py: one marker table
DOCUMENT_PARTS = ("附件", "抄送", "主送", "印发", "（此件", "(此件", "此件")
# A short key before a colon opens a block (联系人：, 牵头单位（部门）：, 工作目标：) unless
# the key ends like a phrase that runs on into its colon (具体如下：, 主要包括：).
KEY_LINE = regex.compile(r"^(?P<key>\p{Han}{2,8})(?:[（(]\p{Han}{1,4}[）)])?[：:]")
RUN_ON_KEY_ENDS = ("如下", "以下", "包括", "是", "为", "即", "有", "在于")
MAX_LABEL_TAIL = 3


@vocabulary_cached
def opens_block() -> "regex.Pattern[str]":
    """Line starts that open a new block: the shared unit labels and deadline labels
    (``data/extract_units.json``), document parts, a full date."""
    words = unit_labels() + deadline_labels()
    return regex.compile(
        r"^(?:[（(【〔\[]?(?:" + "|".join(map(regex.escape, words)) + r")"
        + "|" + "|".join(map(regex.escape, DOCUMENT_PARTS))
        + r"|\d{4}年\d{1,2}月\d{1,2}日)"
    )


def _opens_key(line: str, previous: str) -> bool:
    """``line`` starts with a short ``key：`` — unless the key is the rest of a label the
    previous line broke (``…；责`` + ``任单位：``) or runs on into its colon.

    >>> _opens_key("协同部门：市财政局", "牵头单位（部门）：市商务局"), _opens_key("任单位：各县区", "财政局；责")
    (True, False)
    """
    match = KEY_LINE.match(line)
    if not match or match["key"].endswith(RUN_ON_KEY_ENDS):
        return False
    key = match["key"]
    labels = set(unit_labels() + deadline_labels())
    for size in range(1, MAX_LABEL_TAIL + 1):
        tail = previous[-size:]
        if regex.fullmatch(r"\p{Han}+", tail) and tail + key in labels:
            return False
    return True


CLAUSE_PUNCTUATION = regex.compile(r"[，。；：,;:！？!?]")
FULL_STOP = regex.compile(r"[。！？!?；;]")
SENTENCE_END = regex.compile(r"[。！？!?；;：:][”’」』）)】〕]*$")
CONTINUES = regex.compile(r"(?:\p{Han}|[0-9A-Za-z，、,（(《“‘〈])$")
LINE = regex.compile(r"(?m)^.*$")
DATE_LINE = regex.compile(r"^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")
MAX_BLANK_LINES = 2
LINK_BAR_SEPARATOR = regex.compile(r"[|｜丨]")
LATIN_LETTER = regex.compile(r"[A-Za-z]")
MAX_LATIN_SHARE = 0.5
# A document title on a line of its own: Han text without clause punctuation ending in a
# document word (…的通知, …实施方案, …工作要点). Nothing runs on into it: a line before it
# is a page's furniture or a sentence that ended without its full stop.
TITLE_LINE = regex.compile(r"^\p{Han}[\p{Han}\d《》〈〉“”（）()〔〕·—\-]{6,78}(?:"
                           + "|".join(DOCUMENT_TITLE_WORDS) + r")$")  # segment/tables.py: one list
TITLE_CONNECTOR_END = regex.compile(r"(?:[的和与及、《“（(]|关于)$")


def looks_like_furniture(line: str) -> bool:
    """A web page's link bar (``首页 | 机构 | 新闻``) or a Latin-heavy line (``English``,
    ``Copyright``) in a Chinese notice: never part of the sentence that follows it.

    >>> looks_like_furniture("首页 | 机构 | 互动"), looks_like_furniture("English Version")
    (True, True)
    >>> looks_like_furniture("推进5G和IPv6建设，")
    False
    """
    visible = regex.sub(r"\s", "", line)
    if not visible:
        return False
    return bool(LINK_BAR_SEPARATOR.search(visible)) or \
        len(LATIN_LETTER.findall(visible)) / len(visible) > MAX_LATIN_SHARE


def is_title_line(line: str, previous: str) -> bool:
    """``line`` is a whole Han document title (``某某部关于印发…的通知``) that ``previous``
    does not break (a previous line ending ``…的`` / ``《`` / ``关于`` is the title's start).

    >>> is_title_line("农业农村部关于加强农资质量监管的通知", "电话：010-59191234")
    True
    >>> is_title_line("农业农村部关于加强农资质量监管的通知", "某某厅关于印发《"), is_title_line("通知", "…的")
    (False, False)
    """
    return bool(TITLE_LINE.match(line.strip())) and not TITLE_CONNECTOR_END.search(previous.strip())


def is_keyed_title(line: str) -> bool:
    """``标　　题：某某关于印发…的通知`` (a 信息公开 row): a short key whose value is a whole
    title. The value ends there; the next line (the printed title) never runs on into it.

    >>> is_keyed_title("名称：青禾县关于印发人才培养实施方案的通知"), is_keyed_title("责任单位：市发改委、市财")
    (True, False)
    """
    key, colon, value = regex.sub(r"[ \u3000]", "", line).partition("：")
    if not colon:
        key, colon, value = key.partition(":")
    return bool(colon) and bool(regex.fullmatch(r"\p{Han}{2,8}", key)) and bool(TITLE_LINE.match(value))


def _is_body(first: str, text: str) -> bool:
    """A line holding a sentence: clause punctuation, and not a bare heading."""
    if not CLAUSE_PUNCTUATION.search(text):
        return False
    if OUTLINE_MARKER.match(first) and not FULL_STOP.search(text):
        return False
    return True


def _may_continue(line: str, previous: str, marker_is_wrapped: bool = False) -> bool:
    """``line`` may carry on ``previous``: it opens no item, label, key, date or table
    row — an outline-marker start only where the hard wrap says it is no new paragraph;
    never after a link bar, a Latin-heavy line or a keyed title (``标题：…的通知``),
    never onto a whole title line."""
    return (
        bool(line) and "\t" not in line and (marker_is_wrapped or not OUTLINE_MARKER.match(line))
        and not opens_block().match(line) and not _opens_key(line, previous)
        and not looks_like_furniture(previous) and not is_title_line(line, previous)
        and not is_keyed_title(previous)
    )


def _layout(text: str, starts: list[int], ctx: Context | None) -> tuple[list[str], int | None]:
    """The raw line (indent kept) each line of ``text`` starts on, and the copy's wrap
    width; nothing when the copy is not hard-wrapped with indented paragraph starts."""
    raw, to_source = text, None
    if ctx is not None and ctx.source is not None and ctx.to_source is not None:
        raw, to_source = ctx.source, ctx.to_source
    raw_lines = raw.split("\n")
    wrap = hard_wrap_width(raw_lines)
    if wrap is None or not indents_paragraphs(raw_lines):
        return [], None
    layout = []
    for start in starts:
        pos = to_source[start] if to_source is not None else start
        begin, end = raw.rfind("\n", 0, pos) + 1, raw.find("\n", pos)
        layout.append(raw[begin:end if end >= 0 else len(raw)])
    return layout, wrap


def _wraps_on(previous: str, raw_previous: str, raw_line: str, wrap: int | None) -> bool:
    """In a hard-wrapped copy, a line that fills the wrap width and ends mid-sentence
    (``…辖区内的``, ``…不低于15%``) runs on into an unindented next line, even one that
    starts like a marker (``一、二级医院``, ``3、4级手术``) — unless it is a field, a unit
    label or a date.

    >>> _wraps_on("对全省开展的", "对全省开展的", "3、4级手术实行分级授权。", 12)
    True
    >>> _wraps_on("对全省开展的", "对全省开展的", "    3、加强监管。", 12), _wraps_on("加强监管。", "加强监管。", "3、", 10)
    (False, False)
    """
    return (
        fills_wrap(raw_previous, wrap) and indent_width(raw_line) == 0
        and not SENTENCE_END.search(previous) and "\t" not in previous
        and not DATE_LINE.match(previous) and not opens_block().match(previous)
        and not _opens_key(previous, "")
    )


def _wrapped_heading(line: str, raw_line: str, wrap: int | None) -> bool:
    """A marker line that fills the wrap width (``2. 补齐…小型公益性基``) is no bare
    heading: its sentence runs on into the next line."""
    return bool(OUTLINE_MARKER.match(line)) and fills_wrap(raw_line, wrap)


MAX_SIGNATURE_CHARS = 30


def _signature_lines(lines: list[str]) -> set[int]:
    """Indexes of signature lines: a short line without clause punctuation right above a
    date line (``山东省水利厅办公室`` / ``2024年4月8日``). The line before a signature — a
    contact line ending in a phone number — must not be joined to it.

    >>> sorted(_signature_lines(["联系人：王明，电话：0531-8697", "", "某某厅办公室", "2024年4月8日"]))
    [2]
    """
    found: set[int] = set()
    following_date = False
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index].strip()
        if not line:
            continue
        if following_date and len(line) <= MAX_SIGNATURE_CHARS and not CLAUSE_PUNCTUATION.search(line):
            found.add(index)
        following_date = bool(DATE_LINE.match(line))
    return found


def joined_line(text: str, ctx: Context | None = None) -> list[Edit]:
    """PDF → text conversions (and web pages pasted from them) break sentences
    at the page end, often with a blank line: ``依法治市办；责`` + ``任单位：…``.
    A body line that does not end a sentence is joined to the next line when that
    line does not open a new item, label, date or table row; nothing is inserted.
    In a hard-wrapped copy (:mod:`.wrap`) a line that fills the wrap width and ends
    mid-sentence also runs on into an unindented line that starts like a marker
    (``…辖区内的`` + ``一、二级医院``): see :func:`_wraps_on`.

    >>> from planparse.normalize.registry import run
    >>> run(joined_line, "（三）测评。在评估的同时，自治\\n\\n区党委将委托机构。\\n一、总体要求\\n坚持以人民为中心。")
    '（三）测评。在评估的同时，自治区党委将委托机构。\\n一、总体要求\\n坚持以人民为中心。'
    """
    lines = [(m.start(), m.end(), m.group()) for m in LINE.finditer(text)]
    signatures = _signature_lines([line for _, _, line in lines])
    layout, wrap = _layout(text, [start for start, _, _ in lines], ctx)
    edits: list[Edit] = []
    current = ""
    current_end = current_index = -1
    body_seen = False
    blank = 0
    for index, (start, end, line) in enumerate(lines):
        if not line.strip():
            blank += 1
            continue
        wrapped = bool(layout) and current_index >= 0 and _wraps_on(
            current, layout[current_index], layout[index], wrap)
        wrapped = wrapped or current.rstrip().endswith(NUMERAL_PREFIXES)  # …第 / 一、二层次
        if (
            current
            and blank <= MAX_BLANK_LINES
            and "\t" not in current
            and (CONTINUES.search(current) or wrapped)
            and body_seen
            and index not in signatures
            and _may_continue(line, current, wrapped)
        ):
            edits.append((current_end, start, ""))
        else:
            body_seen = _is_body(line, line) or bool(layout) and _wrapped_heading(line, layout[index], wrap)
        current, current_end, current_index, blank = line, end, index, 0
    return edits
