"""The line joiner reads the extractor's unit-label lexicon and stops at short ``key：`` lines."""
from __future__ import annotations

import json
from importlib import resources

import pytest

from planparse.data import deadline_labels, unit_labels
from planparse.normalize.joins import joined_line
from planparse.normalize.registry import run


def test_joiner_labels_are_the_extractor_labels():
    table = json.loads((resources.files("planparse") / "data" / "extract_units.json").read_text(encoding="utf-8"))
    assert set(unit_labels()) == set(table["labels"])
    dates = json.loads((resources.files("planparse") / "data" / "extract_dates.json").read_text(encoding="utf-8"))
    assert set(deadline_labels()) == set(dates["deadline_labels"])


@pytest.mark.parametrize("label", sorted(json.loads(
    (resources.files("planparse") / "data" / "extract_units.json").read_text(encoding="utf-8"))["labels"]))
def test_every_extractor_label_opens_a_block(label):
    text = f"推进政务服务标准化，完善办事指南\n{label}：区行政审批局"
    assert run(joined_line, text) == text


@pytest.mark.parametrize("text", [
    "牵头单位（部门）：区商务局、区发改委\n协同部门：区财政局，各街道",
    "加快建设跨境电商综合试验区，培育外贸新业态\n协作单位：海关、税务部门",
    "健全考核办法，按季度通报进展，\n联系人：李华，电话：0471-6612345",
    "落实河湖长制，开展清四乱行动，\n工作目标（试行）：年底前完成",
    "加强宣传引导，营造良好氛围，\n承办单位：区融媒体中心",
])
def test_short_key_line_is_never_glued_to_the_line_above(text):
    assert run(joined_line, text) == text


@pytest.mark.parametrize("broken, fixed", [
    ("（牵头单位：区商务局；主要责\n\n任单位：各镇）", "（牵头单位：区商务局；主要责任单位：各镇）"),
    ("（牵头单位：区商务局；协\n同部门：区财政局）", "（牵头单位：区商务局；协同部门：区财政局）"),
    ("全面梳理涉企收费，本项工作的主要\n任务包括：清理、规范、公示。", "全面梳理涉企收费，本项工作的主要任务包括：清理、规范、公示。"),
    ("各乡镇要结合实际，具体要求\n如下：按月报送。", "各乡镇要结合实际，具体要求如下：按月报送。"),
])
def test_broken_label_or_run_on_key_still_joins(broken, fixed):
    assert run(joined_line, broken) == fixed


def test_one_char_or_long_key_is_no_block_start():
    broken = "各旗县要健全工作台账，认真梳理需要整改的内\n容：逐项销号。"
    assert run(joined_line, broken) == "各旗县要健全工作台账，认真梳理需要整改的内容：逐项销号。"


@pytest.mark.parametrize("text", [
    # a link bar or a Latin-heavy line never runs on into the title below it
    "首页 | 机构 | 新闻，\n某市关于印发实施方案的通知",
    "English Version, Mobile\n某市关于印发实施方案的通知",
    "首页 | 机构 | 新闻，\n各乡镇要加强领导",
    "Copyright 2024, All Rights Reserved\n各乡镇要加强领导",
    # a body line that lost its full stop is not joined onto a whole title line (相关链接)
    "联系人：王明，电话：0371-1234567\n某省关于加强安全生产监管的通知\n2023年安全生产工作总结",
])
def test_no_join_onto_a_title_after_furniture_or_a_finished_line(text):
    assert run(joined_line, text) == text


def test_a_title_broken_after_a_connector_is_still_joined():
    broken = "为做好相关工作，特印发《\n某市关于推进数字乡村建设的实施方案"
    assert run(joined_line, broken) == "为做好相关工作，特印发《某市关于推进数字乡村建设的实施方案"


def test_item_opening_on_a_month_starts_a_block():
    from planparse.normalize.joins import OUTLINE_MARKER

    assert OUTLINE_MARKER.match("6.6月30日前报送数据")
    assert OUTLINE_MARKER.match("12.3月底前完成")
    assert not OUTLINE_MARKER.match("6.5个百分点")


def test_a_line_ending_in_di_runs_on_into_a_marker_lookalike():
    """r32 (a CMS row): ``…“151人才工程”第`` / ``一、二层次的人选追加…`` is one sentence."""
    text = "（一）加大资助力度。对入选省“151人才工程”第\n一、二层次的人选追加每人一次性资助3万元。\n二、加强培训"
    assert run(joined_line, text) == text.replace("第\n一", "第一", 1)


def test_signature_spaced_onto_the_last_paragraph_gets_its_own_lines():
    """h12 (a scraped 国务院 决定): closing paragraph, signature and date on one line, spaced
    with ideographic and no-break spaces."""
    from planparse.normalize.oneline import restored_line_breaks

    line = ("环保总局要会同监察部监督检查本决定的贯彻执行情况，每年向国务院作出报告。" + "\u3000" * 20 + "\xa0" * 6
            + " 国务院\xa0\xa0\xa0 " + "\u3000" * 20 + "二○○五年十二月三日")
    parts = [p.strip(" \u3000\xa0") for p in run(restored_line_breaks, line).split("\n")]
    assert parts == ["环保总局要会同监察部监督检查本决定的贯彻执行情况，每年向国务院作出报告。", "国务院", "二○○五年十二月三日"]
