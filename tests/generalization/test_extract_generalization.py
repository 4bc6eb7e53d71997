"""Extraction on notices written for this test, not seen while the rules were written.

``extract/NAME.txt`` are plan notices in the styles of other provinces and ministries
(labels on their own line, inline, in 【】/〈〉, closing role brackets, 任务分工 tables,
targets with ≥/以内/区间/百分之百, dates from 二〇二四年底前 to 每月5日前); ``NAME.json``
is the hand-written gold in the gold FORMAT, annotated from the text alone.
Judgement calls kept consistent with the contract (see ``extract/NOTES.md``).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from planparse.evaluate import evaluate
from planparse.pipeline import parse

DOCS = Path(__file__).with_name("extract")
NAMES = sorted(p.stem for p in DOCS.glob("*.txt"))

#: per-document floors; every document reaches 1.0 today, so any regression fails.
FLOORS = {
    "units_f1": lambda s: s["units"]["f1"],
    "percents_f1": lambda s: s["percents"]["f1"],
    "cmp_acc": lambda s: s["cmp_acc"],
    "dates_f1": lambda s: s["dates"]["f1"],
    "date_value_acc": lambda s: s["date_value_acc"],
    "date_kind_acc": lambda s: s["date_kind_acc"],
}
FLOOR = 1.0


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    out = tmp_path_factory.mktemp("generalization-extract")
    for name in NAMES:
        (out / f"{name}.json").write_text(parse(DOCS / f"{name}.txt").to_json(), encoding="utf-8")
    return evaluate(DOCS, out)


def test_every_document_has_a_gold():
    assert len(NAMES) >= 8
    assert all((DOCS / f"{n}.json").exists() for n in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_extraction_floors(summary, name):
    (row,) = [r for r in summary["files"] if r["name"] == name]
    assert row["status"] == "ok"
    scores = row["scores"]
    below = {}
    for metric, get in FLOORS.items():
        value = get(scores)
        if value is not None and value < FLOOR:
            below[metric] = value
    errors = [e for e in row["errors"] if not e[0].startswith(("meta", "title", "item_"))]
    assert not below, f"{name}: {below}\n" + "\n".join(map(str, errors[:20]))


def test_items_found_so_extraction_is_scored(summary):
    """Extraction scores mean little when items are missing: segmentation must find them."""
    for row in summary["files"]:
        assert row["scores"]["items"]["f1"] == 1.0, row["name"]
