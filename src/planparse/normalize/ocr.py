"""OCR-aware repairs: the errors a recognition engine makes on 公文, one fixer per cause.

They run only on lines read by OCR (``Line.ocr``; the engine passes their raw-offset
spans in :attr:`Context.ocr_spans`), so a text layer or a web copy is never touched.
Vocabulary lives in ``data/ocr_repairs.json``. Doctests show read → repaired through
:func:`planparse.normalize.registry.run`, which treats the whole text as OCR output.
"""
from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator

import regex

from ..data import load_json
from ..messages import warning_text
from .context import Context
from .edits import Edit

HAN = r"\p{Han}"
CJK_TEXT = r"[\p{Han}，。、；：？！“”‘’《》〈〉（）〔〕【】]"


@functools.cache
def table() -> dict:
    return load_json("ocr_repairs.json")


def in_ocr(ctx: Context | None, offset: int) -> bool:
    """Is ``offset`` (in the text a fixer was given) inside a line read by OCR?
    Outside the engine (no spans known) every offset is."""
    if ctx is None or ctx.ocr_spans is None:
        return True
    raw = ctx.to_source[offset] if ctx.to_source is not None else offset
    index = bisect.bisect_right(ctx.ocr_spans, (raw, float("inf"))) - 1
    return index >= 0 and ctx.ocr_spans[index][0] <= raw < ctx.ocr_spans[index][1]


def ocr_matches(pattern: regex.Pattern[str], text: str, ctx: Context | None) -> Iterator[regex.Match[str]]:
    return (m for m in pattern.finditer(text) if in_ocr(ctx, m.start()))


# ---------------------------------------------------------------- punctuation
@functools.cache
def _half_width_marks() -> regex.Pattern[str]:
    marks = regex.escape("".join(k for k in table()["punctuation"] if k not in "()"))
    return regex.compile(rf"(?<={CJK_TEXT}\s*)[{marks}]|(?<!\d)[{marks}](?=\s*{HAN})")


BRACKETED = regex.compile(r"\(([^()\n]{0,80})\)|(?<=\p{Han})\((?=\p{Han})|(?<=\p{Han})\)")


def ocr_punctuation(text: str, ctx: Context | None = None) -> list[Edit]:
    """Engines trained on mixed text print half-width ``, ; : ? ! ( )`` where a notice
    prints ``，；：？！（）``; outline markers such as ``（一）`` and clause splitting look
    for the full-width forms. A mark after Chinese text (or before Chinese, unless it
    follows a digit: ``1,2``) becomes full-width; a bracket pair becomes full-width when it
    holds or touches Chinese text (``(2021—2025年)``), not around Latin (``(WTO)``).

    >>> from planparse.normalize.registry import run
    >>> run(ocr_punctuation, "各区人民政府,市直各部门:\\n(此件公开发布)\\n要(2021—2025年) (WTO) 1,2")
    '各区人民政府，市直各部门：\\n（此件公开发布）\\n要（2021—2025年） (WTO) 1,2'
    """
    full = table()["punctuation"]
    edits = [(m.start(), m.end(), full[m.group()]) for m in ocr_matches(_half_width_marks(), text, ctx)]
    for m in ocr_matches(BRACKETED, text, ctx):
        if m.group(1) is None:
            edits.append((m.start(), m.end(), full[m.group()]))
            continue
        before = text[m.start() - 1] if m.start() else ""
        if regex.search(HAN, m.group(1)) or regex.match(HAN, before):
            edits += [(m.start(), m.start() + 1, "（"), (m.end() - 1, m.end(), "）")]
    return sorted(set(edits))


# ---------------------------------------------------------------- 文号 brackets
@functools.cache
def _doc_number() -> regex.Pattern[str]:
    opening, closing = (regex.escape(table()[k]) for k in ("doc_number_open", "doc_number_close"))
    return regex.compile(rf"(?<={HAN})(\s*[{opening}]+\s*)((?:19|20)\d{{2}})(\s*[{closing}]+\s*)(?=\d{{1,4}}\s*[号號])")


def ocr_doc_number(text: str, ctx: Context | None = None) -> list[Edit]:
    """The 〔〕 of a 发文字号 is a rare glyph; engines read it as 【 [ ( { and print the two
    sides differently (``吴政办发【2023] 26号``). A year in any such brackets between an
    organ's 代字 and ``N号`` gets 〔〕 back (the spaces the engine put in go too).

    >>> from planparse.normalize.registry import run
    >>> run(ocr_doc_number, "吴政办发〔【2023 ] 26号 鲁商字(2025)7号 第[2023]号")
    '吴政办发〔2023〕26号 鲁商字〔2025〕7号 第[2023]号'
    """
    edits = []
    for m in ocr_matches(_doc_number(), text, ctx):
        if m.group(1) != "〔":
            edits.append((m.start(1), m.end(1), "〔"))
        if m.group(3) != "〕":
            edits.append((m.start(3), m.end(3), "〕"))
    return edits


# ---------------------------------------------------------------- page numbers
@functools.cache
def _page_number_line() -> regex.Pattern[str]:
    dashes = regex.escape(table()["page_number_dashes"])
    digits = regex.escape("".join(table()["page_number_digits"]))
    return regex.compile(rf"(?m)^[^\S\n]*[{dashes}]+[^\S\n]*(?=[0-9{digits}]*[0-9])[0-9{digits}]{{1,4}}"
                         rf"[^\S\n]*[{dashes}]+[^\S\n]*$\n?")


def ocr_page_number(text: str, ctx: Context | None = None) -> list[Edit]:
    """Page-number lines the page-furniture pass kept because OCR garbled them: the
    number framed by rules read as ``一1一``, ``-l2-`` (l and O for 1 and 0). A line
    that is nothing else is removed with its line break.

    >>> from planparse.normalize.registry import run
    >>> run(ocr_page_number, "贯彻落实。\\n一1一\\n— l2 —\\n一、总体要求")
    '贯彻落实。\\n一、总体要求'
    """
    return [(m.start(), m.end(), "") for m in ocr_matches(_page_number_line(), text, ctx)]


# ---------------------------------------------------------------- spaces in Chinese
HAN_SPACE = regex.compile(rf"(?<={CJK_TEXT})[ \u3000]+(?={CJK_TEXT})|(?<=\d)[ \u3000]+(?=[年月日号%])"
                          rf"|(?<={HAN})[ \u3000]+(?=\d)")


def ocr_han_space(text: str, ctx: Context | None = None) -> list[Edit]:
    """Engines that segment Chinese into "words" print a space between them
    (``推进 法治 政府``, ``2023 年``); Chinese prints none. Spaces between Chinese
    characters, and between Chinese and digits, are removed; tabs (table cells) stay.

    >>> from planparse.normalize.registry import run
    >>> run(ocr_han_space, "推进 法治 政府 建设，到 2025 年\\tGB/T 9704")
    '推进法治政府建设，到2025年\\tGB/T 9704'
    """
    return [(m.start(), m.end(), "") for m in ocr_matches(HAN_SPACE, text, ctx)]


# ---------------------------------------------------------------- pinyin glosses
@functools.cache
def _gloss() -> regex.Pattern[str]:
    misreads = regex.escape(table()["gloss_misreads"])
    inside = rf"[A-Za-z{misreads}\s]"
    return regex.compile(rf"(?<={HAN})[(（](?P<gloss>{inside}{{1,10}}|{inside}{{0,6}}\n{inside}{{0,6}}|[a-z]{{1,4}}\s*{HAN})[)）]")


def gloss_kind(content: str) -> str | None:
    """``sure`` for a bracket that can only be a gloss (lower-case letters, no Han), ``loose``
    for one that is a gloss only among others (a misread syllable: ``1『``, ``1 T``, ``x涡``),
    None for what a notice prints in brackets (``5``, ``WTO``).

    >>> [gloss_kind(c) for c in ("gu 5 n", "q0 ", "1『", "x涡", "5", "WTO", "2025")]
    ['sure', 'sure', 'loose', 'loose', None, None, None]
    """
    if content.count("\n") > 1:
        return None
    if regex.search(HAN, content):
        return "loose"
    if regex.search("[a-z]", content):
        return "sure"
    bare = content.strip()
    if regex.fullmatch(r"[\d\s]*|[A-Z]{2,}", bare):
        return None
    return "loose"


def ocr_pinyin_gloss(text: str, ctx: Context | None = None) -> list[Edit]:
    """Reading-aid pinyin after characters (``關(guān)``, see the text fixer
    ``pinyin_annotation``) loses its tone marks to OCR: ``关(gu 5 n)``, ``执(zh『)``,
    ``区(q0 )``, ``续(x涡)``, and a gloss wrapped at a line end (``统(t`` / ``ng)``). A
    bracket right after Han holding up to ten letters, spaces and the misreads of
    ``gloss_misreads`` (or a few letters and one misread Han) is a gloss (:func:`gloss_kind`)
    and removed, a wrapped one with its line break — but only in a document with
    ``gloss_min`` sure ones, so one ``面积(km)`` or ``(iii)`` stays.

    >>> from planparse.normalize.registry import run
    >>> run(ocr_pinyin_gloss, "市人民政府办公室关(gu 5 n)于印发(f 5 )\\n严格执（zh『）法，全区(q0 )统(t\\nng)一（WTO）机（1 T ）制（2025年）")
    '市人民政府办公室关于印发\\n严格执法，全区统一（WTO）机制（2025年）'
    >>> run(ocr_pinyin_gloss, "土地面积(km)和(ha)")
    '土地面积(km)和(ha)'
    """
    found = [(m, gloss_kind(m["gloss"])) for m in ocr_matches(_gloss(), text, ctx)]
    if sum(kind == "sure" for _, kind in found) < table()["gloss_min"]:
        return []
    return [(m.start(), m.end(), "") for m, kind in found if kind]


# ---------------------------------------------------------------- marker forms
@functools.cache
def _marker_form() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    from ..segment.tables import CN

    misreads = regex.escape(table()["marker_gap_misreads"])
    number = rf"(?:\d{{1,3}}|{CN})"
    stray = regex.compile(rf"(?m)^[^\S\n]*[{misreads}]{{1,2}}[^\S\n]*(?=第{number}[章节条]|[(（][^\S\n]*{number}[^\S\n]*[)）]|\d{{1,3}}[^\S\n]*[.．、]\D)")
    spaced = regex.compile(rf"(?m)^[^\S\n]*(?:[{misreads}]{{1,2}}[^\S\n]*)?(?:[(（][^\S\n]*{number}[^\S\n]*[)）]|\d{{1,3}}[^\S\n]+[.．](?!\d))")
    return stray, spaced


def ocr_marker_form(text: str, ctx: Context | None = None) -> list[Edit]:
    """An outline marker at a line's start is how the outline finds an item, and OCR
    bends its form: a stray mark before it (``”第十四条``, ``. （五）``) or a space inside
    it (``(2 )单件补贴``, ``4 .灌溉机械``). The marks go, the spaces too.

    >>> from planparse.normalize.registry import run
    >>> run(ocr_marker_form, "”第十四条　服务平台\\n. （五）受理申请\\n(2 )单件补贴\\n4 .灌溉机械\\n（ 一 ）总体\\n约 3 .5%")
    '第十四条　服务平台\\n（五）受理申请\\n(2)单件补贴\\n4.灌溉机械\\n（一）总体\\n约 3 .5%'
    """
    stray, spaced = _marker_form()
    edits = [(m.start(), m.end(), "") for m in ocr_matches(stray, text, ctx) if m.group()]
    for m in ocr_matches(spaced, text, ctx):
        edits += [(m.start() + i, m.start() + i + 1, "") for i, ch in enumerate(m.group())
                  if ch in " \u3000\t" and m.group()[:i].strip()]
    kept: list[Edit] = []
    for edit in sorted(edits):      # a stray mark's removal may take a spaced marker's blank
        if not kept or edit[0] >= kept[-1][1]:
            kept.append(edit)
    return kept


@functools.cache
def _bare_numeral() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    from ..segment.tables import CN

    word = regex.escape(table()["numeral_word_starts"])
    return (regex.compile(rf"(?m)^[^\S\n]*({CN})(?=[^\P{{Han}}{word}][^\n。；;，,]{{1,24}}$)"),
            regex.compile(rf"(?m)^[^\S\n]*({CN})[、．.]"))


def ocr_lost_dun(text: str, ctx: Context | None = None) -> list[Edit]:
    """The 、 of a top-level heading is a small mark OCR drops (``一总体要求`` printed
    ``一、总体要求``), and the plan's first heading is lost. A short heading line (no
    sentence mark) opening with the numeral N is ``N、`` when the next ``…、`` heading is
    N + 1 and the one before (if any) N − 1, and the numeral opens no word (``一是``,
    ``一般``: ``numeral_word_starts``).

    >>> from planparse.normalize.registry import run
    >>> run(ocr_lost_dun, "一总体要求\\n以习近平…为指导。\\n二、主要任务\\n一是加强领导\\n三、保障措施")
    '一、总体要求\\n以习近平…为指导。\\n二、主要任务\\n一是加强领导\\n三、保障措施'
    """
    from ..numerals import cn_to_int

    bare, marked = _bare_numeral()
    headings = sorted([(m.start(1), m.end(1), cn_to_int(m[1]), False) for m in ocr_matches(bare, text, ctx)]
                      + [(m.start(1), m.end(1), cn_to_int(m[1]), True) for m in ocr_matches(marked, text, ctx)])
    edits = []
    for i, (_start, end, value, has_mark) in enumerate(headings):
        if has_mark or value is None:
            continue
        later = next((h[2] for h in headings[i + 1:] if h[3]), None)
        earlier = next((h[2] for h in reversed(headings[:i]) if h[3]), None)
        if later == value + 1 and ((earlier is None and value == 1) or earlier == value - 1):
            edits.append((end, end, "、"))
    return edits


@functools.cache
def _heading_tail() -> regex.Pattern[str]:
    from ..segment.tables import line_start_marker

    return regex.compile(rf"(?m)^[^\S\n]*(?:{line_start_marker()})[^\n。；;，,：:.．>|]{{1,30}}?"
                         rf"([^\S\n]*[{regex.escape(table()['heading_tail_misreads'])}]+[^\S\n]*)$")


def ocr_heading_tail(text: str, ctx: Context | None = None) -> list[Edit]:
    """A short heading (``四、资金分配和使用``) ends without a mark; OCR reads the bold
    heading's last stroke or a speck after it as one (``资金分配和使用.``,
    ``农机创新产品>``, ``补贴对象和补贴标准：``), which then ends the item's title. A run of
    ``heading_tail_misreads`` ending a numbered line of at most thirty characters without
    other punctuation goes.

    >>> from planparse.normalize.registry import run
    >>> run(ocr_heading_tail, "四、资金分配和使用.\\n2.农机创新产品>\\n（一）主要目标：到2025年，建成体系。")
    '四、资金分配和使用\\n2.农机创新产品\\n（一）主要目标：到2025年，建成体系。'
    """
    return [(m.start(1), m.end(1), "") for m in ocr_matches(_heading_tail(), text, ctx)]


# ---------------------------------------------------------------- marker gaps
@functools.cache
def _marker_gap() -> regex.Pattern[str]:
    from ..segment.tables import CN

    misreads = regex.escape(table()["marker_gap_misreads"])
    return regex.compile(rf"(?m)^([^\S\n]*第(?:{CN}|\d{{1,3}})[章节条])[^\S\n]*[{misreads}][^\S\n]*(?={HAN})")


def ocr_marker_gap(text: str, ctx: Context | None = None) -> list[Edit]:
    """A 第N章 / 第N条 heading prints a blank before its words (``第一条　补贴范围``); an
    engine reads the blank as a stray mark (``第一条“补贴范围``, ``第一章，补贴范围``), which
    then opens the item's title. A mark of ``marker_gap_misreads`` between such a marker
    at a line's start and Han is the blank again.

    >>> from planparse.normalize.registry import run
    >>> run(ocr_marker_gap, "第一章，补贴范围\\n第四条”补贴资格领取\\n依照第三条，办理\\n第五条“一网通办”改革")
    '第一章　补贴范围\\n第四条　补贴资格领取\\n依照第三条，办理\\n第五条“一网通办”改革'
    """
    return [(m.end(1), m.end(), "\u3000") for m in ocr_matches(_marker_gap(), text, ctx)
            if not opens_quote(text, m.end(1))]


def opens_quote(text: str, at: int) -> bool:
    """Is the first mark from ``at`` an opening quote closed later on its line?

    >>> opens_quote("第五条“一网通办”改革", 3), opens_quote("第一条“补贴范围", 3)
    (True, False)
    """
    line_end = text.find("\n", at)
    rest = text[at:line_end if line_end >= 0 else len(text)].lstrip()
    closing = {"“": "”", "‘": "’", '"': '"', "'": "'"}.get(rest[:1], "")
    return bool(closing) and closing in rest[1:]


# ---------------------------------------------------------------- unit labels
LABEL_SLOT = regex.compile(r"(?<=[（(；;][^\S\n]*)(\p{Han}{4,6})(?=[^\S\n]*[：:])")


@functools.cache
def _labels() -> dict[int, tuple[str, ...]]:
    from ..data import unit_labels

    by_length: dict[int, list[str]] = {}
    for label in unit_labels():
        by_length.setdefault(len(label), []).append(label)
    return {n: tuple(labels) for n, labels in by_length.items()}


def misread_label(word: str) -> str | None:
    """The one unit label (``data/extract_units.json``) ``word`` differs from in exactly one
    character, if ``word`` is no label itself.

    >>> misread_label("达头单位"), misread_label("牵头单位"), misread_label("配台单位")
    ('牵头单位', None, '配合单位')
    """
    labels = _labels().get(len(word), ())
    if word in labels:
        return None
    near = [label for label in labels if sum(a != b for a, b in zip(word, label)) == 1]
    return near[0] if len(near) == 1 else None


def ocr_unit_label(text: str, ctx: Context | None = None) -> list[Edit]:
    """The label that names a task's units (``牵头单位：``) is what unit extraction anchors
    on, and one misread character loses every unit after it (``（达头单位：市委编办…``).
    A word of four to six Han before a colon, opening a bracket or a clause in one (where
    a notice names units), one character away from exactly one label (and no label
    itself) is that label; a word one character from two labels stays, and so does a
    form's ``工作单位：`` on a line of its own.

    >>> from planparse.normalize.registry import run
    >>> run(ocr_unit_label, "（达头单位：市委编办；配台单位：市直有关部门）\\n工作单位：市政府")
    '（牵头单位：市委编办；配合单位：市直有关部门）\\n工作单位：市政府'
    """
    edits = []
    for m in ocr_matches(LABEL_SLOT, text, ctx):
        if label := misread_label(m[1]):
            edits.append((m.start(1), m.end(1), label))
    return edits


# ---------------------------------------------------------------- 〈〉 read as 《》
@functools.cache
def _unit_aside() -> regex.Pattern[str]:
    from ..data import organ_endings

    endings = "|".join(regex.escape(e) for e in sorted(organ_endings(), key=len, reverse=True) if len(e) > 1)
    return regex.compile(rf"(?<={HAN})[《〈(（]{{1,2}}(\p{{Han}}(?:、\p{{Han}})?|{endings})(?:[》〉)）]|(?=[，,、；;。\n]|$))")


def ocr_unit_aside(text: str, ctx: Context | None = None) -> list[Edit]:
    """Notices name a unit's kind in angle brackets (``各县〈区〉``, ``市直各部门〈单位〉``);
    engines read the thin 〈〉 as the 书名号 《》, or one side as a parenthesis or twice
    (``各县《区)``, ``部门〈《单位》``), and the units are lost. Brackets with a 《 or 》
    right after Han around one character, two joined by 、, or a unit word of
    ``organs.json`` (单位, 部门 …), even with the closing one lost, are 〈〉 again;
    ``各县（区）`` and a real title (``《民法典》``) stay.

    >>> from planparse.normalize.registry import run
    >>> run(ocr_unit_aside, "各县《区》、市直有关部门〈《单位》，各县（市、区》；各县《区\\n贯彻《民法典》，各县（区）")
    '各县〈区〉、市直有关部门〈单位〉，各县〈市、区〉；各县〈区〉\\n贯彻《民法典》，各县（区）'
    """
    return [(m.start(), m.end(), f"〈{m[1]}〉") for m in ocr_matches(_unit_aside(), text, ctx)
            if "《" in m[0] or "》" in m[0]]


# ---------------------------------------------------------------- mismatched brackets
MISMATCHED_PAREN = regex.compile(r"〈([^〈〉（）()《》\n]{1,12})[）)]|[（(]([^〈〉（）()《》\n]{1,12})〉")


def ocr_bracket_pair(text: str, ctx: Context | None = None) -> list[Edit]:
    """A bracket pair OCR read as two kinds (``智能手表〈手环）``) is a pair of parentheses:
    the round bracket was read right, the thin angle one is the engine's guess.

    >>> from planparse.normalize.registry import run
    >>> run(ocr_bracket_pair, "智能手表〈手环）、各县（区〉，各县〈区〉")
    '智能手表（手环）、各县（区），各县〈区〉'
    """
    return [(m.start(), m.end(), f"（{m[1] if m[1] is not None else m[2]}）")
            for m in ocr_matches(MISMATCHED_PAREN, text, ctx)]


QUOTE_READ_AS_QUESTION = regex.compile(r"(?<=“[^“”\n?？]{1,12})[?？](?=\p{Han})")


def ocr_quote_pair(text: str, ctx: Context | None = None) -> list[Edit]:
    """A closing quote read as a question mark (``完善“优机？评选制度``): a ？ after an
    open “ within a short phrase and before more Chinese closes the quote.

    >>> from planparse.normalize.registry import run
    >>> run(ocr_quote_pair, "完善“优机？评选制度，是否“达标？？“优机”")
    '完善“优机”评选制度，是否“达标？？“优机”'
    """
    return [(m.start(), m.end(), "”") for m in ocr_matches(QUOTE_READ_AS_QUESTION, text, ctx)]


# ---------------------------------------------------------------- digits of dates
@functools.cache
def _date_digits() -> tuple[regex.Pattern[str], dict[int, str]]:
    misreads = table()["date_digit_misreads"]
    glyph = "[0-9" + regex.escape("".join(misreads)) + "]"
    pattern = regex.compile(rf"(?<![A-Za-z0-9])(?:(?=(?:{glyph}*\d){{2}}){glyph}{{4}}(?=[^\S\n]*年)"
                            rf"|(?<=[年月][^\S\n]*)(?=\d|{glyph}\d|{glyph}[^\S\n]*[月日号])(?:{glyph}{{1,2}})(?=[^\S\n]*[月日号]))")
    return pattern, {ord(k): v for k, v in misreads.items()}


def ocr_date_digit(text: str, ctx: Context | None = None) -> list[Edit]:
    """Dates are what a plan's deadlines and a notice's signature are read from, and an
    engine reads a digit as a letter now and then (``202s年``, ``l0月2O日``). In the number
    before 年 (four glyphs, two of them digits) and before 月/日 after 年/月, the letters of
    ``date_digit_misreads`` are digits; after 月 and a day, ``day_misreads`` (目) is 日.

    >>> from planparse.normalize.registry import run
    >>> run(ocr_date_digit, "202s年1月20日，2025年l0月2O日，Sos年，GB年，2019年12月18目")
    '2025年1月20日，2025年10月20日，Sos年，GB年，2019年12月18日'
    """
    pattern, digits = _date_digits()
    edits = [(m.start(), m.end(), m[0].translate(digits)) for m in ocr_matches(pattern, text, ctx)
             if m[0].translate(digits) != m[0]]
    return edits + [(m.start(1), m.end(1), "日") for m in ocr_matches(_day_suffix(), text, ctx)]


@functools.cache
def _day_suffix() -> regex.Pattern[str]:
    """目/曰 read for the 日 that ends a date (``2019年12月18目``), after 月 and a day number."""
    return regex.compile(rf"(?<=月[^\S\n]*\d{{1,2}}[^\S\n]*)([{regex.escape(table()['day_misreads'])}])")


# ---------------------------------------------------------------- a signature date's neighbours
@functools.cache
def _date_line() -> regex.Pattern[str]:
    return regex.compile(r"(?m)^([^\S\n]*)([^\s\d，。；：、,.;:（）()《》“”]{1,3})[^\S\n]*"
                         r"(?=(?:19|20)\d{2}[^\S\n]*年[^\S\n]*\d{1,2}[^\S\n]*月[^\S\n]*\d{1,2}[^\S\n]*日[^\S\n]*$)")


def ocr_date_line(text: str, ctx: Context | None = None) -> list[Edit]:
    """A signature's date stands alone on its line, but the seal stamped over it leaves
    ink the engine reads as a character or three before it (``本2025年1月23日``,
    ``攻证雯2025年1月20日``), and the line is then no date line. Up to three characters
    before a whole date that ends its line go, unless they are a word that leads into a
    date (``于``, ``截至``: ``date_leads`` in ``data/ocr_repairs.json``).

    >>> from planparse.normalize.registry import run
    >>> run(ocr_date_line, "本2025年1月23日\\n截至2025年1月20日\\n攻证雯2025年1月20日\\n本2025年1月底前完成")
    '2025年1月23日\\n截至2025年1月20日\\n2025年1月20日\\n本2025年1月底前完成'
    """
    leads = table()["date_leads"]
    return [(m.start(2), m.end(), "") for m in ocr_matches(_date_line(), text, ctx)
            if not any(m[2].endswith(word) for word in leads)]


# ---------------------------------------------------------------- outline numbers
SEQUENCE_STYLES = ("cn_dun", "cn_paren", "arabic", "ar_paren", "chapter", "article")


@functools.cache
def _marker_starts() -> list[tuple[str, regex.Pattern[str]]]:
    from ..segment.tables import MARKER_STYLES

    return [(name, regex.compile(rf"(?m)^[^\S\n]*(?:{pattern})")) for name, pattern in MARKER_STYLES
            if name in SEQUENCE_STYLES]


def ocr_marker_number(text: str, ctx: Context | None = None) -> list[Edit]:
    """Engines misread the numbers of outline markers now and then (（二） read as （三）,
    2. as 7., a mark before 2. read as a digit: 22.), and the outline then holds two
    items of one number and none of the other. A marker between two of its style
    numbered p and p + 2 is p + 1 whatever it was read as, and so is a number after p
    that ends in p + 1 with a digit too many; any other sequence is left as printed (a
    restart, a gap the notice has).

    >>> from planparse.normalize.registry import run
    >>> run(ocr_marker_number, "（一）甲\\n（三）乙\\n（三）丙\\n1.子\\n7.丑\\n3.寅\\n5.卯\\n1.甲\\n22.乙\\n33.丙\\n4.丁")
    '（一）甲\\n（二）乙\\n（三）丙\\n1.子\\n2.丑\\n3.寅\\n5.卯\\n1.甲\\n2.乙\\n3.丙\\n4.丁'
    """
    from ..numerals import cn_to_int, int_to_cn

    found: dict[str, list[tuple[int, int, int, bool]]] = {}
    for name, pattern in _marker_starts():
        for m in ocr_matches(pattern, text, ctx):
            digits = m["num"].isdigit()
            value = int(m["num"]) if digits else cn_to_int(m["num"])
            if value is not None:
                found.setdefault(name, []).append((m.start("num"), m.end("num"), value, digits))
    edits = []
    for markers in found.values():
        markers.sort()
        repaired: dict[int, int] = {}
        for i, (start, end, value, digits) in enumerate(markers[1:], 1):
            expected = repaired.get(i - 1, markers[i - 1][2]) + 1
            if value == expected or expected >= 100:
                continue
            after = markers[i + 1][2] if i + 1 < len(markers) else None
            glyph_before = digits and len(str(value)) > len(str(expected)) and str(value).endswith(str(expected))
            if after == expected + 1 or glyph_before:
                repaired[i] = expected
                edits.append((start, end, str(expected) if digits else int_to_cn(expected)))
    return edits


# ---------------------------------------------------------------- glyph confusions
@functools.cache
def _confusions() -> tuple[regex.Pattern[str], dict[str, str]]:
    pairs = dict(table()["confusions"])
    between = table()["between_digits"]
    words = "|".join(regex.escape(w) for w in sorted(pairs, key=len, reverse=True))
    dashes = regex.escape("".join(between))
    return regex.compile(rf"{words}|(?<=\d)[{dashes}](?=\d)"), pairs | between


def ocr_confusion(text: str, ctx: Context | None = None) -> list[Edit]:
    """Frequent glyph misreadings from ``data/ocr_repairs.json``: a word the engine
    reads as a near-twin that is no word of a notice (``自已`` for 自己, ``天于`` for
    关于), and 一 (one) read for the dash of a number range (``2021一2025年``).

    >>> from planparse.normalize.registry import run
    >>> run(ocr_confusion, "天于印发方案的通知，要(2021一2025年)自已")
    '关于印发方案的通知，要(2021—2025年)自己'
    """
    pattern, replacements = _confusions()
    return [(m.start(), m.end(), replacements[m.group()]) for m in ocr_matches(pattern, text, ctx)]


# ---------------------------------------------------------------- what stays doubtful
LATIN_IN_HAN = regex.compile(rf"(?<={HAN})[A-Za-z]{{2,}}(?={HAN})|(?m)^[A-Za-z]{{2,4}}$")


def ocr_doubtful(text: str, ctx: Context | None = None) -> list[Edit]:
    """Changes nothing: Latin letters inside Chinese text, or a line of two to four
    letters alone, are what an engine prints for a character it could not read (a
    smudge, a seal's ink); each is warned (``ocr_doubtful``) with its page to check.

    >>> from planparse.normalize.registry import run
    >>> run(ocr_doubtful, "推进EN建设")
    '推进EN建设'
    """
    for m in ocr_matches(LATIN_IN_HAN, text, ctx):
        if ctx is not None:
            ctx.warn("ocr_doubtful", warning_text("ocr_doubtful", text=m.group()), m.start())
    return []
