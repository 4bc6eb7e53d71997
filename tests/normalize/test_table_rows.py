"""Task tables whose cells and rows a copy ran together (r63, a CSV field of a 国办发 notice)."""
from __future__ import annotations

import pytest

from planparse.normalize.registry import run
from planparse.normalize.table_rows import restored_table_rows, split_rows

HEADER = "序号\n重点任务\n责任部门\n时间进度"
R63 = ("1发布一批产业转型升级发展急需的科技成果包科技部会同有关部门2016年6月底前完成"
       "2建立国家科技成果信息系统科技部、财政部、中科院、工程院、自然科学基金会等2017年6月底前建成"
       "3开展科技成果转化为技术标准试点质检总局、科技部2016年12月底前启动"
       "4推动军民科技成果融合转化应用国家国防科工局、工业和信息化部、财政部持续推进"
       "5依托中科院科研院所体系实施科技服务网络计划中科院持续推进"
       "6在有条件的高校和科研院所建设一批国家技术转移机构科技部、教育部、中科院等2016年6月底前启动建设，持续推进"
       "7建设海外科技人才离岸创新创业基地中国科协持续推进"
       "8制定技术转移服务标准和规范科技部、质检总局2017年3月底前出台")


def rows(text: str) -> list[list[str]]:
    return [line.split("\t") for line in run(restored_table_rows, text, "record").split("\n")]


def test_real_run_together_table_gets_its_rows_and_cells():
    got = rows(HEADER + R63)
    assert got[0] == ["序号", "重点任务", "责任部门", "时间进度"]
    assert got[1:] == [
        ["1", "发布一批产业转型升级发展急需的科技成果包", "科技部会同有关部门", "2016年6月底前完成"],
        ["2", "建立国家科技成果信息系统", "科技部、财政部、中科院、工程院、自然科学基金会等", "2017年6月底前建成"],
        ["3", "开展科技成果转化为技术标准试点", "质检总局、科技部", "2016年12月底前启动"],
        ["4", "推动军民科技成果融合转化应用", "国家国防科工局、工业和信息化部、财政部", "持续推进"],
        ["5", "依托中科院科研院所体系实施科技服务网络计划", "中科院", "持续推进"],
        ["6", "在有条件的高校和科研院所建设一批国家技术转移机构", "科技部、教育部、中科院等", "2016年6月底前启动建设，持续推进"],
        ["7", "建设海外科技人才离岸创新创业基地", "中国科协", "持续推进"],
        ["8", "制定技术转移服务标准和规范", "科技部、质检总局", "2017年3月底前出台"],
    ]


def test_only_insertions_every_character_keeps_its_place():
    text = HEADER + R63
    assert run(restored_table_rows, text, "record").replace("\t", "").replace("\n", "") == text.replace("\n", "")


@pytest.mark.parametrize("text", [
    HEADER + "1发布成果包科技部2016年6月底前完成",                         # one row is no table
    "序号\n重点任务\n备注\n时间进度1发布成果包科技部2016年6月底前完成2建立系统财政部持续推进",  # no unit column
    "序号\n重点任务\n责任部门\n时间进度\n1、发布成果包。2、建立系统。",          # rows are not run together
    "一、序号\n重点任务\n责任部门\n时间进度1发布成果包科技部2016年6月底前完成",
])
def test_other_text_is_left_alone(text):
    assert run(restored_table_rows, text, "record") == text


def test_rows_must_count_up_and_end_with_a_time_cell():
    body = "1推进2万亿元投资项目科技部2016年底前完成2建立系统财政部持续推进"
    assert len(split_rows(body)) == 2
    assert split_rows("1推进项目科技部2建立系统财政部") == []
