"""What a file is, from its bytes first: the name only decides when the content is ambiguous.

Analysts hold HTML saved as ``.txt``, Markdown without ``.md``, dataset dumps named
anything, DOCX renamed ``.zip``. :func:`sniff` reads the bytes (magic numbers, ZIP part
names) and, for text, the decoded head (markup, JSON, SQL, CSV, Markdown signals); the
suffix breaks ties. A content format that differs from what the suffix says is reported
as a ``format_mismatch`` note, never an error.
"""
from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

SUFFIX_FORMATS = {
    ".pdf": "pdf", ".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".shtml": "html",
    ".xhtml": "html", ".md": "markdown", ".markdown": "markdown", ".docx": "docx", ".ofd": "ofd",
    ".json": "record", ".jsonl": "record", ".ndjson": "record", ".csv": "record", ".tsv": "record",
    ".sql": "record", "": "txt",
}
HTML_TAG = re.compile(r"</?(?:p|div|br|span|table|tr|td|th|html|body|head|h[1-6]|strong|b|font|ul|li|a|img|section|article)\b[^<>]{0,400}>",
                      re.IGNORECASE)
HTML_DOCUMENT = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]", re.IGNORECASE)
MIN_HTML_TAGS = 3             # three block/inline tags: markup, not a stray "<b>" in prose
MIN_HTML_TAGS_IN_MARKDOWN = 20  # Markdown may carry a few inline tags (<br>, <font>)
SQL_INSERT = re.compile(r"^\s*(?:--[^\n]*\n|/\*.*?\*/;?\s*|\s)*(?:(?:INSERT|REPLACE)\s+(?:IGNORE\s+)?INTO|CREATE\s+TABLE|SET\s+\w+|DROP\s+TABLE|LOCK\s+TABLES)\b",
                        re.IGNORECASE | re.DOTALL)
SQL_STATEMENT = re.compile(r"(?:INSERT|REPLACE)\s+(?:IGNORE\s+)?INTO", re.IGNORECASE)
FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n.*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
MARKDOWN_LINE = re.compile(r"^(?:#{1,6}\s+\S|>\s|\|.*\|\s*$|[-*+]\s+\S|```)|\*\*\S.*?\S\*\*|!\[[^\]]*\]\(|\[[^\]]+\]\([^)]+\)",
                           re.MULTILINE)
MIN_MARKDOWN_SIGNALS = 3
SNIFF_CHARS = 20000


@dataclass(frozen=True)
class Sniffed:
    """The format read from the content and the container of a record file."""

    format: str
    container: str | None = None     # record files: json | jsonl | csv | sql
    mismatch: str | None = None      # what the name said, when the content says otherwise


def suffix_format(path: Path) -> str | None:
    """The format a file's suffix suggests (None for an unknown suffix).

    >>> suffix_format(Path("a.SHTML")), suffix_format(Path("b.md")), suffix_format(Path("c.xyz"))
    ('html', 'markdown', None)
    """
    return SUFFIX_FORMATS.get(path.suffix.lower())


def binary_format(data: bytes) -> str | None:
    """PDF, DOCX or OFD from magic numbers and ZIP part names; ``zip``/``ole`` for other
    containers; None for anything else (text, or unknown bytes).

    >>> binary_format(b"%PDF-1.7 ..."), binary_format(b"hello")
    ('pdf', None)
    """
    if data.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = {n.lower() for n in zipfile.ZipFile(io.BytesIO(data)).namelist()}
        except (zipfile.BadZipFile, OSError, ValueError):
            return "zip"
        if "word/document.xml" in names:
            return "docx"
        if "ofd.xml" in names:
            return "ofd"
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    return None


def text_format(text: str, suffix: str | None) -> tuple[str, str | None]:
    """``(format, record container)`` of decoded text.

    >>> text_format('{"标题": "关于印发…的通知", "正文": "一、总体要求"}', "txt")
    ('record', 'json')
    >>> text_format("<p>一、总体要求</p><p>（一）指导思想</p><br/>", "txt")
    ('html', None)
    >>> text_format("一、总体要求\\n（一）指导思想", "txt")
    ('txt', None)
    >>> text_format("# 通知\\n\\n![](a.jpg)\\n\\n# 一、要求\\n" + "<table><tr><td>序号</td></tr></table>" * 8, "markdown")
    ('markdown', None)
    """
    head = text[:SNIFF_CHARS].lstrip("\ufeff \t\r\n")
    container = record_container(head, text, suffix)
    if container:
        return "record", container
    tags = len(HTML_TAG.findall(head))
    markdown_signals = len(MARKDOWN_LINE.findall(head)) + (3 if FRONT_MATTER.match(head) else 0)
    named_markdown = suffix == "markdown" and markdown_signals >= MIN_MARKDOWN_SIGNALS  # tables as HTML blocks
    if HTML_DOCUMENT.search(head) or tags >= MIN_HTML_TAGS and not named_markdown and (
            suffix != "markdown" and markdown_signals < MIN_MARKDOWN_SIGNALS or tags >= MIN_HTML_TAGS_IN_MARKDOWN):
        return "html", None
    if suffix == "markdown" or markdown_signals >= MIN_MARKDOWN_SIGNALS or FRONT_MATTER.match(head):
        return "markdown", None
    return "txt", None


def record_container(head: str, text: str, suffix: str | None) -> str | None:
    """json | jsonl | sql | csv when the text is a dataset file, else None."""
    if head.startswith(("{", "[")):
        try:
            json.loads(text)
            return "json"
        except ValueError:
            if is_json_lines(text):
                return "jsonl"
    if SQL_INSERT.match(head) and SQL_STATEMENT.search(text):
        return "sql"
    if suffix == "record" and looks_like_csv(head):
        return "csv"
    if looks_like_csv(head, require_known_header=True):
        return "csv"
    return None


def is_json_lines(text: str) -> bool:
    """Every non-empty line a JSON object (JSON Lines)."""
    rows = [line for line in text.splitlines() if line.strip()]
    if not rows:
        return False
    try:
        return all(isinstance(json.loads(line), dict) for line in rows)
    except ValueError:
        return False


def looks_like_csv(head: str, require_known_header: bool = False) -> bool:
    """A delimited header row (several columns) and a record; with
    ``require_known_header`` the header must name a body field of the record table."""
    first = head.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    if first.count(delimiter) < 1:
        return False
    try:
        header = next(csv.reader(io.StringIO(first), delimiter=delimiter))
    except (csv.Error, StopIteration):
        return False
    if any(len(name) > 40 for name in header):
        return False
    if not require_known_header:
        return True
    from .records import field_role

    roles = {field_role(name) for name in header}
    return "body" in roles and len(roles - {None}) >= 2


def sniff(path: Path, data: bytes, text: str | None = None) -> Sniffed:
    """The format of ``data`` (``text`` is its decoding, for text files)."""
    named = suffix_format(path)
    found = binary_format(data)
    if found is None and text is not None:
        found, container = text_format(text, named)
    else:
        container = None
    if found is None:
        found = named or "txt"
    mismatch = named if named and named != found and not (named == "txt" and found == "markdown") else None
    return Sniffed(found, container, mismatch)
