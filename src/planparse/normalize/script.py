"""Traditional → simplified script, only for documents that are written in traditional.

Detection counts characters only traditional text uses (:func:`.traditional_chars`);
a simplified notice quoting one traditional word (决定 printed 決定) stays as printed.
Conversion is OpenCC ``t2s`` (opencc-python-reimplemented) with an override table
(``data/opencc_overrides.tsv``) for its known errors in this genre: place names with
乾 (乾安县 must not become 干安县) and 著 as the aspect particle (著力 → 着力).
"""
from __future__ import annotations

import functools

import regex

from .charsets import opencc_t2s, traditional_chars
from .context import Context
from .edits import Edit, char_edits
from .fixers import DATA_DIR

TRADITIONAL = "traditional→simplified"
HAN = regex.compile(r"\p{Han}")
MIN_TRADITIONAL_CHARS = 5
MIN_TRADITIONAL_SHARE = 0.03


@functools.cache
def override_table() -> dict[str, str]:
    table = {}
    for row in (DATA_DIR / "opencc_overrides.tsv").read_text(encoding="utf-8").splitlines():
        if row and not row.startswith("#"):
            phrase, simplified = row.split("\t")
            table[phrase] = simplified
    return table


@functools.cache
def _override_pattern() -> regex.Pattern[str]:
    phrases = sorted(override_table(), key=len, reverse=True)
    return regex.compile("|".join(regex.escape(p) for p in phrases))


def is_traditional(text: str) -> bool:
    """Whether ``text`` is written in traditional script.

    >>> is_traditional("市人民政府辦公室關於印發實施方案的通知")
    True
    >>> is_traditional("市人民政府办公室关于印发《…岩画保护的決定》的通知，全面推进")
    False
    """
    trad = traditional_chars()
    count = sum(1 for char in text if char in trad)
    if count < min(MIN_TRADITIONAL_CHARS, 2 + len(text) // 20):
        return False
    han = len(HAN.findall(text))
    return han > 0 and count / han >= MIN_TRADITIONAL_SHARE


def to_simplified(text: str) -> str:
    """OpenCC t2s with the override table applied first (string in, string out).

    >>> to_simplified("乾安縣著力推進，成效顯著")
    '乾安县着力推进，成效显著'
    """
    pieces, pos = [], 0
    converter = opencc_t2s()
    table = override_table()
    for match in _override_pattern().finditer(text):
        pieces.append(converter.convert(text[pos:match.start()]))
        pieces.append(table[match.group()])
        pos = match.end()
    pieces.append(converter.convert(text[pos:]))
    return "".join(pieces)


def traditional_to_simplified(text: str, ctx: Context | None = None) -> list[Edit]:
    """Notices re-posted on Hong Kong/Taiwan mirrors or passed through a
    converter arrive in traditional script (關於印發…實施方案), which none of the
    simplified patterns, unit names or gold titles match. When detection says the
    document is traditional, it is converted with OpenCC t2s plus overrides and the
    script is recorded as ``traditional→simplified``.

    >>> from planparse.normalize.registry import run
    >>> run(traditional_to_simplified, "關於印發實施方案的通知，著力推進乾縣")
    '关于印发实施方案的通知，着力推进乾县'
    """
    if not is_traditional(text):
        return []
    if ctx is not None:
        ctx.script = TRADITIONAL
    converter = opencc_t2s()
    table = override_table()
    edits: list[Edit] = []
    pos = 0
    for match in _override_pattern().finditer(text):
        piece = text[pos:match.start()]
        edits.extend(char_edits(piece, converter.convert(piece), pos))
        edits.extend(char_edits(match.group(), table[match.group()], match.start()))
        pos = match.end()
    edits.extend(char_edits(text[pos:], converter.convert(text[pos:]), pos))
    return edits
