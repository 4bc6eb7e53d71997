"""Markdown copies (scrapers, knowledge bases, RAG corpora), read with markdown-it-py.

Headings, paragraphs, list items, table rows and HTML blocks become lines; soft breaks
inside a paragraph are line breaks (a copied notice keeps its printed lines); an ordered
list item gets its printed number back (``2.``), since a task's number is data here.
Emphasis, links and images are markup, not text. YAML front matter is read into
metadata candidates through the record field table (used only where the notice's own
text is silent). Block quotes that are a scraper's note (来源/免责声明/仅供参考, the
patterns of ``data/scraper_notes.txt``) are furniture, counted as ``web_furniture``.
"""
from __future__ import annotations

import functools
import re
from collections import Counter

from ..data import read_data
from ..model import Line, SourceText, Warn
from .records import META_ROLES, field_role

FRONT_MATTER_LINE = re.compile(r"^\s*([^:#\s][^:]{0,40}?)\s*[:：]\s*(.*?)\s*$")
HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


@functools.lru_cache(maxsize=None)
def scraper_notes() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(row, re.IGNORECASE) for row in read_data("scraper_notes.txt").splitlines()
                 if row.strip() and not row.startswith("#"))


def is_scraper_note(text: str) -> bool:
    """A scraper's or knowledge base's note about the copy, not the notice.

    >>> is_scraper_note("来源：某某市人民政府网站，仅供参考"), is_scraper_note("（一）加强组织领导")
    (True, False)
    """
    return any(p.search(text) for p in scraper_notes())


def front_matter_fields(raw: str) -> dict[str, str]:
    """``{key: value}`` of YAML front matter (a flat ``key: value`` reading when the YAML
    is malformed, as scrapers' often is).

    >>> front_matter_fields('title: "关于印发…的通知"\\n发文字号: 京政办发〔2023〕5号')
    {'title': '关于印发…的通知', '发文字号': '京政办发〔2023〕5号'}
    """
    import yaml

    try:
        data = yaml.safe_load(raw)
        if isinstance(data, dict):
            return {str(k): str(v) for k, v in data.items() if v is not None and not isinstance(v, (dict, list))}
    except yaml.YAMLError:
        pass
    found = {}
    for row in raw.splitlines():
        if m := FRONT_MATTER_LINE.match(row):
            found[m.group(1)] = m.group(2).strip("'\" ")
    return found


def metadata_from_front_matter(fields: dict[str, str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for key, value in fields.items():
        role = field_role(key)
        if role in META_ROLES and value and role not in found:
            found[role] = value
    return found


def inline_text(token) -> str:
    """The visible text of an inline token (emphasis/link markup dropped, breaks kept)."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "html_inline":
            if HTML_BREAK.fullmatch(child.content.strip()):
                parts.append("\n")
    return "".join(parts)


def markdown_lines(text: str) -> tuple[list[str], dict[str, str], int]:
    """``(lines, front matter fields, scraper notes dropped)``."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
    tokens = md.parse(text)
    lines: list[str] = []
    fields: dict[str, str] = {}
    notes = 0
    quote_depth = 0
    quote_lines: list[str] = []
    row: list[str] | None = None
    marker = ""

    def emit(value: str) -> None:
        target = quote_lines if quote_depth else lines
        for piece in value.split("\n"):
            if piece.strip():
                target.append(piece.strip())

    for token in tokens:
        kind = token.type
        if kind == "front_matter":
            fields = front_matter_fields(token.content)
        elif kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth -= 1
            if not quote_depth:
                if quote_lines and is_scraper_note("".join(quote_lines)):
                    notes += 1
                else:
                    lines.extend(quote_lines)
                quote_lines = []
        elif kind == "list_item_open":
            marker = f"{token.info}{token.markup}" if token.info else ""
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            if row is not None and any(cell.strip() for cell in row):
                emit("\t".join(cell.replace("\n", "") for cell in row))
            row = None
        elif kind == "inline":
            value = inline_text(token)
            if row is not None:
                row.append(value.strip())
            else:
                emit(marker + value)
                marker = ""
        elif kind in ("fence", "code_block"):
            emit(token.content)
        elif kind == "html_block":
            from .html import fragment_lines

            for piece in fragment_lines(token.content):
                emit(piece)
    return lines, fields, notes


def read_markdown(name: str, text: str, sha: str, encoding: str | None, warnings: list[Warn],
                  repairs: Counter) -> SourceText:
    lines, fields, notes = markdown_lines(text)
    repairs = repairs.copy()
    if notes:
        repairs["web_furniture"] += notes
    return SourceText(name=name, sha256=sha, format="markdown", lines=[Line(text=t) for t in lines],
                      encoding=encoding, warnings=list(warnings), repairs=repairs,
                      field_metadata=metadata_from_front_matter(fields))
