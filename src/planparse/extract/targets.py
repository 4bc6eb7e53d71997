"""Quantitative targets → ``{text, metric, value, unit, comparator}``.

Two productions over data tables (``data/extract_targets.json``):

* percentages, in any printed form (``100%``, ``100％``, ``百分之九十五``, ``90%—95%``), with
  an optional qualifier before (不低于, 达到, 达…) and/or after (以上, 以内…); a bare number is
  ``=``; a range gives two targets over the same text (``>=`` low, ``<=`` high: the printed
  bounds are both allowed values); a prefix qualifier may be separated from the number by a
  short possessive noun phrase (``不低于辖区工程数量的15%``, ``达到上年度的120%``): Han
  characters only, ending in 的, no clause punctuation (table ``possessive_bridge``);
* counts and durations with a unit (``每年至少开展2次``, ``不少于30日``, ``2期以上``,
  ``15个工作日内``). A count is a target only when a qualifier says so: plain counts
  (``6个地区``, ``第2次会议``, ``18个工作专班``) describe, they do not set a goal, so
  precision stays high. Durations (``15个工作日内``) are targets, never dates.

``text`` is the shortest phrase holding the qualifier(s) and the number (``均`` is not part of
it); ``metric`` is the rate named right before it (``公开率达到100%`` → 公开率), else None.
"""
from __future__ import annotations

import bisect

import regex

from ..data import alternation, load_json, vocabulary_cached
from ..numerals import parse_number, to_ascii_digits

H = r"[^\S\n]*"
NUM = r"(?<![0-9.])[0-9]+(?:\.[0-9]+)?"
CN_NUM = r"[零〇一二两三四五六七八九十百]+"
RANGE_SEP = r"(?:[-—–－～~至到]|——)"


def tables() -> dict:
    """The data tables of this extractor (``data/extract_targets.json``)."""
    return load_json("extract_targets.json")



def _first_chars() -> str:
    """First characters of the prefix qualifiers: a cheap first test at each position."""
    return regex.escape("".join(sorted({w[0] for w in tables()["prefix_qualifiers"]})))


def _prefixalternation() -> str:
    """Prefix qualifiers; bare 达 only where it is not part of 下达/传达/到达…."""
    t = tables()
    words = [w for w in t["prefix_qualifiers"] if w != "达"]
    return f"{alternation(words)}|(?<![{regex.escape(t['blocked_before_da'])}])达(?!到)"


def _bridge() -> str:
    """``辖区工程数量的`` between a qualifier and its number: a short noun phrase ending in 的,
    or — after a negated comparison (不超过投资额20%, 不低于净收益70%) — a shorter one
    without it.

    Han characters only (so no clause punctuation, digits or %), none of the characters that
    start a new clause or a verb phrase (``blocked``), at most ``max_chars`` long
    (``bare_max_chars`` without 的).
    """
    b = tables()["possessive_bridge"]
    han = rf"[\p{{Han}}&&[^{regex.escape(b['blocked'])}]]"
    bare = rf"(?<=不(?:得|应|能)?(?:超过|高于|低于|少于|大于|小于|多于)){han}{{1,{b['bare_max_chars']}}}(?=[0-9])"
    return rf"(?:{han}{{0,{b['max_chars'] - 1}}}的|{bare})"


@vocabulary_cached
def percent_pattern() -> regex.Pattern:
    t = tables()
    cn_pct = rf"百分之(?P<cn>百|[零〇一二三四五六七八九十]+(?:点[零〇一二三四五六七八九]+)?|{NUM})"
    arabic = rf"(?:(?P<lo>{NUM}){H}[%％]?{H}{RANGE_SEP}{H})?(?P<n>{NUM}){H}[%％]"
    return regex.compile(
        rf"(?=[0-9百{_first_chars()}])(?:(?P<pq>{_prefixalternation()}){H}(?:{_bridge()}{H})?)?(?:{arabic}|{cn_pct})"
        rf"(?P<sq>{alternation(t['suffix_qualifiers'])})?",
        regex.V1,
    )


@vocabulary_cached
def count_pattern() -> regex.Pattern:
    """Counts need a qualifier; 至少/最少 may stand before the verb (至少开展1次)."""
    t = tables()
    units = alternation(t["count_units"])
    number = rf"(?<![第0-9.])(?P<n>{NUM}|(?<![零〇一二两三四五六七八九十百第]){CN_NUM})"
    prefix = rf"(?:(?P<pq>至少|最少)(?P<verb>[\p{{Han}}&&[^，。；、]]{{0,6}}?)|(?P<pq>{_prefixalternation()}))"
    return regex.compile(
        rf"(?=[0-9{CN_NUM[1:-2]}{_first_chars()}])(?:{prefix}{H})?{number}{H}(?P<unit>{units})(?P<sq>{alternation(t['suffix_qualifiers'])})?",
        regex.V1,
    )


@vocabulary_cached
def metric_pattern() -> regex.Pattern:
    """A noun phrase ending in a metric word, then fillers (均, 要), then optionally a link
    verb with a possessive phrase (``控制在市场价格的``), up to the target.

    The phrase is Han characters without the joiners that start another phrase (的, 和, 在…);
    ``及以上``/``以下`` and a number with a unit (``65岁及以上``) do not end it; it never starts
    inside a number (``2024年全市…率`` reads from 全市)."""
    t = tables()
    word = (rf"(?:[\p{{Han}}&&[^的和与及在是为对将]]|及以[上下]"
            rf"|(?<![0-9.])[0-9]+(?:\.[0-9]+)?(?:{alternation(t['metric_number_units'])}))")
    link = rf"(?:{alternation(t['metric_links'])}){H}(?:{_bridge()})?"
    return regex.compile(
        rf"(?<![0-9.])(?P<metric>{word}{{1,{t['metric_max_chars']}}}?(?:{alternation(t['metric_suffixes'])}))"
        rf"(?:{alternation(t['metric_fillers'])})*{H}(?:{link})?{H}$",
        regex.V1,
    )


def _comparator(pq: str | None, sq: str | None) -> str:
    """The suffix decides (90%以上), then the prefix (不低于90%); ``达到…左右`` is ``>=``
    (CONVENTIONS: 左右 only softens the number a 达到 reaches)."""
    t = tables()
    if sq and not (pq and t["suffix_qualifiers"][sq] == "="):
        return t["suffix_qualifiers"][sq]
    if pq:
        return t["prefix_qualifiers"].get(pq, ">=")
    return "="


def _metric(s: str, start: int) -> str | None:
    """The rate named right before the target (``出庭应诉率达100%`` → 出庭应诉率)."""
    m = metric_pattern().search(s[max(0, start - 2 * tables()["metric_max_chars"]):start])
    if not m:
        return None
    metric = m.group("metric")
    scope = regex.match(alternation(tables()["metric_scopes"]), metric)
    if scope and len(metric) - scope.end() >= 2:  # 全市… names where, not what
        metric = metric[scope.end():]
    return metric


def _cn_percent(s: str) -> float | None:
    if "点" in s:
        whole, frac = s.split("点", 1)
        w, f = parse_number(whole), parse_number(frac)
        return None if w is None or f is None else float(f"{int(w)}.{int(f)}")
    return parse_number(s)


LIST_GAP = regex.compile(rf"{H}(?:、|以及|和|及|与|或){H}")


def find_percents(s: str) -> list[tuple[int, int, dict]]:
    """Every percentage in ``s`` with its comparator.

    A prefix qualifier governs the bare percentages listed after it
    (``分别达到90%、95%和100%``: all three ``>=``), as one 前 governs a list of dates.

    >>> [(v["metric"], v["value"], v["comparator"]) for *_, v in find_percents("政务公开率达到100%，办结率分别不低于90%、95%")]
    [('政务公开率', 100.0, '>='), ('办结率', 90.0, '>='), (None, 95.0, '>=')]
    """
    work = to_ascii_digits(s)
    out = []
    slogan = tables()["slogan_before_percent"]
    governing: tuple[int, str] | None = None  # (end, comparator) of a qualified percentage
    bare: list[bool] = []                      # per found percentage: printed without a qualifier
    for m in percent_pattern().finditer(work):
        if m.start() and work[m.start() - 1] in slogan:
            continue  # “六个百分之百”: a count of percentages names a slogan
        value = _cn_percent(m.group("cn")) if m.group("cn") else float(m.group("n"))
        if value is None:
            continue
        text = s[m.start():m.end()]
        metric = _metric(work, m.start())
        if m.group("lo"):
            out.append((m.start(), m.end(), _target(text, metric, float(m.group("lo")), "%", ">=")))
            out.append((m.start(), m.end(), _target(text, metric, value, "%", "<=")))
            bare += [False, False]
            governing = None
            continue
        comparator = _comparator(m.group("pq"), m.group("sq"))
        if m.group("pq") and not m.group("sq"):
            governing = (m.end(), comparator)
        elif (not m.group("pq") and not m.group("sq") and governing
              and LIST_GAP.fullmatch(work, governing[0], m.start())):
            comparator = governing[1]
            governing = (m.end(), comparator)
        else:
            governing = None
        out.append((m.start(), m.end(), _target(text, metric, value, "%", comparator)))
        bare.append(not m.group("pq") and not m.group("sq"))
        if m.group("sq") and not m.group("pq"):
            suffixed_lists(work, out, bare)
    return out


def suffixed_lists(work: str, out: list, bare: list[bool]) -> None:
    """A suffix qualifier closes the whole list before it (``分别增长20%、30%以上``: both
    ``>=``): the bare percentages just before the last one, joined by 、/和/及, take it.

    >>> [v["comparator"] for *_, v in find_percents("分别增长20%、30%以上")]
    ['>=', '>=']
    """
    comparator = out[-1][2]["comparator"]
    k = len(out) - 2
    while k >= 0 and bare[k] and LIST_GAP.fullmatch(work, out[k][1], out[k + 1][0]):
        out[k][2]["comparator"] = comparator
        bare[k] = False
        k -= 1


def find_counts(s: str) -> list[tuple[int, int, dict]]:
    """Counts and durations that a qualifier turns into a target.

    >>> [(v["value"], v["unit"], v["comparator"]) for *_, v in find_counts("办理时限压缩至5个工作日以内")]
    [(5.0, '工作日', '<=')]
    """
    work = to_ascii_digits(s)
    durations = set(tables()["duration_units"])
    out = []
    for m in count_pattern().finditer(work):
        pq, sq, unit = m.group("pq"), m.group("sq"), m.group("unit")
        if sq == "内" and unit not in durations:
            sq = None
        if not pq and not sq:
            continue
        value = parse_number(m.group("n"))
        if value is None:
            continue
        unit = "工作日" if unit == "个工作日" else unit
        comparator = _comparator(pq, sq)
        out.append((m.start(), m.end(), _target(s[m.start():m.end()], None, value, unit, comparator)))
    return out


def _target(text: str, metric: str | None, value: float, unit: str, comparator: str) -> dict:
    return {"text": text, "metric": metric, "value": value, "unit": unit, "comparator": comparator}


def find_targets(s: str) -> list[tuple[int, int, dict]]:
    """Percentages and qualified counts, in reading order.

    >>> [(v["metric"], v["value"], v["unit"]) for *_, v in find_targets("公开率达到100%，5个工作日内办结")]
    [('公开率', 100.0, '%'), (None, 5.0, '工作日')]
    """
    pct = find_percents(s)
    taken = Spans([(a, b) for a, b, _ in pct])
    counts = [c for c in find_counts(s) if not taken.overlaps(c[0], c[1])]
    return sorted(pct + counts, key=lambda t: (t[0], t[1]))


class Spans:
    """Spans ``(start, end)`` that answer "does ``start:end`` overlap one of you?" by a
    bisection over their starts and the running maximum of their ends, so a long item with
    thousands of targets stays n·log n (spans may nest or repeat).

    >>> spans = Spans([(5, 8), (0, 3), (1, 2)])
    >>> spans.overlaps(3, 5), spans.overlaps(2, 4), spans.overlaps(7, 9), Spans([]).overlaps(0, 1)
    (False, True, True, False)
    """

    def __init__(self, spans: list[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.max_end: list[int] = []
        for _, b in ordered:
            self.max_end.append(max(b, self.max_end[-1]) if self.max_end else b)

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self.starts, end)  # spans starting before ``end``
        return k > 0 and self.max_end[k - 1] > start
