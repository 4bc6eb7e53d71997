"""Units carry a confidence: low on what flattened text makes the extractor read as a unit,
high on every unit of the seeds' gold (tests/gold, the corpora documents)."""
from __future__ import annotations

import json

import pytest

from planparse.extract.confidence import signals, unit_confidence
from planparse.extract.units import find_units

from ..conftest import GOLD, corpora_files
from ..export.documents import flattened_document


def gold_units() -> set[str]:
    return {name for path in GOLD.glob("*.json")
            for item in json.loads(path.read_text(encoding="utf-8"))["items"]
            for name in item["lead"] + item["support"]}


def test_flattened_task_phrases_are_low():
    units = {u.name: u.confidence for i in flattened_document().items for u in i.units}
    assert units["完成边缘服务组件的部署及调试"] == "low"
    assert units["推进政务服务事项标准化的梳理及发布"] == "low"
    assert units["完成时限"] == "low"   # a header cell read after a bare label
    assert units["市大数据局"] == units["市城市运行管理中心"] == units["各县（市、区）人民政府"] == "high"


@pytest.mark.parametrize("text", [
    "牵头单位：完成边缘服务组件的部署及调试",
    "（牵头单位：完成边缘服务组件的部署及调试）",
    "序号\t任务\t牵头单位\t完成时限\n1\t边缘节点\t完成边缘服务组件的部署及调试\t2024年6月",
    "牵头单位 完成边缘服务组件的部署及调试",
])
def test_every_way_of_reading_the_phrase_gives_low(text):
    found = [v for *_, v in find_units(text) if v["name"] == "完成边缘服务组件的部署及调试"]
    assert found and all(v["confidence"] == "low" for v in found)


def test_each_signal_can_fail_alone():
    assert signals("市司法局", framed=True) == {"ending": True, "length": True, "name_like": True, "framed": True}
    assert not signals("市司法局", framed=False)["framed"]
    assert not signals("港华燃气", framed=True)["ending"]
    assert not signals("局", framed=True)["length"]
    assert not signals("市" * 40 + "局", framed=True)["length"]
    assert not signals("负责的市司法局", framed=True)["name_like"]


def test_no_gold_unit_of_the_seeds_is_low():
    names = gold_units()
    assert len(names) > 50
    assert [n for n in names if unit_confidence(n, framed=True) == "low"] == []


def test_no_extracted_gold_unit_of_the_seeds_is_low(corpora_docs):
    names = gold_units()
    low = {(doc_name, u.name) for doc_name, doc in corpora_docs.items()
           for i in doc.items for u in i.units if u.name in names and u.confidence != "high"}
    assert low == set()
    assert len(corpora_docs) == len(corpora_files())


def test_an_ending_added_by_a_vocabulary_overlay_counts():
    from planparse.data import vocabulary

    assert unit_confidence("港华燃气", framed=True) == "low"
    with vocabulary({"organs.json": {"organ": ["燃气"]}}):
        assert unit_confidence("港华燃气", framed=True) == "high"
    assert unit_confidence("港华燃气", framed=True) == "low"
