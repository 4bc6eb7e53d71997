"""Every form a notice arrives in: small cases per rule (the real files are in tests/real)."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from planparse.cli import main
from planparse.ingest import ingest, ingest_all
from planparse.pipeline import parse

from tests.helpers import output_names

NOTICE = "一、总体要求\n（一）指导思想。坚持依法行政。\n（二）工作目标。到2025年，公开率达到100%。\n二、主要任务\n1.完善制度（责任单位：市司法局）。"


def lines_of(source) -> list[str]:
    return [line.text for line in source.lines]


def test_html_inside_a_txt_file_is_read_as_html(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("<div class=\"nav\"><a>首页</a></div><p>一、总体要求</p><p>（一）指导思想。</p>", encoding="utf-8")
    source = ingest(path)
    assert source.format == "html" and lines_of(source) == ["一、总体要求", "（一）指导思想。"]
    assert [w.code for w in source.warnings] == ["format_mismatch"]


def test_a_pdf_named_txt_is_still_a_pdf_and_a_docx_named_zip_a_docx(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("一、总体要求")
    document.save(tmp_path / "notice.zip")
    assert ingest(tmp_path / "notice.zip").format == "docx"


def test_json_records_give_one_document_each_with_field_metadata(tmp_path):
    rows = [{"id": 7, "标题": "关于印发甲方案的通知", "发文字号": "甲发[2023]1号", "成文日期": "2023年8月5日",
             "正文": NOTICE},
            {"id": 8, "title": "乙", "content": "<p>一、总体要求</p><p>（一）指导思想，坚持依法行政。</p>"}]
    path = tmp_path / "data.json"
    path.write_text(json.dumps({"data": rows}, ensure_ascii=False), encoding="utf-8")
    sources = ingest_all(path)
    assert [s.record["key"] for s in sources] == ["7", "8"]
    assert sources[0].field_metadata == {"title": "关于印发甲方案的通知", "doc_number": "甲发[2023]1号",
                                         "issue_date": "2023年8月5日"}
    assert lines_of(sources[1]) == ["一、总体要求", "（一）指导思想，坚持依法行政。"]
    doc = parse(tmp_path / "data.json")
    assert doc.source.format == "record" and doc.source.record.container == "json"
    assert doc.metadata.doc_number == "甲发〔2023〕1号" and doc.metadata.issue_date == "2023-08-05"
    assert "metadata_from_fields" in {w.code for w in doc.normalization.warnings}


def test_jsonl_csv_and_sql_records(tmp_path):
    body = NOTICE.replace("\n", "\\n")
    (tmp_path / "a.jsonl").write_text(f'{{"title": "x", "text": "{body}"}}\n{{"title": "y", "text": "{body}"}}\n',
                                      encoding="utf-8")
    (tmp_path / "b.csv").write_text('标题,正文\n甲,"' + NOTICE.replace('"', '""') + '"\n', encoding="utf-8")
    sql = ("CREATE TABLE `doc` (\n `id` int,\n `content` text\n);\n"
           "INSERT INTO `doc` VALUES (3,'<p>一、总体要求</p><p>（一）指导\\\"思想\\\"，坚持。</p><p>二、任务</p>');")
    (tmp_path / "c.sql").write_text(sql, encoding="utf-8")
    assert [s.record["container"] for s in ingest_all(tmp_path / "a.jsonl")] == ["jsonl", "jsonl"]
    (csv_source,) = ingest_all(tmp_path / "b.csv")
    assert csv_source.field_metadata == {"title": "甲"} and lines_of(csv_source)[0] == "一、总体要求"
    (sql_source,) = ingest_all(tmp_path / "c.sql")
    assert sql_source.record["key"] == "3" and lines_of(sql_source)[1] == "（一）指导\"思想\"，坚持。"


def test_a_multi_record_file_writes_one_output_per_record(tmp_path):
    body = NOTICE.replace("\n", "\\n")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "set.jsonl").write_text(
        f'{{"id": "a1", "text": "{body}"}}\n{{"id": "b2", "text": "{body}"}}\n', encoding="utf-8")
    assert main(["parse", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"]) == 0
    assert output_names(tmp_path / "out") == ["set.a1.json", "set.b2.json"]


def test_markdown_front_matter_notes_and_ordered_lists(tmp_path):
    text = ("---\ntitle: 关于印发甲方案的通知\n发文字号: 甲发〔2023〕1号\nurl: http://x\n---\n\n"
            "> 来源：某市人民政府网站，仅供参考\n\n# 甲方案\n\n一、总体要求\n（一）**指导思想**。坚持。\n\n"
            "2. 完善制度\n3. 加强考核\n\n|序号|任务|\n|-|-|\n|1|完善制度|\n")
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    source = ingest(tmp_path / "a.md")
    assert source.format == "markdown" and source.repairs["web_furniture"] == 1
    assert source.field_metadata == {"title": "关于印发甲方案的通知", "doc_number": "甲发〔2023〕1号"}
    assert lines_of(source) == ["甲方案", "一、总体要求", "（一）指导思想。坚持。", "2.完善制度", "3.加强考核",
                                "序号\t任务", "1\t完善制度"]


def test_docx_paragraphs_tables_and_word_numbering(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("关于印发甲方案的通知")
    document.add_paragraph("完善制度", style="List Number")
    document.add_paragraph("加强考核", style="List Number")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "序号", "工作任务"
    table.cell(1, 0).text, table.cell(1, 1).text = "1", "完善制度"
    document.save(tmp_path / "a.docx")
    source = ingest(tmp_path / "a.docx")
    assert source.format == "docx"
    assert lines_of(source) == ["关于印发甲方案的通知", "1.完善制度", "2.加强考核", "序号\t工作任务", "1\t完善制度"]


def write_ofd(path: Path, rows: list[tuple[float, str]]) -> None:
    objects = "".join(
        f'<ofd:TextObject ID="{i}" Boundary="25 {y} 160 6" Size="5.6"><ofd:TextCode X="0" Y="5">{text}</ofd:TextCode>'
        f"</ofd:TextObject>" for i, (y, text) in enumerate(rows, 10))
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("OFD.xml", f"<ofd:OFD {ns}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
        z.writestr("Doc_0/Document.xml", f'<ofd:Document {ns}><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>'
                   "</ofd:Pages></ofd:Document>")
        z.writestr("Doc_0/Pages/Page_0/Content.xml", f"<ofd:Page {ns}><ofd:Content><ofd:Layer>{objects}</ofd:Layer>"
                   "</ofd:Content></ofd:Page>")


def test_ofd_text_objects_become_lines_with_pages(tmp_path):
    write_ofd(tmp_path / "a.ofd", [(60, "（一）指导思想。"), (40, "一、总体要求")])
    source = ingest(tmp_path / "a.ofd")
    assert source.format == "ofd" and source.pages == 1
    assert lines_of(source) == ["一、总体要求", "（一）指导思想。"] and {line.page for line in source.lines} == {1}


def test_one_line_text_gets_its_outline_back(tmp_path):
    text = ("关于印发甲方案的通知各区人民政府，市各有关部门：现将《甲方案》印发给你们，请认真贯彻执行。"
            "甲市人民政府办公室2023年8月5日（此件公开发布）甲方案一、总体要求（一）指导思想。坚持一、二级医院联动，"
            "公开率达到1.5%。（二）工作目标。到2025年完成。" + "深化政务公开，推进决策、执行、管理、服务、结果公开。" * 6 +
            "二、主要任务1.完善制度。2.加强考核（责任单位：市司法局）。")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    doc = parse(tmp_path / "a.txt")
    paths = [tuple(item.path) for item in doc.items]
    assert paths == [(1,), (1, 1), (1, 2), (2,), (2, 1), (2, 2)]
    assert doc.metadata.issue_date == "2023-08-05"


@pytest.mark.parametrize("name", ["notes.docx", "notes.ofd"])
def test_a_docx_or_ofd_that_is_no_zip_is_a_clear_error(tmp_path, name):
    from planparse.model import PlanparseError

    (tmp_path / name).write_text("not a package", encoding="utf-8")
    with pytest.raises(PlanparseError) as err:
        ingest(tmp_path / name)
    assert err.value.code.startswith("corrupt_")


def test_flattened_cover_lines_come_back():
    """Real forms (tests/real r01, r50, r52): a 文号 run onto the 主送 line, a 成文日期 run
    onto the plan title, a 主送 list run onto the first sentence."""
    from planparse.normalize.oneline import restored_line_breaks
    from planparse.normalize.registry import run

    text = ("各省、自治区人民政府，国务院各部委：党中央高度重视。\n"
            "河北省人民政府办公厅　　2023年3月24日河北省质量强省建设行动方案（2023-2027年）　　为全面贯彻。")
    assert run(restored_line_breaks, text).split("\n") == [
        "各省、自治区人民政府，国务院各部委：", "党中央高度重视。", "河北省人民政府办公厅",
        "　　2023年3月24日", "河北省质量强省建设行动方案（2023-2027年）", "　　为全面贯彻。"]


def test_joint_signature_run_together_gives_the_first_organ(tmp_path):
    text = ("现将《甲方案》印发给你们，请认真组织实施。\n河北省人力资源和社会保障厅中共河北省委组织部河北省财政厅\n"
            "2024年6月18日\n甲方案\n一、总体要求\n（一）指导思想。坚持。\n")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    doc = parse(tmp_path / "a.txt")
    assert (doc.metadata.issuer, doc.metadata.issue_date) == ("河北省人力资源和社会保障厅", "2024-06-18")
    assert [tuple(item.path) for item in doc.items] == [(1,), (1, 1)]


def test_replace_into_dumps_and_unknown_suffix_files_in_a_folder(tmp_path):
    """Real: tests/real r34 — CMS install data saved as .php holding a REPLACE INTO row."""
    (tmp_path / "in").mkdir()
    row = "REPLACE INTO `a` VALUES ('1','<p>一、总体要求</p><p>（一）指导思想，坚持依法行政，加强管理，完善制度。</p>');"
    (tmp_path / "in" / "install.php").write_text("<?php\n$sql = \"" + row.replace('"', '\\"') + "\";\n", encoding="utf-8")
    (tmp_path / "in" / "tool.py").write_text("print('x')\n", encoding="utf-8")
    assert main(["parse", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"]) == 0
    (name,) = output_names(tmp_path / "out")
    out = tmp_path / "out" / name
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert out.name == "install.json" and [i["path"] for i in doc["items"]] == [[1], [1, 1]]


def test_a_page_laid_out_in_one_table_cell_keeps_its_lines(tmp_path):
    """Real: tests/real r36 — an old CMS page whose article sits in one layout cell."""
    body = "<br>".join(["一．目的、意义", "城市信息化就是要在统一规划的指导下应用现代信息技术。" * 8,
                        "二．指导思想", "1．以信息化推动城市化。"])
    (tmp_path / "a.html").write_text(f"<table><tr><td>发布日期：2005-06-02</td></tr><tr><td>{body}</td></tr></table>",
                                     encoding="utf-8")
    lines = lines_of(ingest(tmp_path / "a.html"))
    assert lines[1:3] == ["一．目的、意义", "城市信息化就是要在统一规划的指导下应用现代信息技术。" * 8]


def test_docx_tab_stops_are_not_text(tmp_path):
    """Real: tests/holdout h01 — a list paragraph with tab stops in its properties."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    paragraph = document.add_paragraph("加强区域联动。")
    paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:tabs {nsdecls("w")}><w:tab w:val="left" w:pos="1032"/></w:tabs>'))
    document.save(tmp_path / "a.docx")
    assert lines_of(ingest(tmp_path / "a.docx")) == ["加强区域联动。"]
