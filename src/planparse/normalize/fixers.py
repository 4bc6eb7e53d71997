"""Small text fixers, one real-world cause each (ftfy's ``fixes.py`` is the model).

Every fixer has the signature ``fixer(text, ctx=None) -> list[Edit]``: it says
what to change and never handles offsets (see :mod:`.edits`). The order they run
in is :data:`planparse.normalize.registry.FIXERS`. Doctests show broken → fixed
through :func:`planparse.normalize.registry.run`.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

import regex

from .context import Context
from .edits import Edit, char_edits, sub_edits

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# ---------------------------------------------------------------- Kangxi radicals


@functools.cache
def radical_table() -> dict[str, str]:
    """``data/radicals.tsv``: radical code point → unified ideograph."""
    table = {}
    for row in (DATA_DIR / "radicals.tsv").read_text(encoding="utf-8").splitlines():
        if row and not row.startswith("#"):
            _, radical, unified = row.split("\t")
            table[radical] = unified
    return table


@functools.cache
def _radical_pattern() -> re.Pattern[str]:
    """One character class of every radical; ``re``, whose class bitmaps scan a long text
    some 30 times faster than ``regex`` does with a class this large."""
    return re.compile("[" + re.escape("".join(sorted(radical_table()))) + "]")


def kangxi_radical(text: str, ctx: Context | None = None) -> list[Edit]:
    """PDF fonts map some glyphs to radical code points (⻓ U+2ED3, ⼯ U+2F2F), which
    look right but are not the characters 长 and 工, so no search or pattern finds
    them. Each one is mapped from a table, per character (NFKC on the whole text
    would also rewrite full-width punctuation such as （一） and ：).

    >>> from planparse.normalize.registry import run
    >>> run(kangxi_radical, "⻓期坚持，⼯作⽅案（⼀）：")
    '长期坚持，工作方案（一）：'
    """
    table = radical_table()
    return [(m.start(), m.end(), table[m.group()]) for m in _radical_pattern().finditer(text)]


# ---------------------------------------------------------------- whitespace

EDGE_SPACE = regex.compile(r"(?m)^[^\S\t\n]+|[^\S\t\n]+$")


def whitespace(text: str, ctx: Context | None = None) -> list[Edit]:
    """Web copies and PDF extraction leave spaces at line edges (indent U+3000,
    a trailing EN SPACE U+2002 after 各有关部门), which end up inside titles and
    unit names. They are removed; tabs (table cells) and spaces inside a line stay.

    >>> from planparse.normalize.registry import run
    >>> run(whitespace, "\u3000\u3000一、总体要求\\n配合单位：各有关部门\u2002\\n\\t\\t2 内容")
    '一、总体要求\\n配合单位：各有关部门\\n\\t\\t2 内容'
    """
    return sub_edits(EDGE_SPACE, text, "")


# ---------------------------------------------------------------- lost spaces as '?'

PLACEHOLDER_RUN = regex.compile(
    r"(?m)^[^\S\n]*[?？]+"  # at line start nothing is a question: lost indent
    r"|[?？]{2,}[^\S\n]*$"  # two or more at line end: lost padding
    r"|[?？]{3,}"  # three or more anywhere
)


def placeholder_run(text: str, ctx: Context | None = None) -> list[Edit]:
    """Text saved through a legacy code page turns every character it cannot
    encode — full-width indent spaces, the padding before a signature — into
    ``?``. Runs at line start, runs of two or more at line end and runs of three
    or more anywhere are removed; a single ``?`` after a sentence stays a question.

    >>> from planparse.normalize.registry import run
    >>> run(placeholder_run, "?一、总体要求\\n??????市人民政府办公室\\n是否落实?\\n附件??")
    '一、总体要求\\n市人民政府办公室\\n是否落实?\\n附件'
    """
    return sub_edits(PLACEHOLDER_RUN, text, "")


# ---------------------------------------------------------------- pinyin glosses

TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN_LETTERS = "a-zü" + TONE_VOWELS
PINYIN_ANNOTATION = regex.compile(
    r"(?<=\p{Han})[(（]"
    rf"(?=[{PINYIN_LETTERS}]*[{TONE_VOWELS}])"  # at least one tone mark
    rf"[{PINYIN_LETTERS}]{{1,6}}(?:ng|r)?"
    r"[)）]"
)


def pinyin_annotation(text: str, ctx: Context | None = None) -> list[Edit]:
    """Reading aids and some converters write the pinyin of polyphonic or rare
    characters in brackets after them (``關(guān)``, ``係(xì)``). A bracket right
    after a Han character holding one tone-marked syllable is removed; brackets
    with Han, digits or capitals — ``(2021—2025年)``, ``(市司法局)``, ``(WTO)`` — stay.

    >>> from planparse.normalize.registry import run
    >>> run(pinyin_annotation, "市人民政府辦公室關(guān)于印發(fā)(2021—2025年)(市司法局)")
    '市人民政府辦公室關于印發(2021—2025年)(市司法局)'
    """
    return sub_edits(PINYIN_ANNOTATION, text, "")


# ---------------------------------------------------------------- full-width ASCII

FULLWIDTH_RUN = regex.compile(
    r"[０-９Ａ-Ｚａ-ｚ]+(?:[．.][０-９]+)?％?"
    r"|(?<=[0-9])％"
)
FULLWIDTH_TABLE = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)} | {
    c: c - 0xFEE0 for c in list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B))
} | {ord("％"): ord("%"), ord("．"): ord(".")}


def fullwidth_ascii(text: str, ctx: Context | None = None) -> list[Edit]:
    """Word processors and some PDF fonts print digits and letters full-width
    (``２０２５年``, ``９０％以上``), which number and date patterns do not read. Digit
    and letter runs become ASCII, with a ``％`` or decimal ``．`` that belongs to the
    number; outline and list punctuation — （一） ： ， 、 １． — stays as printed.

    >>> from planparse.normalize.registry import run
    >>> run(fullwidth_ascii, "到２０２５年达到９０％以上，３．５％，ＰＰＰ项目（一）：")
    '到2025年达到90%以上，3.5%，PPP项目（一）：'
    """
    edits: list[Edit] = []
    for match in FULLWIDTH_RUN.finditer(text):
        edits.extend(char_edits(match.group(), match.group().translate(FULLWIDTH_TABLE), match.start()))
    return edits


# ---------------------------------------------------------------- small form variants

# CJK small form variants (U+FE50–FE6B) some editors and OCR engines print for ordinary
# punctuation: mapped to the full-width forms a notice prints (``1﹒`` → ``1．``).
SMALL_FORMS = str.maketrans("﹐﹑﹒﹔﹕﹖﹗﹙﹚﹛﹜﹝﹞﹟﹠﹡﹢﹣﹤﹥﹦﹨﹩﹪﹫", "，、．；：？！（）｛｝〔〕＃＆＊＋－＜＞＝＼＄％＠")
SMALL_FORM_CHARS = regex.compile("[﹐﹑﹒﹔﹕﹖﹗﹙﹚﹛﹜﹝﹞﹟﹠﹡﹢﹣﹤﹥﹦﹨﹩﹪﹫]")


def small_form_variant(text: str, ctx: Context | None = None) -> list[Edit]:
    """Small form punctuation (``１﹒推进…``, ``﹙一﹚``) read as its ordinary full-width form,
    so outline markers and clause commas are found.

    >>> from planparse.normalize.registry import run
    >>> run(small_form_variant, "1﹒推进建设﹐加强管理﹔﹙一﹚")
    '1．推进建设，加强管理；（一）'
    """
    return [(m.start(), m.end(), m.group().translate(SMALL_FORMS)) for m in SMALL_FORM_CHARS.finditer(text)]


# ---------------------------------------------------------------- web furniture


@functools.cache
def furniture_pattern() -> regex.Pattern[str]:
    """``data/web_furniture.txt`` compiled into one whole-line alternation."""
    rows = [
        row.strip()
        for row in (DATA_DIR / "web_furniture.txt").read_text(encoding="utf-8").splitlines()
        if row.strip() and not row.lstrip().startswith("#")
    ]
    return regex.compile("(?:" + "|".join(f"(?:{row})" for row in rows) + ")")


LINE = regex.compile(r"(?m)^.*$")


def web_furniture(text: str, ctx: Context | None = None) -> list[Edit]:
    """Notices copied from government web pages keep the page's furniture —
    附件下载, 扫一扫在手机打开当前页, 【打印本页】【关闭窗口】, share bars,
    breadcrumbs (首页 > 政务公开 > …). Whole lines matching the table in
    ``data/web_furniture.txt`` are removed with their line break.

    >>> from planparse.normalize.registry import run
    >>> run(web_furniture, "（四）加强督促检查。\\n附件下载:\\n扫一扫在手机上查看当前页面\\n首页 > 政务公开 > 通知\\n各地要落实。")
    '（四）加强督促检查。\\n各地要落实。'
    """
    pattern = furniture_pattern()
    edits: list[Edit] = []
    kept_before = False  # a kept line precedes: take the break before, else the one after
    for match in LINE.finditer(text):
        line = match.group().strip()
        if not (line and pattern.fullmatch(line)):
            kept_before = True
        elif kept_before:
            edits.append((match.start() - 1, match.end(), ""))
        else:
            edits.append((match.start(), min(match.end() + 1, len(text)), ""))
    return edits
