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
"""
from __future__ import annotations

import logging
import warnings
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

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


class UnitsComponent:
    """``doc.spans["units"]``: responsible units, label = role."""

    def __call__(self, doc: Doc) -> Doc:
        return _set_spans(doc, "units", find_units(doc.text), lambda v: v["role"])


class TargetsComponent:
    """``doc.spans["targets"]``: quantitative targets, label = unit (% / 次 / 工作日 …)."""

    def __call__(self, doc: Doc) -> Doc:
        return _set_spans(doc, "targets", find_targets(doc.text), lambda v: v["unit"])


class DatesComponent:
    """``doc.spans["dates"]``: dates, label = kind; month-only dates take the plan year."""

    def __init__(self, year: int | None):
        self.year = year

    def __call__(self, doc: Doc) -> Doc:
        year = doc._.plan_year or self.year
        return _set_spans(doc, "dates", find_dates(doc.text, year), lambda v: v["kind"])


@Language.factory("planparse_units", assigns=["doc.spans"])
def make_units(nlp: Language, name: str) -> UnitsComponent:
    return UnitsComponent()


@Language.factory("planparse_targets", assigns=["doc.spans"])
def make_targets(nlp: Language, name: str) -> TargetsComponent:
    return TargetsComponent()


@Language.factory("planparse_dates", assigns=["doc.spans"], default_config={"year": None})
def make_dates(nlp: Language, name: str, year: int | None) -> DatesComponent:
    return DatesComponent(year)


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
