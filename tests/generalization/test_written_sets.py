"""Regression sets of plan notices written for the tests (``sets/``), scored against floors.

``sets/manifest.json`` records, per document, its set, input form, style, its floors and
whether rules were tuned while looking at it (all were: these sets guard against regressions;
they are not evidence that the rules reach documents nobody here wrote — the real notices of
``tests/real``, ``tests/holdout`` and ``tests/unseen`` are). A floor is the first-run score
rounded down, raised when a fix lands and never lowered without saying why in the change;
``null`` means the metric is undefined for that document.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from planparse.evaluate import evaluate
from planparse.pipeline import parse

SETS = Path(__file__).with_name("sets")
MANIFEST = json.loads((SETS / "manifest.json").read_text(encoding="utf-8"))
DOCUMENTS = {(d["set"], d["name"]): d for d in MANIFEST["documents"]}

#: How each floor is read from a document's scores.
METRICS = {
    "items_f1": lambda s: s["items"]["f1"],
    "title_acc": lambda s: s["title_acc"],
    "meta_acc": lambda s: s["meta_acc"],
    "units_f1": lambda s: s["units"]["f1"],
    "percents_f1": lambda s: s["percents"]["f1"],
    "dates_f1": lambda s: s["dates"]["f1"],
    "date_value_acc": lambda s: s["date_value_acc"],
}


def set_inputs(name: str) -> list[Path]:
    return sorted((SETS / name / "docs").iterdir())


def below_floors(doc: dict, scores: dict) -> list[str]:
    """The metrics of one document under their floor (``null`` floors are not checked)."""
    below = []
    for metric, read in METRICS.items():
        floor, value = doc["floors"][metric], read(scores)
        if floor is not None and (value is None or value < floor):
            below.append(f"{doc['set']}/{doc['name']}.{metric} = {value} < floor {floor}")
    return below


def test_manifest_names_every_document_once():
    on_disk = {(s.name, p.stem) for s in SETS.iterdir() if s.is_dir() for p in set_inputs(s.name)}
    gold = {(s.name, p.stem) for s in SETS.iterdir() if s.is_dir() for p in (s / "gold").glob("*.json")}
    assert on_disk == gold == set(DOCUMENTS)
    assert len(DOCUMENTS) == len(MANIFEST["documents"])
    assert all(set(d["floors"]) == set(METRICS) and isinstance(d["tuned"], bool) for d in DOCUMENTS.values())


def test_no_written_set_is_called_blind_or_unseen():
    """Tuned sets must not claim independence in their names or manifest."""
    for doc in DOCUMENTS.values():
        if doc["tuned"]:
            assert not {"blind", "unseen"} & set(f"{doc['set']} {doc['style']}".lower().split())


@pytest.fixture(scope="module")
def set_scores(tmp_path_factory) -> dict[tuple[str, str], dict]:
    scores = {}
    for name in sorted({s for s, _ in DOCUMENTS}):
        out = tmp_path_factory.mktemp(f"{name}_pred")
        for doc in set_inputs(name):
            (out / f"{doc.stem}.json").write_text(parse(doc).to_json(), encoding="utf-8")
        summary = evaluate(SETS / name / "gold", out)
        assert summary["n_fail"] == 0 and summary["n_missing"] == 0
        scores.update({(name, f["name"]): f["scores"] for f in summary["files"]})
    return scores


@pytest.mark.parametrize("key", sorted(DOCUMENTS), ids="/".join)
def test_document_above_floors(set_scores, key):
    below = below_floors(DOCUMENTS[key], set_scores[key])
    assert not below, "accuracy fell below the floors:\n" + "\n".join(below)
