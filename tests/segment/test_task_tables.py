"""任务分工 tables and hard-wrapped text: the segmentation rules, on inputs written for them."""
from __future__ import annotations

from planparse.model import Line
from planparse.segment.outline import ROW_NUMBER_RE, hard_wrap_width, trim_end

from .helpers import run

HEADER = "序号\t重点任务\t牵头单位\t配合单位\t完成时限"


def outline_of(s: str) -> list[tuple]:
    outline, _ = run(s)
    return [(i.path, i.title) for i in outline.items]


def item_texts(s: str) -> list[str]:
    outline, text = run(s)
    return [text.text[i.start:i.end] for i in outline.items]


# --------------------------------------------------------------------------- table rows
def test_category_row_printed_alone_keeps_the_table_open():
    s = f"某清单\n{HEADER}\n一、稳就业\n1\t扩岗。\t甲局\t乙局\t6月底前\n二、保民生\n2\t兜底。\t丙局\t丁局\t9月底前"
    assert outline_of(s) == [([1], "稳就业"), ([1, 1], "扩岗"), ([2], "保民生"), ([2, 2], "兜底")]


def test_category_in_the_number_cell_takes_its_title_from_the_task_cell():
    s = f"某清单\n{HEADER}\n一\t稳就业\t\t\t\n1\t扩岗。\t甲局\t乙局\t6月底前\n二\t保民生\t\t\t\n1\t兜底。\t丙局\t丁局\t9月底前"
    assert outline_of(s) == [([1], "稳就业"), ([1, 1], "扩岗"), ([2], "保民生"), ([2, 1], "兜底")]


def test_bracketed_categories_over_dotted_row_numbers():
    s = f"某分解表\n{HEADER}\n（一）\t稳就业\t\t\t\n1.\t扩岗。\t甲局\t乙局\t6月底前\n2、\t援企。\t甲局\t\t\n（二）\t保民生\t\t\t\n3.\t兜底。\t丙局\t丁局\t"
    assert outline_of(s) == [([1], "稳就业"), ([1, 1], "扩岗"), ([1, 2], "援企"), ([2], "保民生"), ([2, 3], "兜底")]


def test_category_cell_shifted_right_by_an_empty_number_cell():
    s = f"某清单\n{HEADER}\n\t一、稳就业\t\t\t\n1\t扩岗。\t甲局\t乙局\t"
    assert outline_of(s) == [([1], "稳就业"), ([1, 1], "扩岗")]


def test_row_with_empty_number_cell_continues_the_row_above():
    s = f"某清单\n{HEADER}\n1\t推进数据\t甲局\t乙局、\t6月底前\n\t共享\t丙局\t丁局\t\n2\t开展评估。\t戊局\t\t"
    assert outline_of(s) == [([1], "推进数据共享"), ([2], "开展评估")]
    assert item_texts(s)[0].endswith("\t共享\t丙局\t丁局\t")  # the continuation row, its cells intact


def test_continuation_after_a_finished_task_cell_leaves_the_title():
    s = f"某清单\n{HEADER}\n1\t建立台账。\t甲局\t\t\n\t按月更新\t乙局\t\t"
    assert outline_of(s) == [([1], "建立台账")]


def test_task_column_found_by_its_header_word_not_its_position():
    s = "某清单\n类别\t序号\t具体举措\t责任单位\n\t1\t建立台账。\t甲局\n\t2\t按月通报。\t乙局"
    assert outline_of(s) == [([1], "建立台账"), ([2], "按月通报")]


def test_prose_after_the_table_closes_it():
    s = f"某方案\n一、分工\n{HEADER}\n1\t扩岗。\t甲局\t\t\n请各单位按时报送进展。\n2\t不是任务行\t甲\t乙\t丙"
    assert outline_of(s) == [([1], "分工"), ([1, 1], "扩岗")]


def test_number_cell_forms():
    for cell in ("1", "12", "3.", "3．", "4、", "（5）", "(6)", "一", "十二、", "（三）"):
        assert ROW_NUMBER_RE.match(cell), cell
    for cell in ("1.5亿元", "12项", "第一", "一是"):
        m = ROW_NUMBER_RE.match(cell)
        assert not m or (m.end() < len(cell) and cell[m.end() - 1] not in "、.．）)"), cell


def test_trim_keeps_the_empty_cells_that_close_a_row():
    s = "1\t任务\t甲局\t\t\n\n"
    assert s[:trim_end(s, 0, len(s))] == "1\t任务\t甲局\t\t"
    prose = "做好工作。\u3000\t\n"
    assert prose[:trim_end(prose, 0, len(prose))] == "做好工作。"


# --------------------------------------------------------------------------- hard-wrapped text
WRAPPED = [
    "    一、目标",
    "    到2025年，全省医疗服务能力明显提升，县",
    "域内就诊率稳步提高，推动优质医疗资源扩容下",
    "沉，鼓励三级医院对口帮扶县级医院和辖区内的",
    "一、二级医院，提升基层首诊能力和服务水平。",
    "    二、任务",
    "    （一）加强专科建设。支持各市围绕重点专科",
    "开展能力提升，对全省各地开展的手术项目实行",
    "3、4级手术分级授权，定期开展专项检查工作。",
]


def test_marker_like_start_after_a_full_line_cut_mid_sentence_is_no_item():
    assert outline_of("某方案\n" + "\n".join(WRAPPED)) == [([1], "目标"), ([2], "任务"), ([2, 1], "加强专科建设")]


def test_marker_after_a_full_line_that_ends_a_sentence_is_an_item():
    lines = WRAPPED + ["开展能力提升，对全省各地开展的手术项目实行。", "1.分级授权。"]
    assert outline_of("某方案\n" + "\n".join(lines))[-1] == ([2, 1, 1], "分级授权")


def test_a_full_field_line_without_punctuation_ends_there():
    lines = WRAPPED + ["责任单位：省卫生健康委、省财政厅、省医保局等", "1.分级授权。"]
    assert outline_of("某方案\n" + "\n".join(lines))[-1] == ([2, 1, 1], "分级授权")


def test_paragraph_per_line_text_has_no_wrap_width():
    lines = [Line(text="一、" + "做好" * n + "。") for n in (5, 40, 12, 33, 27, 60, 8)]
    assert hard_wrap_width(lines) is None


def test_wrap_width_ignores_a_right_set_signature_wider_than_the_measure():
    lines = [Line(text=t) for t in WRAPPED[1:] + [" " * 30 + "某某省卫生健康委员会"]]
    assert hard_wrap_width(lines) == 44


# --------------------------------------------------------------------------- titles
def test_hard_wrapped_recipients_are_not_part_of_the_notice_title():
    s = ("某厅关于印发《某某实施细则》\n的通知\n\n各设区市财政局，杨凌示范区财政局，韩城市财\n政局：\n现印发。\n\n某厅\n2024年2月9日\n"
         "某某实施细则\n一、总则")
    outline, _ = run(s)
    assert outline.metadata["title"] == "某厅关于印发《某某实施细则》的通知"


def test_breakdown_table_title_without_a_cover():
    outline, _ = run(f"某省2024年重点工作任务分解表\n{HEADER}\n1\t扩岗。\t甲局\t\t")
    assert outline.metadata["title"] == "某省2024年重点工作任务分解表"


def test_category_line_under_a_full_width_header_row_is_an_item():
    """A header row reaches the margin and ends unpunctuated: it is no sentence running on."""
    body = "\n".join(WRAPPED)
    s = f"某方案\n{body}\n{HEADER}\n一、稳就业\n1\t扩岗。\t甲局\t\t"
    assert outline_of(s)[-2:] == [([1], "稳就业"), ([1, 1], "扩岗")]  # numbers as printed


def test_heading_that_fills_the_measure_does_not_swallow_the_next_item():
    lines = WRAPPED + ["    （二）实施法治政府建设示范创建提升行动计划", "1.全力争创示范地区。"]
    assert outline_of("某方案\n" + "\n".join(lines))[-2:] == [([2, 2], "实施法治政府建设示范创建提升行动计划"), ([2, 2, 1], "全力争创示范地区")]


def test_paragraph_after_the_last_row_is_not_part_of_the_row():
    s = (f"某分工方案\n{HEADER}\n1\t扩岗。\t甲局\t乙局\t6月底前\n2\t兜底。\t丙局\t\t\n\t续办。\t丁局\t\t"
         "\n各牵头单位要细化措施，每年12月20日前报送完成情况。")
    assert item_texts(s) == ["1\t扩岗。\t甲局\t乙局\t6月底前", "2\t兜底。\t丙局\t\t\n\t续办。\t丁局\t\t"]
