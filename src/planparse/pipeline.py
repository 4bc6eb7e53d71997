"""``parse(path) -> Document``: the one call the CLI, exporters and tests go through."""
from __future__ import annotations

import re
from pathlib import Path

from . import contract as c
from .extract import extract
from .ingest import OcrSettings, ingest, ingest_all
from .messages import warning_text
from .model import ItemNode, Outline, SourceText, Text, Warn
from .normalize import normalize
from .segment import segment


def parse(path: str | Path, *, max_pages: int | None = None, encoding: str | None = None,
          ocr: OcrSettings | None = None) -> c.Document:
    """Parse one file (text forms decoded as ``encoding`` when given, else detected).
    ``ocr``: which PDF pages are OCRed (default: pages without usable text, 200 dpi).
    Raises :class:`planparse.model.PlanparseError` on unusable input."""
    source = ingest(path, max_pages=max_pages, encoding=encoding, ocr=ocr)
    return parse_source(source)


def parse_all(path: str | Path, *, max_pages: int | None = None, encoding: str | None = None,
              ocr: OcrSettings | None = None) -> list[c.Document]:
    """Every document in one file: one for a notice, one per record of a dataset file."""
    return [parse_source(source) for source in ingest_all(path, max_pages=max_pages, encoding=encoding, ocr=ocr)]


def parse_source(source: SourceText) -> c.Document:
    text = normalize(source)
    outline = segment(text, source)
    extract(outline, text)
    return build_document(source, text, outline)


def build_document(source: SourceText, text: Text, outline: Outline) -> c.Document:
    """Assemble the contract from the spans; the only place contract models are built."""
    warnings = list(text.warnings) + list(outline.warnings)
    metadata = dict(outline.metadata)
    for key, value in source.field_metadata.items():
        if text.script != "simplified":  # the fields of a traditional copy read like its text
            from .normalize.script import to_simplified

            value = to_simplified(value)
        if not metadata.get(key) and (clean := field_value(key, value)):
            metadata[key] = clean
            warnings.append(Warn("metadata_from_fields", warning_text(
                "metadata_from_fields", key=key, origin=FIELD_ORIGIN.get(source.format, "file"))))
    if not metadata.get("title"):
        metadata["title"] = metadata.get("plan_title")
    if not outline.items:
        warnings.append(Warn("no_outline", warning_text("no_outline")))
    return c.Document(
        source=c.Source(
            name=source.name, sha256=source.sha256, format=source.format,
            pages=source.pages, encoding=source.encoding, pages_ocr=source.pages_ocr or None,
            record=c.Record(container=source.record["container"], key=source.record["key"]) if source.record else None,
        ),
        metadata=build_metadata(metadata),
        normalization=c.Normalization(
            script=text.script,
            repairs=[c.Repair(kind=k, count=n) for k, n in sorted(text.repairs.items()) if n],
            warnings=[c.Warning_(code=w.code, message=w.message, page=w.page, offset=w.offset) for w in warnings],
        ),
        parts=[c.Part(index=p.index, title=p.title, kind=p.kind) for p in outline.parts],
        items=build_items(outline.items, text, text_lines=source.format == "txt"),
        indicators=[
            c.Indicator(part=r.part, l1=r.l1, l1_title=r.l1_title, l2=r.l2, l2_title=r.l2_title, n=r.n, text=r.text)
            for r in outline.indicators
        ],
    )


HAN = re.compile(r"[\u4e00-\u9fff]")
TRUNCATED = re.compile(r"(?:\.{3}|…|。。。)$")
FIELD_ORIGIN = {"markdown": "front matter", "record": "dataset record", "html": "page", "txt": "page"}


def field_value(key: str, value: str) -> str | None:
    """A field's value in the contract's form: dates as ISO, numbers with 〔〕, one line.

    A value a list page cut short (``…工作的实...``, ``…工作…``) is no value: the document's
    own plan title serves better.

    >>> field_value("issue_date", "2023年8月5日"), field_value("doc_number", "京政发[2023]5号")
    ('2023-08-05', '京政发〔2023〕5号')
    >>> field_value("title", "甲省教育厅等十二部门印发《关于进一步加强培训治理工...") is None
    True
    """
    from .segment.metadata import doc_number_form, is_organ, iso_date_of

    value = " ".join(value.split())
    if not value or TRUNCATED.search(value):
        return None
    if key == "issue_date":
        return iso_date_of(value)
    if key == "doc_number":  # a database code (N0020008) is no 发文字号
        return doc_number_form(value) if "号" in value and HAN.search(value) else None
    if key == "issuer":  # a category (勞動關係目) is no issuing organ
        return value if is_organ(value) else None
    return value


def build_metadata(meta: dict) -> c.Metadata:
    fields = c.Metadata.model_fields
    return c.Metadata(**{k: v for k, v in meta.items() if k in fields})


def build_items(nodes: list[ItemNode], text: Text, text_lines: bool = False) -> list[c.Item]:
    """Contract items; ``text_lines``: the source lines are the input file's lines (plain
    text), so each item gets its line range."""
    items: list[c.Item] = []
    open_ids: dict[tuple[int, ...], str] = {}
    seen: set[str] = set()
    for node in nodes:
        item_id, n = node.id, 1
        while item_id in seen:  # a repeated printed path stays addressable
            n += 1
            item_id = f"{node.id}#{n}"
        seen.add(item_id)
        parent = None
        for depth in range(len(node.path) - 1, 0, -1):
            parent = open_ids.get((node.part, *node.path[:depth]))
            if parent:
                break
        open_ids[(node.part, *node.path)] = item_id
        items.append(c.Item(
            id=item_id, part=node.part, path=node.path, markers=node.markers, level=node.level,
            parent=parent, title=node.title, text=text.text[node.start:node.end],
            units=[c.Unit(**s.value) for s in node.units],
            targets=[c.Target(**s.value) for s in node.targets],
            dates=[c.DateExpr(**s.value) for s in node.dates],
            page=text.page_at(node.start), span=(node.start, node.end),
            lines=line_range(text, node.start, node.end) if text_lines else None,
        ))
    return items


def line_range(text: Text, start: int, end: int) -> tuple[int, int] | None:
    """1-based first and last source line of normalised ``text.text[start:end]`` (trailing
    line breaks not counted), for linking an item to its place in a text file."""
    if not text.source_lines:
        return None
    while end > start and text.text[end - 1].isspace():
        end -= 1
    first = text.line_number(start)
    return first, max(first, text.line_number(max(start, end - 1)))
