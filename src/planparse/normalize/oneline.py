"""Line breaks restored in text that lost them (OCR output, a database field, a crawler's
one-line dump), so the outline, cover and signature are found as in the printed notice.

Only long lines are touched (:data:`MIN_LONG_LINE` characters). Inside one, a break goes
before an outline marker (the marker styles of :mod:`planparse.segment.tables`) when the
marker continues its style's numbering (``二、`` after ``一、``; ``（一）`` first under a new
parent), so ``一、二级医院``, ``第一、二季度`` or ``1.5%`` never break; and around the cover
notice's parts: after ``…的通知`` followed by a 主送 line ending in ``：``, after ``特此通知。``,
before ``附件：``, and before a signature (organ + 成文日期) that closes a paragraph. In any
line, a paragraph indent (``　　``, two ideographic spaces) after text starts a new line:
flattened copies keep the indents where the line breaks were.
"""
from __future__ import annotations

import regex

from ..data import vocabulary_cached
from ..numerals import cn_to_int
from ..segment.tables import CIRCLED, MARKER_STYLES, TITLE_WORDS
from .context import Context
from .edits import Edit

MIN_LONG_LINE = 300
# A paragraph indent (two or more ideographic spaces) inside a line: a flattened copy's
# paragraph start. Two characters at least before it, so ``标　　题`` stays one word.
PARAGRAPH_INDENT = regex.compile(r"(?<=\S[^\n]*\S)[ \xa0\u2002\u2003]*\u3000[\u3000\xa0\u2002\u2003 ]*\u3000[\xa0\u2002\u2003 ]*(?=\S)")
# A marker inside running text is preceded by neither a numeral/第 (第一、二季度, 1、2、3项)
# nor a digit; what follows a 一、 is no numeral either (一、二级医院).
NOT_BEFORE_MARKER = r"(?<![第\d\p{Han}&&[一二三四五六七八九十百零〇两]])"
STYLE_GUARDS = {
    "cn_dun": r"(?![一二三四五六七八九十]+[、级类等])",
    "arabic": r"(?!\d)",
}
COVER_TITLE_END = regex.compile(r"(?:的通知|的意见|的决定|的通报|的函)(?=[^。：:]{2,120}[：:])")
DOC_NUMBER_HEAD = regex.compile(r"^\p{Han}{1,12}[〔\[［（(【](?:19|20)\d\d[〕\]］）)】]\d{1,4}号(?=\p{Han})")
PUBLICATION_NOTE = regex.compile(r"[（(]此件[^（()）]{1,12}[）)]")
CLOSING_PHRASE = regex.compile(r"(?:特此通知|特此通报|特此通告|请认真贯彻执行|请遵照执行|请认真组织实施|请结合实际认真贯彻落实)[。！]")
ANNEX_HEAD = regex.compile(r"(?<=[。；！])附件(?=[:：\d１-９一二三四五六七八九])")
FULL_DATE = r"(?:19|20)\d\d年\d{1,2}月\d{1,2}日|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日"
SIGNATURE = regex.compile(
    r"(?<=[。！])(?P<organ>[^。；，,：:\s]{2,200}?)\s*"
    rf"(?P<date>{FULL_DATE})"
    rf"(?=\s*(?:[（(]|$|[一二三四五六七八九十]+、|附件|\p{{Han}}{{2,40}}(?:{'|'.join(TITLE_WORDS)})))")


@vocabulary_cached
def marker_candidates() -> "regex.Pattern[str]":
    """Every marker style as one pattern with a named group per style."""
    parts = []
    for name, pattern in MARKER_STYLES:
        named = pattern.replace("(?P<num>", f"(?P<{name}>", 1)
        parts.append(NOT_BEFORE_MARKER + named + STYLE_GUARDS.get(name, ""))
    return regex.compile("|".join(f"(?:{p})" for p in parts))


@vocabulary_cached
def bare_marker() -> "regex.Pattern[str]":
    return regex.compile(r"\s*(?:" + "|".join(pattern for _, pattern in MARKER_STYLES) .replace("(?P<num>", "(?:") + r")\s*")


def is_paragraph_indent(line: str, m: "regex.Match[str]") -> bool:
    """A run of ideographic spaces between two paragraphs, not letter spacing (``总　　则``,
    ``标　　题``: one character on a side) nor a marker spaced from its heading (``第一章　　总则``)."""
    before = line[:m.start()].split()
    after = line[m.end():].split()
    return (bool(before) and bool(after) and len(before[-1]) >= 2 and len(after[0]) >= 2
            and not only_marker(line[:m.start()]))


def only_marker(text: str) -> bool:
    """``第一章`` or ``一、`` with nothing after it: a marker spaced from its heading.

    >>> only_marker("　第一章"), only_marker("第一章　总则")
    (True, False)
    """
    return bool(bare_marker().fullmatch(text))


def marker_number(style: str, printed: str) -> int | None:
    if printed.isdigit():
        return int(printed)
    if style == "circled":
        return CIRCLED.index(printed) + 1
    return cn_to_int(printed)


def marker_breaks(line: str) -> list[int]:
    """Offsets in ``line`` of markers that continue their style's numbering: the next
    number, ``1`` under a new parent, or the number after the style's last one under the
    previous parent (numbering continued across parents).

    >>> line = "一、总体要求（一）指导思想。坚持一、二级医院联动。（二）工作目标。二、主要任务1.加强1.5%的管理。2.完善"
    >>> [line[i:i + 3] for i in marker_breaks(line)]
    ['一、总', '（一）', '（二）', '二、主', '1.加', '2.完']
    """
    current: dict[str, int] = {}    # style → last number under the current parent
    previous: dict[str, int] = {}   # style → last number before its parent moved on
    order: list[str] = []           # styles from the outermost, in the order first seen
    breaks = []
    for m in marker_candidates().finditer(line):
        style = next(name for name, value in m.groupdict().items() if value is not None)
        number = marker_number(style, m.group(style))
        if number is None:
            continue
        if style in current:
            accepted = number == current[style] + 1
        else:
            accepted = number == 1 or number == previous.get(style, -1) + 1
        if not accepted:
            continue
        breaks.append(m.start())
        current[style] = number
        if style not in order:
            order.append(style)
        for deeper in order[order.index(style) + 1:]:
            if deeper in current:
                previous[deeper] = current.pop(deeper)
    return breaks


@vocabulary_cached
def date_then_title() -> "regex.Pattern[str]":
    """A 成文日期 run onto the plan's title (``2023年3月24日河北省…行动方案（2023-2027年）``)."""
    words = "|".join(sorted(TITLE_WORDS, key=len, reverse=True))
    return regex.compile(rf"(?P<date>{FULL_DATE})(?=[\p{{Han}}“”《》]{{2,60}}(?:{words})(?:[（(][\d—\-－至年]+[）)])?)")


RECIPIENTS_HEAD = regex.compile(r"^各[^。：:；;]{1,150}?[、，,][^。：:；;]{1,150}?[：:](?=\S)")


def title_breaks(line: str) -> list[int]:
    """Breaks in any line: after a 成文日期 that runs onto the plan's title, and after a
    主送 list (``各…，…：``) that opens a line and runs onto the notice's first sentence."""
    found = [m.end("date") for m in date_then_title().finditer(line)]
    if m := RECIPIENTS_HEAD.match(line):
        found.append(m.end())
    return found


def cover_breaks(line: str) -> list[int]:
    """Breaks around the cover notice's 发文字号, title, 主送 line, closing phrase, 附件 and
    signature."""
    found = []
    head = line[:400]
    if m := DOC_NUMBER_HEAD.match(head):
        found.append(m.end())
    if m := COVER_TITLE_END.search(head):
        found.append(m.end())
        rest = line[m.end():m.end() + 200]
        if r := regex.search(r"[：:]", rest):
            found.append(m.end() + r.end())
    found += [m.end() for m in CLOSING_PHRASE.finditer(line)]
    found += [m.end() for m in PUBLICATION_NOTE.finditer(line)]
    found += [m.start() for m in ANNEX_HEAD.finditer(line)]
    for m in SIGNATURE.finditer(line):
        found += [m.start("organ"), m.start("date"), m.end("date")]
    return found


def restored_line_breaks(text: str, ctx: Context | None = None) -> list[Edit]:
    """Insert line breaks into long lines at outline markers and cover/signature edges.

    >>> from planparse.normalize.registry import run
    >>> body = "一、总体要求（一）指导思想。坚持一、二级医院联动。" * 1 + "二、主要任务。" + "完善制度。" * 60
    >>> run(restored_line_breaks, body).split("\\n")[:4]
    ['一、总体要求', '（一）指导思想。坚持一、二级医院联动。', '二、主要任务。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。完善制度。']
    """
    edits: list[Edit] = []
    pos = 0
    for line in text.split("\n"):
        indents = [m.start() for m in PARAGRAPH_INDENT.finditer(line)
                   if is_paragraph_indent(line, m)] + title_breaks(line)
        if indents or len(line) >= MIN_LONG_LINE:
            offsets = sorted(set(indents + (marker_breaks(line) + cover_breaks(line) if len(line) >= MIN_LONG_LINE else [])))
            for offset in offsets:
                if 0 < offset < len(line) and line[offset - 1] != "\n":
                    edits.append((pos + offset, pos + offset, "\n"))
        pos += len(line) + 1
    return edits


# An ATX heading mark (`#`…`######`) standing between spaces inside a line: a Markdown copy
# whose line breaks were lost (an OCR or flattened capture) keeps the marks where headings began.
INLINE_HEADING_MARK = regex.compile(r"(?<=\S)[ \u3000]+#{1,6}[ \u3000]+(?=\S)")


def lost_heading_breaks(text: str, ctx: Context | None = None) -> list[Edit]:
    """In Markdown, `` # `` inside a line becomes the line break it stood for.

    >>> from planparse.normalize.registry import run
    >>> run(lost_heading_breaks, "确保资金安全。 # 五、营造良好市场环境", "markdown")
    '确保资金安全。\\n五、营造良好市场环境'
    >>> run(lost_heading_breaks, "用C# 编写的系统", "markdown")
    '用C# 编写的系统'
    """
    return [(m.start(), m.end(), "\n") for m in INLINE_HEADING_MARK.finditer(text)]
