"""Date and time expressions → ``{text, kind, value}`` (CONTRACT.md "Date values, by example").

A small grammar, not a list of sentences: the slots (year, month, day, quarter, half-year,
ten-day period, year/month end, deadline prefixes and suffixes, range separators, "every
year") are data in ``data/extract_dates.json``; one ``regex`` pattern composes them into
three productions — a span of whole years (period), a month range (``11—12月``) and an
atom (``到2025年``, ``6月底前``, ``每年第四季度``). A second pass merges atoms joined by a
separator into ranges, carries a 前 over a list (``3月25日、6月25日前``), carries 每年 and
an explicit year through the rest of a sentence, and reads ``完成时限：…`` as a deadline.

Shared numbers (``第一、二季度``, ``6、7月份``) give one date each; every one of them keeps
the whole shared phrase as its text (as a percentage range gives two targets over one text).
A list needs a Han character before it (``于6、7月``), so an outline marker (``1、6月底前``,
``：1、6月底前``) is never read as a month. ``2024年初`` and ``2025年春节前`` (a lunar holiday)
stay at year granularity — a deadline too (``到2025年初`` → ``2025``, never the year's last
day); holidays on a fixed day (``2024年国庆节前``) give that day. Without a year, ``年初`` and
``春节前`` are not dates: the grammar has no number to anchor them.

Not dates by construction: a year needs 年 (so 〔2023〕 and 12345 never match), a month needs
its own 月 (so ``1-2个`` and ``60日内`` never match) and every anchor needs a number, so
``每年至少一次``, ``按季度`` and ``年度报告`` have nothing to match.
"""
from __future__ import annotations

import bisect
import calendar
import datetime
from collections.abc import Sequence
from dataclasses import dataclass, replace

import regex

from ..data import alternation, deadline_labels, load_json, vocabulary_cached
from ..numerals import cn_to_int, to_ascii_digits

H = r"[^\S\n]*"  # spaces as printed in PDFs ("2022 年"), never a line break


def tables() -> dict:
    """The data tables of this extractor (``data/extract_dates.json``)."""
    return load_json("extract_dates.json")



YEAR_NUM = (r"(?:(?<![0-9.])(?:1[89][0-9]{2}|2[01][0-9]{2})(?![0-9])"
            r"|(?<![〇零○一二三四五六七八九十])[〇零○一二三四五六七八九]{4})")
MONTH_NUM = (r"(?<![0-9〇零○一二两三四五六七八九十百千个几每第])"
             r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])(?![0-9])")
DAY_NUM = (r"(?<![0-9])(?:3[01]|[12][0-9]|0?[1-9]|三十一?|二十[一二三四五六七八九]?"
           r"|十[一二三四五六七八九]?|[一二三四五六七八九])(?![0-9])")
QUARTER_NUM = (r"(?<!前)(?:(?P<qlist>(?:第|(?<=\p{Han}))[一二三四1-4](?:[^\S\n]*、[^\S\n]*第?[一二三四1-4])*)"
               r"(?P<qsep>[^\S\n]*、[^\S\n]*))?"  # 第一、二季度: shared 季度
               r"第?(?P<q>[一二三四1-4])季度(?!一)")  # 一季度一调度 is a frequency
NUMERIC_DATE = (r"(?<![0-9.])(?P<y>(?:19|20|21)[0-9]{2})(?P<ds>[./．-])(?P<m>1[0-2]|0?[1-9])"
                r"(?:(?P=ds)(?P<d>3[01]|[12][0-9]|0?[1-9]))?(?![0-9.]|[万亿元千百个%％吨米人家项])")
END_WORD = r"[底末](?![线数子层部位端尾])"


@vocabulary_cached
def pattern() -> regex.Pattern:
    """The composed grammar (compiled once)."""
    t = tables()
    sep = f"(?:{alternation(t['range_separators'])})"
    xun = alternation(k for k in t["ten_day_periods"] if k.endswith("旬"))
    half = alternation(t["half_years"])
    blocked = regex.escape(t["to_blocked_after"])
    pre = f"(?P<pre>{alternation(w for w in t['deadline_prefixes'] if w not in ('到',))}|(?<![{blocked}])到)"
    suffixes = t["deadline_suffixes"] + t["point_suffixes"]
    suf = "|".join(
        regex.escape(w) + ("(?![后一二三四五六七八九十两0-9])" if w == "前" else "")
        + ("(?![续期来面])" if w == "后" else "")
        + ("(?![容部外涵])" if w == "内" else "")
        for w in sorted(suffixes, key=len, reverse=True)
    )
    no_bare_end = regex.escape(t["not_before_bare_year_end"])
    no_bare_within = regex.escape(t["not_before_bare_year_within"])
    # 11月5日（星期五）前; 8月31日（含8月31日）以前: a note on the same day is part of the date
    weekday = (r"(?:[（(](?:(?:星期|周|礼拜)[一二三四五六日天]"
               rf"|含(?:(?:{MONTH_NUM}月)?{DAY_NUM}[日号]|当[日天])?)[）)])?")
    month_tail = (f"(?:(?P<d>{DAY_NUM}){H}[日号]{weekday}|(?P<xun>{xun})|(?P<mend>{END_WORD}))?")
    month_list = f"(?:(?P<mlist>(?<=\\p{{Han}}){MONTH_NUM}(?:{H}、{H}{MONTH_NUM})*)(?P<msep>{H}、{H}))?"  # 6、7月
    month = f"{month_list}(?P<m>{MONTH_NUM}){H}月(?!一[^日号])(?:份)?{H}{month_tail}"  # 一月一报: a frequency
    year_start = f"(?P<ystart>初(?![{regex.escape(t['not_after_year_start'])}]))"
    holiday = f"(?P<holiday>{alternation(t['holidays'])})"
    year_tail = (f"(?:(?P<yend>年?{END_WORD})|{QUARTER_NUM}(?P<qend>{END_WORD})?|(?P<half>{half})"
                 f"|{month}|(?P<ydu>度)|{year_start}|{holiday})?")
    atom = (
        f"(?:(?P<every>{alternation(t['every_words'])}){H})?(?:{pre}(?:{H}|{H}\\n{H}))?"  # a copy may wrap after 到
        f"(?:(?P<y>{YEAR_NUM}){H}年{H}{year_tail}"
        f"|(?P<rel>{alternation(t['relative_years'])}){H}(?:(?P<yend>{END_WORD})|{QUARTER_NUM}(?P<qend>{END_WORD})?"
        f"|(?P<half>{half})|{month})"  # 明年6月底前: the plan year + 1; 明年 alone is deixis
        f"|(?P<everyend>(?<=每年){END_WORD})"
        f"|(?P<yend>(?<![{no_bare_end}])年{END_WORD})"
        f"|(?P<yend>(?<![{no_bare_within}])年内(?![容部外涵]))"  # 年内/今年内, not 3年内/一年内
        f"|{QUARTER_NUM}(?P<qend>{END_WORD})?"
        f"|(?P<half>{half})"
        f"|{month}"
        f"|(?<=每月{H})(?P<d>{DAY_NUM}){H}[日号]"
        f"|{NUMERIC_DATE})"
        f"(?P<suf>{suf})?"
    )
    period = (f"(?P<py1>{YEAR_NUM}){H}年?{H}{sep}{H}(?P<py2>{YEAR_NUM}){H}年"
              f"(?!{H}(?:[0-9]|[一二三四五六七八九十]+{H}月|[底末]|第|[上下]半年))")
    month_range = (f"(?:(?P<every>每年){H})?(?:(?P<y>{YEAR_NUM}){H}年{H})?"
                   f"(?P<rm1>{MONTH_NUM}){H}(?:月份?)?{H}{sep}{H}(?P<rm2>{MONTH_NUM}){H}月份?"
                   f"(?P<mend>{END_WORD})?")
    starts = _first_chars(t)
    return regex.compile(f"(?=[{starts}])(?:(?P<period>{period})|(?P<mrange>{month_range})|(?P<atom>{atom}))")


def _first_chars(t: dict) -> str:
    """Every character an expression can start with: a cheap first test at each position."""
    words = list(t["every_words"]) + list(t["deadline_prefixes"]) + list(t["half_years"]) + list(t["relative_years"])
    chars = set("0123456789〇零○一二三四五六七八九十年第底末") | {w[0] for w in words}
    return regex.escape("".join(sorted(chars)))


@vocabulary_cached
def _label_pattern() -> regex.Pattern:
    """``完成时限：`` right before a date: the date is that task's deadline."""
    return regex.compile(f"(?:{alternation(deadline_labels())}){H}[:：]?{H}$")


SENTENCE_END = regex.compile(r"[。；;！？!?\n]")
LIST_JOINER = regex.compile(f"^{H}[、和及与或]{H}$")


@dataclass
class Atom:
    """One matched expression with its slots read out."""

    start: int
    end: int
    kind_hint: str  # atom | period | mrange
    every: str | None = None
    pre: str | None = None
    year: int | None = None
    year_explicit: bool = False
    grain: str = "year"  # year | yearstart | yearend | quarter | half | month | xun | day
    month: int | None = None
    month2: int | None = None
    year2: int | None = None
    day: int | None = None
    quarter: int | None = None
    half: str | None = None
    xun: str | None = None
    end_word: bool = False
    suf: str | None = None
    rel: int | None = None  # 明年 (+1), 去年 (-1): years counted from the plan year


def _num(s: str | None) -> int | None:
    if s is None:
        return None
    s = to_ascii_digits(s).strip()
    return int(s) if s.isdigit() else cn_to_int(s)


def _read_atoms(m: regex.Match) -> list[Atom]:
    """The atom of one match, and one more per shared number before it (``第一、二季度``).

    A list that does not count up (``二、一季度``) is not a list: only the last number is
    read, from where it starts when nothing (a year, 到, 每年) stands before the list.
    """
    a = _read_atom(m)
    if a is None:
        return []
    for slot, sep, field, top in (("mlist", "msep", "month", 12), ("qlist", "qsep", "quarter", 4)):
        if not m.group(slot) or getattr(a, field) is None:
            continue
        shared = [_num(regex.sub(r"[\s第]", "", x)) for x in m.group(slot).split("、")]
        numbers = shared + [getattr(a, field)]
        if a.grain != "day" and all(n is not None and 1 <= n <= top for n in numbers) and numbers == sorted(set(numbers)):
            return [_with_slot(a, field, n) for n in shared] + [a]
        if m.start(slot) == m.start():
            a.start = m.end(sep)
    return [a]


def _with_slot(a: Atom, field: str, value: int | None) -> Atom:
    """A copy of ``a`` with one numeric slot (month, quarter) set."""
    copy = replace(a)
    setattr(copy, field, value)
    return copy


def _read_atom(m: regex.Match) -> Atom | None:
    """Slots of one match; None when the numbers are not a calendar date."""
    g = m.groupdict()
    if g["period"]:
        y1, y2 = _num(g["py1"]), _num(g["py2"])
        if y1 is None or y2 is None or not (_plausible_year(y1) and _plausible_year(y2) and y1 < y2):
            return None
        return Atom(m.start(), m.end(), "period", year=y1, year2=y2, year_explicit=True)
    if g["mrange"]:
        m1, m2 = _num(g["rm1"]), _num(g["rm2"])
        if not (m1 and m2 and 1 <= m1 < m2 <= 12):
            return None
        y = _num(g["y"])
        if y is not None and not _plausible_year(y):
            return None
        return Atom(m.start(), m.end(), "mrange", every=g["every"], year=y, year_explicit=y is not None,
                    grain="month", month=m1, month2=m2, end_word=bool(g["mend"]))
    a = Atom(m.start(), m.end(), "atom", every=g["every"], pre=g["pre"], suf=g["suf"])
    if g["everyend"] and g["every"] != "每年":
        return None
    if g["rel"]:
        a.rel = tables()["relative_years"][g["rel"]]
    if g["y"]:
        a.year, a.year_explicit = _num(g["y"]), True
        if not _plausible_year(a.year):
            return None
    if g["yend"] or g["everyend"]:
        a.grain, a.end_word = "yearend", True
    elif g["ystart"]:
        a.grain = "yearstart"
    elif g["holiday"]:
        fixed = tables()["holidays"][g["holiday"]]
        if fixed:
            a.grain, a.month, a.day = "day", fixed[0], fixed[1]
        else:
            a.grain = "yearstart"
    elif g["q"]:
        a.grain, a.quarter, a.end_word = "quarter", _num(g["q"]), bool(g["qend"])
    elif g["half"]:
        a.grain, a.half = "half", g["half"]
    elif g["m"]:
        a.month = _num(g["m"])
        if not a.month or not 1 <= a.month <= 12:
            return None
        a.grain = "month"
        if g["d"]:
            a.grain, a.day = "day", _num(g["d"])
        elif g["xun"]:
            a.grain, a.xun = "xun", g["xun"]
        a.end_word = bool(g["mend"])
    elif g["d"]:  # 每月15日
        a.grain, a.day = "monthday", _num(g["d"])
    elif not g["y"]:
        return None
    if a.day is not None and not 1 <= a.day <= 31:
        return None
    if a.every and a.pre:
        return None
    return a


def _plausible_year(y: int | None) -> bool:
    return y is not None and 1900 <= y <= 2199


# ---------------------------------------------------------------------------------------
# values
# ---------------------------------------------------------------------------------------
def _ystr(y: int | None) -> str:
    return f"{y:04d}" if y is not None else "XXXX"  # EDTF "unspecified year"


def _last_day(y: int | None, month: int | None) -> int:
    return calendar.monthrange(y if y is not None else 2001, _filled(month))[1]


def _filled(slot: int | None) -> int:
    """A slot the atom's grain guarantees (a quarter atom has its quarter, a day its month)."""
    if slot is None:
        raise ValueError("atom slot missing for its grain")
    return slot


def own_value(a: Atom, y: int | None) -> str:
    """The expression at its own granularity (``2025``, ``2025-06``, ``2025-Q1``…)."""
    ys = _ystr(y)
    if a.grain in ("year", "yearstart"):
        return ys
    if a.grain == "quarter":
        return end_value(a, y) if a.end_word else f"{ys}-Q{a.quarter}"
    if a.grain == "half":
        lo, hi = tables()["half_years"][a.half]
        return f"{ys}-{lo:02d}/{ys}-{hi:02d}"
    if a.grain in ("month", "xun"):
        return end_value(a, y) if a.end_word else f"{ys}-{a.month:02d}"
    if a.grain == "day":
        return f"{ys}-{a.month:02d}-{a.day:02d}"
    return end_value(a, y)


def start_value(a: Atom, y: int | None) -> str:
    """First moment of the expression, for the left end of a range."""
    if a.grain == "half":
        return f"{_ystr(y)}-{tables()['half_years'][a.half][0]:02d}"
    if a.grain == "quarter":
        return f"{_ystr(y)}-{3 * _filled(a.quarter) - 2:02d}"
    return own_value(a, y)


def end_value(a: Atom, y: int | None) -> str:
    """Last day of the period the expression names (deadlines that end a period)."""
    ys = _ystr(y)
    if a.grain == "yearstart":  # 到2025年初: early in the year, no last day to give
        return ys
    if a.grain in ("year", "yearend"):
        return f"{ys}-12-31"
    if a.grain == "quarter":
        m = 3 * _filled(a.quarter)
        return f"{ys}-{m:02d}-{_last_day(y, m):02d}"
    if a.grain == "half":
        m = tables()["half_years"][a.half][1]
        return f"{ys}-{m:02d}-{_last_day(y, m):02d}"
    if a.grain == "xun":
        d = min(tables()["ten_day_periods"][a.xun], _last_day(y, a.month))
        return f"{ys}-{a.month:02d}-{d:02d}"
    if a.grain == "month":
        return f"{ys}-{a.month:02d}-{_last_day(y, a.month):02d}"
    if a.grain == "day":
        return f"{ys}-{a.month:02d}-{a.day:02d}"
    raise ValueError(a.grain)


def before_value(a: Atom, y: int | None) -> str:
    """A deadline read as ``X前``, and a date under a 完成时限 label or column, which the
    contract reads the same way (``2024年6月前; 完成时限：2023年10月`` → ``2024-06``;
    ``2023-10``): the expression's own granularity when that is one unit (year, month, day,
    quarter), the last day when the expression is itself a span (上半年, 下旬): a deadline
    value is never a range."""
    if a.grain in ("half", "xun"):
        return end_value(a, y)
    return own_value(a, y)


def recurring_value(a: Atom) -> str | None:
    """``--MM-DD``, ``--MM``, ``Q1``… (每年) or ``---DD`` (每月)."""
    if a.grain == "monthday":
        return f"---{a.day:02d}"
    if a.kind_hint == "mrange":
        return f"--{a.month:02d}/--{a.month2:02d}"
    if a.grain == "yearend":
        return "--12-31"
    if a.grain == "quarter":
        return f"Q{a.quarter}"
    if a.grain == "half":
        lo, hi = tables()["half_years"][a.half]
        return f"--{lo:02d}/--{hi:02d}"
    if a.grain in ("month", "xun"):
        if a.end_word or (a.suf in ("底前", "末前")):
            return f"--{a.month:02d}-{_last_day(None, a.month):02d}"
        return f"--{a.month:02d}"
    if a.grain == "day":
        return f"--{a.month:02d}-{a.day:02d}"
    return None


def classify(a: Atom, y: int | None, recurring: bool, labelled: bool) -> tuple[str, str | None] | None:
    """(kind, value) of one atom; see the CONTRACT table."""
    t = tables()
    if a.kind_hint == "period":
        return "period", f"{a.year}/{a.year2}"
    if a.kind_hint == "mrange":
        if recurring:
            return "recurring", recurring_value(a)
        ys = _ystr(y)
        right = (f"{ys}-{a.month2:02d}-{_last_day(y, a.month2):02d}" if a.end_word  # 6月至12月底
                 else f"{ys}-{a.month2:02d}")
        return "range", f"{ys}-{a.month:02d}/{right}"
    if recurring:
        value = recurring_value(a)
        return ("recurring", value) if value else None
    if a.grain == "monthday":
        return None
    if a.pre or a.end_word or a.suf in ("底前", "末前", "以内", "之内", "内"):
        return "deadline", end_value(a, y)
    if a.suf in t["deadline_suffixes"] or labelled:
        return "deadline", before_value(a, y)
    if a.suf in t["point_suffixes"]:
        return "point", start_value(a, y)
    if a.grain == "half":
        return "range", own_value(a, y)
    return "point", own_value(a, y)


# ---------------------------------------------------------------------------------------
# second pass: ranges, lists under one 前, sentence context
# ---------------------------------------------------------------------------------------
@vocabulary_cached
def _sep_only() -> regex.Pattern:
    return regex.compile(f"^{H}(?:{alternation(tables()['range_separators'])}){H}$")


@vocabulary_cached
def _day_continuation() -> regex.Pattern:
    return regex.compile(f"{H}(?:{alternation(tables()['range_separators'])}){H}(?P<d>{DAY_NUM}){H}[日号]")


RANGE_GRAINS = ("day", "month", "quarter", "half")  # 9月1日-10月31日, 第二季度至第三季度


def range_end_value(b: Atom, y: int | None) -> str:
    """Right end of a range: a day or month as printed, a quarter or half-year as its last
    month (``第二季度至第三季度`` → ``…-04/…-09``), a month end (``…至6月底``) as its last day."""
    if b.end_word or b.suf in ("底前", "末前"):
        return end_value(b, y)
    if b.grain == "quarter":
        return f"{_ystr(y)}-{3 * _filled(b.quarter):02d}"
    if b.grain == "half":
        return f"{_ystr(y)}-{tables()['half_years'][b.half][1]:02d}"
    return own_value(b, y)


def _merge_ranges(s: str, atoms: list[Atom]) -> list[tuple[Atom, Atom | None]]:
    """Pair atoms joined by a separator (``9月1日-10月31日``, ``…至8月31日``) into ranges."""
    out: list[tuple[Atom, Atom | None]] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        if a.kind_hint == "atom" and not a.every and not a.suf and a.grain in RANGE_GRAINS:
            if i + 1 < len(atoms):
                b = atoms[i + 1]
                gap = s[a.end:b.start]
                joined = b.start >= a.end and ((_sep_only().match(gap) and not b.pre)
                                               or (gap.strip() == "" and b.pre in ("至", "到")))
                if joined and b.kind_hint == "atom" and not b.every and b.grain == a.grain:
                    out.append((a, b))
                    i += 2
                    continue
            if a.grain == "day":
                cont = _day_continuation().match(s, a.end)
                if cont:
                    b = Atom(cont.start(), cont.end(), "atom", grain="day", month=a.month,
                             day=_num(cont.group("d")))
                    if b.day and a.day and b.day > a.day:
                        out.append((a, b))
                        i += 1
                        continue
        out.append((a, None))
        i += 1
    return out


def _sentence_ends(s: str) -> list[int]:
    """Offsets just past every sentence end (。；;！？ and line breaks), ascending: the
    sentence number of an offset is how many of them lie at or before it
    (``bisect_right``), so a megabyte-long item costs one regex scan, not a list per char.

    >>> ends = _sentence_ends("甲。乙；丙")
    >>> ends, [bisect.bisect_right(ends, i) for i in range(6)]
    ([2, 4], [0, 0, 1, 1, 2, 2])
    """
    return [m.end() for m in SENTENCE_END.finditer(s)]


#: An arabic outline marker right before a year or a month (``1.2018年，…``, ``6.6月底前…``):
#: the item's number, which must not read as digits of the date.
NUMBER_MARKER_BEFORE_DATE = regex.compile(r"(?m)^([ \t\u3000]*\d{1,3}[.．、])(?=(?:19|20)\d\d|\d{1,2}月)")


def _without_number_markers(work: str) -> str:
    """``work`` with such markers blanked (same length, so offsets stay).

    >>> _without_number_markers("1.2018年，扩大招生")
    '  2018年，扩大招生'
    """
    return NUMBER_MARKER_BEFORE_DATE.sub(lambda m: " " * len(m.group(1)), work)


def find_dates(s: str, year: int | None = None,
               deadline_cells: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int, dict]]:
    """Every calendar expression in ``s`` as ``(start, end, {text, kind, value})``.

    ``year`` is the plan year (成文日期, else the title's) for expressions without a year;
    dates inside ``deadline_cells`` (a table's 完成时限 column) are deadlines.

    >>> [(v["text"], v["kind"], v["value"]) for *_, v in find_dates("6月底前完成，每年2月20日前报送。", 2025)]
    [('6月底前', 'deadline', '2025-06-30'), ('每年2月20日前', 'recurring', '--02-20')]
    """
    roc = roc_dates(s)
    work = _blanked(_without_number_markers(to_ascii_digits(s)), [(a, b) for a, b, _ in roc])  # read once
    return sorted(_calendar_dates(s, work, year, deadline_cells) + roc, key=lambda found: found[0])


#: A date in the ROC (民国) calendar, as Taiwan's documents print it: with 中华民国/民国, or a
#: year of a hundred and more (一百十三年五月三十一日), which no Gregorian year is written as.
ROC_DATE = regex.compile(
    r"(?:(?P<era>(?:中华)?民国)[^\S\n]*)?(?P<y>一百(?:零?[一二三四五六七八九]|[一二三四五六七八九]?十[一二三四五六七八九]?)?"
    r"|[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])[^\S\n]*年[^\S\n]*"
    r"(?P<m>十[一二]?|[一二三四五六七八九])[^\S\n]*月[^\S\n]*"
    r"(?P<d>三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])[^\S\n]*日")
ROC_OFFSET = 1911


def roc_dates(s: str) -> list[tuple[int, int, dict]]:
    """Full dates of the ROC calendar as points, their values Gregorian (民国 year + 1911).

    >>> [(v["text"], v["value"]) for *_, v in roc_dates("自中华民国一百零四年一月一日施行；一百十三年五月三十一日修正")]
    [('中华民国一百零四年一月一日', '2015-01-01'), ('一百十三年五月三十一日', '2024-05-31')]
    >>> roc_dates("经过十年三月一日") == []  # 十年 without 民国 is a span of years
    True
    """
    out = []
    for m in ROC_DATE.finditer(s):
        roc_year, month, day = cn_to_int(m.group("y")), cn_to_int(m.group("m")), cn_to_int(m.group("d"))
        if roc_year is None or month is None or day is None or not (m.group("era") or roc_year >= 100):
            continue
        try:
            value = datetime.date(roc_year + ROC_OFFSET, month, day).isoformat()
        except ValueError:
            continue
        out.append((m.start(), m.end(), {"text": m.group(0), "kind": "point", "value": value}))
    return out


def _blanked(work: str, spans: list[tuple[int, int]]) -> str:
    """``work`` with the sorted ``spans`` replaced by a filler no grammar reads (same length).

    >>> _blanked("自一百年一月一日起", [(1, 8)])
    '自＿＿＿＿＿＿＿起'
    """
    if not spans:
        return work
    pieces, at = [], 0
    for start, end in spans:
        pieces += [work[at:start], "\uff3f" * (end - start)]
        at = end
    return "".join(pieces) + work[at:]


def _calendar_dates(s: str, work: str, year: int | None,
                    deadline_cells: Sequence[tuple[int, int]]) -> list[tuple[int, int, dict]]:
    """The grammar's expressions in ``work`` (``s`` with digits made ASCII and ROC dates blanked)."""
    atoms = [a for m in pattern().finditer(work) for a in _read_atoms(m)]
    if not atoms:
        return []
    sentence_ends = _sentence_ends(work)
    _carry_list_suffix(work, atoms)
    out: list[tuple[int, int, dict]] = []
    every_sentence: set[int] = set()
    year_in_sentence: dict[int, int | None] = {}
    for a, b in _merge_ranges(work, atoms):
        sid = bisect.bisect_right(sentence_ends, a.start)
        if a.every == "每年":
            every_sentence.add(sid)
        if a.year_explicit and _sets_sentence_year(a):
            year_in_sentence[sid] = a.year
        y = a.year if a.year_explicit else year_in_sentence.get(sid, year)
        if a.rel is not None:
            y = None if year is None else year + a.rel
            if y is not None and not (a.every or sid in every_sentence):
                year_in_sentence[sid] = y  # 明年6月底前试点，9月底前推开: both next year
        end = (b or a).end
        text = s[a.start:end]
        if b is not None:
            y2 = b.year if b.year_explicit else y
            if b.year_explicit:
                year_in_sentence[sid] = b.year
            b_end = range_end_value(b, y2)
            out.append((a.start, end, {"text": text, "kind": "range",
                                       "value": f"{start_value(a, y)}/{b_end}"}))
            continue
        recurring = bool(a.every) or (sid in every_sentence and not a.year_explicit
                                      and a.grain not in ("year",) and not a.pre)
        labelled = (bool(_label_pattern().search(work[max(0, a.start - 12):a.start]))
                    or any(c0 <= a.start < c1 for c0, c1 in deadline_cells))
        kv = classify(a, y, recurring, labelled)
        if kv:
            out.append((a.start, end, {"text": text, "kind": kv[0], "value": kv[1]}))
    return out


def _sets_sentence_year(a: Atom) -> bool:
    """A dated step finer than a year (2025年6月底前, 2025年底) lends its year to the
    sentence's later month-only dates; a bare year does not — neither a cited one
    (对标2021年测评) nor a long-range goal (到2025年) — and a period does not."""
    return a.kind_hint != "period" and a.grain != "year"


def _carry_list_suffix(s: str, atoms: list[Atom]) -> None:
    """``3月25日、6月25日、11月30日前``: one 前 governs every date of the list."""
    for i in range(len(atoms) - 2, -1, -1):
        a, b = atoms[i], atoms[i + 1]
        if (a.kind_hint == "atom" and not a.suf and not a.pre and b.suf
                and b.suf in tables()["deadline_suffixes"] and a.grain == b.grain
                and (LIST_JOINER.match(s[a.end:b.start]) or (a.start, a.end) == (b.start, b.end))):
            a.suf, a.end_word = b.suf, a.end_word or b.end_word


ISO_DAY = regex.compile(r"(?:(?P<y>\d{4})|-)-(?P<m>\d{2})-(?P<d>\d{2})")


def is_calendar_value(value: str) -> bool:
    """Every day in an ISO value exists (a month-day without a year may be 29 February).

    >>> is_calendar_value("2021-09-30/2021-10-31"), is_calendar_value("2021-09-31"), is_calendar_value("--02-29")
    (True, False, True)
    """
    import datetime

    for m in ISO_DAY.finditer(value):
        try:
            datetime.date(int(m.group("y") or 2000), int(m.group("m")), int(m.group("d")))
        except ValueError:
            return False
    return True
