"""Hard-wrapped copies (pdftotext style): the wrap width is detected, and a line that fills
it runs on into an unindented line even when that line starts like a marker (一、二级)."""
from __future__ import annotations

from pathlib import Path

import pytest

from planparse.model import Line, SourceText
from planparse.normalize import normalize
from planparse.normalize.joins import _wraps_on
from planparse.normalize.wrap import display_width, hard_wrap_width
from planparse.pipeline import parse

ROOT = Path(__file__).resolve().parents[2]
SEGMENT_DOCS = ROOT / "tests" / "generalization" / "segment"
HARD_WRAPPED = {"g12_hard_wrapped_pdf_text": 46, "g18_hard_wrapped_numeral_runs": 44}

# A notice wrapped at 42 columns (21 wide characters), paragraphs indented by four blanks.
WRAPPED = [
    "    一、工作目标",
    "    到2025年，全市养老服务体系基本健全，社",
    "区养老服务设施覆盖率达到百分之百，支持各",
    "区县建设综合养老服务中心和各街道范围内的",
    "一、二类养老机构，满足老年人多样化需求。",
    "    二、主要任务",
    "    （一）完善设施布局。推动各区县对现有的",
    "2、3星级养老机构实施改造提升，新建床位不少",
    "于500张。",
    "    （二）加强队伍建设。重点实施以下培训计划",
    "    1. 实施养老护理员职业技能提升行动，每",
    "年培训不少于1000人次；",
    "    2. 开展养老服务人才专项培训。",
]


def source(lines: list[str]) -> SourceText:
    return SourceText(name="t", sha256="0", format="txt", lines=[Line(text=t) for t in lines])


def test_fixture_is_wrapped_at_one_width():
    assert hard_wrap_width(WRAPPED) == 42
    assert display_width(WRAPPED[3]) == display_width(WRAPPED[6]) - 2 == 40


def test_full_line_runs_on_into_an_unindented_marker_like_line():
    text = normalize(source(WRAPPED))
    assert text.text.split("\n") == [
        "一、工作目标",
        "到2025年，全市养老服务体系基本健全，社区养老服务设施覆盖率达到百分之百，"
        "支持各区县建设综合养老服务中心和各街道范围内的一、二类养老机构，满足老年人多样化需求。",
        "二、主要任务",
        "（一）完善设施布局。推动各区县对现有的2、3星级养老机构实施改造提升，新建床位不少于500张。",
        "（二）加强队伍建设。重点实施以下培训计划",
        "1. 实施养老护理员职业技能提升行动，每年培训不少于1000人次；",
        "2. 开展养老服务人才专项培训。",
    ]
    assert text.repairs["joined_line"] == 6


def test_without_paragraph_indents_a_marker_line_stays_a_new_line():
    flush = [line.lstrip() for line in WRAPPED]
    lines = normalize(source(flush)).text.split("\n")
    assert "一、二类养老机构，满足老年人多样化需求。" in lines
    assert "2、3星级养老机构实施改造提升，新建床位不少" in lines


def test_paragraph_per_line_text_keeps_its_marker_lines():
    lines = ["一、工作目标", "支持各区县建设综合养老服务中心和各街道范围内的", "一、二类养老机构提质。"] * 4
    assert hard_wrap_width(lines) is None
    assert normalize(source(lines)).text.split("\n") == lines


@pytest.mark.parametrize("previous, line", [
    ("    （二）加强队伍建设。重点实施以下培训", "    1. 实施护理员技能提升行动。"),  # next line indented
    ("    （二）加强队伍建设。开展护理员培训。", "1、实施技能提升行动。"),  # sentence ended
    ("    （二）加强队伍建设。主要包括两项内容：", "1、实施技能提升行动。"),
    ("    （二）加强队伍建设（由市人社局负责）。）", "1、实施技能提升行动。"),
    ("牵头单位：市民政局、市财政局、市人社局、市", "1、实施技能提升行动。"),  # a field
    ("联系人：王明，电话：0531-86971234，邮箱为", "1、实施技能提升行动。"),
    ("    （二）加强队伍建设。开展培训", "1、实施技能提升行动。"),  # does not fill the width
    ("\t序号\t任务\t牵头单位\t完成时限\t备注说明\t", "1、实施技能提升行动。"),  # a table row
])
def test_wrap_does_not_run_on(previous, line):
    assert not _wraps_on(previous.strip(), previous, line, 40)


def test_corpora_seeds_are_not_hard_wrapped():
    seeds = sorted((ROOT / "corpora").glob("*.txt"))
    assert seeds
    for path in seeds:
        assert hard_wrap_width(path.read_text(encoding="utf-8").split("\n")) is None, path.name


def test_only_the_hard_wrapped_generalization_docs_have_a_wrap_width():
    for path in sorted((ROOT / "tests" / "generalization").rglob("*.txt")):
        width = hard_wrap_width(path.read_text(encoding="utf-8").split("\n"))
        assert width == HARD_WRAPPED.get(path.stem), path.name


@pytest.mark.parametrize("name, item_text", [
    ("g18_hard_wrapped_numeral_runs", "推动优质医疗资源扩容下沉，鼓励三级医院对口帮扶县级医院和辖区内的一、二级医院，提升"),
    ("g18_hard_wrapped_numeral_runs", "组织省级专家对全省各地的一、二级医院开展巡回指导，选派骨干医师不少于200人。"),
    ("g18_hard_wrapped_numeral_runs", "对全省开展的3、4级手术实行分级授权"),
    ("g12_hard_wrapped_pdf_text", "2. 补齐必要的农村人居环境整治和小型公益性基础设施短板；"),
    ("g12_hard_wrapped_pdf_text", "3. 以工代赈项目劳务报酬发放比例不低于15%。"),
], ids=["g18-county", "g18-experts", "g18-surgery", "g12-item2", "g12-item3"])
def test_hard_wrapped_item_texts_lose_the_layout_break(name, item_text):
    document = parse(SEGMENT_DOCS / f"{name}.txt")
    assert any(item_text in item.text for item in document.items)
    for item in document.items:
        body = item.text.split("\n", 1)[-1] if item.title and "。" not in item.text.split("\n")[0] else item.text
        assert "\n" not in body, item.text
