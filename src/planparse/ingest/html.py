"""HTML input: a real parser (BeautifulSoup with lxml), block structure kept as lines.

Scripts, styles, forms and navigation are dropped by element (tags and class/id
names in :data:`NAVIGATION_NAMES`); furniture that is plain text (附件下载,
打印本页 …) is dropped by the ``web_furniture`` fixer from its data table. Every
block element ends a line; table rows become lines with cells joined by tabs, as
in text copies of tables. Line breaks in the HTML source between two CJK
characters vanish (CSS segment-break rule), other whitespace runs become one space.
"""
from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from ..model import Line, SourceText
from .decode import Decoded, decode

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
    decoded = _decode_html(data)
    soup = BeautifulSoup(decoded.text, "lxml")
    root = soup.body or soup
    lines = [Line(text=t) for t in html_lines(root)]
    repairs = decoded.repairs.copy()
    repairs["web_furniture"] += count_navigation(root)
    if not repairs["web_furniture"]:
        del repairs["web_furniture"]
    return SourceText(name=name, sha256=sha, format="html", lines=lines, encoding=decoded.encoding,
                      warnings=decoded.warnings, repairs=repairs)


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
    if tag.get("id"):
        names.add(tag["id"])
    if tag.get("role") in ("navigation", "banner", "contentinfo"):
        return True
    return any(name.lower() in NAVIGATION_NAMES for name in names)


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
                cells = [_cell_text(cell) for cell in child.find_all(CELL_TAGS, recursive=False)]
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


def _cell_text(cell: Tag) -> str:
    return "".join(html_lines(cell)).strip() if not _dropped(cell) else ""
