"""Word auto-numbering (``numbering.xml``) rendered as the markers Word prints.

A ``w:num`` points to an ``w:abstractNum`` whose levels give a start, a number format
(``chineseCounting`` → 一, ``decimal`` → 1, ``decimalEnclosedCircle`` → ①, …) and a
text pattern (``%1、``, ``（%2）``). Counters run per ``w:num`` and a level restarts
when a shallower level advances, as Word counts.
"""
from __future__ import annotations

from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DIGITS = "零一二三四五六七八九"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"


def chinese_number(n: int) -> str:
    """``1`` → 一, ``10`` → 十, ``21`` → 二十一, ``100`` → 一百.

    >>> [chinese_number(n) for n in (1, 10, 12, 20, 21, 100, 105)]
    ['一', '十', '十二', '二十', '二十一', '一百', '一百零五']
    """
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return DIGITS[n // 10] + "十" + (DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if not rest else ("零" + DIGITS[rest] if rest < 10 else chinese_number(rest) if rest >= 20 else "一" + chinese_number(rest))
    return DIGITS[n // 100] + "百" + tail


def roman(n: int) -> str:
    values = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
              (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = []
    for value, letters in values:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """A counter in a Word number format.

    >>> format_number(3, "chineseCounting"), format_number(3, "decimalEnclosedCircle"), format_number(3, "decimal")
    ('三', '③', '3')
    """
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "chineseLegalSimplified",
               "taiwaneseCounting", "taiwaneseCountingThousand", "ideographDigital"):
        return chinese_number(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return CIRCLED[n - 1] if 0 < n <= len(CIRCLED) else str(n)
    if fmt == "ideographTraditional":
        return HEAVENLY_STEMS[(n - 1) % 10]
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerRoman":
        return roman(n).lower()
    if fmt == "upperRoman":
        return roman(n)
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass
class Numbering:
    """Levels per ``numId`` and the running counters."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)
    starts: dict[tuple[str, int], int] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def from_document(cls, document) -> Numbering:
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return cls()
        abstract = {}
        for node in root.iterchildren(W + "abstractNum"):
            levels = {}
            for lvl in node.iterchildren(W + "lvl"):
                level = Level()
                if (start := lvl.find(W + "start")) is not None:
                    level.start = int(start.get(W + "val", "1"))
                if (fmt := lvl.find(W + "numFmt")) is not None:
                    level.fmt = fmt.get(W + "val", "decimal")
                if (text := lvl.find(W + "lvlText")) is not None:
                    level.text = text.get(W + "val", "")
                levels[int(lvl.get(W + "ilvl", "0"))] = level
            abstract[node.get(W + "abstractNumId")] = levels
        numbering = cls()
        for num in root.iterchildren(W + "num"):
            ref = num.find(W + "abstractNumId")
            num_id = num.get(W + "numId")
            if ref is None or num_id is None:
                continue
            numbering.levels[num_id] = abstract.get(ref.get(W + "val"), {})
            for override in num.iterchildren(W + "lvlOverride"):
                if (start := override.find(W + "startOverride")) is not None:
                    numbering.starts[(num_id, int(override.get(W + "ilvl", "0")))] = int(start.get(W + "val", "1"))
        return numbering

    def marker(self, num_id: str, ilvl: int) -> str:
        """The marker of the next paragraph at ``(num_id, ilvl)``, advancing the counter."""
        levels = self.levels.get(num_id)
        if not levels or num_id == "0" or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        level = levels[ilvl]
        start = self.starts.get((num_id, ilvl), level.start)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = level.text
        for k in range(ilvl + 1):
            value = counters.get(k, levels[k].start if k in levels else 1)
            fmt = levels[k].fmt if k in levels else "decimal"
            text = text.replace(f"%{k + 1}", format_number(value, fmt))
        return text if level.fmt not in ("bullet", "none") else ""
