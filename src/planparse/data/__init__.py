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
from importlib import resources


def alternation(words) -> str:
    """A regex alternation of literal words, longest first (alternation is ordered).

    >>> alternation(["年", "年底", "年末"])
    '年底|年末|年'
    """
    import regex

    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


def read_data(name: str) -> str:
    return (resources.files(__package__) / name).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=None)
def load_json(name: str) -> dict:
    return json.loads(read_data(name))


@functools.lru_cache(maxsize=None)
def unit_labels() -> tuple[str, ...]:
    """Every unit label (责任单位, 牵头部门, 协同部门 …), longest first.

    >>> "协同部门" in unit_labels() and unit_labels()[0] == max(unit_labels(), key=len)
    True
    """
    return tuple(sorted(load_json("extract_units.json")["labels"], key=len, reverse=True))


@functools.lru_cache(maxsize=None)
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


@functools.lru_cache(maxsize=None)
def organ_endings() -> tuple[str, ...]:
    """Endings of organ names (``organs.json`` facet ``organ``), longest first: what an
    issuer, a signature line or a 版头 organ ends with.

    >>> "海关" in organ_endings() and "市" not in organ_endings()
    True
    """
    return tuple(sorted(load_json("organs.json")["organ"], key=len, reverse=True))


@functools.lru_cache(maxsize=None)
def unit_name_endings() -> tuple[str, ...]:
    """Endings a responsible unit's name may have: organs, localities standing for their
    government (各区), and list tails (A等, a closing bracket), longest first."""
    table = load_json("organs.json")
    return tuple(sorted(table["organ"] + table["place"] + table["list_tail"], key=len, reverse=True))


@functools.lru_cache(maxsize=None)
def unit_name_end_chars() -> str:
    """The last characters of :func:`unit_name_endings` (a name's end before a run-on label).

    >>> all(c in unit_name_end_chars() for c in "局委办）")
    True
    """
    return "".join(sorted({ending[-1] for ending in unit_name_endings()}))
