"""Second blind set: per-document accuracy floors.

``tests/generalization/blind2/`` holds six plan notices written by an evaluator who did not
read ``src/planparse/``, chosen to differ from every earlier test document:

- ``c01`` a joint 省委办公厅 + 省政府办公厅 实施意见 with no cover notice, 主要目标 numbers
  (``到2027年，…达到85%以上``) and closing ``（A牵头，B、C配合）`` brackets;
- ``c02`` a 区 “十四五” 规划中期评估 task list with ``第一部分/第二部分`` above ``一、`` and ``1.``,
  ``责任单位：…；完成时限：…`` lines;
- ``c03`` a 街道 notice whose outline is ``1、`` with ``（1）`` below and ``责任科室/牵头科室/配合科室``
  lines (plus a ``责任领导：`` person line);
- ``c04`` a 市场监管局 专项整治方案 as a gov-site HTML page (信息公开 table, nav, footer) with a
  ``<table>`` 任务分工表 (序号/工作任务/责任单位/完成时间) in its annex;
- ``c05`` a 国家部委 办公室 notice in traditional script with pinyin glosses (``關(guān)``) and
  ``?`` runs, an ``附件：1. …`` list and two annex bodies;
- ``c06`` a 市 任务分工方案 rendered to PDF whose body is a ruled 任务分工 table.

The gold (``NAME.json``, simplified script) was written by hand from the contract and the gold
notes before the tool was run; the text source of the PDF is in ``blind2_pdf_src/``.

The floors below are the scores measured on first run, rounded down to two decimals.
They are not targets: they stop regressions. Raise a floor when a fix lands; never lower
one without saying why in the change. ``None`` means the metric is undefined for that
document (no matched items, so no title or date-value accuracy).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from .blindkit import below_floors, missing_gold_or_floors, score_folder

BLIND = Path(__file__).with_name("blind2")

#                                  items title meta  units percents dates dval
FLOORS = {
    "c01_minjiang_yanglao":         (1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00),
    "c02_linjiang_shisiwu_zhongqi": (1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00),
    "c03_donghu_jiedao_pingan":     (1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00),
    "c04_quanxi_xiaoyuan_shipin":   (1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00),
    "c05_linyeju_gushu":            (1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00),
    "c06_rongcheng_jiuye":          (1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00),
}


def test_every_blind_doc_has_gold_and_floors():
    assert not missing_gold_or_floors(BLIND, FLOORS)


@pytest.fixture(scope="module")
def blind_scores(tmp_path_factory) -> dict[str, dict]:
    return score_folder(BLIND, tmp_path_factory.mktemp("blind2_pred"))


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_blind_doc_above_floors(blind_scores, name):
    below = below_floors(name, blind_scores[name], FLOORS[name])
    assert not below, "blind accuracy fell below the floors:\n" + "\n".join(below)
