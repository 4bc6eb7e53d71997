"""One small test per segmentation rule, on inputs written for the rule."""
from __future__ import annotations

import pytest

from planparse.segment.indicators import IndicatorReader
from planparse.segment.lines import split_lines
from planparse.segment.metadata import find_colophon, find_cover, squeeze
from planparse.segment.numerals import cn_to_int, parse_full_date

from .helpers import run


@pytest.mark.parametrize("s,n", [("三十四", 34), ("十", 10), ("十二", 12), ("二十", 20), ("一百零二", 102),
                                 ("二〇二三", 2023), ("二○二五", 2025)])
def test_chinese_numerals(s, n):
    assert cn_to_int(s) == n


@pytest.mark.parametrize("s,iso", [("二〇二三年八月十五日", "2023-08-15"), ("2022年3月29日", "2022-03-29"),
                                   ("二○一九年十二月三十一日", "2019-12-31"), ("２０２４年１月５日", "2024-01-05"),
                                   ("2023年13月1日", None)])
def test_full_dates(s, iso):
    assert parse_full_date(s) == iso


@pytest.mark.parametrize("printed", ["甲办发[2023]5号", "甲办发（2023）5号", "甲办发［2023］5号", "甲办发〔2023〕5号"])
def test_doc_number_brackets_normalised(printed):
    outline, _ = run(f"{printed}\n甲市人民政府办公室关于印发某方案的通知\n各部门：\n现印发。\n甲市人民政府办公室\n2023年1月2日")
    assert outline.metadata["doc_number"] == "甲办发〔2023〕5号"


def test_issuer_from_masthead_when_no_signature_organ():
    src = "乙市人民政府文件\n乙政发〔2020〕1号\n关于印发某规划的通知\n各县区：\n现印发。\n2020年5月6日"
    outline, _ = run(src)
    assert outline.metadata["issuer"] == "乙市人民政府"
    assert outline.metadata["title"] == "关于印发某规划的通知"


def test_layout_spaces_removed_from_title():
    assert squeeze("市人民政府办公室 关于印发2022年 工作 要点的通知") == "市人民政府办公室关于印发2022年工作要点的通知"


def test_no_cover_notice_takes_plan_title_and_leaves_rest_null():
    outline, _ = run("丙县2025年河长制工作要点\n一、目标\n全面落实河长制。")
    meta = outline.metadata
    assert meta["title"] == "丙县2025年河长制工作要点" and meta["doc_number"] is None
    assert meta["issue_date"] is None and meta["plan_year"] == 2025


def test_colophon_cc_over_two_lines_and_printer():
    lines = split_lines("正文。\n抄送：甲，乙。\n丙、丁。\n丁市人民政府办公室\n2021年3月4日印发")
    col = find_colophon(lines)
    assert col.cc == ["甲", "乙", "丙", "丁"]
    assert (col.printer, col.print_date, col.start) == ("丁市人民政府办公室", "2021-03-04", 1)


def test_cover_requires_a_notice_feature():
    assert find_cover(split_lines("某方案\n2023年1月1日\n一、目标")) is None


def test_decimal_and_date_lines_are_not_items():
    outline, _ = run("某方案\n一、目标\n1.5亿元用于建设。\n2023年底前完成。\n12.5%的增长。")
    assert [i.path for i in outline.items] == [[1]]


def test_list_words_inside_sentences_are_not_items():
    outline, _ = run("某方案\n一、任务\n一是加强领导，二是强化保障。")
    assert [i.path for i in outline.items] == [[1]]


def test_run_in_markers_must_count_from_one():
    outline, _ = run("某方案\n一、要求\n按（2）项执行。见第3.条：4.不是条目。")
    assert [i.path for i in outline.items] == [[1]]


def test_run_in_sibling_of_its_owner_is_an_item():
    outline, _ = run("某方案\n一、要求\n（一）加强领导。要…。（二）强化保障。要…。")
    assert [(i.path, i.title) for i in outline.items][1:] == [([1, 1], "加强领导"), ([1, 2], "强化保障")]


def test_style_nesting_follows_document_order():
    outline, _ = run("某方案\n1.总体\n（一）分项\n2.其他")
    assert [i.path for i in outline.items] == [[1], [1, 1], [2]]


def test_closing_paragraph_after_last_item_is_not_item_text():
    src = "某方案\n一、任务\n（一）甲。内容。\n（二）乙。内容。\n各地各部门要高度重视，抓好落实。"
    outline, text = run(src)
    last = outline.items[-1]
    assert text.text[last.start:last.end] == "（二）乙。内容。"


def test_paragraph_under_a_lone_heading_is_its_text_even_if_closing_like():
    outline, text = run("某方案\n一、任务\n二、工作要求\n各地各部门要高度重视。")
    last = outline.items[-1]
    assert text.text[last.start:last.end].endswith("各地各部门要高度重视。")


def test_unit_line_after_item_stays_with_item():
    outline, text = run("某方案\n一、任务\n1.做好甲。\n\n责任单位：市司法局")
    assert text.text[outline.items[-1].start:outline.items[-1].end].endswith("责任单位：市司法局")


def test_attachment_heading_starts_annex_part():
    outline, _ = run("某某工作方案\n一、任务\n做好。\n附件2\n某某任务清单\n一、甲\n二、乙")
    assert [(p.index, p.title, p.kind) for p in outline.parts] == [(0, "某某工作方案", "plan"), (1, "某某任务清单", "annex")]
    assert [(i.part, i.path) for i in outline.items] == [(0, [1]), (1, [1]), (1, [2])]


def test_large_font_line_is_a_title_in_pdf_input():
    src = "一、任务\n做好。\n第二部分材料\n一、甲"
    outline, _ = run(src, fonts=[16.0, 16.0, 22.0, 16.0])
    assert [p.title for p in outline.parts] == ["", "第二部分材料"]


def test_numbering_gap_is_warned():
    outline, _ = run("某方案\n一、甲\n三、丙")
    assert [w.code for w in outline.warnings] == ["numbering_gap"]


def test_indicator_label_printed_on_middle_row_and_broken_label():
    reader = IndicatorReader(part=1)
    for row in ["一、甲类\t1. 乙\t1 内容一。", "\t\t2 内容二。", "\t2. 丙\t3 内容三。", "\t丁\t4 内容四。"]:
        reader.read_line(split_lines(row)[0])
    assert [(r.l1, r.l2, r.n) for r in reader.rows] == [(1, 1, 1), (1, 1, 2), (1, 2, 3), (1, 2, 4)]
    assert reader.titles[(1, 2)] == "丙丁"


def test_indicator_number_only_row_is_kept_with_empty_text():
    reader = IndicatorReader(part=1)
    reader.read_line(split_lines("一、甲\t1. 乙\t19")[0])
    assert [(r.n, r.text) for r in reader.rows] == [(19, "")]


def test_wrapped_pdf_heading_line_continues_title():
    from planparse.model import Line, SourceText
    from planparse.segment import segment

    from .helpers import make_text
    rows = [("某某工作方案", 300.0), ("一、任务", 200.0), ("（一）加强组织领导，建立健全工作", 500.0),
            ("机制。要做好。", 250.0), ("（二）强化保障", 200.0)]
    source = SourceText("t.pdf", "0", "pdf", [Line(text=t, page=1, x1=x) for t, x in rows])
    outline = segment(make_text(source), source)
    assert [i.title for i in outline.items] == ["任务", "加强组织领导，建立健全工作机制", "强化保障"]


def test_body_font_size_ignores_small_type_table_rows():
    from types import SimpleNamespace

    from planparse.model import Line
    from planparse.segment.lines import body_font_size

    body = [Line(text="各地要认真落实本方案各项任务。", font_size=16.0) for _ in range(40)]
    table = [Line(text="一、政府职能\t1. 审批改革\t" + "向社会公布全部事项清单" * 10, font_size=12.0) for _ in range(60)]
    assert body_font_size(SimpleNamespace(source_lines=body + table)) == 16.0


def test_body_font_size_of_a_mostly_table_document_uses_the_table():
    from types import SimpleNamespace

    from planparse.model import Line
    from planparse.segment.lines import body_font_size

    title = [Line(text="2024年重点任务分工表", font_size=22.0)]
    table = [Line(text="1\t推进审批改革\t市审批局\t2024年底前", font_size=12.0) for _ in range(30)]
    assert body_font_size(SimpleNamespace(source_lines=title + table)) == 12.0


# ------------------------------------------------------------------ 主送 over several lines
def cover(head: str) -> dict:
    body = "\n现将方案印发给你们，请认真执行。\n\n戊县人民政府办公室\n2023年6月7日\n\n戊县某某方案\n一、目标\n做好。"
    return run(head + body)[0].metadata


def test_recipients_wrapped_under_a_title_with_the_doc_number_below_it():
    meta = cover("戊县人民政府办公室\n关于印发戊县农村道路\n安全整治方案的通知\n戊政办发〔2023〕7号\n\n"
                 "各镇人民政府，县级各部门，县属\n国有企业：")
    assert meta["title"] == "戊县人民政府办公室关于印发戊县农村道路安全整治方案的通知"
    assert meta["recipients"] == ["各镇人民政府", "县级各部门", "县属国有企业"]
    assert meta["doc_number"] == "戊政办发〔2023〕7号"


def test_recipients_over_three_lines_keep_brackets_and_enumeration_commas():
    meta = cover("戊政办发〔2023〕7号\n戊县人民政府办公室关于印发某某方案的通知\n"
                 "各区（含开发区、园区）管委会，\n县直各部门、各直属机构，\n驻县各单位：")
    assert meta["title"] == "戊县人民政府办公室关于印发某某方案的通知"
    assert meta["recipients"] == ["各区（含开发区、园区）管委会", "县直各部门、各直属机构", "驻县各单位"]


def test_recipient_word_broken_over_the_line_end_is_joined():
    meta = cover("戊政办发〔2023〕7号\n关于印发甲、乙两项方案的\n通知\n各乡镇，县财\n政局：")
    assert meta["title"] == "关于印发甲、乙两项方案的通知"
    assert meta["recipients"] == ["各乡镇", "县财政局"]


def test_title_line_with_enumeration_comma_is_not_taken_for_recipients():
    meta = cover("戊政办发〔2023〕7号\n关于印发甲、乙工作方案的通知\n各部门：")
    assert meta["title"] == "关于印发甲、乙工作方案的通知" and meta["recipients"] == ["各部门"]


# ------------------------------------------------------------------ titles set in body type (PDF)
def test_body_size_title_word_line_is_a_part_title_but_small_type_is_not():
    src = "己市某某工作方案\n一、任务\n做好。\n附件\n己市重点任务清单\n一、甲。\n二、乙。\n重点任务推进情况一览表\n三、丙。"
    outline, _ = run(src, fonts=[16.0] * 7 + [10.5, 16.0])
    assert [(p.title, p.kind) for p in outline.parts] == [("己市某某工作方案", "plan"), ("己市重点任务清单", "annex")]
    outline, _ = run(src, fonts=[16.0] * 9)
    assert [p.title for p in outline.parts][-1] == "重点任务推进情况一览表"


def test_rendered_pdf_plan_and_annex_titles_in_body_type(tmp_path):
    """The renderer sets only the notice title large: the plan title (ending in a year
    range) and the annex title print in body type and must still be found."""
    from planparse.ingest import ingest
    from planparse.pipeline import parse

    from ..helpers import load_renderer
    plan_title, annex_title = "庚市数字乡村三年行动计划（2025—2027年）", "庚市数字乡村建设任务清单"
    src = tmp_path / "notice.txt"
    src.write_text(
        "庚市人民政府文件\n\n庚政发〔2025〕3号\n\n庚市人民政府关于印发庚市数字乡村建设\n三年行动计划（2025—2027年）的通知\n\n"
        "各县（区）人民政府，市政府各部门：\n　　现将行动计划印发给你们，请认真组织实施。\n\n庚市人民政府\n2025年2月8日\n\n"
        f"{plan_title}\n\n　　为深入推进数字乡村建设，加快农业农村现代化，结合我市实际，制定本计划。各县（区）、"
        "各有关部门要把数字乡村建设摆在突出位置，统筹推进网络设施、数字产业和乡村治理。\n\n"
        "一、主要目标\n　　到2027年，行政村5G覆盖率达到95%以上。\n二、重点任务\n　　建设一批数字乡村示范村，推动信息进村入户，"
        "完善农村电商服务体系，提升乡村治理数字化水平，每年培训农村数字人才不少于500人次。\n\n"
        f"附件\n\n{annex_title}\n\n序号\t任务\t牵头单位\t完成时限\n"
        "1\t建设示范村10个。\t市农业农村局\t2025年12月底前\n2\t完成宽带提速改造。\t市通信管理办\t2026年6月底前\n",
        encoding="utf-8")
    pdf = tmp_path / "notice.pdf"
    load_renderer().render(src, pdf)
    sizes = {ln.text: ln.font_size for ln in ingest(pdf).lines}
    assert sizes[plan_title] == sizes[annex_title] == sizes["一、主要目标"]   # titles in body type
    doc = parse(pdf)
    assert [(p.title, p.kind) for p in doc.parts] == [(plan_title, "plan"), (annex_title, "annex")]
    assert doc.metadata.title == "庚市人民政府关于印发庚市数字乡村建设三年行动计划（2025—2027年）的通知"


NOTICE_HEAD = "东湖街道办事处\n关于开展平安创建行动的通知\n\n各社区居委会：\n为巩固平安建设成果，现将有关事项通知如下：\n"
NOTICE_TAIL = "\n东湖街道办事处\n2024年4月10日\n"


@pytest.mark.parametrize("top,sub", [("1、", "（1）"), ("1.", "（1）"), ("（1）", "①"), ("①", "（一）")])
def test_notice_signed_at_end_with_any_top_marker_style(top, sub):
    """The outline of a notice that is the document may open with any marker style."""
    def m(style: str, n: int) -> str:
        return style.replace("1", str(n)) if "1" in style else "①②"[n - 1] if style == "①" else f"（{'一二'[n - 1]}）"
    body = (f"{m(top, 1)}工作目标\n发案数下降15%以上。\n{m(top, 2)}重点任务\n"
            f"{m(sub, 1)}开展排查。每周排查一次。\n{m(sub, 2)}开展宣传。入户宣传。\n")
    outline, _ = run(NOTICE_HEAD + body + NOTICE_TAIL)
    assert [(i.path, i.title) for i in outline.items] == [
        ([1], "工作目标"), ([2], "重点任务"), ([2, 1], "开展排查"), ([2, 2], "开展宣传")]
    assert outline.metadata["issue_date"] == "2024-04-10"
    assert outline.metadata["title"] == "东湖街道办事处关于开展平安创建行动的通知"


def test_notice_with_its_signature_then_a_plan_stays_a_cover():
    """`请于…前报送：1.…` in a cover notice followed by the plan after the signature: the
    notice's numbered lines are not the plan's outline."""
    src = (NOTICE_HEAD.replace("通知如下：", "印发给你们。请于5月1日前报送：") + "1.工作总结\n2.典型案例\n"
           + NOTICE_TAIL + "平安创建行动方案\n一、总体要求\n全面推进。\n二、主要任务\n落实责任。")
    outline, _ = run(src)
    assert [(i.path, i.title) for i in outline.items] == [([1], "总体要求"), ([2], "主要任务")]
    assert outline.metadata["issue_date"] == "2024-04-10"


def test_notice_signed_at_end_before_its_colophon():
    src = NOTICE_HEAD + "1.工作目标\n下降15%。\n2.工作要求\n加强领导。\n" + NOTICE_TAIL + "抄送：区委办。\n东湖街道党政办 2024年4月10日印发"
    outline, _ = run(src)
    assert [i.path for i in outline.items] == [[1], [2]]
    assert outline.metadata["cc"] == ["区委办"]


def test_item_opening_on_a_month_is_not_a_decimal(tmp_path):
    from planparse.pipeline import parse

    src = tmp_path / "plan.txt"
    src.write_text(
        "2024年体育工作要点\n一、重点任务\n"
        "5.开展全民健身活动。全年举办赛事20场。\n牵头单位：群众体育处\n"
        "6.6月30日前报送体质监测数据，9月底前完成监测任务。\n责任单位：体育科学研究所\n"
        "7.增长6.5个百分点以上。\n", encoding="utf-8")
    items = parse(src).items
    assert [(i.path, i.title) for i in items] == [
        ([1], "重点任务"), ([1, 5], "开展全民健身活动"),
        ([1, 6], "6月30日前报送体质监测数据，9月底前完成监测任务"), ([1, 7], "增长6.5个百分点以上"),
    ]
    assert [u.name for u in items[1].units] == ["群众体育处"]


def test_a_plan_without_cover_signed_at_its_end_gives_issuer_and_date(tmp_path):
    """Real: tests/real r34 — no cover notice; the organ and 成文日期 close the plan, and
    they are not part of its last item."""
    from planparse.pipeline import parse

    text = ("甲局竞聘上岗工作方案\n一、指导原则\n坚持公开。\n二、工作安排\n（一）报名。11月5日（星期五）前报名。\n"
            "中共甲区甲局委员会\n二〇一〇年十一月二日\n")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    doc = parse(tmp_path / "a.txt")
    assert (doc.metadata.issuer, doc.metadata.issue_date) == ("中共甲区甲局委员会", "2010-11-02")
    assert "委员会" not in doc.items[-1].text and doc.items[-1].dates[0].value == "2010-11-05"


def test_a_government_decree_page_gives_number_issuer_and_date(tmp_path):
    """Real: tests/real r61, r62 — a 规章 published by a 政府令."""
    from planparse.pipeline import parse

    text = ("甲市政务数据管理办法\n甲市人民政府令\n（第16号）\n《甲市政务数据管理办法》已经2020年4月29日"
            "市政府常务会议审议通过，现予公布。\n市长 某某\n2020年5月15日\n甲市政务数据管理办法\n"
            "第一章　总则\n第一条　为了规范管理，制定本办法。\n")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    meta = parse(tmp_path / "a.txt").metadata
    assert (meta.doc_number, meta.issuer, meta.issue_date, meta.title) == (
        "甲市人民政府令第16号", "甲市人民政府", "2020-05-15", "甲市政务数据管理办法")


def test_a_cover_without_its_title_line_takes_the_record_title(tmp_path):
    """Real: tests/real r03, r50 — a dataset record whose text starts at the 主送 line."""
    import json

    from planparse.pipeline import parse

    body = ("各市人民政府：\n现将《甲方案》印发给你们，请认真组织实施。\n甲省人民政府办公厅\n2023年3月24日\n"
            "甲方案\n一、总体要求\n（一）指导思想。坚持。\n")
    (tmp_path / "a.json").write_text(json.dumps({"标题": "甲省人民政府办公厅关于印发甲方案的通知", "正文": body},
                                                ensure_ascii=False), encoding="utf-8")
    meta = parse(tmp_path / "a.json").metadata
    assert (meta.title, meta.issuer) == ("甲省人民政府办公厅关于印发甲方案的通知", "甲省人民政府办公厅")


def test_a_run_in_item_opening_on_a_year_is_an_item(tmp_path):
    """Real: tests/holdout h08 — `（一）…。1.2016年底前…` is item 1, not the decimal 1.2016."""
    from planparse.pipeline import parse

    text = "某意见\n一、推进服务消费\n（一）加速升级旅游消费。1.2016年底前再新增100家示范区。2.制定规划。\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    doc = parse(tmp_path / "a.txt")
    assert [(tuple(i.path), i.title) for i in doc.items] == [
        ((1,), "推进服务消费"), ((1, 1), "加速升级旅游消费"), ((1, 1, 1), "2016年底前再新增100家示范区"),
        ((1, 1, 2), "制定规划")]


def test_run_in_numbering_continues_across_parents_and_after_a_unit_bracket(tmp_path):
    """Real: tests/holdout h08 — 1.–5. under （一）, 6.–9. under （二）; each task closes with
    its units in a bracket and the next number follows it directly."""
    from planparse.pipeline import parse

    text = ("某意见\n一、推进消费\n（一）旅游消费。1.新增示范区。（甲部负责）2.制定规划。（乙部负责）\n"
            "（二）文化消费。3.支持书店。（丙部负责）4.推进试点。（丁部负责）\n")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    doc = parse(tmp_path / "a.txt")
    assert [tuple(i.path) for i in doc.items] == [(1,), (1, 1), (1, 1, 1), (1, 1, 2), (1, 2), (1, 2, 3), (1, 2, 4)]
    assert [u.name for u in doc.items[3].units] == ["乙部"]


def test_a_document_without_cover_keeps_its_number_and_closing_date(tmp_path):
    """Real: tests/holdout h05, h06, h08 — a 发文字号 alone on the first line (or after a
    文号： key), a 成文日期 alone on the last line."""
    from planparse.pipeline import parse

    text = "国办发〔2016〕85号\n当前，消费稳定增长。\n一、推进消费\n（一）旅游消费。加快发展。\n二〇一六年十一月二十日\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    doc = parse(tmp_path / "a.txt")
    assert (doc.metadata.doc_number, doc.metadata.issue_date) == ("国办发〔2016〕85号", "2016-11-20")
    assert not doc.items[-1].dates


@pytest.mark.parametrize("organ", ["青岛海关", "中国人民银行青岛市中心支行", "青岛大学", "青岛市商务局"])
def test_a_signature_of_any_organ_kind_is_the_issuer(tmp_path, organ):
    """Issue 15: 海关/银行/大学 were missing from one copy of the organ endings."""
    from planparse.pipeline import parse

    text = f"关于印发甲方案的通知\n各单位：\n现将《甲方案》印发给你们。\n{organ}\n2024年3月5日\n甲方案\n一、总体要求\n（一）加强管理。\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    assert parse(tmp_path / "a.txt").metadata.issuer == organ


def test_a_title_split_before_its_last_line_keeps_its_first_half(tmp_path):
    """Real: tests/real r31 — `宁波市首届“百校千企”` / `人才培养合作交流大会总体方案`."""
    from planparse.pipeline import parse

    text = "宁波市首届“百校千企”\n人才培养合作交流大会总体方案\n一、指导思想\n坚持。\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    assert parse(tmp_path / "a.txt").metadata.title == "宁波市首届“百校千企”人才培养合作交流大会总体方案"


# --- joint signatures as real flattened copies print them --------------------------------
JOINT_HEAD = "关于加快推动产业发展的实施方案的通知\n各市人民政府：\n现印发给你们，请结合实际认真贯彻落实。\n"


@pytest.mark.parametrize("signature, issuer", [
    # r02 (a CSV record): six signatories two to a line, one name wrapped onto the next line
    ("河北省工业和信息化厅河北省发展和改革委员会\n河北省教育厅河北省科学技术厅\n"
     "中国人民银行石家庄中心支行中国银行保险监督管理\n委员会河北监管局", "河北省工业和信息化厅"),
    # the same shape with other names: the wrapped line is never the issuer
    ("甲省商务厅甲省财政厅\n甲省税务局国家金融监督管理总局甲省监管\n局", "甲省商务厅"),
    # r13 (flattened national notice): three ministries run together without a gap
    ("科技部财政部国家发展改革委", "科技部"),
    ("教育部国家发展改革委财政部人力资源社会保障部", "教育部"),
    # two organs stay A、B; one organ whose name holds an inner ending stays whole
    ("甲市商务局甲市财政局", "甲市商务局、甲市财政局"),
    ("中国银行保险监督管理委员会", "中国银行保险监督管理委员会"),
    ("国务院办公厅", "国务院办公厅"),
])
def test_joint_signature_gives_the_first_signatory(signature, issuer):
    cover = find_cover(split_lines(JOINT_HEAD + signature + "\n2023年5月4日\n实施方案\n一、总体要求"))
    assert cover is not None and cover.metadata["issuer"] == issuer


def test_body_line_without_full_stop_is_not_joined_to_the_signature():
    cover = find_cover(split_lines(JOINT_HEAD.replace("落实。", "落实") + "甲市商务局\n2023年5月4日\n方案\n一、要求"))
    assert cover is not None and cover.metadata["issuer"] == "甲市商务局"


@pytest.mark.parametrize("title, issuer", [
    ("甲省商务厅等4部门关于印发《甲省家电以旧换新实施方案》的通知", "甲省商务厅"),   # r70
    ("甲省教育厅等十二部门关于进一步加强培训治理工作的实施方案", "甲省教育厅"),
    ("甲市农业农村局 甲市财政局关于印发《补贴实施方案》的函", "甲市农业农村局、甲市财政局"),
])
def test_title_names_the_issuer_of_a_joint_notice(title, issuer):
    from planparse.segment.metadata import title_organ

    assert title_organ(title) == issuer


def test_reposter_introduction_gives_title_and_issuer_only_without_a_title():
    """r29 (a CMS row): the copy opens with the reposter's introduction, no cover, no title."""
    intro = "6月12日，甲市教育局发布《关于做好2023年义务教育招生入学工作的通知》，具体内容如下：\n"
    outline, _ = run(intro + "一、工作目标\n确保入学。\n二、工作要求\n加强宣传。")
    assert outline.metadata["title"] == "关于做好2023年义务教育招生入学工作的通知"
    assert outline.metadata["issuer"] == "甲市教育局"
    outline, _ = run("甲市招生入学工作方案\n" + intro + "一、工作目标\n确保入学。\n二、工作要求\n加强宣传。")
    assert outline.metadata["title"] == "甲市招生入学工作方案" and outline.metadata["issuer"] is None


def test_arabic_marker_before_a_span_of_years_is_a_marker():
    """r43 (a CSV record): ``2.2019-2022年，指导…`` is item 2, not the decimal 2.2019."""
    outline, _ = run("稳定规模\n（二）稳定规模。\n1.2018年，扩大招生计划。\n2.2019-2022年，指导高等学校整合资源。\n")
    assert [i.title for i in outline.items][-2:] == ["2018年，扩大招生计划", "2019-2022年，指导高等学校整合资源"]


def test_policy_entry_into_force_closes_the_last_item():
    """r56: ``本政策自2021年开始执行`` speaks for the whole body, not for item 八、."""
    outline, text = run("支持政策\n一、加大支持\n给予补助。\n二、强化保障\n加强协调。\n本政策自2021年开始执行。")
    last = outline.items[-1]
    assert last.title == "强化保障" and "本政策" not in text.text[last.start:last.end]


def test_issuer_line_above_a_plan_title_opening_with_guanyu_is_part_of_it():
    """r41 (a CSV record): the plan's title over two lines, organs then 关于…."""
    outline, _ = run("甲省教育厅等十二部门\n关于进一步加强培训治理工作的实施方案\n一、目标要求\n加强治理。\n二、重点任务\n规范培训。")
    assert outline.parts[0].title == "甲省教育厅等十二部门关于进一步加强培训治理工作的实施方案"


def test_bracketed_print_line_is_the_colophon_not_item_text():
    """h06 (a CMS record): ``(浙江省档案局办公室   2006年2月15日印发)`` closes the file."""
    colophon = find_colophon(split_lines("一、加强培训\n培训率达到100%。\n(甲省档案局办公室             2006年2月15日印发)"))
    assert colophon is not None and (colophon.start, colophon.printer, colophon.print_date) == (2, "甲省档案局办公室", "2006-02-15")


def test_preamble_broken_after_a_title_word_is_no_title_and_names_no_issuer():
    """h11 (a CSV record): the body only, its preamble broken inside 《…意见 / 》（…）…."""
    from planparse.segment.metadata import title_organ

    outline, _ = run("为贯彻《国务院办公厅关于推进电子商务与快递物流协同发展的意见\n》（国办发〔2018〕1号），现提出实施意见如下：\n"
                     "一、推动基础设施布局\n加强规划。\n二、推进协同发展\n加强协同。")
    assert outline.metadata["title"] is None and outline.metadata["issuer"] is None
    assert title_organ("为贯彻《国务院办公厅关于推进协同发展的意见") is None


def test_uncovered_notice_title_names_its_issuer():
    """h10 (a stripped corpus line): no signature printed; the notice title names the issuer."""
    outline, _ = run("甲省人民政府办公厅关于印发支持邮政业发展若干措施的通知\n一、深化改革\n优化管理。\n二、加强保障\n强化支持。")
    assert outline.metadata["issuer"] == "甲省人民政府办公厅"


COVER_SHAPES = [
    # r24 (a Markdown copy): five organ lines, 文件 on its own line, no signature
    ("甲市商务局\n甲市发展和改革委员会\n甲市工业和信息化局\n甲市财政局\n文件\n甲商务字〔2025〕6号\n"
     "关于印发《甲市补贴实施细则》的通知\n各区县商务主管部门：\n现印发给你们，请抓好贯彻落实。\n"
     "甲市补贴实施细则\n第一章 总则\n第一条 目的", "issuer", "甲市商务局"),
    # r56 (scraped page): the page heading, then the notice's own title, then its 文号
    ("甲省人民政府办公厅关于印发甲省行动计划(2021—2023年)的通知\n"
     "甲省人民政府办公厅关于印发甲省行动计划（2021-2023年）的通知\n（甲政办秘〔2021〕82号）\n"
     "各市人民政府：\n现印发给你们，请认真抓好落实。\n甲省人民政府办公厅\n2021年9月2日\n行动计划\n一、目标",
     "title", "甲省人民政府办公厅关于印发甲省行动计划（2021-2023年）的通知"),
    # r22 (a Markdown capture): the site's name in Chinese and English above the title
    ("Shandong Great Business Partner\n甲省商务厅\nDepartment of Commerce\n"
     "甲省商务厅等5部门关于印发《甲省补贴实施细则》的通知\n各市商务主管部门：\n"
     "现印发给你们，请认真抓好贯彻落实。\n甲省商务厅\n2025年1月20日\n补贴实施细则\n一、补贴品种",
     "title", "甲省商务厅等5部门关于印发《甲省补贴实施细则》的通知"),
]


@pytest.mark.parametrize("text, field, expected", COVER_SHAPES)
def test_cover_metadata_as_real_copies_print_it(text, field, expected):
    cover = find_cover(split_lines(text))
    assert cover is not None and cover.metadata[field] == expected
