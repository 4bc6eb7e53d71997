"""The archive as a dataset: ``OUTDIR/documents.parquet`` and ``OUTDIR/tasks.parquet``.

Rebuilt from the JSON outputs in OUTDIR after every ``--to parquet`` run (not from this
run's results), so an incremental run that converted three files still gives tables of
the whole archive. Documents are read and written in groups, so memory stays flat however
many files OUTDIR holds. Columns: README "The archive as a dataset" and
``schemas/tasks.parquet.md``.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from .atomic import atomic_path
from .model import UsageError

DOCUMENTS_FILE = "documents.parquet"
TASKS_FILE = "tasks.parquet"
DOCUMENTS_PER_GROUP = 500  # one Parquet row group of documents (and of their tasks)
INSTALL_HINT = "pip install 'planparse[parquet]'"


def require_pyarrow() -> None:
    """``--to parquet`` without pyarrow is a usage error before any file is converted."""
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise UsageError(f"--to parquet needs pyarrow: {INSTALL_HINT}") from None


def schemas():
    """``(documents schema, tasks schema)`` as pyarrow schemas."""
    import pyarrow as pa

    warning = pa.struct([("code", pa.string()), ("message", pa.string()), ("page", pa.int32())])
    target = pa.struct([("text", pa.string()), ("metric", pa.string()), ("value", pa.float64()),
                        ("unit", pa.string()), ("comparator", pa.string())])
    date = pa.struct([("text", pa.string()), ("kind", pa.string()), ("value", pa.string())])
    documents = pa.schema([
        ("document", pa.string()), ("source_name", pa.string()), ("sha256", pa.string()),
        ("format", pa.string()), ("pages", pa.int32()), ("encoding", pa.string()),
        ("record_key", pa.string()), ("schema_version", pa.string()),
        ("doc_number", pa.string()), ("issuer", pa.string()), ("title", pa.string()),
        ("issue_date", pa.string()), ("publication", pa.string()), ("print_date", pa.string()),
        ("printer", pa.string()), ("recipients", pa.list_(pa.string())), ("cc", pa.list_(pa.string())),
        ("script", pa.string()), ("items", pa.int32()), ("units", pa.int32()), ("targets", pa.int32()),
        ("dates", pa.int32()), ("indicators", pa.int32()), ("repairs", pa.int32()),
        ("warnings", pa.list_(warning)),
    ])
    tasks = pa.schema([
        ("document", pa.string()), ("source_name", pa.string()), ("id", pa.string()), ("part", pa.int32()),
        ("path", pa.list_(pa.int32())), ("level", pa.int32()), ("parent", pa.string()),
        ("title", pa.string()), ("text", pa.string()),
        ("lead_units", pa.list_(pa.string())), ("support_units", pa.list_(pa.string())),
        ("targets", pa.list_(target)), ("dates", pa.list_(date)), ("page", pa.int32()),
    ])
    return documents, tasks


def is_document(data: object) -> bool:
    """A planparse JSON output (not some other JSON a user keeps in OUTDIR).

    >>> is_document({"schema_version": "1.1", "source": {}, "items": []}), is_document([1])
    (True, False)
    """
    return isinstance(data, dict) and "schema_version" in data and "source" in data and "items" in data


def json_outputs(outdir: Path) -> Iterator[tuple[str, dict]]:
    """``(OUTDIR-relative name, document)`` of every planparse JSON output, in name order;
    hidden folders (``.planparse``) and temporary files are left out."""
    for path in sorted(outdir.rglob("*.json")):
        relative = path.relative_to(outdir)
        if any(part.startswith(".") for part in relative.parts):
            continue
        try:
            data = json.loads(path.read_bytes())
        except (OSError, ValueError):
            continue
        if is_document(data):
            yield relative.as_posix(), data


def document_row(name: str, doc: dict) -> dict:
    source, meta, items = doc["source"], doc.get("metadata") or {}, doc["items"]
    norm = doc.get("normalization") or {}
    return {
        "document": name, "source_name": source.get("name"), "sha256": source.get("sha256"),
        "format": source.get("format"), "pages": source.get("pages"), "encoding": source.get("encoding"),
        "record_key": (source.get("record") or {}).get("key"), "schema_version": doc.get("schema_version"),
        **{key: meta.get(key) for key in ("doc_number", "issuer", "title", "issue_date", "publication",
                                          "print_date", "printer")},
        "recipients": meta.get("recipients") or [], "cc": meta.get("cc") or [],
        "script": norm.get("script"), "items": len(items),
        "units": sum(len(i.get("units", [])) for i in items),
        "targets": sum(len(i.get("targets", [])) for i in items),
        "dates": sum(len(i.get("dates", [])) for i in items),
        "indicators": len(doc.get("indicators") or []),
        "repairs": sum(r.get("count", 0) for r in norm.get("repairs", [])),
        "warnings": [{"code": w.get("code"), "message": w.get("message"), "page": w.get("page")}
                     for w in norm.get("warnings", [])],
    }


def task_rows(name: str, doc: dict) -> Iterator[dict]:
    source_name = doc["source"].get("name")
    for item in doc["items"]:
        units = item.get("units", [])
        yield {
            "document": name, "source_name": source_name, "id": item["id"], "part": item.get("part"),
            "path": item.get("path"), "level": item.get("level"), "parent": item.get("parent"),
            "title": item.get("title"), "text": item.get("text"),
            "lead_units": [u["name"] for u in units if u.get("role") == "lead"],
            "support_units": [u["name"] for u in units if u.get("role") == "support"],
            "targets": [{k: t.get(k) for k in ("text", "metric", "value", "unit", "comparator")}
                        for t in item.get("targets", [])],
            "dates": [{k: d.get(k) for k in ("text", "kind", "value")} for d in item.get("dates", [])],
            "page": item.get("page"),
        }


def build_dataset(outdir: Path) -> tuple[int, int]:
    """Write both tables from OUTDIR's JSON outputs (each atomically); ``(documents, tasks)``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    documents_schema, tasks_schema = schemas()
    counts = [0, 0]
    doc_rows: list[dict] = []
    item_rows: list[dict] = []
    with atomic_path(outdir / DOCUMENTS_FILE) as documents_tmp, atomic_path(outdir / TASKS_FILE) as tasks_tmp, \
            pq.ParquetWriter(documents_tmp, documents_schema) as documents_out, \
            pq.ParquetWriter(tasks_tmp, tasks_schema) as tasks_out:

        def flush() -> None:
            documents_out.write_table(pa.Table.from_pylist(doc_rows, schema=documents_schema))
            tasks_out.write_table(pa.Table.from_pylist(item_rows, schema=tasks_schema))
            counts[0] += len(doc_rows)
            counts[1] += len(item_rows)
            doc_rows.clear()
            item_rows.clear()

        for name, doc in json_outputs(outdir):
            doc_rows.append(document_row(name, doc))
            item_rows.extend(task_rows(name, doc))
            if len(doc_rows) >= DOCUMENTS_PER_GROUP:
                flush()
        flush()
    return counts[0], counts[1]
