"""Dataset records: SQL INSERT dumps, JSON (an object, an array, nested lists), JSON Lines
and CSV files of policy datasets, one :class:`SourceText` per record.

Escapes are decoded by the container's own rules (JSON by :mod:`json`, CSV by :mod:`csv`,
SQL string literals by :func:`sql_string`); a body field holding HTML is read as HTML.
Field names map to metadata through one data table, ``data/record_fields.json`` — to
support a new dataset, add its field names there.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any

from ..data import load_json, vocabulary_cached
from ..model import Line, PlanparseError, SourceText, Warn
from .sniff import HTML_TAG, MIN_HTML_TAGS

META_ROLES = ("title", "doc_number", "issuer", "issue_date")
MIN_BODY_CHARS = 20
FIELD_NAME_NOISE = re.compile(r"[\s_\-.]+")


@vocabulary_cached
def field_roles() -> dict[str, str]:
    """``{normalised field name: role}`` from ``record_fields.json``."""
    table = load_json("record_fields.json")
    return {FIELD_NAME_NOISE.sub("", name).casefold(): role
            for role, names in table.items() if not role.startswith("_") for name in names}


def field_role(name: str) -> str | None:
    """The role of a record field (title, doc_number, issuer, issue_date, publish_date,
    body, key) or None.

    >>> field_role("发文字号"), field_role("Content_HTML"), field_role("浏览次数")
    ('doc_number', 'body', None)
    """
    return field_roles().get(FIELD_NAME_NOISE.sub("", str(name)).casefold())


# --------------------------------------------------------------------------- containers
def records_of(text: str, container: str) -> list[dict[str, Any]]:
    """The records of a dataset file, each a flat ``{field: value}`` dict."""
    if container == "json":
        rows = list(json_records(json.loads(text)))
    elif container == "jsonl":
        rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    elif container == "csv":
        rows = csv_records(text)
    elif container == "sql":
        rows = sql_records(text)
    else:
        raise ValueError(container)
    return [flatten(row) for row in rows if isinstance(row, dict)]


def json_records(value: Any) -> Iterator[dict]:
    """Records inside parsed JSON: the object itself when it carries a text, else the
    objects of its lists (``{"data": [{…}, …]}``), at any depth."""
    if isinstance(value, list):
        for element in value:
            yield from json_records(element)
    elif isinstance(value, dict):
        if body_field(flatten(value)) is not None:
            yield value
        else:
            for element in value.values():
                if isinstance(element, (list, dict)):
                    yield from json_records(element)


def flatten(row: dict, prefix: str = "") -> dict[str, Any]:
    """Nested objects merged into one level (``{"meta": {"title": …}}`` → ``title``);
    an outer field keeps precedence over a nested one of the same name."""
    flat: dict[str, Any] = {}
    nested: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, dict):
            nested.update(flatten(value))
        else:
            flat[str(key)] = value
    return {**nested, **flat}


def csv_records(text: str) -> list[dict]:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    csv.field_size_limit(1 << 30)
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter))


SQL_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "0": "\0", "Z": "\x1a", "b": "\b"}
INSERT = re.compile(r"(?:INSERT|REPLACE)\s+(?:IGNORE\s+)?INTO\s+([`\"\[]?[\w.]+[`\"\]]?)\s*(\(([^)]*)\))?\s*VALUES\s*",
                    re.IGNORECASE)
CREATE = re.compile(r"CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([`\"\[]?[\w.]+[`\"\]]?)\s*\((.*?)\)\s*(?:ENGINE|;|\Z)",
                    re.IGNORECASE | re.DOTALL)
COLUMN_DEF = re.compile(r"^\s*[`\"\[]?(\w+)[`\"\]]?\s+\w", re.MULTILINE)
NOT_A_COLUMN = frozenset({"primary", "key", "unique", "index", "constraint", "foreign", "fulltext", "check"})


def bare_name(name: str) -> str:
    return name.strip("`\"[] ").split(".")[-1]


def sql_records(text: str) -> list[dict]:
    """Rows of every ``INSERT … VALUES (…), (…);`` statement; columns from the statement's
    column list, else from the table's ``CREATE TABLE``, else ``col1`` …"""
    tables = {bare_name(m.group(1)): [c for c in COLUMN_DEF.findall(m.group(2)) if c.lower() not in NOT_A_COLUMN]
              for m in CREATE.finditer(text)}
    rows: list[dict] = []
    for m in INSERT.finditer(text):
        if m.group(3):
            columns = [bare_name(c) for c in m.group(3).split(",")]
        else:
            columns = tables.get(bare_name(m.group(1)), [])
        for values in sql_tuples(text, m.end()):
            names = columns if len(columns) == len(values) else [f"col{i + 1}" for i in range(len(values))]
            rows.append(dict(zip(names, values)))
    return rows


def sql_tuples(text: str, pos: int) -> Iterator[list[Any]]:
    """The value tuples of one INSERT starting at ``pos``, up to its ``;``."""
    n = len(text)
    while pos < n:
        while pos < n and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= n or text[pos] != "(":
            return
        values, pos = sql_tuple(text, pos + 1)
        yield values


def sql_tuple(text: str, pos: int) -> tuple[list[Any], int]:
    values: list[Any] = []
    n = len(text)
    while pos < n:
        while pos < n and text[pos] in " \t\r\n":
            pos += 1
        if pos < n and text[pos] in "'\"":
            value, pos = sql_string(text, pos)
            values.append(value)
        else:
            end = pos
            while end < n and text[end] not in ",)":
                end += 1
            word = text[pos:end].strip()
            values.append(None if word.upper() == "NULL" else word)
            pos = end
        while pos < n and text[pos] in " \t\r\n":
            pos += 1
        if pos < n and text[pos] == ",":
            pos += 1
            continue
        return values, pos + 1
    return values, pos


def sql_string(text: str, pos: int) -> tuple[str, int]:
    """A quoted SQL literal at ``pos``: backslash escapes (MySQL) and doubled quotes.

    >>> sql_string("'a\\\\'b''c\\\\nd' rest", 0)
    ("a'b'c\\nd", 12)
    """
    quote = text[pos]
    out: list[str] = []
    i = pos + 1
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n:
            out.append(SQL_ESCAPES.get(text[i + 1], text[i + 1]))
            i += 2
        elif ch == quote:
            if i + 1 < n and text[i + 1] == quote:
                out.append(quote)
                i += 2
            else:
                return "".join(out), i + 1
        else:
            out.append(ch)
            i += 1
    return "".join(out), i


# --------------------------------------------------------------------------- one record
def body_field(row: dict[str, Any]) -> str | None:
    """The field holding the notice's text: the longest body-named field, else the
    longest string field (a dataset whose text field has an unknown name still parses)."""
    strings = {k: v for k, v in row.items() if isinstance(v, str) and len(v.strip()) >= MIN_BODY_CHARS}
    named = [k for k in strings if field_role(k) == "body"]
    pool = named or [k for k in strings if field_role(k) not in ("title", "doc_number", "issuer")]
    return max(pool, key=lambda k: len(strings[k])) if pool else None


def record_metadata(row: dict[str, Any]) -> dict[str, str]:
    """``{title, doc_number, issuer, issue_date}`` from the record's named fields."""
    found: dict[str, str] = {}
    for key, value in row.items():
        role = field_role(key)
        if role in META_ROLES and value not in (None, "") and role not in found:
            found[role] = str(value).strip()
    return found


def record_key(row: dict[str, Any], index: int) -> str:
    for key, value in row.items():
        if field_role(key) == "key" and value not in (None, "") and len(str(value)) <= 64:
            return str(value).strip()
    return str(index)


def body_lines(body: str) -> tuple[list[str], bool]:
    """Lines of a body field, and whether it was HTML."""
    if len(HTML_TAG.findall(body[:20000])) >= MIN_HTML_TAGS:
        from .html import fragment_lines

        return fragment_lines(body), True
    from .text import split_lines

    return split_lines(body), False


def read_records(name: str, text: str, sha: str, container: str, encoding: str | None,
                 warnings: list[Warn]) -> list[SourceText]:
    """One :class:`SourceText` per record with a text field."""
    try:
        rows = records_of(text, container)
    except (ValueError, csv.Error) as err:
        raise PlanparseError("bad_record_file", f"the {container.upper()} dataset file cannot be read: {err}") from None
    sources = []
    for index, row in enumerate(rows, 1):
        body = body_field(row)
        if body is None:
            continue
        lines, was_html = body_lines(row[body])
        meta = record_metadata(row)
        sources.append(SourceText(
            name=name, sha256=sha, format="record", lines=[Line(text=t) for t in lines],
            encoding=encoding, warnings=list(warnings), field_metadata=meta,
            record={"container": container, "key": record_key(row, index), "body_field": body,
                    "html": "yes" if was_html else "no"},
        ))
    if not sources:
        raise PlanparseError("no_text_field", f"the {container.upper()} dataset file holds no record with a text "
                             f"field ({len(rows)} records); add the field's name to data/record_fields.json")
    return sources
