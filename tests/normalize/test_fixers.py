"""Unit tests per fixer, on inputs written for these tests (not copied from the seeds)."""
from __future__ import annotations

import importlib.metadata
import unicodedata
from pathlib import Path

import pytest

from planparse.model import Line, SourceText
from planparse.normalize import normalize
from planparse.normalize.charsets import opencc_module
from planparse.normalize.detectors import detect, garbled_fragments, latin_fragments
from planparse.normalize.edits import apply_edits
from planparse.normalize.fixers import (
    fullwidth_ascii, kangxi_radical, pinyin_annotation, placeholder_run, radical_table, web_furniture, whitespace,
)
from planparse.normalize.joins import joined_line
from planparse.normalize.mojibake import mojibake_cp1252_utf8, mojibake_gbk_utf8
from planparse.normalize.registry import run
from planparse.normalize.script import is_traditional, to_simplified, traditional_to_simplified


def source(text: str, fmt: str = "txt") -> SourceText:
    return SourceText(name="t.txt", sha256="0", format=fmt, lines=[Line(text=t) for t in text.split("\n")])


# ------------------------------------------------------------------ offset map


def test_offsets_map_back_to_the_raw_source():
    raw = "?（一）關(guān)于加強\n\n(二)推進"
    text = normalize(source(raw))
    assert text.text.startswith("（一）关于加强")
    for i, char in enumerate(text.text):
        src = text.source_offset(i)
        assert raw[src] == char or to_simplified(raw[src]) == char or char == "\n"
    assert text.to_source[len(text.text)] == len(raw)


def test_line_at_follows_the_map_across_a_deleted_line():
    text = normalize(source("?一、总体要求\n附件下载：\n二、工作任务"))
    assert text.text == "一、总体要求\n二、工作任务"
    assert text.line_at(text.text.index("二")).text == "二、工作任务"


def test_apply_edits_rejects_overlaps():
    with pytest.raises(ValueError):
        apply_edits("abcdef", list(range(7)), [(0, 3, ""), (2, 4, "")])


# ------------------------------------------------------------------ kangxi


def test_kangxi_rows_are_the_unicode_compatibility_mapping():
    for radical, unified in radical_table().items():
        if 0x2F00 <= ord(radical) <= 0x2FD5:
            assert unicodedata.normalize("NFKC", radical) == unified
        assert 0x3400 <= ord(unified) <= 0x9FFF


@pytest.mark.parametrize("broken, fixed", [
    ("⻔户⽹站", "门户网站"),
    ("⻢上就办、⻛险防控", "马上就办、风险防控"),
    ("（⼀）⼈⺠群众：", "（一）人民群众："),
])
def test_kangxi_radicals_become_unified_ideographs(broken, fixed):
    assert run(kangxi_radical, broken) == fixed


def test_kangxi_leaves_fullwidth_punctuation_alone():
    text = "（一）：，、％１２"
    assert kangxi_radical(text) == []


# ------------------------------------------------------------------ whitespace / placeholders


def test_whitespace_strips_line_edges_but_keeps_tabs_and_inner_spaces():
    assert run(whitespace, "\u3000\u3000执行率达 100%\u2002 \n\t\t12\t内容") == "执行率达 100%\n\t\t12\t内容"


@pytest.mark.parametrize("broken, fixed", [
    ("??????????某县人民政府\n?????2024年1月5日", "某县人民政府\n2024年1月5日"),
    ("？（二）加强监督", "（二）加强监督"),
    ("县政府办公室????????", "县政府办公室"),
    ("文号???第5号", "文号第5号"),
])
def test_placeholder_runs_removed(broken, fixed):
    assert run(placeholder_run, broken) == fixed


@pytest.mark.parametrize("text", ["如何落实?", "是否达标？", "为什么?因为", "问题??"[:3]])
def test_real_question_marks_stay(text):
    assert run(placeholder_run, text) == text


# ------------------------------------------------------------------ pinyin


@pytest.mark.parametrize("broken, fixed", [
    ("聯(lián)係(xì)群眾", "聯係群眾"),
    ("加強(qiáng)監(jiān)管（guǎn）", "加強監管"),
    ("綠(lǜ)色發展", "綠色發展"),
])
def test_pinyin_glosses_removed(broken, fixed):
    assert run(pinyin_annotation, broken) == fixed


@pytest.mark.parametrize("text", [
    "规划(2021—2025年)", "市委依法治市办(市司法局)", "世界贸易组织(WTO)", "方案(试行)", "附件(a)", "(dǎo)开头",
])
def test_real_brackets_stay(text):
    assert run(pinyin_annotation, text) == text


# ------------------------------------------------------------------ full-width


@pytest.mark.parametrize("broken, fixed", [
    ("到２０３０年底", "到2030年底"),
    ("覆盖率达到８５．５％以上", "覆盖率达到85.5%以上"),
    ("ＡＰＰ和ｗｅｂ", "APP和web"),
])
def test_fullwidth_digits_and_letters(broken, fixed):
    assert run(fullwidth_ascii, broken) == fixed


def test_fullwidth_outline_punctuation_stays():
    text = "（一）总体目标：到年底，完成“三、四”项；１．"
    assert run(fullwidth_ascii, text) == "（一）总体目标：到年底，完成“三、四”项；1．"


# ------------------------------------------------------------------ traditional


def test_opencc_is_the_reimplemented_package():
    module = opencc_module()
    files = {str(f) for f in importlib.metadata.distribution("opencc-python-reimplemented").files}
    assert "opencc/opencc.py" in files
    assert (Path(module.__file__).parent / "dictionary" / "TSCharacters.txt").exists()
    assert module.OpenCC("t2s").convert("關於") == "关于"


@pytest.mark.parametrize("traditional, simplified", [
    ("乾安縣人民政府", "乾安县人民政府"),
    ("乾縣農業農村局", "乾县农业农村局"),
    ("著力解決", "着力解决"),
    ("隨著改革深入", "随着改革深入"),
    ("成效顯著", "成效显著"),
    ("顯著重要", "显著重要"),
    ("著作權保護", "著作权保护"),
])
def test_opencc_overrides(traditional, simplified):
    assert to_simplified(traditional) == simplified


def test_traditional_detection_needs_more_than_a_stray_character():
    assert is_traditional("縣政府關於進一步加強執法監督工作的實施意見")
    assert not is_traditional("县政府关于进一步加强执法监督工作的实施意见，见《关于保护的決定》")
    assert not is_traditional("著力推进乾县余粮收购")  # 著 乾 余 are simplified characters too


def test_simplified_text_is_not_converted():
    assert traditional_to_simplified("县政府关于进一步加强执法监督工作的实施意见") == []


def test_script_is_reported():
    text = normalize(source("縣政府關於進一步加強執法監督工作的實施意見"))
    assert text.script == "traditional→simplified"
    assert text.text == "县政府关于进一步加强执法监督工作的实施意见"
    assert normalize(source("县政府关于加强监督的意见")).script == "simplified"


# ------------------------------------------------------------------ mojibake


def garble(text: str, encoding: str) -> str:
    return text.encode("utf-8").decode(encoding, errors="strict")


@pytest.mark.parametrize("clean", ["全面依法治国", "推进法治政府", "全面推进依法行政"])
def test_gbk_mojibake_repaired(clean):
    broken = "一、" + garble(clean, "gbk") + "。"
    assert run(mojibake_gbk_utf8, broken) == "一、" + clean + "。"


def test_gbk_mojibake_next_to_clean_text():
    assert run(mojibake_gbk_utf8, "管理目" + garble("的的", "gbk") + "，不实施") == "管理目的的，不实施"


@pytest.mark.parametrize("clean", ["全面依法治国", "（一）加强组织领导。", "市司法局、财政局"])
def test_cp1252_mojibake_repaired(clean):
    broken = clean.encode("utf-8").decode("cp1252", errors="ignore")
    if broken.encode("cp1252") == clean.encode("utf-8"):
        assert run(mojibake_cp1252_utf8, broken) == clean


def test_cp1252_mojibake_with_undefined_bytes_as_c1_controls():
    raw = "各有关部门".encode("utf-8")
    broken = "".join(bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b) for b in raw)
    assert run(mojibake_cp1252_utf8, broken) == "各有关部门"


@pytest.mark.parametrize("clean", [
    "“放管服”改革——持续深化……", "乡镇（街道）·村（居）", "吴忠市、青铜峡市、盐池县", "涞源县龃龉",
])
def test_clean_text_is_not_mojibake(clean):
    assert mojibake_gbk_utf8(clean) == [] and mojibake_cp1252_utf8(clean) == []


# ------------------------------------------------------------------ furniture


@pytest.mark.parametrize("line", [
    "附件下载：", "【打印本页】【关闭窗口】", "扫一扫在手机打开当前页", "分享到：微信 微博 QQ空间",
    "首页 > 政务公开 > 政策文件", "当前位置：首页 > 通知公告", "【字体：大 中 小】", "上一篇：关于…的通知",
    # link bars: | ｜ 丨 separators, labels of a few short words
    "网站首页 | 政务公开 | 办事服务 | 互动交流 长者模式 English", "首页丨机构丨要闻丨专题", "首页｜部门动态｜联系我们",
])
def test_furniture_lines_removed(line):
    assert run(web_furniture, "一、总体要求\n" + line + "\n二、主要任务") == "一、总体要求\n二、主要任务"


@pytest.mark.parametrize("line", [
    "附件：1.任务分工表", "主办单位：市司法局", "（此件公开发布）", "打印机采购纳入政府采购目录。", "首页设计要简洁。",
    # separated fields that are data, not links: a percent, clause punctuation, two fields only
    "合格率 | 95% | 市市场监管局", "加强监管，| 落实责任 | 按期完成", "一级指标 | 二级指标",
])
def test_content_lines_are_not_furniture(line):
    assert run(web_furniture, line) == line


def test_furniture_counted_per_line():
    text = normalize(source("附件下载：\n打印本页\n正文。\n关闭窗口"))
    assert text.text == "正文。"
    assert text.repairs["web_furniture"] == 3


# ------------------------------------------------------------------ joined lines


@pytest.mark.parametrize("broken, fixed", [
    ("各地要建立工作台账，督促\n\n整改落实。", "各地要建立工作台账，督促整改落实。"),
    ("（牵头单位：市财政局；责\n\n任单位：各县区）", "（牵头单位：市财政局；责任单位：各县区）"),
    ("（牵头单位：市委\n依法治市办）", "（牵头单位：市委依法治市办）"),
    ("完善机制，\n\n实行清单管理。", "完善机制，实行清单管理。"),
    ("（五）强化监督。各部门要加强检\n\n查，发现问题\n及时纠正。", "（五）强化监督。各部门要加强检查，发现问题及时纠正。"),
])
def test_broken_sentences_joined(broken, fixed):
    assert run(joined_line, broken) == fixed


@pytest.mark.parametrize("text", [
    "一、总体要求\n以习近平新时代中国特色社会主义思想为指导。",
    "（一）坚持依法行政，建设法治政府\n各级政府要依法履职。",
    "推进执法规范化，完善制度\n（二）加强监督",
    "推进执法规范化，完善制度\n2.加强监督",
    "推进执法规范化，完善制度\n责任单位：市司法局",
    "推进执法规范化，完善制度\n（责任单位：市司法局）",
    "某市人民政府办公室\n2024年3月1日",
    "关于印发《某市法治政府建设\n实施方案》的通知",
    "加强行政执法监督，健全\t12\n内容\t13",
    "全面完成各项任务。\n下一段开始。",
    "完善相关工作制度（试行）\n第一条 为了规范",
    "各县（区）人民政府，市直各部门：\n现将方案印发给你们。",
])
def test_structure_is_not_joined(text):
    assert run(joined_line, text) == text


def test_joins_only_for_text_and_html():
    assert normalize(source("落实责任，督促\n\n整改。", "pdf")).text == "落实责任，督促\n\n整改。"
    joined = normalize(source("落实责任，督促\n\n整改。", "html"))
    assert joined.text == "落实责任，督促整改。" and joined.repairs["joined_line"] == 1


# ------------------------------------------------------------------ detectors


def test_latin_fragments_warned_not_removed():
    text = normalize(source("优化服务（街道）f政务，宣传教育 and 法律解读，推广APP应用"))
    assert "f政务" in text.text and " and " in text.text
    codes = [(w.code, text.text[w.offset:w.offset + 3]) for w in text.warnings]
    assert ("latin_fragment", "f政务") in codes and ("latin_fragment", "and") in codes
    assert not any("APP" in w.message for w in text.warnings)


def test_no_latin_warning_for_units_and_acronyms():
    assert latin_fragments("面积达到5km以上，推进PPP项目，使用5G网络") == []


def test_unrepairable_fragment_is_a_warning_with_offset():
    text = normalize(source("?49.建設(shè)德才兼?zhèn)涞母咚刭|(zhì)法治政府工作隊(duì)伍。"))
    garbled = [w for w in text.warnings if w.code == "garbled_text"]
    assert garbled and text.text[garbled[0].offset:].startswith("?zhèn)")


def test_detect_reports_replacement_characters():
    assert [f[0] for f in detect("法治\ufffd政府")] == ["replacement_char"]
    assert garbled_fragments("全面推进法治政府建设") == []


def test_contact_line_is_not_joined_to_the_signature():
    from planparse.normalize.joins import joined_line
    from planparse.normalize.registry import run

    text = "各地要认真落实。联系人：王明，联系电话：0531-86974512\n\n山东省水利厅办公室\n2024年4月8日"
    assert run(joined_line, text) == text
    broken = "各地要认真落实，联系人：王明，电话\n\n0531-86974512。"
    assert run(joined_line, broken) == "各地要认真落实，联系人：王明，电话0531-86974512。"


# 信息公开 metadata rows copied as text (lines written for these tests)
@pytest.mark.parametrize("line", [
    "索引号：000014349/2025-01108\t所属机构：青禾县卫生健康委员会", "信息索引号: 11330100/2025-00712",
    "标　　题：青禾县卫生健康委员会关于印发基层卫生人才培养实施方案的通知",
    "发文机关：青禾县人民政府　成文日期：2025年4月2日", "主题分类：卫生、体育 有效性：有效",
])
def test_metadata_rows_are_furniture(line):
    assert run(web_furniture, "青禾县关于印发方案的通知\n" + line + "\n各乡镇：") == "青禾县关于印发方案的通知\n各乡镇："


@pytest.mark.parametrize("line", [
    "发布机构：青禾县卫生健康委员会", "主题词：卫生 人才 通知", "一、标题：要简明扼要。", "标题：",
    "牵头单位：县卫健委\t完成时限：2025年6月底前", "项目名称：基层卫生人才培养 主管部门：县卫健委",
    # the 文号 is often printed nowhere else on the page: its row stays
    "文　　号：青政办发〔2025〕3号\t发布日期：2025-04-08", "索引号：000014349/2025-01108　发文字号：青政发〔2025〕1号",
])
def test_single_fields_and_task_labels_are_not_metadata_rows(line):
    assert run(web_furniture, line) == line


def test_metadata_title_row_is_not_glued_to_the_title():
    raw = "标　　题：青禾县关于印发人才培养实施方案的通知\n青禾县关于印发人才培养实施方案的通知\n各乡镇卫生院："
    text = normalize(source(raw))
    assert text.text.splitlines()[0] == "青禾县关于印发人才培养实施方案的通知"
    assert text.repairs["web_furniture"] == 1


def test_keyed_title_row_never_runs_on_into_a_broken_title():
    # 名称 rows are not furniture; the joiner still keeps the printed title (broken after 《) apart
    raw = "一、总体要求。\n名称：青禾县关于印发人才培养实施方案的通知\n青禾县关于印发《\n人才培养实施方案》的通知"
    assert run(joined_line, raw).splitlines()[1] == "名称：青禾县关于印发人才培养实施方案的通知"


@pytest.mark.parametrize("line", [
    "请查收相关附件：",                                             # r32: a CMS page's download prompt
    "关于做好2011年度宁波市领军和拔尖人才培养工程人选选拔工作的通知.rar",   # …and the file it offers
    "山东商务网版权与免责声明：",                                      # r22: the site's disclaimer
    "1、凡本站及其子站注明“文章类型：原创”的所有作品，其版权属于本网所有。",
])
def test_download_and_disclaimer_lines_are_furniture(line):
    from planparse.normalize.fixers import web_furniture
    from planparse.normalize.registry import run

    assert line not in run(web_furniture, f"一、总体要求\n{line}\n二、主要任务")


@pytest.mark.parametrize("line", ["附件：关于印发实施方案的通知", "本站将持续推进数据开放。", "一、凡本市户籍居民均可申请补贴。"])
def test_notice_lines_that_look_similar_stay(line):
    from planparse.normalize.fixers import web_furniture
    from planparse.normalize.registry import run

    assert line in run(web_furniture, f"一、总体要求\n{line}\n二、主要任务")
