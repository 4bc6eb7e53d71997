"""Data tables of segmentation, read from ``data/segment.json``: a new province's habit is
one new row there, not a change here. This module names each table for the code and says
what it is for; derived patterns are built at load time.

Marker styles follow GB/T 9704 (`一、` `（一）` `1.` `（1）`) plus the 部分/章/节/条
forms of work plans and regulation-like texts and circled numbers. Levels are NOT fixed here: the
outline reads them from the order a document uses the styles.
"""
from __future__ import annotations

from ..data import load_json, organ_endings
from .numerals import CN_NUMERAL_CHARS

CN = f"[{CN_NUMERAL_CHARS}]+"
OPEN = "[（(〔［\\[]"
CLOSE = "[）)〕］\\]]"

_TABLE = load_json("segment.json")


def _pattern(key: str) -> str:
    """A pattern of the table with its ``{CN}``/``{OPEN}``/``{CLOSE}`` slots filled."""
    return _fill(_TABLE[key])


def _fill(pattern: str) -> str:
    return pattern.replace("{CN}", CN).replace("{OPEN}", OPEN).replace("{CLOSE}", CLOSE)


#: (style name, regex of the marker at the point where it starts; group "num" holds the
#: printed number). Half-width and full-width forms are one style; `1.` `1．` `1、` too.
MARKER_STYLES: list[tuple[str, str]] = [(style, _fill(pattern)) for style, pattern in _TABLE["marker_styles"]]

#: Further forms that open a numbered line without being an outline level the segmenter
#: reads (parenthesised digits ⑴, ㈠, 第X款/项): a line starting with one is no continuation.
EXTRA_LINE_START_MARKERS: list[str] = [_fill(p) for p in _TABLE["extra_line_start_markers"]]


def line_start_marker() -> str:
    """One regex (no anchors, no groups) of everything that opens a numbered line: every
    marker style of :data:`MARKER_STYLES` plus :data:`EXTRA_LINE_START_MARKERS`. The line
    joiners of ``normalize`` and ``ingest.pdf`` and the HTML link-bar test read it, so a
    marker form added here is known to all of them.

    >>> import re
    >>> start = re.compile("^(?:" + line_start_marker() + ")")
    >>> [bool(start.match(s)) for s in ("一、总体要求", "（3）加强", "1.2016年底前", "1.5倍", "⑵完善", "第三款")]
    [True, True, True, False, True, True]
    """
    styles = [pattern.replace("(?P<num>", "(?:") for _, pattern in MARKER_STYLES]
    return "|".join(styles + EXTRA_LINE_START_MARKERS)


#: Marker styles that name a part of a document (`第二部分`): set larger than the body
#: text (PDF input) such a line is a document title, in body type an outline heading.
TITLE_MARKER_STYLES = tuple(_TABLE["title_marker_styles"])

CIRCLED: str = _TABLE["circled"]

#: Punctuation after which a numbered item may run on inside a paragraph
#: (`…的情形:1.…的;2.…的;` / `…材料。（1）…。（2）…`).
RUN_IN_AFTER: str = _TABLE["run_in_after"]
#: …and after the bracket that closes a task with its units (`…（A、B按职责分工负责）2.…`),
#: only when a sentence ended inside it or right before it.
RUN_IN_AFTER_BRACKET: str = _TABLE["run_in_after_bracket"]

#: Words a numeral must follow (第): a line ending in one never ends there.
NUMERAL_PREFIXES: tuple[str, ...] = tuple(_TABLE["numeral_prefixes"])

#: Characters that end a sentence or a clause: a line ending in one is not a title.
TERMINAL_PUNCT: str = _TABLE["terminal_punct"]

#: Words a document title ends with (plan, annex or cover notice).
TITLE_WORDS: tuple[str, ...] = tuple(_TABLE["title_words"])

#: How a preamble sentence opens (为贯彻《…》…, 根据…): such a line is no title.
PREAMBLE_OPENERS: tuple[str, ...] = tuple(_TABLE["preamble_openers"])

#: Words a cover-notice title (公文标题) ends with.
NOTICE_TITLE_WORDS: tuple[str, ...] = tuple(_TABLE["notice_title_words"])

#: Further document kinds a title line may end with (not plans, not notices).
REPORT_TITLE_WORDS: tuple[str, ...] = tuple(_TABLE["report_title_words"])

#: Every word a document title on a line of its own ends with: the line joiners read it.
DOCUMENT_TITLE_WORDS = tuple(dict.fromkeys(TITLE_WORDS + NOTICE_TITLE_WORDS + REPORT_TITLE_WORDS))

#: A title line may not end on these: the title continues on the next line.
TITLE_CONNECTORS: str = _TABLE["title_connectors"]

#: Suffixes of an issuing organ (signature line / 版头).
ORGAN_SUFFIXES = organ_endings()  # data/organs.json: one table of organ endings

#: Paragraph openings that close a plan after its last item (addressed to everyone, the
#: plan's own entry-into-force clause, or the notice's 联系人 line) rather than continue that item.
CLOSING_PATTERNS: tuple[str, ...] = tuple(_fill(p) for p in _TABLE["closing_patterns"])

#: 版记 keys: where the printed colophon starts.
CC_LABEL = _pattern("cc_label")
PRINT_SUFFIX = _pattern("print_suffix")

#: 附件 heading alone on a line (starts an annex part) and 附件 list (`附件：1.…`, not items).
ATTACHMENT_HEADING = _pattern("attachment_heading")
#: 附件 heading with its title on the same line (`附件1：XX实施方案`, web re-posts).
ATTACHMENT_INLINE = _pattern("attachment_inline")
ATTACHMENT_LIST = _pattern("attachment_list")

#: The sentence a cover notice hands its plan over with (现将《…》印发给你们): a cover
#: even when the copy lost its title, 文号 and 主送 line.
COVER_FORMULA = _pattern("cover_formula")

#: A 政府令 publication page (规章): `X人民政府令` then `（第N号）` on the same or the next line.
DECREE_HEAD = _pattern("decree_head")
DECREE_NUMBER = _pattern("decree_number")

#: Publication note under the 成文日期.
PUBLICATION = _pattern("publication")

#: A title's issuer part naming a joint issue by many organs after the first (`A等4部门`).
JOINT_TITLE_TAIL = _pattern("joint_title_tail")

#: A reposter's introduction naming the notice it copies (`X发布《关于…的通知》`).
REPOST_INTRO = _pattern("repost_intro")

#: 版头 line: `XXX文件`.
MASTHEAD = _pattern("masthead")
#: …and the 文件 of a joint 版头 on a line of its own under the organs (one per line).
MASTHEAD_ALONE = _pattern("masthead_alone")

#: Indicator-table vocabulary.
INDICATOR_HEADER: tuple[str, ...] = tuple(_TABLE["indicator_header"])
BONUS_LABELS: tuple[str, ...] = tuple(_TABLE["bonus_labels"])

#: Columns of a 任务分工 table: the header names 序号 and one of these.
TASK_TABLE_HEADER: tuple[str, ...] = tuple(_TABLE["task_table_header"])
