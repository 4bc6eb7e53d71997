"""Chinese numerals and printed dates → ints and ISO strings.

Outline markers count in Chinese numerals to any size (`（三十四）`, `一百零二、`) and
成文日期 are printed either in Arabic digits or digit by digit in Chinese
(`二〇二三年八月十五日`). The numeral reader itself is :mod:`planparse.numerals` (one for
every stage); this module holds what segmentation builds on it.
"""
from __future__ import annotations

import re

from ..numerals import DIGITS, MULTIPLIERS, cn_to_int

#: Chinese numeral characters of outline markers and dates (not 万: no marker counts so far)
CN_NUMERAL_CHARS = "".join(DIGITS) + "".join(m for m, v in MULTIPLIERS.items() if v < 10000)
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

__all__ = ["CN_NUMERAL_CHARS", "DATE_RE", "FULLWIDTH_DIGITS", "cn_to_int", "match_to_iso", "number_value",
           "parse_full_date"]


def number_value(s: str) -> int | None:
    """A printed marker number in Arabic (incl. full-width) or Chinese numerals."""
    s = s.strip().translate(FULLWIDTH_DIGITS)
    if s.isdigit():
        return int(s)
    return cn_to_int(s)


_CN = f"[{CN_NUMERAL_CHARS}]"
# A year in Chinese digits is sometimes typed with a Latin 0/O for 〇 (二00五年).
_CN_YEAR = f"[{CN_NUMERAL_CHARS}0Oo]{{4}}"
ZERO_LOOKALIKES = str.maketrans("0Oo", "〇〇〇")
DATE_RE = re.compile(
    rf"(?P<y>(?:19|20)\d\d|{_CN_YEAR})\s*年\s*(?P<m>\d{{1,2}}|{_CN}{{1,3}})\s*月\s*(?P<d>\d{{1,2}}|{_CN}{{1,3}})\s*日"
)


def parse_full_date(s: str) -> str | None:
    """The first `YYYY年M月D日` (Arabic or Chinese numerals) in ``s`` as ISO, else None."""
    m = DATE_RE.search(s.translate(FULLWIDTH_DIGITS))
    return match_to_iso(m) if m else None


def match_to_iso(m: re.Match) -> str | None:
    """``YYYY年M月D日`` as ISO; a Chinese-digit year typed with 0 for 〇 too.

    >>> parse_full_date("二00五年三月一日"), parse_full_date("二〇二三年八月十五日")
    ('2005-03-01', '2023-08-15')
    """
    y = m.group("y")
    y = y if y.isdigit() else y.translate(ZERO_LOOKALIKES)
    year = number_value(y)
    month, day = (number_value(m.group(k)) for k in ("m", "d"))
    if not year or not month or not day or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
