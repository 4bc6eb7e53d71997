"""HTML input: a real parser, block structure as lines, navigation and furniture dropped."""
from __future__ import annotations

from planparse.ingest.html import read_html
from planparse.normalize import normalize

PAGE = """<!DOCTYPE html><html><head><meta charset="{charset}"><title>站点标题</title>
<script>var tracker = "一、不应出现";</script><style>.a{{color:red}}</style></head>
<body>
<div class="header"><a href="/">网站首页</a></div>
<nav><ul><li>首页</li><li>政务公开</li></ul></nav>
<div class="crumbs">首页 &gt; 政务公开 &gt; 通知公告</div>
<div id="zoom">
<h1>某市人民政府办公室关于印发
实施方案的通知</h1>
<p>　　各县（区）人民政府：</p>
<p>　　一、总体要求</p>
<p>　　（一）加强组织领导，<b>确保</b>落实。<br>（二）强化督查。</p>
<table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td></tr>
<tr><td>一、政府职能</td><td><p>1.行政审批</p></td><td>1</td></tr></table>
<!-- 评论：不应出现 -->
<p>附件下载：</p>
<p>【打印本页】【关闭窗口】</p>
<p>扫一扫在手机打开当前页</p>
<div class="bdsharebuttonbox">分享到：<a>微信</a><a>微博</a></div>
</div>
<footer>版权所有：某市人民政府 网站标识码1234</footer>
</body></html>"""


def parse(charset: str = "utf-8", encoding: str = "utf-8"):
    return read_html("page.html", PAGE.format(charset=charset).encode(encoding), "0")


def test_script_style_nav_and_comments_dropped():
    text = "\n".join(line.text for line in parse().lines)
    for absent in ("tracker", "color", "站点标题", "网站首页", "政务公开", "评论", "版权所有", "微信"):
        assert absent not in text


def test_blocks_become_lines_and_cells_tabs():
    lines = [line.text for line in parse().lines]
    assert "某市人民政府办公室关于印发实施方案的通知" in lines  # no space from the source line break
    assert "（一）加强组织领导，确保落实。" in lines
    assert "（二）强化督查。" in lines
    assert "一、政府职能\t1.行政审批\t1" in lines


def test_furniture_lines_dropped_and_counted():
    text = normalize(parse())
    for absent in ("附件下载", "打印本页", "扫一扫"):
        assert absent not in text.text
    # 3 text lines (附件下载, 打印/关闭, 扫一扫) + 5 dropped elements (header, nav, crumbs,
    # share box, footer)
    assert text.repairs["web_furniture"] == 8
    assert text.text.splitlines()[:3] == ["某市人民政府办公室关于印发实施方案的通知", "各县（区）人民政府：", "一、总体要求"]


def test_declared_charset_is_used():
    source = parse(charset="gb2312", encoding="gbk")
    assert source.encoding == "gb2312"
    assert any(line.text == "一、总体要求" for line in source.lines)


def test_undeclared_legacy_encoding_is_detected():
    page = PAGE.format(charset="x").replace('<meta charset="x">', "")
    source = read_html("page.html", page.encode("gbk"), "0")
    assert source.encoding == "gbk" and source.format == "html"


def test_breadcrumb_text_line_dropped_by_furniture_table():
    html = "<html><body><p>当前位置：首页 &gt; 政策文件</p><p>一、总体要求</p></body></html>"
    text = normalize(read_html("p.html", html.encode("utf-8"), "0"))
    assert text.text == "一、总体要求" and text.repairs["web_furniture"] == 1


def test_dropped_navigation_elements_are_counted():
    html = ("<html><body><div class='breadcrumb'>首页 &gt; 政务公开</div><nav>栏目一</nav>"
            "<script>var a=1;</script><p>一、总体要求</p>"
            "<div class='share'><div class='bdsharebuttonbox'>微信</div></div></body></html>")
    source = read_html("p.html", html.encode("utf-8"), "0")
    assert [line.text for line in source.lines] == ["一、总体要求"]
    assert source.repairs["web_furniture"] == 3     # breadcrumb, nav, share bar (once); not the script


def test_info_bar_nav_bar_and_related_links_are_furniture():
    html = ("<html><body><div>网站首页 | 无障碍浏览 | 长者模式</div>"
            "<div>发布时间：2024-03-05 来源：市政府办公室 浏览次数：123</div>"
            "<div>发布日期：2024年03月05日 10:30</div>"
            "<p>一、总体要求</p><p>来源：本网综合。各地要落实。</p><div>相关链接</div></body></html>")
    text = normalize(read_html("p.html", html.encode("utf-8"), "0"))
    assert text.text == "一、总体要求\n来源：本网综合。各地要落实。"   # one field alone is text
    assert text.repairs["web_furniture"] == 4


def lines_of(html: str) -> list[str]:
    return [line.text for line in read_html("p.html", html.encode("utf-8"), "0").lines]


def test_link_bar_without_class_names_is_dropped_by_structure():
    html = ("<html><body><div><a href='/'>网站首页</a> | <a>政务公开</a> | <a>办事服务</a> | <a>互动交流</a>"
            "<span>长者模式</span> <span>English</span></div>"
            "<div><a>首页</a><a>要闻</a><a>部门动态</a><a>专题专栏</a></div>"
            "<h1>某县关于开展秸秆禁烧专项行动的通知</h1><p>各乡镇：</p></body></html>")
    source = read_html("p.html", html.encode("utf-8"), "0")
    assert [line.text for line in source.lines] == ["某县关于开展秸秆禁烧专项行动的通知", "各乡镇："]
    assert source.repairs["web_furniture"] == 2


def test_separated_labels_without_links_are_a_bar():
    html = "<html><body><p>首页丨机关概况丨信息公开丨 无障碍 </p><p>一、工作目标</p></body></html>"
    assert lines_of(html) == ["一、工作目标"]


def test_list_of_bare_links_is_dropped_but_attachment_links_stay():
    html = ("<html><body><p>一、工作目标</p>"
            "<p>附件：<a href='/f/1.xlsx'>1.重点任务分工表</a> <a href='/f/2.docx'>2.联系人回执</a>"
            " <a href='/f/3.doc'>3.进度表</a></p>"
            "<ul><li><a href='/a'>某市关于做好春季防火工作的通知</a></li>"
            "<li><a href='/b'>某市2023年防火工作总结</a></li></ul></body></html>")
    assert lines_of(html) == ["一、工作目标", "附件：1.重点任务分工表 2.联系人回执 3.进度表"]


def test_sentences_with_links_and_item_lists_are_content():
    html = ("<html><body><p>请登录<a>省政务服务网</a>、<a>市平台</a>和<a>县平台</a>申报。</p>"
            "<ul><li><a>申报</a>材料</li><li>审核</li><li>公示</li></ul></body></html>")
    assert lines_of(html) == ["请登录省政务服务网、市平台和县平台申报。", "申报材料", "审核", "公示"]


# 信息公开 key–value tables (written for these tests: a 县 卫健委 page, th keys, no colons)
INFO_TABLE_PAGE = """<html><body>
<table class="infobox">
<tr><th>信息索引号</th><td>000014349/2025-01108</td><th>所属机构</th><td>青禾县卫生健康委员会</td></tr>
<tr><td>【发文字号】</td><td>青卫发〔2025〕9号</td><td>【成文日期】</td><td>2025年4月2日</td></tr>
<tr><td>名　　称：</td><td colspan="3">青禾县卫生健康委员会关于印发基层卫生人才培养实施方案的通知</td></tr>
<tr><td>有效性：</td><td>有效</td><td>体裁分类：</td><td></td></tr>
</table>
<h1>青禾县卫生健康委员会关于印发基层卫生人才培养实施方案的通知</h1>
<p>各乡镇卫生院：</p><p>一、工作目标</p>
<table border="1">
<tr><th>序号</th><th>任务</th><th>牵头单位</th><th>完成时限</th></tr>
<tr><td>1</td><td>名称：统一制定培养计划，明确培养对象和课程。</td><td>县卫生健康委</td><td>2025年6月底前</td></tr>
<tr><td>2</td><td>标题：开展全员轮训，每名医生年度培训不少于40学时。</td><td>各乡镇卫生院</td><td>长期坚持</td></tr>
</table>
</body></html>"""


def test_metadata_table_is_dropped_and_counted():
    source = read_html("p.html", INFO_TABLE_PAGE.encode("utf-8"), "0")
    lines = [line.text for line in source.lines]
    # the 发文字号 stays as the line a 公文 prints above its title; the rest of the table goes
    assert lines[:2] == ["青卫发〔2025〕9号", "青禾县卫生健康委员会关于印发基层卫生人才培养实施方案的通知"]
    assert not any("索引号" in line or "发文字号" in line or "名　　称" in line for line in lines)
    assert source.repairs["web_furniture"] == 1


def test_metadata_table_without_a_number_leaves_no_line():
    html = ("<html><body><table><tr><td>索引号：</td><td>A01/2025-3</td><td>文号：</td><td>无</td></tr>"
            "<tr><td>发布机构：</td><td>县农业农村局</td><td>发布日期：</td><td>2025-05-06</td></tr></table>"
            "<h1>某县关于开展春耕备耕工作的通知</h1></body></html>")
    assert lines_of(html) == ["某县关于开展春耕备耕工作的通知"]


def test_task_table_beside_metadata_table_survives():
    lines = lines_of(INFO_TABLE_PAGE)
    assert "序号\t任务\t牵头单位\t完成时限" in lines
    assert "2\t标题：开展全员轮训，每名医生年度培训不少于40学时。\t各乡镇卫生院\t长期坚持" in lines


def test_task_table_with_few_key_like_cells_is_content():
    # two known keys (名称, 来源) and short cells only: not enough to be a 信息公开 table
    html = ("<html><body><table><tr><td>名称</td><td>来源</td><td>牵头单位</td><td>完成时间</td></tr>"
            "<tr><td>农田水利</td><td>省级资金</td><td>县水利局</td><td>2025年</td></tr></table></body></html>")
    assert lines_of(html) == ["名称\t来源\t牵头单位\t完成时间", "农田水利\t省级资金\t县水利局\t2025年"]


def test_metadata_keys_with_sentence_values_are_content():
    # key cells alternate with long sentence cells: a form the notice itself prints
    sentence = "各乡镇要建立健全工作机制，明确专人负责，按月报送工作进展情况，确保各项任务按期完成，" * 2
    html = ("<html><body><table>"
            f"<tr><td>标题：</td><td>{sentence}</td></tr><tr><td>主题词：</td><td>人才</td></tr>"
            f"<tr><td>发布机构：</td><td>县卫健委</td></tr></table></body></html>")
    assert len(lines_of(html)) == 3


def test_title_after_metadata_table_is_the_notice_title():
    text = normalize(read_html("p.html", INFO_TABLE_PAGE.encode("utf-8"), "0"))
    assert text.text.splitlines()[:2] == ["青卫发〔2025〕9号", "青禾县卫生健康委员会关于印发基层卫生人才培养实施方案的通知"]
