"""Numbers as printed in plans: Arabic (half/full width) and Chinese numerals — the one
reader every stage uses (outline markers, 成文日期, targets, dates).

cn2an's ``transform`` rewrites running text (统一→统1), so we only ever convert the
substring a pattern has already isolated. Two Chinese styles occur: digit-by-digit years
(二〇二五) and positional numbers (十二, 三十四, 一百二十, 百分之九十五).
"""
from __future__ import annotations

import re

DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
MULTIPLIERS = {"十": 10, "百": 100, "千": 1000, "万": 10000}

#: character class of one Chinese numeral character (for building patterns)
CN_NUMERAL_CHARS = "".join(DIGITS) + "".join(MULTIPLIERS)

#: full-width digits, ％ and the decimal point mapped one-to-one to ASCII, so offsets survive
FULLWIDTH = str.maketrans("０１２３４５６７８９％．", "0123456789%.")
_HAS_FULLWIDTH = re.compile("[０-９％．]")


def to_ascii_digits(s: str) -> str:
    """Full-width digits → ASCII, length preserved (offsets stay valid).

    ``str.translate`` looks every character up in a dict; a regex scan first skips that
    for the usual text without full-width digits (a large share of a big input's time).

    >>> to_ascii_digits("２０２４年９５％"), to_ascii_digits("无数字")
    ('2024年95%', '无数字')
    """
    return s.translate(FULLWIDTH) if _HAS_FULLWIDTH.search(s) else s


def cn_to_int(s: str) -> int | None:
    """A Chinese numeral (十二, 三十四, 二〇二五, 一百零五) as int; None if not a numeral.

    Digit-by-digit strings without multipliers (二〇二五, 一二) read as a digit sequence.

    >>> [cn_to_int(s) for s in ("三十四", "十二", "一百零二", "二〇二三", "一万", "两千", "甲")]
    [34, 12, 102, 2023, 10000, 2000, None]
    """
    s = s.strip()
    if not s or any(ch not in DIGITS and ch not in MULTIPLIERS for ch in s):
        return None
    if not any(ch in MULTIPLIERS for ch in s):
        return int("".join(str(DIGITS[ch]) for ch in s))
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in DIGITS:
            digit = DIGITS[ch]
            continue
        mult = MULTIPLIERS[ch]
        if mult == 10000:
            total += (section + (digit or 0)) * mult
            section, digit = 0, None
        else:
            section += (1 if digit is None else digit) * mult
            digit = None
    return total + section + (digit or 0)


def int_to_cn(n: int) -> str:
    """1–99 as an outline marker prints it (the inverse of :func:`cn_to_int` there).

    >>> [int_to_cn(n) for n in (1, 10, 12, 20, 35)]
    ['一', '十', '十二', '二十', '三十五']
    """
    units = "一二三四五六七八九"
    tens, one = divmod(n, 10)
    if not 0 < n < 100:
        raise ValueError(n)
    head = "" if tens == 0 else "十" if tens == 1 else units[tens - 1] + "十"
    return head + (units[one - 1] if one else "")


def parse_number(s: str) -> float | None:
    """Arabic (``12``, ``12.5``, full width) or Chinese (``十二``, ``百``) number."""
    s = to_ascii_digits(s.strip())
    if not s:
        return None
    try:
        return float(s)
    except ValueError:
        pass
    if s == "百":
        return 100.0
    n = cn_to_int(s)
    return float(n) if n is not None else None


def parse_int(s: str) -> int | None:
    """Integer form of :func:`parse_number`; None for non-integers."""
    v = parse_number(s)
    return int(v) if v is not None and v.is_integer() else None
