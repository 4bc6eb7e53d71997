"""OCR-aware repairs: each fixer on text written for these tests, only ever on OCRed lines."""
from __future__ import annotations

from pathlib import Path

import pytest

from planparse.data import load_json
from planparse.model import Line, SourceText
from planparse.normalize import normalize
from planparse.normalize.ocr import (
    ocr_bracket_pair,
    ocr_confusion,
    ocr_date_digit,
    ocr_date_line,
    ocr_doc_number,
    ocr_han_space,
    ocr_heading_tail,
    ocr_lost_dun,
    ocr_marker_form,
    ocr_marker_gap,
    ocr_marker_number,
    ocr_page_number,
    ocr_punctuation,
    ocr_quote_pair,
    ocr_unit_label,
)
from planparse.normalize.registry import run

CORPORA = Path(__file__).resolve().parents[2] / "corpora"


def pdf_source(lines: list[tuple[str, bool]]) -> SourceText:
    """A PDF source whose lines say whether OCR read them."""
    return SourceText(name="t.pdf", sha256="0", format="pdf",
                      lines=[Line(text=t, page=1, ocr=ocr) for t, ocr in lines])


@pytest.mark.parametrize("read, printed", [
    ("各区人民政府,市直各部门:", "各区人民政府，市直各部门："),
    ("是否落实?请于3月底前报送;逾期不报!", "是否落实？请于3月底前报送；逾期不报！"),
    ("(此件公开发布)", "（此件公开发布）"),
    ("方案(2021—2025年)", "方案（2021—2025年）"),
    ("(一)总体要求", "（一）总体要求"),
    ("采用(WTO)规则", "采用（WTO）规则"),    # touching Chinese: Chinese typography
    ("rules (WTO) apply", "rules (WTO) apply"),  # Latin text: brackets stay
    ("第1,2项", "第1,2项"),                    # between digits: a list, not a clause
    ("比例3:1", "比例3:1"),
])
def test_half_width_punctuation_in_chinese_becomes_full_width(read, printed):
    assert run(ocr_punctuation, read) == printed


@pytest.mark.parametrize("read, printed", [
    ("吴政办发【2023] 26号", "吴政办发〔2023〕26号"),
    ("鲁商字[2025]7号", "鲁商字〔2025〕7号"),
    ("国办发(2024)15号", "国办发〔2024〕15号"),
    ("京政发〔【2023 ] 5 号", "京政发〔2023〕5 号"),
    ("吴政办发〔2023〕26号", "吴政办发〔2023〕26号"),   # already right: no edit
    ("见附件[2023]", "见附件[2023]"),                 # no 号 after: no 文号
])
def test_doc_number_bracket_confusions(read, printed):
    assert run(ocr_doc_number, read) == printed


def test_page_number_lines_go_with_their_line_break():
    assert run(ocr_page_number, "落实。\n一1一\n— l2 —\n-I0-\n一、总体要求") == "落实。\n一、总体要求"
    kept = "一、总体要求\n一1\n1一2\n-I-"   # no frame, no number, or no digit at all
    assert run(ocr_page_number, kept) == kept


def test_spaces_inside_chinese_go_but_not_between_latin_words():
    assert run(ocr_han_space, "推进 法治 政府 建设， 到 2025 年\tGB/T 9704") == "推进法治政府建设，到2025年\tGB/T 9704"


def test_confusion_table_rows_each_repair():
    for wrong, right in load_json("ocr_repairs.json")["confusions"]:
        assert run(ocr_confusion, f"要{wrong}。") == f"要{right}。"
        assert run(ocr_confusion, f"要{right}。") == f"要{right}。"   # the repair is stable


def test_confusion_table_never_matches_clean_notices():
    """The misread side of each row is no word of a notice: it never occurs in the corpora."""
    corpus = "".join(p.read_text(encoding="utf-8") for p in CORPORA.glob("*.txt"))
    assert [wrong for wrong, _ in load_json("ocr_repairs.json")["confusions"] if wrong in corpus] == []


def test_number_range_dash_read_as_one():
    assert run(ocr_confusion, "（2021一2025年）一、二") == "（2021—2025年）一、二"


def test_ocr_fixers_touch_only_ocred_lines_and_are_counted():
    text_line = "鲁商字[2025]7号,见附件"
    source = pdf_source([(text_line, False), ("鲁商字[2025]7号,见附件", True), ("一1一", True)])
    result = normalize(source)
    lines = result.text.split("\n")
    assert lines[0] == text_line                     # the text layer is not OCR output
    assert lines[1] == "鲁商字〔2025〕7号，见附件"
    assert "一1一" not in result.text
    assert result.repairs["ocr_doc_number"] == 2 and result.repairs["ocr_punctuation"] == 1
    assert result.repairs["ocr_page_number"] == 1


def test_text_pdf_gets_no_ocr_repair():
    result = normalize(pdf_source([("鲁商字[2025]7号,见附件", False)]))
    assert not any(kind.startswith("ocr") for kind in result.repairs)


def test_doubtful_latin_in_chinese_is_warned_with_its_page():
    source = pdf_source([("一、总体要求", True), ("推进EN建设", True)])
    source.lines[1].page = 3
    warnings = [w for w in normalize(source).warnings if w.code == "ocr_doubtful"]
    assert [(w.page, "'EN'" in w.message) for w in warnings] == [(3, True)]


# ---------------------------------------------------------------- pinyin glosses read by OCR
GLOSSED = [("市人民政府办公室关(gu 5 n)于印发(f 5 )通知", True), ("严格执（zh『）法，全区(q0 )统(t", True),
           ("ng)一市场，完善机（1 T ）制", True)]


def test_ocr_glosses_are_removed_in_a_glossed_document():
    result = normalize(pdf_source(GLOSSED))
    assert result.text.split("\n")[:2] == ["市人民政府办公室关于印发通知", "严格执法，全区统一市场，完善机制"]
    assert result.repairs["pinyin_annotation"] == 6


@pytest.mark.parametrize("line", ["土地面积(km)，流量（m³）", "加入WTO（WTO）后", "（5）项", "年产量(t)和(ha)面积"])
def test_brackets_of_letters_stay_without_glosses_around(line):
    width = str.maketrans("（）", "()")
    assert normalize(pdf_source([(line, True)])).text.translate(width) == line.translate(width)


def test_ocr_gloss_rule_never_touches_a_text_layer():
    text = "".join(t for t, _ in GLOSSED)
    assert "(gu 5 n)" in normalize(pdf_source([(text, False)])).text


# ---------------------------------------------------------------- marker gaps
@pytest.mark.parametrize("read, printed", [
    ("第一章，补贴范围和标准", "第一章　补贴范围和标准"),
    ("第二条“补贴标准", "第二条　补贴标准"),
    ("第十二条”资金管理", "第十二条　资金管理"),
    ("第五条“一网通办”改革", "第五条“一网通办”改革"),       # a quote that closes is the heading's
    ("依照第三条，办理", "依照第三条，办理"),                 # not at the line's start: a reference
])
def test_blank_after_a_chapter_or_article_marker_read_as_a_mark(read, printed):
    assert run(ocr_marker_gap, read) == printed


def test_marker_gap_is_counted():
    result = normalize(pdf_source([("第一章，补贴范围", True), ("第一条“补贴对象", True)]))
    assert result.repairs["ocr_marker_gap"] == 2
    assert result.text.split("\n") == ["第一章　补贴范围", "第一条　补贴对象"]


# ---------------------------------------------------------------- unit labels and 〈〉
@pytest.mark.parametrize("read, printed", [
    ("（达头单位：市委编办；配台单位：市直有关部门）", "（牵头单位：市委编办；配合单位：市直有关部门）"),
    ("（责任单位：市司法局）", "（责任单位：市司法局）"),                # a label stays a label
    ("工作单位：市政府", "工作单位：市政府"),                          # a form's field, not a task's units
])
def test_a_unit_label_one_character_off(read, printed):
    assert run(ocr_unit_label, read) == printed


def test_units_after_a_misread_label_are_extracted():
    from planparse.pipeline import parse_source

    source = pdf_source([("一、重点任务", True), ("（一）推进清单管理。全面实行清单制度。（达头单位：市委编办、市司法局；"
                                                  "配合单位：各县《区》、市直有关部门《单位》）", True)])
    doc = parse_source(source)
    units = {(u.role, u.name) for u in doc.items[1].units}
    assert {("lead", "市委编办"), ("lead", "市司法局")} <= units
    assert any(role == "support" and name.startswith("各县") for role, name in units)


# ---------------------------------------------------------------- dates and outline numbers
@pytest.mark.parametrize("read, printed", [
    ("202s年1月20日", "2025年1月20日"),
    ("2025年l0月2O日", "2025年10月20日"),
    ("GB年度", "GB年度"),                            # letters alone are no year
    ("2024年7月工日", "2024年7月1日"),               # a serifed 1 read as 工
    ("每月工资，年工作日", "每月工资，年工作日"),
])
def test_letters_read_for_the_digits_of_a_date(read, printed):
    assert run(ocr_date_digit, read) == printed


@pytest.mark.parametrize("read, printed", [
    ("本2025年1月23日", "2025年1月23日"),            # seal ink read before a signature date
    ("截至2025年1月20日", "截至2025年1月20日"),      # a word that leads into the date
    ("本2025年1月底前完成", "本2025年1月底前完成"),   # no whole date ending the line
])
def test_seal_ink_before_a_signature_date(read, printed):
    assert run(ocr_date_line, read) == printed


def test_signature_date_is_read_through_seal_ink():
    from planparse.pipeline import parse_source

    lines = ["市人民政府办公室关于印发工作要点的通知", "各区人民政府：", "现将《工作要点》印发给你们，请认真贯彻执行。",
             "市人民政府办公室", "本202s年1月23日", "工作要点", "一、加强公开", "（一）推进决策公开。"]
    doc = parse_source(pdf_source([(line, True) for line in lines]))
    assert doc.metadata.issue_date == "2025-01-23"


@pytest.mark.parametrize("read, printed", [
    ("（一）甲\n（三）乙\n（三）丙", "（一）甲\n（二）乙\n（三）丙"),
    ("1.甲\n7.乙\n3.丙", "1.甲\n2.乙\n3.丙"),
    ("一、甲\n三、乙\n五、丙", "一、甲\n三、乙\n五、丙"),       # no p, p+2 around it: as printed
    ("（一）甲\n（二）乙\n（一）丙\n（三）丁", "（一）甲\n（二）乙\n（一）丙\n（三）丁"),   # a restart
])
def test_a_misread_outline_number_between_its_neighbours(read, printed):
    assert run(ocr_marker_number, read) == printed


@pytest.mark.parametrize("read, printed", [
    ("”第十四条　服务平台", "第十四条　服务平台"),
    (". （五）受理补贴申请", "（五）受理补贴申请"),
    ("(2 )单件补贴", "(2)单件补贴"),
    ("4 .灌溉机械", "4.灌溉机械"),
    ("“(2 )单件", "(2)单件"),                       # both at once: no overlapping edits
    ("约 3 .5%", "约 3 .5%"),                       # not a marker
    ("3 .5%以上", "3 .5%以上"),                     # a decimal, not a marker
])
def test_outline_marker_forms_bent_by_ocr(read, printed):
    assert run(ocr_marker_form, read) == printed


@pytest.mark.parametrize("read, printed", [
    ("智能手表〈手环）购新", "智能手表（手环）购新"),
    ("各县（区〉", "各县（区）"),
    ("各县〈区〉、《条例》（试行）", "各县〈区〉、《条例》（试行）"),     # matched pairs stay
])
def test_a_bracket_pair_read_as_two_kinds(read, printed):
    assert run(ocr_bracket_pair, read) == printed


@pytest.mark.parametrize("read, printed", [
    ("一总体要求\n为指导。\n二、主要任务\n三、保障措施", "一、总体要求\n为指导。\n二、主要任务\n三、保障措施"),
    ("一是加强领导\n二、主要任务", "一是加强领导\n二、主要任务"),                 # no 二、 after it…
    ("一、总体要求\n二完善机制\n三、保障措施", "一、总体要求\n二、完善机制\n三、保障措施"),
    ("一、总体要求\n二是完善机制，加强领导\n三、保障措施", "一、总体要求\n二是完善机制，加强领导\n三、保障措施"),  # a sentence
])
def test_a_heading_whose_dun_ocr_dropped(read, printed):
    assert run(ocr_lost_dun, read) == printed


@pytest.mark.parametrize("read, printed", [
    ("完善“优机？评选制度", "完善“优机”评选制度"),
    ("是否“达标？", "是否“达标？"),
])
def test_a_closing_quote_read_as_a_question_mark(read, printed):
    assert run(ocr_quote_pair, read) == printed


@pytest.mark.parametrize("read, printed", [
    ("四、资金分配和使用.", "四、资金分配和使用"),
    ("2.农机创新产品>", "2.农机创新产品"),
    ("三、补贴对象和补贴标准：", "三、补贴对象和补贴标准"),
    ("（一）主要目标：到2025年，建成体系。", "（一）主要目标：到2025年，建成体系。"),   # a run-in heading
    ("资金分配和使用.", "资金分配和使用."),                                           # no marker: not a heading
])
def test_a_mark_read_after_a_short_heading(read, printed):
    assert run(ocr_heading_tail, read) == printed
