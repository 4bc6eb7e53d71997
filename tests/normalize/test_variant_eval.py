"""Issue 4 acceptance: every degraded variant of every corpora text scores like the clean text.

The variants are generated at test time by ``tests/tools/degrade.py``, parsed with the whole
pipeline, written as ``NAME.<variant>.json`` and scored with :func:`planparse.evaluate.evaluate`
against ``tests/gold``; every score field must lie within :data:`TOLERANCE` of the clean
``.txt``'s, and ``normalization.repairs`` must name the repair the variant needs.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from planparse.evaluate import evaluate
from planparse.pipeline import parse

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "tools"))
from degrade import REPAIR_KINDS, VARIANTS, degrade  # noqa: E402

CORPORA = ROOT / "corpora"
GOLD = ROOT / "tests" / "gold"
DOCS = sorted(CORPORA.glob("*.txt"))
TOLERANCE = 0.01


def flat_scores(scores: dict, prefix: str = "") -> dict[str, float | None]:
    """``{"items": {"f1": 1.0}}`` → ``{"items.f1": 1.0}``: every score field by name."""
    flat: dict[str, float | None] = {}
    for key, value in scores.items():
        if isinstance(value, dict):
            flat.update(flat_scores(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


@pytest.fixture(scope="module")
def scored(tmp_path_factory) -> dict[tuple[str, str], tuple[dict, list[str]]]:
    """``(doc stem, variant)`` → (flat scores, repair kinds) for the clean text and every variant."""
    src = tmp_path_factory.mktemp("variants")
    out = tmp_path_factory.mktemp("pred")
    repairs: dict[tuple[str, str], list[str]] = {}
    for doc in DOCS:
        clean = doc.read_text(encoding="utf-8")
        for variant in ("orig", *VARIANTS):
            text = clean if variant == "orig" else degrade(clean, variant)
            path = src / f"{doc.stem}.{variant}.txt"
            path.write_text(text, encoding="utf-8")
            document = parse(path)
            name = doc.stem if variant == "orig" else f"{doc.stem}.{variant}"
            (out / f"{name}.json").write_text(document.to_json(), encoding="utf-8")
            repairs[(doc.stem, variant)] = [r.kind for r in document.normalization.repairs]
    summary = evaluate(GOLD, out)
    assert summary["n_fail"] == 0 and summary["n_missing"] == 0
    result = {}
    for row in summary["files"]:
        key = (row["name"], row["variant"])
        result[key] = (flat_scores(row["scores"]), repairs[key])
    return result


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.stem[:3])
def test_variant_scores_like_the_clean_text(doc, variant, scored):
    clean, _ = scored[(doc.stem, "orig")]
    degraded, _ = scored[(doc.stem, variant)]
    off = {
        field: (clean[field], degraded.get(field))
        for field in clean
        if (clean[field] is None) != (degraded.get(field) is None)
        or (clean[field] is not None and abs(clean[field] - degraded[field]) > TOLERANCE)
    }
    assert not off, f"{variant}: fields off by more than {TOLERANCE} (clean, variant): {off}"


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.stem[:3])
def test_variant_repairs_are_named(doc, variant, scored):
    _, kinds = scored[(doc.stem, variant)]
    for kind in REPAIR_KINDS[variant]:
        assert kind in kinds, f"{variant}: repair {kind!r} not in normalization.repairs {kinds}"


def test_flat_scores_names_nested_fields():
    assert flat_scores({"items": {"f1": 1.0, "p": None}, "meta_acc": 0.5}) == {
        "items.f1": 1.0, "items.p": None, "meta_acc": 0.5}
