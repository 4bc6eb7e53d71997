"""OCR-aware repairs: each fixer on text written for these tests, only ever on OCRed lines."""
from __future__ import annotations

from pathlib import Path

import pytest

from planparse.data import load_json
from planparse.model import Line, SourceText
from planparse.normalize import normalize
from planparse.normalize.ocr import (
    ocr_confusion,
    ocr_doc_number,
    ocr_han_space,
    ocr_page_number,
    ocr_punctuation,
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
