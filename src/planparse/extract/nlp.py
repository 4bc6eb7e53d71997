"""spaCy components over the regex extractors (blank ``zh`` + jieba, no model download).

The regex offsets are the truth: each component runs the plain extractor on ``doc.text``
and turns every ``(start, end)`` into a span with ``doc.char_span(..., alignment_mode=
"expand")`` (jieba tokens rarely end where a unit name or a date ends). The structured value
travels as the span extension ``span._.value`` (the contract dict); ``span.label_`` is the
kind (``lead``/``support``, the target unit, the date kind).

    >>> import planparse
    >>> doc = planparse.nlp()("到2025年，公开率达到100%。（责任单位：市司法局）")
    >>> [(s.text, s._.value["kind"]) for s in doc.spans["dates"]]
    [('到2025年', 'deadline')]

The document year for month-only dates is the component setting ``year`` or, per document,
``doc._.plan_year``.

Vocabulary is extended the spaCy way, by component config, without editing the package:
``unit_labels`` (label → role) and ``organ_endings`` for the units component,
``deadline_labels`` for the dates component, and for any component ``vocabulary`` — extra rows
for any data table, ``{"extract_dates.json": {"holidays": {"植树节": [3, 12]}}}``
(see :func:`planparse.data.vocabulary`).

    >>> import spacy
    >>> nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    >>> _ = nlp.add_pipe("planparse_units", config={"unit_labels": {"督办单位": "lead"},
    ...                                              "organ_endings": ["联席会议"]})
    >>> doc = nlp("督办单位：市河长制联席会议配合单位：市财政局")
    >>> [(s.text, s.label_) for s in doc.spans["units"]]
    [('市河长制联席会议', 'lead'), ('市财政局', 'support')]
"""
from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..data import check_rows, vocabulary
from .dates import find_dates
from .targets import find_targets
from .units import find_units

if not Span.has_extension("value"):
    Span.set_extension("value", default=None)
if not Doc.has_extension("plan_year"):
    Doc.set_extension("plan_year", default=None)


def _set_spans(doc: Doc, key: str, found, label_of) -> Doc:
    spans = []
    for start, end, value in found:
        span = doc.char_span(start, end, label=label_of(value), alignment_mode="expand")
        if span is None:
            continue
        span._.value = value
        spans.append(span)
    doc.spans[key] = spans
    return doc


def _rows(vocab: Mapping[str, Mapping[str, Any]], table: str, key: str, rows: Any) -> dict:
    """``vocab`` with ``rows`` added under ``table``/``key`` (when there are any)."""
    merged = {name: dict(keys) for name, keys in vocab.items()}
    if rows:
        merged.setdefault(table, {})[key] = rows
    return merged


class _Component:
    """Runs its extractor with the component's extra vocabulary in force."""

    key = ""

    def __init__(self, vocab: Mapping[str, Mapping[str, Any]] | None = None):
        self.vocab = dict(vocab or {})
        check_rows(self.vocab)  # a wrong table name fails when the pipe is added, not per doc

    def extra_rows(self) -> AbstractContextManager:
        return vocabulary(self.vocab) if self.vocab else nullcontext()

    def found(self, doc: Doc) -> list:
        raise NotImplementedError

    label_of: Callable[[dict], str]

    def __call__(self, doc: Doc) -> Doc:
        with self.extra_rows():
            return _set_spans(doc, self.key, self.found(doc), type(self).label_of)


class UnitsComponent(_Component):
    """``doc.spans["units"]``: responsible units, label = role."""

    key = "units"

    def found(self, doc: Doc) -> list:
        return find_units(doc.text)

    @staticmethod
    def label_of(value: dict) -> str:
        return value["role"]


class TargetsComponent(_Component):
    """``doc.spans["targets"]``: quantitative targets, label = unit (% / 次 / 工作日 …)."""

    key = "targets"

    def found(self, doc: Doc) -> list:
        return find_targets(doc.text)

    @staticmethod
    def label_of(value: dict) -> str:
        return value["unit"]


class DatesComponent(_Component):
    """``doc.spans["dates"]``: dates, label = kind; month-only dates take the plan year."""

    key = "dates"

    def __init__(self, year: int | None, vocab: Mapping[str, Mapping[str, Any]] | None = None):
        super().__init__(vocab)
        self.year = year

    def found(self, doc: Doc) -> list:
        return find_dates(doc.text, doc._.plan_year or self.year)

    @staticmethod
    def label_of(value: dict) -> str:
        return value["kind"]


@Language.factory("planparse_units", assigns=["doc.spans"],
                  default_config={"unit_labels": {}, "organ_endings": [], "vocabulary": {}})
def make_units(nlp: Language, name: str, unit_labels: dict[str, str], organ_endings: list[str],
               vocabulary: dict[str, dict[str, Any]]) -> UnitsComponent:
    vocab = _rows(vocabulary, "extract_units.json", "labels", unit_labels)
    return UnitsComponent(_rows(vocab, "organs.json", "organ", organ_endings))


@Language.factory("planparse_targets", assigns=["doc.spans"], default_config={"vocabulary": {}})
def make_targets(nlp: Language, name: str, vocabulary: dict[str, dict[str, Any]]) -> TargetsComponent:
    return TargetsComponent(vocabulary)


@Language.factory("planparse_dates", assigns=["doc.spans"],
                  default_config={"year": None, "deadline_labels": [], "vocabulary": {}})
def make_dates(nlp: Language, name: str, year: int | None, deadline_labels: list[str],
               vocabulary: dict[str, dict[str, Any]]) -> DatesComponent:
    return DatesComponent(year, _rows(vocabulary, "extract_dates.json", "deadline_labels", deadline_labels))


@lru_cache(maxsize=1)
def build_nlp() -> Language:
    """The pipeline, built once: blank ``zh`` with the jieba segmenter + the three components."""
    import spacy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # jieba imports pkg_resources
        import jieba

        jieba.setLogLevel(logging.WARNING)
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    for name in ("planparse_units", "planparse_targets", "planparse_dates"):
        nlp.add_pipe(name)
    return nlp
