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
    return regex.compile(rf"(?<={HAN})(\s*[{opening}]+\s*)((?:19|20)\d{{2}})(\s*[{closing}]+\s*)(?=\d{{1,4}}\s*号)")


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
