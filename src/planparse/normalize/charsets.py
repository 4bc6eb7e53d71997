"""Character knowledge shared by the fixers and the decoder, built once and cached.

* ``common_chars()``: the characters ordinary notices are written in — GB 2312
  level-1 hanzi (the 3,755 most frequent), their traditional forms (OpenCC's
  ``STCharacters``), CJK/full-width punctuation and ASCII. Mojibake is made of
  rare characters, symbols and kana; a badness score counts what falls outside.
* ``traditional_chars()``: characters that only traditional text uses — keys of
  OpenCC's ``TSCharacters`` that GB 2312 cannot encode (so 著, 乾, 余 are *not*
  evidence of traditional script, 關, 發, 決 are).
* ``opencc_t2s()``: the OpenCC converter, one per process.
"""
from __future__ import annotations

import functools
from pathlib import Path

PUNCTUATION = (
    "，。、；：？！“”‘’（）《》〈〉【】〔〕「」『』—…·－～％＋／·．"
    "\u3000\u2002\u2003\u00b7\u2014\u2026\u2013\u2160\u2161\u2162\u2163\u2164\u2165"
)


def opencc_module():
    """The ``opencc`` module, required to be opencc-python-reimplemented (pure Python).

    Three PyPI projects install a module called ``opencc``; only the reimplemented
    one ships ``dictionary/TSCharacters.txt`` next to ``opencc.py`` and accepts ``'t2s'``.
    """
    import opencc

    return opencc


def opencc_dictionary_dir() -> Path:
    return Path(opencc_module().__file__).parent / "dictionary"


@functools.lru_cache(maxsize=None)
def opencc_t2s():
    return opencc_module().OpenCC("t2s")


def _read_opencc_pairs(name: str) -> list[tuple[str, list[str]]]:
    pairs = []
    with open(opencc_dictionary_dir() / name, encoding="utf-8") as handle:
        for row in handle:
            key, _, values = row.rstrip("\n").partition("\t")
            if key:
                pairs.append((key, values.split()))
    return pairs


def _gb2312_level1() -> set[str]:
    chars = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def encodable(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


@functools.lru_cache(maxsize=None)
def common_chars() -> frozenset[str]:
    level1 = _gb2312_level1()
    chars = set(level1)
    for simplified, traditional in _read_opencc_pairs("STCharacters.txt"):
        if simplified in level1:
            chars.update(traditional)
    for variant, simplified_forms in _read_opencc_pairs("TSCharacters.txt"):
        if simplified_forms and simplified_forms[0] in level1:
            chars.add(variant)
    chars.update(PUNCTUATION)
    chars.update(chr(c) for c in range(0x20, 0x7F))
    chars.update(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width ASCII forms
    chars.update("\n\t")
    return frozenset(chars)


@functools.lru_cache(maxsize=None)
def traditional_chars() -> frozenset[str]:
    chars = set()
    for key, values in _read_opencc_pairs("TSCharacters.txt"):
        if len(key) == 1 and values and values[0] != key and not encodable(key, "gb2312"):
            chars.add(key)
    return frozenset(chars)


def badness(text: str) -> int:
    """How many characters of ``text`` fall outside :func:`common_chars`.

    >>> badness("法治政府建设"), badness("娉曟不鏀垮簻")
    (0, 4)
    """
    common = common_chars()
    return sum(1 for char in text if char not in common)
