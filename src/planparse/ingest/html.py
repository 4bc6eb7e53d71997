"""HTML input: a real parser (BeautifulSoup with lxml), block structure kept as lines.

Scripts, styles, forms and navigation are dropped by element (tags and class/id
names in :data:`NAVIGATION_NAMES`) and by structure: a block that is a link bar
(short link labels, or short labels separated by ``|``) or a list whose items are
each one link (相关链接) is navigation whatever its class (:func:`_is_link_block`).
A 信息公开 table above the notice (索引号：… 发布机构：… 标　　题：…, short known keys
alternating with their values) is dropped too (:func:`_is_metadata_table`): the notice
prints the same facts itself. Furniture that is plain text (附件下载, 打印本页 …) is dropped
by the ``web_furniture`` fixer from its data table. Every
block element ends a line; table rows become lines with cells joined by tabs, as
in text copies of tables. Line breaks in the HTML source between two CJK
characters vanish (CSS segment-break rule), other whitespace runs become one space.
"""
from __future__ import annotations

import itertools
import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from ..model import Line, SourceText
from ..segment.tables import line_start_marker
from .decode import Decoded, decode, decode_as

DROPPED_TAGS = frozenset({
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "nav", "aside", "form", "button", "select", "input", "textarea", "head", "title", "meta", "link",
})
# Page-level header/footer are furniture; inside <article>/<main> they hold the title.
PAGE_LEVEL_TAGS = frozenset({"header", "footer"})
NAVIGATION_NAMES = frozenset({
    "nav", "navbar", "menu", "topmenu", "mainmenu", "breadcrumb", "breadcrumbs", "crumb", "crumbs",
    "share", "bdsharebuttonbox", "sharebar", "social-share", "footer", "site-footer", "header",
    "site-header", "sidebar", "topbar", "toolbar", "pagination", "skip-link",
})
BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "address", "figure", "figcaption",
    "table", "thead", "tbody", "tfoot", "caption", "center", "hr", "body", "html",
})
CELL_TAGS = frozenset({"td", "th"})
CJK = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]"
SEGMENT_BREAK_BETWEEN_CJK = re.compile(rf"(?<={CJK})[ \t\r\f]*\n\s*(?={CJK})")
SPACE_RUN = re.compile(r"[ \t\r\n\f]+")
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def read_html(name: str, data: bytes, sha: str) -> SourceText:
    return read_html_text(name, _decode_html(data), sha)


def decode_html_or_text(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode a text file that may be HTML: the user's ``encoding`` (``--encoding``) when
    given, else a declared ``<meta charset>`` first, then detection."""
    if encoding:
        return decode_as(data, encoding)
    return _decode_html(data)


def read_html_text(name: str, decoded: Decoded, sha: str) -> SourceText:
    """Decoded HTML → lines (see the module doc)."""
    soup = BeautifulSoup(decoded.text, "lxml")
    root = soup.body or soup
    repairs = decoded.repairs.copy()
    repairs["web_furniture"] += remove_link_blocks(root) + remove_metadata_tables(root) + count_navigation(root)
    heading = page_title(soup)  # read before the body's furniture goes
    lines = [Line(text=t) for t in html_lines(root)]
    if not repairs["web_furniture"]:
        del repairs["web_furniture"]
    return SourceText(name=name, sha256=sha, format="html", lines=lines, encoding=decoded.encoding,
                      warnings=decoded.warnings, repairs=repairs,
                      field_metadata={"title": heading} if heading else {})


#: Between a page's title and the site's name in ``<title>`` (``标题_政策文件_某某门户网站``).
SITE_NAME_SEPARATOR = re.compile(r"\s*(?:_|\||｜|-{1,2}|－|—{1,2}|–)\s*")


def page_title(soup: BeautifulSoup) -> str | None:
    """The notice's title as the page names it (its ``<h1>``, else ``<title>`` without the
    site's name), when it reads as a document title: a candidate used only where the
    notice's text prints none (a cover without its title line).

    >>> page_title(BeautifulSoup("<title>甲市财政局关于印发《方案》的函_政策文件_甲市门户网站</title>", "lxml"))
    '甲市财政局关于印发《方案》的函'
    >>> page_title(BeautifulSoup("<title>甲市门户网站</title><h1>政策文件</h1>", "lxml")) is None
    True
    """
    from ..segment.tables import DOCUMENT_TITLE_WORDS

    candidates = [h.get_text(" ", strip=True) for h in soup.find_all("h1")]
    if soup.title and soup.title.string:
        candidates.append(SITE_NAME_SEPARATOR.split(soup.title.string.strip())[0])
    for text in candidates:
        text = SPACE_RUN.sub(" ", text).strip()
        if 6 <= len(text) <= 150 and text.endswith(DOCUMENT_TITLE_WORDS):
            return text
    return None


def fragment_lines(markup: str) -> list[str]:
    """Lines of an HTML fragment (a dataset field, a Markdown HTML block), with link bars
    and 信息公开 tables dropped as on a whole page."""
    soup = BeautifulSoup(markup, "lxml")
    root = soup.body or soup
    remove_link_blocks(root)
    remove_metadata_tables(root)
    return html_lines(root)


def count_navigation(root: Tag) -> int:
    """Navigation elements with visible text that were dropped (breadcrumbs, share bars,
    page header/footer), counted as ``web_furniture`` like the text lines the fixer drops.
    Scripts, styles and forms are no text, so they are not counted."""
    found = 0
    for tag in root.find_all(True):
        if tag.name in DROPPED_TAGS and tag.name != "nav":
            continue
        if _dropped(tag) and not any(_dropped(parent) for parent in tag.parents if isinstance(parent, Tag)) \
                and tag.get_text(strip=True):
            found += 1
    return found


def remove_link_blocks(node: Tag) -> int:
    """Take the outermost link blocks (:func:`_is_link_block`) out of the tree and count
    them; subtrees already dropped by tag or class are left to :func:`count_navigation`."""
    removed = 0
    for child in [c for c in node.children if isinstance(c, Tag)]:
        if _dropped(child):
            continue
        if _is_link_block(child):
            child.extract()
            removed += 1
        else:
            removed += remove_link_blocks(child)
    return removed


# 信息公开 tables: the keys gov sites print above a notice (a data list, not one site's).
METADATA_KEYS = frozenset({
    "索引号", "信息索引号", "发布机构", "发文机关", "发文单位", "发布单位", "信息来源", "来源", "成文日期",
    "发布日期", "发文日期", "印发日期", "生效日期", "废止日期", "失效日期", "标题", "名称", "文件名称",
    "文号", "发文字号", "文件编号", "主题分类", "主题词", "关键词", "关键字", "有效性", "时效性", "是否有效",
    "体裁分类", "组配分类", "服务对象分类", "服务对象", "公开方式", "公开范围", "公开时限", "公开形式",
    "信息分类", "信息类别", "所属机构", "所属主题", "统一编码", "统一社会信用代码",
})
METADATA_KEY_EDGES = re.compile(r"^[\s【\[]+|[\s】\]：:]+$")
MIN_METADATA_KEYS = 3        # 索引号 / 发布机构 / 标题: two keys may be a chance
MIN_KEY_SHARE = 0.4          # key cells / non-empty cells: keys alternate with values
MAX_METADATA_VALUE = 100     # a title or a 主题分类 list; a task sentence cell is no value
VALUE_SENTENCE = re.compile(r"[。；;！？!?]|，.*，")  # a full stop or two clause commas: a sentence


def _metadata_key(cell: str) -> str | None:
    """``标　　题：`` → ``标题`` when the cell holds nothing but a known key."""
    key = SPACE_RUN.sub("", METADATA_KEY_EDGES.sub("", cell)).replace("\u3000", "")
    return key if key in METADATA_KEYS else None


def _is_metadata_table(table: Tag) -> bool:
    """A key–value 信息公开 table: at least :data:`MIN_METADATA_KEYS` distinct known keys,
    key cells a large share of the cells, no nested table, no long sentence cell. A
    任务分工 table (序号 / 工作任务 / 牵头单位, sentence cells) has no such keys."""
    if table.find("table"):
        return False
    cells = [_squeezed(cell.get_text()) for cell in table.find_all(CELL_TAGS)]
    cells = [cell.replace("\u3000", "") for cell in cells if cell]
    keys = [key for key in map(_metadata_key, cells) if key]
    return (len(set(keys)) >= MIN_METADATA_KEYS and len(keys) >= MIN_KEY_SHARE * len(cells)
            and all(len(cell) <= MAX_METADATA_VALUE and not VALUE_SENTENCE.search(cell) for cell in cells))


DOC_NUMBER_KEYS = frozenset({"文号", "发文字号"})
DOC_NUMBER_VALUE = re.compile(r"\d.*号$")


def _table_doc_number(table: Tag) -> str | None:
    """The value after a 文号 / 发文字号 key cell (``泉市监〔2024〕22号``), if one is given."""
    for row in table.find_all("tr"):
        cells = [_squeezed(cell.get_text()) for cell in row.find_all(CELL_TAGS)]
        for key, value in itertools.pairwise(cells):
            if _metadata_key(key) in DOC_NUMBER_KEYS and DOC_NUMBER_VALUE.search(value):
                return value
    return None


def remove_metadata_tables(root: Tag) -> int:
    """Take 信息公开 key–value tables (:func:`_is_metadata_table`) out of the tree and
    count them; a task table stays. A page often prints its 发文字号 only there, so the
    number stays as a line of its own where the table was, as a 公文 prints it above
    its title."""
    tables = [t for t in root.find_all("table") if not any(_dropped(p) for p in t.parents if isinstance(p, Tag))]
    removed = 0
    for table in tables:
        if table.parent is None or not _is_metadata_table(table):
            continue
        number = _table_doc_number(table)
        if number:
            line = Tag(name="p")
            line.string = number
            table.replace_with(line)
        else:
            table.extract()
        removed += 1
    return removed


def _decode_html(data: bytes) -> Decoded:
    """A declared ``<meta charset>`` is tried first (strictly), then the text rule."""
    declared = META_CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        encoding = declared.group(1).decode("ascii").lower()
        if encoding in ("gb2312", "gbk"):
            encoding = "gb18030"  # pages declaring gb2312 use GBK characters
        try:
            return Decoded(data.decode(encoding), declared.group(1).decode("ascii").lower())
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


def _is_navigation(tag: Tag) -> bool:
    names = set(tag.get("class") or [])
    if isinstance(tag_id := tag.get("id"), str) and tag_id:
        names.add(tag_id)
    if tag.get("role") in ("navigation", "banner", "contentinfo"):
        return True
    return any(name.lower() in NAVIGATION_NAMES for name in names)


# Link-bar structure (see _is_link_block).
LINK_BLOCK_TAGS = frozenset({"div", "p", "ul", "ol", "section", "span", "td", "center"})
LINK_LIST_TAGS = frozenset({"ul", "ol"})
LINK_SEPARATOR = re.compile(r"[|｜丨]")
LINK_SEPARATOR_EDGES = re.compile(r"^[\s|｜丨]+|[\s|｜丨]+$")
MIN_BAR_LABELS = 3          # 首页 | 机构 | 新闻: fewer is no bar
MAX_LABEL_CHARS = 10        # a menu label; a 相关链接 title is longer
MAX_BAR_CHARS = 120         # a bar is one short line
MIN_LINK_SHARE = 0.5        # link text / all visible text (link density)
MAX_BAR_WORD_COUNT = 4      # words (space-separated) between two separators
MIN_LIST_LINKS = 2
SENTENCE_MARK = re.compile(r"[。，；！？,;]")
ITEM_MARKER = re.compile(f"^\\s*(?:{line_start_marker()})")  # segment/tables.py: one marker table
DOCUMENT_HREF = re.compile(r"\.(?:docx?|xlsx?|et|wps|pdf|ofd|zip|rar|7z|txt)(?:$|[?#])", re.IGNORECASE)


def _squeezed(text: str) -> str:
    return SPACE_RUN.sub("", text)


def _links(tag: Tag) -> list[Tag]:
    return [a for a in tag.find_all("a") if _squeezed(a.get_text())]


def _is_content_link(link: Tag) -> bool:
    """A link that belongs to the notice: an attachment file (``…/附件1.xlsx``) or a
    numbered entry (``1.任务分工表``)."""
    text = link.get_text().strip()
    href = link.get("href")
    return (bool(DOCUMENT_HREF.search(href if isinstance(href, str) else "")) or text.startswith("附件")
            or bool(ITEM_MARKER.match(text)))


def _is_separated_bar(text: str) -> bool:
    """``首页 | 机构 | 新闻 | 互动 无障碍浏览 English``: three or more parts separated by
    ``|``/``｜``/``丨``, each a few short words."""
    parts = [part.split() for part in LINK_SEPARATOR.split(LINK_SEPARATOR_EDGES.sub("", text))]
    return len(parts) >= MIN_BAR_LABELS and all(
        0 < len(words) <= MAX_BAR_WORD_COUNT and all(len(w) <= MAX_LABEL_CHARS for w in words)
        for words in parts)


def _is_link_bar(tag: Tag, text: str, links: list[Tag]) -> bool:
    """Short labels, most of the text in links (or labels separated by ``|``)."""
    if _is_separated_bar(text):
        return True
    labels = [_squeezed(a.get_text()) for a in links]
    visible = len(_squeezed(LINK_SEPARATOR.sub("", text)))
    return (len(labels) >= MIN_BAR_LABELS and all(len(x) <= MAX_LABEL_CHARS for x in labels)
            and visible > 0 and sum(map(len, labels)) / visible >= MIN_LINK_SHARE)


def _is_link_list(tag: Tag, links: list[Tag]) -> bool:
    """A ``<ul>``/``<ol>`` whose every item is one link and nothing else (相关链接, 推荐阅读)."""
    if tag.name not in LINK_LIST_TAGS:
        return False
    items = [li for li in tag.find_all("li", recursive=False) if _squeezed(li.get_text())]
    if len(items) < MIN_LIST_LINKS:
        return False
    for li in items:
        own = _links(li)
        if len(own) != 1 or _squeezed(own[0].get_text()) != _squeezed(li.get_text()):
            return False
    return True


def _is_link_block(tag: Tag) -> bool:
    """Navigation by structure, whatever the class names: a link bar (``首页 | 机构 |
    新闻``, or three or more short ``<a>`` labels carrying most of the text) or a list of
    bare links. Blocks with sentences and attachment/numbered links are content."""
    if tag.name not in LINK_BLOCK_TAGS:
        return False
    text = tag.get_text(" ", strip=True)
    if not text or len(_squeezed(text)) > MAX_BAR_CHARS * 4 or SENTENCE_MARK.search(text):
        return False
    links = _links(tag)
    if any(_is_content_link(a) for a in links):
        return False
    if _is_link_list(tag, links):
        return True
    return len(_squeezed(text)) <= MAX_BAR_CHARS and _is_link_bar(tag, text, links)


def _dropped(tag: Tag) -> bool:
    if tag.name in DROPPED_TAGS or _is_navigation(tag):
        return True
    if tag.name in PAGE_LEVEL_TAGS:
        return tag.find_parent(["article", "main"]) is None
    return False


def _clean(text: str) -> str:
    text = SEGMENT_BREAK_BETWEEN_CJK.sub("", text)
    return SPACE_RUN.sub(" ", text)


def html_lines(root: Tag) -> list[str]:
    """Lines of visible text in reading order, one per block, table rows tab-joined."""
    lines: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        line = "".join(buffer).strip()
        buffer.clear()
        if line:
            lines.append(line)

    def walk(node) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                buffer.append(_clean(str(child)))
                continue
            if not isinstance(child, Tag) or _dropped(child):
                continue
            if child.name == "br":
                flush()
            elif child.name == "tr":
                flush()
                cell_lines = [html_lines(cell) if not _dropped(cell) else []
                              for cell in child.find_all(CELL_TAGS, recursive=False)]
                if any(is_layout_cell(block) for block in cell_lines):
                    lines.extend(line for block in cell_lines for line in block)  # a page laid out in a table
                else:
                    cells = ["".join(block).strip() for block in cell_lines]
                    if any(cells):
                        lines.append("\t".join(cells))
            elif child.name in BLOCK_TAGS:
                flush()
                walk(child)
                flush()
            else:
                walk(child)

    walk(root)
    flush()
    return lines


LAYOUT_CELL_CHARS = 200   # a cell holding paragraphs of this much text is page layout, not data


def is_layout_cell(block: list[str]) -> bool:
    """A table cell that holds a whole text (several lines, a few hundred characters): old
    sites lay the article out in a table; its lines stay lines.

    >>> is_layout_cell(["一、总体要求", "坚持依法行政。" * 40]), is_layout_cell(["市财政局"])
    (True, False)
    """
    return len(block) >= 2 and sum(map(len, block)) >= LAYOUT_CELL_CHARS
