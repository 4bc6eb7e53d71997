"""How sure the parser is of one extracted unit: ``high`` or ``low`` (contract ``units[].confidence``).

A badly flattened text (table cells run together, a task put where its unit should be)
makes the unit extractor read a phrase such as ``完成边缘服务组件的部署及调试`` after a
牵头单位 label. Such a phrase fails simple, documented signals that real organ names pass
(the thresholds and word lists are in ``data/extract_units.json``, ``_doc_confidence``):

* ``ending`` — the base name (less a trailing 等 and bracketed qualifiers such as
  ``（市司法局）``/``〔司法局〕``) ends in an organ or place ending of ``data/organs.json``;
* ``length`` — its length is plausible for a name;
* ``name_like`` — it does not start with a task verb (完成, 推进 …) nor hold a prose mark (的, 。);
* ``framed`` — it was read after a label with a colon, inside a bracket or in a table
  column, not after a bare label at a line start.

All four hold → ``high``; any fails → ``low`` (shown on the review page and in the tables).
"""
from __future__ import annotations

import regex

from ..data import load_json, organ_endings, unit_name_endings, vocabulary_cached

HIGH, LOW = "high", "low"
TRAILING_QUALIFIER = regex.compile(r"(?:[（(〔【\[〈<＜][^（(〔【\[〈<＜）)〕】\]〉>＞]*[）)〕】\]〉>＞]|等)+$")


@vocabulary_cached
def _table() -> dict:
    return load_json("extract_units.json")


@vocabulary_cached
def _base_endings() -> tuple[str, ...]:
    """Organ and place endings (the list tails 等/）are stripped before the check)."""
    tails = set(load_json("organs.json")["list_tail"])
    return tuple(e for e in unit_name_endings() if e not in tails) or organ_endings()


def base_name(name: str) -> str:
    """The name without a trailing 等 and bracketed qualifiers.

    >>> base_name("市委依法治市办〔司法局〕"), base_name("县（市、区）"), base_name("市直各部门〈单位〉等")
    ('市委依法治市办', '县', '市直各部门')
    """
    stripped = TRAILING_QUALIFIER.sub("", name)
    return stripped or name


def signals(name: str, *, framed: bool) -> dict[str, bool]:
    """The four signals of :func:`unit_confidence`, by name (for tests and documentation).

    >>> signals("完成边缘服务组件的部署及调试", framed=True)
    {'ending': False, 'length': True, 'name_like': False, 'framed': True}
    """
    t = _table()
    return {
        "ending": base_name(name).endswith(_base_endings()),
        "length": t["confidence_min_chars"] <= len(name) <= t["confidence_max_chars"],
        "name_like": not name.startswith(tuple(t["task_verbs"])) and not any(m in name for m in t["prose_marks"]),
        "framed": framed,
    }


def unit_confidence(name: str, *, framed: bool) -> str:
    """``high`` when every signal holds, else ``low``.

    >>> unit_confidence("市委依法治市办（市司法局）", framed=True), unit_confidence("市司法局", framed=False)
    ('high', 'low')
    >>> unit_confidence("完成边缘服务组件的部署及调试", framed=True)
    'low'
    """
    return HIGH if all(signals(name, framed=framed).values()) else LOW
