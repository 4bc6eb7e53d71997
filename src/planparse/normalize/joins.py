"""Joining lines that a PDF → text conversion broke inside a sentence.

Web copies of 公文 PDFs keep the page breaks as line breaks (often with a blank
line): ``自治\\n\\n区党委``, ``督促\\n\\n纠正。``, a unit label ``责`` / ``任单位``. The joiner
is conservative: it joins only a body line — one that holds clause punctuation,
is not a heading, and does not end a sentence or a bracket — to a next line that
does not open a new structure (outline marker, unit label, a short ``key：``, date,
attachment, table). The unit labels are the extractor's (one lexicon:
:func:`planparse.data.unit_labels`).
"""
from __future__ import annotations

import functools

import regex

from ..data import deadline_labels, unit_labels
from .context import Context
from .edits import Edit

CHINESE_NUMERAL = "一二三四五六七八九十百零〇"
OUTLINE_MARKER = regex.compile(
    rf"""^(?:
        [{CHINESE_NUMERAL}]+[、.．]
      | [（(][{CHINESE_NUMERAL}]+[）)]
      | \d{{1,3}}(?:[.．](?!\d)|、)
      | [（(]\d{{1,3}}[）)]
      | 第[{CHINESE_NUMERAL}\d]+[章节条款部分项]
      | [①-⑳⑴-⒇㈠-㈩]
    )""",
    regex.VERBOSE,
)
DOCUMENT_PARTS = ("附件", "抄送", "主送", "印发", "（此件", "(此件", "此件")
# A short key before a colon opens a block (联系人：, 牵头单位（部门）：, 工作目标：) unless
# the key ends like a phrase that runs on into its colon (具体如下：, 主要包括：).
KEY_LINE = regex.compile(r"^(?P<key>\p{Han}{2,8})(?:[（(]\p{Han}{1,4}[）)])?[：:]")
RUN_ON_KEY_ENDS = ("如下", "以下", "包括", "是", "为", "即", "有", "在于")
MAX_LABEL_TAIL = 3


@functools.lru_cache(maxsize=1)
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
CONTINUES = regex.compile(r"(?:\p{Han}|[0-9A-Za-z，、,（(《“‘〈])$")
LINE = regex.compile(r"(?m)^.*$")
MAX_BLANK_LINES = 2


def _is_body(first: str, text: str) -> bool:
    """A line holding a sentence: clause punctuation, and not a bare heading."""
    if not CLAUSE_PUNCTUATION.search(text):
        return False
    if OUTLINE_MARKER.match(first) and not FULL_STOP.search(text):
        return False
    return True


def _may_continue(line: str, previous: str) -> bool:
    return (
        bool(line) and "\t" not in line and not OUTLINE_MARKER.match(line)
        and not opens_block().match(line) and not _opens_key(line, previous)
    )


DATE_LINE = regex.compile(r"^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")
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

    >>> from planparse.normalize.registry import run
    >>> run(joined_line, "（三）测评。在评估的同时，自治\\n\\n区党委将委托机构。\\n一、总体要求\\n坚持以人民为中心。")
    '（三）测评。在评估的同时，自治区党委将委托机构。\\n一、总体要求\\n坚持以人民为中心。'
    """
    lines = [(m.start(), m.end(), m.group()) for m in LINE.finditer(text)]
    signatures = _signature_lines([line for _, _, line in lines])
    edits: list[Edit] = []
    first = current = ""
    current_end = -1
    body_seen = False
    blank = 0
    for index, (start, end, line) in enumerate(lines):
        if not line.strip():
            blank += 1
            continue
        if (
            current
            and blank <= MAX_BLANK_LINES
            and "\t" not in current
            and CONTINUES.search(current)
            and body_seen
            and index not in signatures
            and _may_continue(line, current)
        ):
            edits.append((current_end, start, ""))
        else:
            first = line
            body_seen = _is_body(line, line)
        current, current_end, blank = line, end, 0
    return edits
