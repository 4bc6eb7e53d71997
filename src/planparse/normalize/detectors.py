"""Detectors: what normalisation cannot repair safely, reported as warnings with offsets.

They run on the final normalised text, so their offsets are final. They change nothing.
"""
from __future__ import annotations

import functools
import re

import regex

from ..messages import warning_text
from .charsets import common_chars
from .fixers import TONE_VOWELS

Finding = tuple[str, str, int]

LATIN_FRAGMENT = regex.compile(
    r"(?<=[\p{Han}（）()，。、；：“”《》][^\S\n]*)[a-z]{1,5}(?=[^\S\n]*[\p{Han}（）()，。、；：“”《》])"
)
LEFTOVER_PINYIN = regex.compile(rf"[?？]?[(（]?[a-zü]*[{TONE_VOWELS}][a-zü]*[)）]?")
REPLACEMENT_CHAR = regex.compile(r"\ufffd+")
CID_GLYPH = regex.compile(r"\(cid:\d+\)")
HAN_RUN = regex.compile(r"\p{Han}{4,}")


@functools.cache
def rare_cluster() -> re.Pattern[str]:
    """Inside a Han run: four or more characters outside :func:`.charsets.common_chars`, at
    most one common character between two of them. ``re`` keeps the large character sets
    as bitmaps, so a megabyte-long run is one fast scan (``regex`` or a per-character
    Python loop take 10-50 times longer)."""
    common = "".join(sorted(common_chars()))
    rare, usual = f"[^{re.escape(common)}]", f"[{re.escape(common)}]"
    return re.compile(f"{rare}(?:{usual}?{rare}){{3,}}")


def latin_fragments(text: str) -> list[Finding]:
    """Lower-case Latin words inside Han text: scrape noise such as a stray ``f``
    or ``and``; kept in the text (the gold keeps it), reported with its offset.

    >>> latin_fragments("优化乡镇（街道）f政务服务，方针政策 and 法律法规，PPP项目")
    [('latin_fragment', "isolated Latin 'f' inside Chinese text (scrape noise?)", 8), ('latin_fragment', "isolated Latin 'and' inside Chinese text (scrape noise?)", 19)]
    """
    return [
        ("latin_fragment", warning_text("latin_fragment", fragment=m.group()), m.start())
        for m in LATIN_FRAGMENT.finditer(text)
    ]


def garbled_fragments(text: str) -> list[Finding]:
    """Leftovers of damage no fixer could undo: pinyin without its Han character,
    U+FFFD, PDF ``(cid:N)`` glyphs and runs of rare characters typical of mojibake
    whose bytes were lost.

    >>> [f[0] for f in garbled_fragments("德才兼?zhèn)涞母咚刭|(zhì)法治，\ufffd\ufffd")]
    ['garbled_text', 'garbled_text', 'replacement_char']
    """
    findings: list[Finding] = []
    for m in LEFTOVER_PINYIN.finditer(text):
        findings.append(("garbled_text", warning_text("garbled_text", fragment=m.group()), m.start()))
    for m in REPLACEMENT_CHAR.finditer(text):
        findings.append(("replacement_char", warning_text("replacement_char", count=len(m.group())), m.start()))
    for m in CID_GLYPH.finditer(text):
        findings.append(("cid_glyph", warning_text("cid_glyph", glyph=m.group()), m.start()))
    findings.extend(suspect_mojibake(text))
    return sorted(findings, key=lambda f: f[2])


def suspect_mojibake(text: str) -> list[Finding]:
    """Han runs with four or more rare characters, at most one common one between
    them: what mojibake looks like when lost bytes stopped the repair.

    >>> suspect_mojibake("建设涞咚刭龃龉法治")
    [('suspect_mojibake', 'rare characters 涞咚刭龃龉 look like mojibake that could not be repaired', 2)]
    """
    findings: list[Finding] = []
    for run in HAN_RUN.finditer(text):
        for m in rare_cluster().finditer(run.group()):
            findings.append(("suspect_mojibake", warning_text("suspect_mojibake", fragment=m.group()), run.start() + m.start()))
    return findings


def detect(text: str) -> list[Finding]:
    """All findings on the final text, in text order."""
    return sorted(latin_fragments(text) + garbled_fragments(text), key=lambda f: f[2])
