"""Segmentation on notices of genres the five seeds lack, scored like the seeds.

The notices in ``segment/`` were written for this test (original wording in the
manner of other provinces and ministries, not seed copies), each ``NAME.txt`` (some
also re-posted as ``NAME.html`` with gov-site furniture) with a hand-written gold
``NAME.json`` in the gold format. ``planparse.evaluate`` scores every parse; each
document must keep its metadata accuracy, items F1 and title accuracy at or above
the floors below (1.0 unless a comment says why not).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from planparse.evaluate import evaluate
from planparse.model import Line, SourceText, Text
from planparse.pipeline import parse
from planparse.segment import segment

DOCS = Path(__file__).parent / "segment"
SOURCES = sorted(DOCS.glob("*.txt")) + sorted(DOCS.glob("*.html"))
PREDICTIONS = [p.stem if p.suffix == ".txt" else f"{p.stem}.html" for p in SOURCES]

#: Floors below 1.0, per prediction name and score; every other score must be 1.0.
FLOORS: dict[str, dict[str, float]] = {
    # The normalize stage's line joiner (normalize/joins.py, not segmentation) glues the
    # notice's `联系人：…，联系电话：0531-86974512` line to the signature line below it,
    # so the closing signature (organ + 成文日期) is not found and the notice's metadata
    # is lost (the title falls back to the unsigned one). Segmentation alone gets 1.0
    # (see test_direct_notice_without_normalize below); reported to the normalize owner.
    "g09_direct_notice_signed_at_end": {"meta": 0.0},
}
SCORES = {"meta": lambda s: s["meta_acc"], "items": lambda s: s["items"]["f1"], "title": lambda s: s["title_acc"]}


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    out = tmp_path_factory.mktemp("pred")
    for src, name in zip(SOURCES, PREDICTIONS):
        (out / f"{name}.json").write_text(parse(src).to_json(), encoding="utf-8")
    return evaluate(DOCS, out)


def test_every_notice_has_gold_and_source():
    golds = {p.stem for p in DOCS.glob("*.json")}
    assert len(golds) >= 8
    assert golds == {p.stem for p in DOCS.glob("*.txt")}
    assert {p.stem for p in DOCS.glob("*.html")} <= golds


@pytest.mark.parametrize("name", PREDICTIONS)
def test_segmentation_floors(summary, name):
    row = next(r for r in summary["files"] if r["pred"] == f"{name}.json")
    assert row["status"] == "ok", row["error"]
    scores = row["scores"]
    for key, read in SCORES.items():
        floor = FLOORS.get(name, {}).get(key, 1.0)
        value = read(scores)
        shown = [e for e in row["errors"] if e[0] in ("meta", "title", "item_missed", "item_extra")][:8]
        assert value is not None and value >= floor, f"{key} {value} < {floor}: {shown}"


def segment_raw(raw: str, fonts: list[float] | None = None):
    """Segment a string as is (no normalize stage): the rules below, in isolation."""
    lines = [Line(text=t, font_size=fonts[i] if fonts else None) for i, t in enumerate(raw.split("\n"))]
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line.text) + 1
    text = Text(text=raw, source_text=raw, to_source=list(range(len(raw) + 1)), source_lines=lines, line_starts=starts)
    return segment(text, SourceText(name="t.txt", sha256="0", format="txt", lines=lines)), text


def outline_of(outline) -> list[tuple]:
    return [(i.part, i.path, i.title) for i in outline.items]


def test_direct_notice_without_normalize():
    """The notice signed at its end, segmented from its raw lines (no normalize joiner)."""
    raw = (DOCS / "g09_direct_notice_signed_at_end.txt").read_text(encoding="utf-8")
    outline, text = segment_raw(raw)
    assert outline.metadata["doc_number"] == "鲁水办字〔2024〕17号"
    assert outline.metadata["issuer"] == "山东省水利厅办公室"
    assert outline.metadata["issue_date"] == "2024-04-08"
    assert outline.metadata["title"] == "山东省水利厅办公室关于做好2024年汛前安全检查工作的通知"
    last = outline.items[-1]
    assert last.path == [3, 3] and text.text[last.start:last.end].endswith("运行管理处。")


# --------------------------------------------------------------------------- rules, in isolation
def test_division_headings_nest_like_chapters():
    outline, _ = segment_raw("某县工作计划\n第一部分　总体要求\n【目标】做好。\n第二部分　重点任务\n一、种粮\n1、稳面积。\n第三部分　保障措施\n一、加强领导")
    assert outline_of(outline) == [
        (0, [1], "总体要求"), (0, [2], "重点任务"), (0, [2, 1], "种粮"), (0, [2, 1, 1], "稳面积"),
        (0, [3], "保障措施"), (0, [3, 1], "加强领导")]


def test_division_heading_in_large_type_is_a_document_title():
    outline, _ = segment_raw("一、任务\n做好。\n第二部分　配套措施\n一、甲", fonts=[16.0, 16.0, 22.0, 16.0])
    assert [p.title for p in outline.parts] == ["", "第二部分配套措施"]


def test_notice_title_printed_above_the_masthead():
    outline, _ = segment_raw(
        "某省人民政府办公厅关于印发\n某某实施方案的通知\n某省人民政府办公厅文件\n某政办发〔2024〕3号\n"
        "各市人民政府：\n现印发给你们。\n某省人民政府办公厅\n二〇二四年一月九日\n某某实施方案\n一、目标")
    meta = outline.metadata
    assert meta["title"] == "某省人民政府办公厅关于印发某某实施方案的通知"
    assert (meta["doc_number"], meta["issue_date"]) == ("某政办发〔2024〕3号", "2024-01-09")


def test_doc_number_never_swallows_the_masthead():
    outline, _ = segment_raw("某市人民政府文件某政发〔2024〕8号\n某市人民政府关于印发某方案的通知\n各区：\n现印发。\n某市人民政府\n2024年5月6日\n某方案\n一、目标")
    assert outline.metadata["doc_number"] == "某政发〔2024〕8号"


def test_joint_signature_stacked_on_two_lines():
    outline, _ = segment_raw("甲厅　乙厅关于印发某方案的通知\n各市：\n现印发。\n\n甲省发展和改革委员会\n甲省财政厅\n2024年5月20日\n某方案\n一、目标")
    assert outline.metadata["issuer"] == "甲省发展和改革委员会、甲省财政厅"


def test_one_signature_is_not_joined_with_the_attachment_list_above():
    outline, _ = segment_raw("某局关于印发某方案的通知\n各单位：\n现印发。\n附件：1.甲方案\n2.乙清单\n某市财政局\n2024年5月20日\n甲方案\n一、目标")
    assert outline.metadata["issuer"] == "某市财政局"


def test_notice_that_is_the_document_signs_at_its_end():
    raw = ("某办字〔2024〕2号\n某厅办公室关于做好汛期值班工作的通知\n各市水利局：\n现通知如下。\n"
           "一、落实值班\n（一）严格值守。做好。\n二、及时报告\n请于5月1日前报送。\n联系人：张三，电话：12345678\n"
           "某厅办公室\n2024年4月8日")
    outline, text = segment_raw(raw)
    assert outline.metadata["issuer"] == "某厅办公室" and outline.metadata["issue_date"] == "2024-04-08"
    assert outline_of(outline) == [(0, [1], "落实值班"), (0, [1, 1], "严格值守"), (0, [2], "及时报告")]
    assert text.text[outline.items[-1].start:outline.items[-1].end] == "二、及时报告\n请于5月1日前报送。"


def test_plan_without_cover_but_signed_is_not_a_direct_notice():
    outline, _ = segment_raw("某市若干措施\n（一）甲。做好。\n（二）乙。做好。\n某市人民政府\n2024年4月8日")
    assert outline.metadata["doc_number"] is None and outline.metadata["title"] == "某市若干措施"


def test_inline_attachment_headings_start_parts():
    raw = ("某局关于印发两个文件的通知\n各单位：\n现印发。\n某局\n2024年6月1日\n"
           "附件1：甲实施方案\n一、目标\n做好。\n附件2：乙工作规则\n第一条　为规范，制定本规则。")
    outline, _ = segment_raw(raw)
    assert [(p.title, p.kind) for p in outline.parts] == [("甲实施方案", "plan"), ("乙工作规则", "annex")]
    assert outline_of(outline) == [(0, [1], "目标"), (1, [1], "为规范，制定本规则")]


def test_a_run_of_inline_attachment_lines_is_a_list():
    outline, text = segment_raw("某方案\n一、任务\n做好。\n附件1：甲表\n附件2：乙表")
    assert len(outline.parts) == 1
    assert text.text[outline.items[-1].start:outline.items[-1].end] == "一、任务\n做好。"


def test_task_table_header_variants():
    raw = "某方案\n一、分工\n序号\t工作举措\t责任单位\t完成时间\n1\t建立台账。\t甲局\t6月底前\n2\t开展评估\t乙局\t9月底前"
    outline, _ = segment_raw(raw)
    assert outline_of(outline) == [(0, [1], "分工"), (0, [1, 1], "建立台账"), (0, [1, 2], "开展评估")]


def test_hard_wrapped_text_title_runs_onto_the_next_line():
    body = "\n".join(["    衔接资金重点用于支持产业发展和基础设施建设等方面，"] * 5)
    raw = f"某细则\n一、使用\n{body}\n    1. 补齐必要的农村人居环境整治和小型公益性基础设\n施短板；\n    2. 发展产业。"
    outline, _ = segment_raw(raw)
    assert [i.title for i in outline.items][1:] == ["补齐必要的农村人居环境整治和小型公益性基础设施短板；", "发展产业"]


def test_heading_alone_is_not_joined_in_paragraph_per_line_text():
    raw = "某方案\n一、目标\n（一）支持方向\n衔接资金重点支持：\n1. 补齐短板；\n（二）负面清单\n不得挪用。"
    outline, _ = segment_raw(raw)
    assert [i.title for i in outline.items] == ["目标", "支持方向", "补齐短板；", "负面清单"]


def test_cover_signed_after_the_plan_it_covers():
    """Re-posts that print the cover's signature after the attached 办法 (articles only)."""
    raw = ("某市财政局关于印发某某管理办法的通知\n某财发〔2024〕5号\n各区财政局：\n现将《某某管理办法》印发给你们。\n\n"
           "某某管理办法\n\n第一条　为规范，制定本办法。\n第二条　本办法自2024年1月1日起施行。\n\n某市财政局\n2024年3月5日")
    outline, _ = segment_raw(raw)
    assert outline.metadata["issue_date"] == "2024-03-05" and outline.metadata["doc_number"] == "某财发〔2024〕5号"
    assert [p.title for p in outline.parts] == ["某某管理办法"]
    assert outline_of(outline) == [(0, [1], "为规范，制定本办法"), (0, [2], "本办法自2024年1月1日起施行")]
