"""Accuracy gates: corpora and the real corpus scored against their gold must stay above
the floors.

The floors live in ``tests/accuracy_floors.json`` (one data file): ``corpora`` per
variant (txt, pdf) and ``real`` per input form and ``overall`` for ``tests/real/``. Raise
a floor whenever a change raises the figure; never lower one without a note in the change.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from planparse.evaluate import evaluate, load_forms

from .conftest import GOLD, HOLDOUT, REAL, SCANS, UNSEEN

FLOORS = Path(__file__).with_name("accuracy_floors.json")

METRICS = {
    "meta_acc": lambda s: s["meta_acc"],
    "items_f1": lambda s: s["items"]["f1"],
    "title_acc": lambda s: s["title_acc"],
    "units_f1": lambda s: s["units"]["f1"],
    "percents_f1": lambda s: s["percents"]["f1"],
    "cmp_acc": lambda s: s["cmp_acc"],
    "dates_f1": lambda s: s["dates"]["f1"],
    "date_value_acc": lambda s: s["date_value_acc"],
    "indicators_f1": lambda s: (s.get("indicators") or {}).get("f1"),
}


def floors() -> dict:
    return json.loads(FLOORS.read_text())


def below_floors(floor_table: dict, scores_of) -> list[str]:
    """Every ``group.metric`` whose figure is missing or under its floor."""
    below = []
    for group, metrics in floor_table.items():
        scores = scores_of(group)
        for metric, floor in metrics.items():
            value = METRICS[metric](scores) if scores else None
            if value is None or value < floor:
                below.append(f"{group}.{metric} = {value} < floor {floor}")
    return below


def test_floors_file_names_known_metrics():
    for section in floors().values():
        for group, metrics in section.items():
            assert set(metrics) <= set(METRICS), (group, set(metrics) - set(METRICS))


def test_below_floors_reports_a_drop():
    scores = {"meta_acc": 0.5, "items": {"f1": 0.9}}
    assert below_floors({"pdf": {"meta_acc": 0.6, "items_f1": 0.9}}, lambda g: scores) == [
        "pdf.meta_acc = 0.5 < floor 0.6"]
    assert below_floors({"pdf": {"items_f1": 0.5}}, lambda g: None) == ["pdf.items_f1 = None < floor 0.5"]


def test_corpora_accuracy_above_floors(corpora_outdir):
    summary = evaluate(GOLD, corpora_outdir)
    assert summary["n_fail"] == 0 and summary["n_missing"] == 0
    below = below_floors(floors()["corpora"], lambda variant: summary["by_variant"][variant]["scores"])
    assert not below, "accuracy fell below the floors:\n" + "\n".join(below)


@pytest.mark.parametrize("name", ["real", "holdout", "unseen", "scans"])
def test_real_corpus_accuracy_above_floors(name, request):
    """Per input form and overall on ``tests/real/`` (the development set), ``tests/holdout/``
    (collected after tuning, analysed since), ``tests/unseen/`` (measured, never analysed)
    and ``tests/scans/`` (real scanned notices, read by OCR)."""
    folder = {"real": REAL, "holdout": HOLDOUT, "unseen": UNSEEN, "scans": SCANS}[name]
    outdir = request.getfixturevalue(f"{name}_outdir")
    forms = load_forms(folder / "forms.json")
    summary = evaluate(folder / "gold", outdir, forms=forms)
    assert not summary["bad_gold_files"], summary["bad_gold_files"]

    def scores_of(group: str):
        if group == "overall":
            return summary["overall"]["scores"]
        return summary["by_form"][group]["scores"]

    table = floors()[name]
    if not table:
        pytest.fail(f"tests/accuracy_floors.json has no floors for tests/{name}")
    below = below_floors(table, scores_of)
    assert not below, f"accuracy on tests/{name} fell below the floors:\n" + "\n".join(below)
