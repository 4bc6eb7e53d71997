"""The output contract (schema_version "1.1"): pydantic models are the single source.

``schemas/planparse.schema.json`` is generated from :class:`Document` in serialization
mode (``make schemas``); a test fails when the committed schema and these models drift
apart. Field names and meanings are a promise to downstream readers: add fields freely,
but any change that could break a reader bumps :data:`SCHEMA_VERSION` with a CHANGELOG
entry.
"""
from __future__ import annotations

import json
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION: Final = "1.1"

Role = Literal["lead", "support"]
Confidence = Literal["high", "low"]
Comparator = Literal["=", ">=", "<=", ">", "<"]
DateKind = Literal["deadline", "point", "range", "recurring", "period"]
PartKind = Literal["plan", "annex", "indicator_table"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Record(_Model):
    container: Literal["sql", "json", "jsonl", "csv"] = Field(description="the dataset file's kind")
    key: str = Field(description="the record's id field, else its 1-based index in the file")


class Source(_Model):
    name: str = Field(description="input file name")
    sha256: str = Field(description="SHA-256 of the input bytes (hex)")
    format: str = Field(description="pdf, txt, html, markdown, docx, ofd, record (what the content is, "
                                    "not what the name says)")
    pages: int | None = Field(None, description="page count for paginated input")
    encoding: str | None = Field(None, description="detected text encoding, null for PDF")
    record: Record | None = Field(None, description="for format record: which record of a dataset file")


class Metadata(_Model):
    doc_number: str | None = Field(None, description="发文字号, brackets as 〔〕")
    issuer: str | None = Field(None, description="发文机关 of the cover notice")
    title: str | None = Field(None, description="notice title on one line (else the plan's)")
    issue_date: str | None = Field(None, description="成文日期, ISO YYYY-MM-DD")
    recipients: list[str] = Field(default_factory=list, description="主送机关")
    publication: str | None = Field(None, description="e.g. 此件公开发布")
    cc: list[str] = Field(default_factory=list, description="抄送")
    print_date: str | None = Field(None, description="印发日期, ISO")
    printer: str | None = Field(None, description="印发机关")


class Repair(_Model):
    kind: str
    count: int


class Warning_(_Model):
    code: str
    message: str
    page: int | None = None
    offset: int | None = None


class Normalization(_Model):
    script: Literal["simplified", "traditional→simplified"] = "simplified"
    repairs: list[Repair] = Field(default_factory=list)
    warnings: list[Warning_] = Field(default_factory=list)


class Part(_Model):
    index: int
    title: str
    kind: PartKind


class Unit(_Model):
    name: str
    role: Role
    label: str = Field(description="the label as printed: 责任单位, 牵头单位, 牵头, 负责 …")
    confidence: Confidence | None = Field(None, description="high, or low when the name fails a signal of a real "
                                                            "organ name (ending, length, not a task phrase, read "
                                                            "in a frame; README \"Confidence of units\"); null "
                                                            "from producers that do not rate it")


class Target(_Model):
    text: str = Field(description="shortest phrase holding the number and its qualifier")
    metric: str | None = Field(None, description="the thing measured, e.g. 公开率")
    value: float = Field(description="the number")
    unit: str = Field(description="% for percentages, else 次, 日, 个, 工作日, …")
    comparator: Comparator


# ISO 8601 at an expression's own granularity: 2025, 2025-06, 2025-06-30, 2025-Q2, --06-30,
# --06, ---15, Q4, and ranges/periods of two of them joined by "/".
_DAY = "(?:0[1-9]|[12][0-9]|3[01])"
_MONTH = "(?:0[1-9]|1[0-2])"
_ISO_POINT = rf"(?:[0-9]{{4}}(?:-{_MONTH}(?:-{_DAY})?|-Q[1-4])?|--{_MONTH}(?:-{_DAY})?|---{_DAY}|Q[1-4])"
DATE_VALUE_PATTERN = rf"^{_ISO_POINT}(?:/{_ISO_POINT})?$"


class DateExpr(_Model):
    text: str = Field(description="the expression as printed")
    kind: DateKind
    value: str | None = Field(None, pattern=DATE_VALUE_PATTERN,
                              description="ISO 8601 at the expression's granularity (see CONTRACT); null for an "
                                          "impossible calendar date (9月31日), with a bad_date warning")


class Item(_Model):
    id: str
    part: int
    path: list[int]
    markers: list[str]
    level: int
    parent: str | None
    title: str
    text: str
    units: list[Unit] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    dates: list[DateExpr] = Field(default_factory=list)
    page: int | None = None
    span: tuple[int, int]
    lines: tuple[int, int] | None = Field(None, description="first and last line of the item in the input file "
                                                            "(1-based, inclusive) for plain-text input (format "
                                                            "txt); null for other forms")


class Indicator(_Model):
    part: int
    l1: int | None
    l1_title: str | None
    l2: int | None
    l2_title: str | None
    n: int | None
    text: str


class Document(_Model):
    schema_version: Literal["1.1"] = SCHEMA_VERSION
    source: Source
    metadata: Metadata
    normalization: Normalization
    parts: list[Part]
    items: list[Item]
    indicators: list[Indicator] = Field(default_factory=list)

    def to_json(self) -> str:
        """Deterministic JSON text (UTF-8, indented, keys in model order)."""
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def json_schema() -> dict:
    """The JSON Schema of :class:`Document` in serialization mode."""
    schema = Document.model_json_schema(mode="serialization")

    schema["title"] = f"planparse output, schema_version {SCHEMA_VERSION}"
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
