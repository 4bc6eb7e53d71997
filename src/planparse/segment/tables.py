"""Data tables of segmentation: a new province's habit is one new row here.

Marker styles follow GB/T 9704 (`一、` `（一）` `1.` `（1）`) plus the 部分/章/节/条
forms of work plans and regulation-like texts and circled numbers. Levels are NOT fixed here: the
outline reads them from the order a document uses the styles.
"""
from __future__ import annotations

from ..data import organ_endings
from .numerals import CN_NUMERAL_CHARS

CN = f"[{CN_NUMERAL_CHARS}]+"
OPEN = "[（(〔［\\[]"
CLOSE = "[）)〕］\\]]"

#: (style name, regex of the marker at the point where it starts; group "num" holds the
#: printed number). Half-width and full-width forms are one style; `1.` `1．` `1、` too.
MARKER_STYLES: list[tuple[str, str]] = [
    ("division", rf"第(?P<num>{CN}|\d+)部分[ \u3000]*"),
    ("chapter", rf"第(?P<num>{CN}|\d+)章[ \u3000]*"),
    ("section", rf"第(?P<num>{CN}|\d+)节[ \u3000]*"),
    ("article", rf"第(?P<num>{CN}|\d+)条[ \u3000]*"),
    ("cn_dun", rf"(?P<num>{CN})[、．.][ \u3000]*"),
    ("cn_paren", rf"{OPEN}(?P<num>{CN}){CLOSE}[ \u3000]*"),
    # `6.6月30日前…` is item 6 opening on a date, not the decimal 6.6 (no quantity is 6.6月)
    # … and `1.2016年底前…` is item 1 opening on a year, not the decimal 1.2016
    ("arabic", r"(?P<num>\d{1,3})(?:[.．](?![\d.．])|[.．](?=\d{1,2}月|(?:19|20)\d\d年)|、)[ \u3000]*"),
    ("ar_paren", rf"{OPEN}(?P<num>\d{{1,3}}){CLOSE}[ \u3000]*"),
    ("circled", r"(?P<num>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])[ \u3000]*"),
]

#: Further forms that open a numbered line without being an outline level the segmenter
#: reads (parenthesised digits ⑴, ㈠, 第X款/项): a line starting with one is no continuation.
EXTRA_LINE_START_MARKERS: list[str] = [r"[⑴-⒇㈠-㈩]", rf"第(?:{CN}|\d+)[款项]"]


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
TITLE_MARKER_STYLES = ("division",)

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

#: Punctuation after which a numbered item may run on inside a paragraph
#: (`…的情形:1.…的;2.…的;` / `…材料。（1）…。（2）…`).
RUN_IN_AFTER = "。；;：:！？!?"
#: …and after the bracket that closes a task with its units (`…（A、B按职责分工负责）2.…`),
#: only when a sentence ended inside it or right before it.
RUN_IN_AFTER_BRACKET = "）)"

#: Characters that end a sentence or a clause: a line ending in one is not a title.
TERMINAL_PUNCT = "。；;：:，,！？!?、"

#: Words a document title ends with (plan, annex or cover notice).
TITLE_WORDS = (
    "方案", "意见", "要点", "办法", "规定", "细则", "计划", "规划", "纲要", "安排", "指标体系",
    "清单", "分工", "分工表", "一览表", "任务表", "分解表", "责任表", "推进表", "计划表", "进度表", "台账", "措施", "举措", "通知", "通报", "决定",
    "标准", "制度", "规则", "指引", "指南", "目录", "名单", "体系",
)

#: Words a cover-notice title (公文标题) ends with.
NOTICE_TITLE_WORDS = ("通知", "通报", "决定", "批复", "函", "公告", "通告", "意见", "命令", "决议")

#: Further document kinds a title line may end with (not plans, not notices).
REPORT_TITLE_WORDS = ("总结", "报告", "纲要")

#: Every word a document title on a line of its own ends with: the line joiners read it.
DOCUMENT_TITLE_WORDS = tuple(dict.fromkeys(TITLE_WORDS + NOTICE_TITLE_WORDS + REPORT_TITLE_WORDS))

#: A title line may not end on these: the title continues on the next line.
TITLE_CONNECTORS = "的和与及、《“（("

#: Suffixes of an issuing organ (signature line / 版头).
ORGAN_SUFFIXES = organ_endings()  # data/organs.json: one table of organ endings

#: Paragraph openings that close a plan after its last item (addressed to everyone, the
#: plan's own entry-into-force clause, or the notice's 联系人 line) rather than continue that item.
CLOSING_PATTERNS = (
    r"各(?:地|级|市|县|区|部门|单位|有关|相关)[^。；]{0,24}?(?:要|应|务必|须)",
    r"本(?:实施)?(?:方案|意见|办法|要点|规定|细则|通知|计划|规划|措施)(?:自|由|从|所|未尽|中)",
    r"(?:以上|上述)(?:任务|工作|各项)",
    r"联\s*系\s*(?:人|电\s*话|方\s*式)\s*[:：]",
)

#: 版记 keys: where the printed colophon starts.
CC_LABEL = r"抄\s*送\s*[:：]"
PRINT_SUFFIX = r"印\s*发"

#: 附件 heading alone on a line (starts an annex part) and 附件 list (`附件：1.…`, not items).
ATTACHMENT_HEADING = rf"附\s*件\s*(?:\d+|{CN})?\s*[:：]?"
#: 附件 heading with its title on the same line (`附件1：XX实施方案`, web re-posts).
ATTACHMENT_INLINE = rf"附\s*件\s*(?:\d+|{CN})\s*[:：]\s*(?P<title>.+)"
ATTACHMENT_LIST = r"[-—•·\s]*附\s*件\s*(?:下\s*载|清\s*单|目\s*录)?\s*[:：]"

#: The sentence a cover notice hands its plan over with (现将《…》印发给你们): a cover
#: even when the copy lost its title, 文号 and 主送 line.
COVER_FORMULA = r"印发给你们|现予印发|现印发|转发给你们|现将.{0,80}?(?:印发|转发)|请认真(?:贯彻|组织|抓好)"

#: A 政府令 publication page (规章): `X人民政府令` then `（第N号）` on the same or the next line.
DECREE_HEAD = r"(?P<organ>[\u4e00-\u9fff（）()]{2,30}?(?:人民政府|委员会|政府))令"
DECREE_NUMBER = r"[（(]?\s*第\s*(?P<no>\d{1,4}|[一二三四五六七八九十百零〇]{1,6})\s*号\s*[）)]?"

#: Publication note under the 成文日期.
PUBLICATION = r"[（(]((?:此件|信息公开(?:形式|方式|属性)|公开(?:形式|方式|属性))[^）)]*)[）)]"

#: 版头 line: `XXX文件`.
MASTHEAD = r"(?P<organ>.{2,40}?)\s*文\s*件"

#: Indicator-table vocabulary.
INDICATOR_HEADER = ("一级指标", "二级指标", "三级指标", "指标内容", "评价指标")
BONUS_LABELS = ("加分项", "减分项", "扣分项", "附加分", "否决项", "一票否决")

#: Columns of a 任务分工 table: the header names 序号 and one of these.
TASK_TABLE_HEADER = ("任务", "工作内容", "主要内容", "重点工作", "具体工作", "措施", "举措", "事项")
