"""One message table for English and Chinese (``data/messages.json``).

The JSON keeps English warning messages and English codes (a reader's program matches
on them); the review page and the XLSX show Chinese. Both texts of a warning come from
the same entry: :func:`warning_text` writes the English at the source of the warning,
:func:`localized` reads the values back out of that English with the same template and
fills the Chinese one. A message the table cannot read (another producer, an older
file) is shown as it is.
"""
from __future__ import annotations

import re
import string
from functools import cache, lru_cache

from .data import load_json

LANGUAGES = ("en", "zh")


@lru_cache(maxsize=1)
def table() -> dict:
    return load_json("messages.json")


def warning_text(code: str, lang: str = "en", **values) -> str:
    """A warning's message in ``lang`` from the table, ``{name!r}`` quoting its value.

    >>> warning_text("no_text_layer", page=3)
    'page 3 has no usable text layer (scanned?); its content is missing, it needs OCR'
    >>> warning_text("no_text_layer", "zh", page=3)
    '第 3 页没有可用的文字层（扫描件？），该页内容缺失，需要 OCR 识别'
    """
    return table()["warnings"][code][lang].format(**values)


@cache
def _reader(template: str) -> tuple[re.Pattern[str], tuple[tuple[str, bool], ...]]:
    """A regex reading the values out of text written with ``template``; the fields and whether quoted."""
    pattern: list[str] = []
    fields: list[tuple[str, bool]] = []
    for literal, name, _spec, conversion in string.Formatter().parse(template):
        pattern.append(re.escape(literal))
        if name is None:
            continue
        quoted = conversion == "r"
        group = f"g{len(fields)}"
        pattern.append(rf"(?P<{group}>(?:'.*?'|\".*?\"))" if quoted else rf"(?P<{group}>.*?)")
        fields.append((name, quoted))
    return re.compile("".join(pattern) + r"\Z", re.S), tuple(fields)


class _Verbatim(str):
    """A value read back with its quotes: ``!r`` must not quote it again."""

    def __repr__(self) -> str:
        return str(self)


def localized(code: str, message: str, lang: str = "zh") -> str:
    """The message of a warning with ``code`` in ``lang``, its values read from the English.

    >>> localized("bad_date", "'2021年9月31日' in p0-2.1 is no calendar date (2021-09-31); kept as text without a value")
    "p0-2.1 中的 '2021年9月31日' 不是有效日期（2021-09-31），只保留原文、不给日期值"
    >>> localized("unknown_code", "kept as it is")
    'kept as it is'
    """
    entry = table()["warnings"].get(code)
    if entry is None or lang not in entry:
        return message
    pattern, fields = _reader(entry["en"])
    m = pattern.match(message)
    if m is None:
        return message
    values = {name: _Verbatim(m.group(f"g{n}")) for n, (name, _) in enumerate(fields)}
    return entry[lang].format(**values)


def word(section: str, key: str, lang: str = "zh") -> str:
    """A word of the ``summary``/``status``/``terms`` section in ``lang`` (the key if not listed).

    >>> word("summary", "warnings"), word("status", "warn", "en")
    ('警告', 'warn')
    """
    return table().get(section, {}).get(key, {}).get(lang, key)
