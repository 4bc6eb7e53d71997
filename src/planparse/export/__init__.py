"""Analyst outputs: task table (CSV/XLSX), HTML review page, quality summary.

All writers are thin layouts over one :class:`planparse.contract.Document` and write
atomically (temporary file in the same directory, then :func:`os.replace`).

- :func:`export_files` writes ``base.json/.csv/.xlsx/.html`` for one document;
- :func:`write_exports` does that for a batch and can add one workbook for all;
- :func:`quality_summary` / :func:`format_summary` give the counts the CLI prints.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..contract import Document
from ..atomic import atomic_path, write_text_atomic
from .by_unit import unit_rows
from .review import render_html, write_html
from .summary import format_summary, quality_summary
from .tabular import write_csv, write_xlsx
from .tasks import COLUMNS, task_rows

FORMATS = ("json", "csv", "xlsx", "html")

__all__ = [
    "FORMATS", "COLUMNS", "parse_formats", "output_path", "export_files", "write_exports", "write_json", "load_json",
    "write_csv", "write_xlsx", "write_html", "render_html", "task_rows", "quality_summary",
    "format_summary", "atomic_path", "unit_rows",
]


def parse_formats(spec: str | Iterable[str]) -> tuple[str, ...]:
    """``"json,csv"`` → ``("json", "csv")``; raises ValueError naming the valid formats."""
    names = spec.split(",") if isinstance(spec, str) else list(spec)
    formats = tuple(dict.fromkeys(n.strip().lower() for n in names if n.strip()))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ValueError(f"unknown export format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}")
    return formats


def write_json(doc: Document, path: str | Path) -> Path:
    """The contract JSON (``Document.to_json``), written atomically."""
    return write_text_atomic(path, doc.to_json())


def load_json(path: str | Path) -> Document:
    """A Document from a JSON file written by planparse (validated against the contract)."""
    return Document.model_validate_json(Path(path).read_bytes())


def output_path(base: str | Path, fmt: str) -> Path:
    """``out/x`` → ``out/x.csv``. The suffix is appended, never swapped: a dotted stem
    (``2023.8.15通知``) keeps its name and ``out/page.html`` (an HTML input) gives
    ``out/page.html.html``, not the input's own name."""
    base = Path(base)
    return base.with_name(f"{base.name}.{fmt}")


def export_files(doc: Document, base: str | Path, formats: Iterable[str] = ("json",),
                 source: str | Path | None = None) -> list[Path]:
    """Write ``base`` plus each format's suffix (``out/x`` → ``out/x.csv`` …); return the paths written.
    ``source`` is the input file (the review page links a PDF input's pages relative to it)."""
    writers = {
        "json": write_json,
        "csv": write_csv,
        "xlsx": lambda d, p: write_xlsx([d], p),
        "html": lambda d, p: write_html(d, p, source),
    }
    written = []
    for fmt in parse_formats(formats):
        written.append(writers[fmt](doc, output_path(base, fmt)))
        if fmt == "csv":  # the by-unit table beside the task table
            written.append(written[-1].with_name(written[-1].name.removesuffix(".csv") + ".units.csv"))
    return written


def write_exports(
    docs_and_bases: Iterable[tuple[Document, str | Path]],
    formats: Iterable[str] = ("json",),
    *,
    batch_xlsx: str | Path | None = None,
) -> list[Path]:
    """:func:`export_files` for each ``(doc, base)``; plus one workbook of all documents at ``batch_xlsx``."""
    pairs = list(docs_and_bases)
    written = [path for doc, base in pairs for path in export_files(doc, base, formats)]
    if batch_xlsx is not None:
        written.append(write_xlsx([doc for doc, _ in pairs], batch_xlsx))
    return written
