"""`planparse eval` gives the same figures as the independent scorer.

``tests/eval/expected_score.json`` was recorded once from the project's independent scorer
(`score.py --json`) on the hand-made predictions in ``tests/eval/pred`` (a perfect one,
a flawed one with a missed item, a wrong title, an extra unit, a contained date text,
a wrong date value and a wrong comparator, one with partial indicators, one broken JSON,
one with no gold).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from planparse.cli import main
from planparse.evaluate import canon, evaluate, gold_for, match_dates

HERE = Path(__file__).with_name("eval")


@pytest.fixture(scope="module")
def expected():
    return json.loads((HERE / "expected_score.json").read_text(encoding="utf-8"))


def test_same_figures_as_independent_scorer(expected):
    ours = evaluate(HERE / "gold", HERE / "pred")
    assert [f["pred"] for f in ours["files"]] == [f["pred"] for f in expected["files"]]
    for mine, theirs in zip(ours["files"], expected["files"]):
        assert mine["status"] == theirs["status"]
        assert mine["counts"] == theirs["counts"], mine["pred"]
        assert mine["scores"] == theirs["scores"], mine["pred"]
    assert ours["overall"] == expected["overall"]
    assert ours["by_variant"] == expected["by_variant"]
    assert ours["ignored_pred_files"] == expected["ignored_pred_files"]


def test_cli_eval_json(capsys, expected):
    assert main(["eval", "--gold", str(HERE / "gold"), "--pred", str(HERE / "pred"), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["overall"] == expected["overall"]


def test_cli_eval_table_shows_errors(capsys):
    assert main(["eval", "--gold", str(HERE / "gold"), "--pred", str(HERE / "pred"), "--show-errors", "3"]) == 0
    out = capsys.readouterr().out
    assert "OVERALL (micro)" in out and "FAIL" in out and "gold=" in out


def test_cli_eval_missing_folder_is_usage_error(tmp_path):
    assert main(["eval", "--gold", str(tmp_path / "nope"), "--pred", str(tmp_path)]) == 2


def test_gold_for_prefers_longest_name():
    assert gold_for("a.b.pdf", ["a", "a.b"]) == ("a.b", "pdf")
    assert gold_for("a", ["a"]) == ("a", "orig")
    assert gold_for("c", ["a"]) == (None, "")


def test_match_dates_exact_before_containment():
    assert match_dates(["2025年", "到2025年"], ["到2025年", "2025年"]) == [1, 0]
    assert match_dates(["6月底前"], ["于6月底前完成"]) == [0]
    assert match_dates(["6月底前"], []) == [None]


def test_canon_unifies_brackets_and_space():
    assert canon("县（市、区） ") == "县(市、区)"
    assert canon("〈单位〉") == "<单位>"
    assert canon("") is None


def test_by_form_scores_each_forms_documents_and_counts_missing_as_missed(tmp_path):
    """``--forms``: figures per form over its documents; a missing prediction is all missed."""
    from planparse.evaluate import evaluate, format_table

    gold, pred = tmp_path / "gold", tmp_path / "pred"
    gold.mkdir(), pred.mkdir()
    item = {"path": [1], "part": 0, "title": "总体要求", "lead": [], "support": [], "percents": [], "dates": []}
    for name in ("a", "b"):
        (gold / f"{name}.json").write_text(json.dumps({"doc": name, "metadata": {}, "items": [item]}), encoding="utf-8")
    (pred / "a.json").write_text(json.dumps({"metadata": {}, "items": [
        {"part": 0, "path": [1], "title": "总体要求", "units": [], "targets": [], "dates": []}]}), encoding="utf-8")
    summary = evaluate(gold, pred, forms={"md": ["a"], "csv": ["b"], "both": ["a", "b"], "none": ["zz"]})
    by_form = summary["by_form"]
    assert by_form["md"]["docs"] == 1 and by_form["md"]["scores"]["items"]["f1"] == 1.0
    assert by_form["csv"]["scores"]["items"]["f1"] == 0.0
    assert by_form["both"]["scores"]["items"]["f1"] == summary["overall"]["scores"]["items"]["f1"] == 2 / 3
    assert by_form["none"] == {"docs": 0, "counts": {}, "scores": None}
    table = format_table(summary)
    assert "form" in table and "\nmd " in table and "\nnone " in table
