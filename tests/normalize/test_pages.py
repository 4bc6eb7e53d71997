"""Page-number lines in text/HTML copies of PDFs: removed as page_furniture, sentences rejoined."""
from __future__ import annotations

import pytest

from planparse.model import Line, SourceText
from planparse.normalize import normalize
from planparse.normalize.pages import page_furniture
from planparse.normalize.registry import run


def source(text: str, fmt: str = "txt") -> SourceText:
    return SourceText(name="t", sha256="0", format=fmt, lines=[Line(text=t) for t in text.split("\n")])


@pytest.mark.parametrize("number", ["— 3 —", "－ 3 －", "- 3 -", "—3—", "第3页", "第 3 页 共 12 页", "3/12", "  — 12 —  "])
def test_page_number_line_between_two_halves_of_a_sentence_is_removed_and_joined(number):
    text = normalize(source(f"（二）严格执法。各旗县要规范执法程序，落实\n\n{number}\n\n行政执法公示制度。\n三、保障措施"))
    assert text.text == "（二）严格执法。各旗县要规范执法程序，落实行政执法公示制度。\n三、保障措施"
    assert text.repairs["page_furniture"] == 1 and text.repairs["joined_line"] == 1


def test_page_number_between_paragraphs_keeps_the_paragraph_break():
    assert run(page_furniture, "完成整改。\n\n- 4 -\n\n二、工作要求") == "完成整改。\n\n二、工作要求"


def test_each_page_number_line_counts_once():
    text = normalize(source("- 1 -\n一、总体要求\n推进法治建设。\n- 2 -\n二、主要任务\n第 3 页 共 3 页", "html"))
    assert text.text == "一、总体要求\n推进法治建设。\n二、主要任务"
    assert text.repairs["page_furniture"] == 3


@pytest.mark.parametrize("text", [
    "3.\n加强监督。",                      # an outline marker alone on its line
    "3\n加强监督。",                       # a lone bare number: no page sequence
    "2024/3\n工作安排。",                  # a year/month, not page 2024 of 3
    "2024年3月12日\n3/2024",              # a date; 3 of 2024 pages is no page count
    "序号\t任务\n1\t立法\n2\t执法\n3\t普法",  # table rows
    "序号\n1\n制定清单\n2\n公开清单\n3\n动态调整",  # a flattened 序号 column counts up, lines apart
    "（3）\n第三项。",
])
def test_items_dates_and_table_numbers_are_kept(text):
    assert run(page_furniture, text) == text


def test_bare_numbers_removed_only_as_a_spaced_page_sequence():
    page = [f"第{n}段正文，继续叙述。" for n in range(9)]
    text = "\n".join(page + ["1"] + page + ["2"] + page + ["3"] + page)
    result = run(page_furniture, text)
    assert "\n1\n" not in result and "\n2\n" not in result and "\n3\n" not in result
    assert result.count("继续叙述") == 36


def test_pdf_input_is_left_to_the_pdf_reader():
    assert normalize(source("落实\n— 3 —\n制度。", "pdf")).text == "落实\n— 3 —\n制度。"
