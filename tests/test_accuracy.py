"""Accuracy gate: corpora outputs scored against the gold must stay above the floors.

The floors live in ``tests/accuracy_floors.json`` (one data file). Raise a floor whenever
a change raises the figure; never lower one without a note in the change.
"""
from __future__ import annotations

import json
from pathlib import Path

from planparse.evaluate import evaluate

from .conftest import GOLD

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


def test_floors_file_names_known_metrics():
    floors = json.loads(FLOORS.read_text())
    for variant, metrics in floors.items():
        assert set(metrics) <= set(METRICS), (variant, set(metrics) - set(METRICS))


def test_corpora_accuracy_above_floors(corpora_outdir):
    floors = json.loads(FLOORS.read_text())
    summary = evaluate(GOLD, corpora_outdir)
    assert summary["n_fail"] == 0 and summary["n_missing"] == 0
    below = []
    for variant, metrics in floors.items():
        scores = summary["by_variant"][variant]["scores"]
        for metric, floor in metrics.items():
            value = METRICS[metric](scores)
            if value is None or value < floor:
                below.append(f"{variant}.{metric} = {value} < floor {floor}")
    assert not below, "accuracy fell below the floors:\n" + "\n".join(below)
