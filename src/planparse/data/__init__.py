"""Data tables shared by more than one stage, and the accessors that read them.

One table, many readers: the unit-label vocabulary lives in ``extract_units.json``
(the extractor's labels and their roles); the line joiners of ``normalize`` and
``ingest.pdf`` read the same words through :func:`unit_labels`, so a label added
for extraction also stops a line join. Page-number forms live in
``page_numbers.txt`` and serve both PDF and text/HTML furniture removal.
"""
from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from importlib import resources
from typing import Any, TypeVar

R = TypeVar("R")

#: The extra rows in force (canonical JSON of ``{table: {key: rows}}``; "" = the package's).
_EXTRA: ContextVar[str] = ContextVar("planparse_vocabulary", default="")


def alternation(words) -> str:
    """A regex alternation of literal words, longest first (alternation is ordered).

    >>> alternation(["年", "年底", "年末"])
    '年底|年末|年'
    """
    import regex

    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


def read_data(name: str) -> str:
    return (resources.files(__package__) / name).read_text(encoding="utf-8")


def vocabulary_cached(func: Callable[..., R]) -> Callable[..., R]:
    """``functools.cache`` keyed also by the vocabulary in force, for every accessor and
    pattern built from the data tables: extra rows (:func:`vocabulary`) get patterns of their
    own, and the package's patterns are never replaced by them."""
    results: dict[tuple, R] = {}

    @functools.wraps(func)
    def cached(*args: Any) -> R:
        key = (_EXTRA.get(), args)
        if key not in results:
            results[key] = func(*args)
        return results[key]

    return cached


@functools.lru_cache(maxsize=None)
def _package_table(name: str) -> dict:
    return json.loads(read_data(name))


@vocabulary_cached
def load_json(name: str) -> dict:
    """A data table with the extra rows in force (:func:`vocabulary`) added."""
    table = _package_table(name)
    extra = json.loads(_EXTRA.get() or "{}").get(name)
    return _with_rows(table, extra) if extra else table


def _with_rows(table: dict, extra: Mapping[str, Any]) -> dict:
    merged = dict(table)
    for key, rows in extra.items():
        if isinstance(merged[key], list):
            merged[key] = merged[key] + [r for r in rows if r not in merged[key]]
        else:
            merged[key] = {**merged[key], **rows}
    return merged


def check_rows(extra: Mapping[str, Mapping[str, Any]]) -> None:
    """Extra rows must name an existing table and key, with the key's shape (list or dict).

    >>> check_rows({"organs.json": {"organ": ["专班"]}})
    >>> check_rows({"organs.json": {"organs": ["专班"]}})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: vocabulary: organs.json has no table 'organs' (it has: organ, place, list_tail, ...)
    """
    for name, rows in extra.items():
        try:
            table = _package_table(name)
        except FileNotFoundError:
            raise ValueError(f"vocabulary: no data table {name!r}") from None
        for key, value in rows.items():
            if key.startswith("_") or not isinstance(table.get(key), (list, dict)):
                keys = ", ".join(k for k, v in table.items() if isinstance(v, (list, dict)) and not k.startswith("_"))
                raise ValueError(f"vocabulary: {name} has no table {key!r} (it has: {keys})")
            if not isinstance(value, type(table[key])):
                raise ValueError(f"vocabulary: {name} {key} takes a {type(table[key]).__name__} of rows")


@contextmanager
def vocabulary(extra: Mapping[str, Mapping[str, Any]]) -> Iterator[None]:
    """Extra rows for the data tables while the block runs, without editing the package:
    ``{"extract_units.json": {"labels": {"督办单位": "lead"}}, "organs.json": {"organ": ["专班"]}}``.
    Lists are extended, mappings updated; rows in force nest (inner blocks add to outer ones).

    >>> from planparse.extract.units import find_units
    >>> [v["name"] for *_, v in find_units("督办单位：市数据局")]
    []
    >>> with vocabulary({"extract_units.json": {"labels": {"督办单位": "lead"}}}):
    ...     [v["name"] for *_, v in find_units("督办单位：市数据局")]
    ['市数据局']
    """
    check_rows(extra)
    current = json.loads(_EXTRA.get() or "{}")
    for name, rows in extra.items():
        table = current.setdefault(name, {})
        for key, value in rows.items():
            if isinstance(value, list):
                table[key] = table.get(key, []) + [r for r in value if r not in table.get(key, [])]
            else:
                table[key] = {**table.get(key, {}), **value}
    token = _EXTRA.set(json.dumps(current, ensure_ascii=False, sort_keys=True) if current else "")
    try:
        yield
    finally:
        _EXTRA.reset(token)


@vocabulary_cached
def unit_labels() -> tuple[str, ...]:
    """Every unit label (责任单位, 牵头部门, 协同部门 …), longest first.

    >>> "协同部门" in unit_labels() and unit_labels()[0] == max(unit_labels(), key=len)
    True
    """
    return tuple(sorted(load_json("extract_units.json")["labels"], key=len, reverse=True))


@vocabulary_cached
def deadline_labels() -> tuple[str, ...]:
    """Column/label words that head a deadline (完成时限, 时间节点, 办结时限 …), longest first:
    one list (``extract_dates.json``) for the date extractor, task-table columns and the joiners.

    >>> "办结时限" in deadline_labels() and "完成时限" in deadline_labels()
    True
    """
    return tuple(sorted(load_json("extract_dates.json")["deadline_labels"], key=len, reverse=True))


@functools.lru_cache(maxsize=None)
def page_number_patterns() -> tuple[tuple[re.Pattern[str], bool], ...]:
    """``(whole-line pattern, strong)`` rows of ``page_numbers.txt``."""
    rows = []
    for row in read_data("page_numbers.txt").splitlines():
        if row.strip() and not row.startswith("#"):
            kind, pattern = row.split("\t", 1)
            rows.append((re.compile(rf"^(?:{pattern})$"), kind == "strong"))
    return tuple(rows)


def page_number_match(text: str) -> tuple[re.Match[str], bool] | None:
    """The first page-number form the stripped line ``text`` is, with its strength."""
    compact = text.strip()
    for pattern, strong in page_number_patterns():
        if m := pattern.match(compact):
            return m, strong
    return None


def page_number_of(text: str) -> tuple[int, bool] | None:
    """``(page number, strong)`` when the line is a page number.

    >>> page_number_of("— 3 —"), page_number_of("第 3 页 共 12 页"), page_number_of("7")
    ((3, True), (3, True), (7, False))
    >>> page_number_of("3.") is None and page_number_of("2024年3月") is None
    True
    """
    found = page_number_match(text)
    return (int(found[0].group(1)), found[1]) if found else None


@vocabulary_cached
def organ_endings() -> tuple[str, ...]:
    """Endings of organ names (``organs.json`` facet ``organ``), longest first: what an
    issuer, a signature line or a 版头 organ ends with.

    >>> "海关" in organ_endings() and "市" not in organ_endings()
    True
    """
    return tuple(sorted(load_json("organs.json")["organ"], key=len, reverse=True))


@vocabulary_cached
def unit_name_endings() -> tuple[str, ...]:
    """Endings a responsible unit's name may have: organs, localities standing for their
    government (各区), and list tails (A等, a closing bracket), longest first."""
    table = load_json("organs.json")
    return tuple(sorted(table["organ"] + table["place"] + table["list_tail"], key=len, reverse=True))


@vocabulary_cached
def unit_name_end_chars() -> str:
    """The last characters of :func:`unit_name_endings` (a name's end before a run-on label).

    >>> all(c in unit_name_end_chars() for c in "局委办）")
    True
    """
    return "".join(sorted({ending[-1] for ending in unit_name_endings()}))
