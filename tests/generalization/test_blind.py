"""Blind documents: per-document accuracy floors.

``tests/generalization/blind/`` holds eight plan notices written by an evaluator who did
not read ``src/planparse/``: a 省 实施方案 (b01), a traditional-script 市卫健委 工作要点
with labels on their own lines (b02), a 县 任务分工方案 with a tab-separated 分工表 rendered
to PDF (b03), a 乡镇 年度工作计划 with ``1、``/``①`` and a 时间节点 list (b04), a 部委
专项治理 notice as a gov-site HTML page (b05), a traditional-script 考核办法 in ``第一条``
style with a 评分标准 table (b06), a 市 三年行动计划 rendered to PDF (b07) and a 县
专项整治方案 with the 发文字号 under the title (b08). The gold (``NAME.json``, simplified
script) was written by hand from the contract and the gold notes before the tool was run;
the text sources of the two PDFs are in ``blind_pdf_src/``.

The floors below are the scores measured on first run, rounded down to two decimals.
They are not targets: they stop regressions. Raise a floor when a fix lands; never lower
one without saying why in the change. ``None`` means the metric is undefined for that
document (no gold units and none predicted).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from .blindkit import below_floors, missing_gold_or_floors, score_folder

BLIND = Path(__file__).with_name("blind")

#          items title meta  units percents dates dval
FLOORS = {
    "b01": (1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00),
    "b02": (1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00),
    "b03": (1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00),
    "b04": (1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00),
    "b05": (1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00),
    "b06": (1.00, 1.00, 1.00, None, 1.00, 1.00, 1.00),
    "b07": (1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00),
    "b08": (1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00),
}


def test_every_blind_doc_has_gold_and_floors():
    assert not missing_gold_or_floors(BLIND, FLOORS)


@pytest.fixture(scope="module")
def blind_scores(tmp_path_factory) -> dict[str, dict]:
    return score_folder(BLIND, tmp_path_factory.mktemp("blind_pred"))


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_blind_doc_above_floors(blind_scores, name):
    below = below_floors(name, blind_scores[name], FLOORS[name])
    assert not below, "blind accuracy fell below the floors:\n" + "\n".join(below)
