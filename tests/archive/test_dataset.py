"""``--to parquet``: documents.parquet and tasks.parquet hold every JSON output of OUTDIR, as
documented, and README's DuckDB query answers its question on the corpora batch."""
from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from planparse.dataset import schemas
from tests.robust.robustkit import CORPORA, run_cli

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
COLUMNS_DOC = ROOT / "schemas" / "tasks.parquet.md"


def json_documents(outdir: Path) -> dict[str, dict]:
    return {p.relative_to(outdir).as_posix(): json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(outdir.rglob("*.json")) if ".planparse" not in p.parts}


@pytest.fixture(scope="module")
def corpora_batch(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("parquet") / "out"
    run = run_cli("parse", CORPORA, "-o", out, "--to", "parquet", "--jobs", 2)
    assert run.code == 0, run.stderr
    return out


def test_row_counts_match_the_json_outputs(corpora_batch):
    docs = json_documents(corpora_batch)
    assert len(docs) == len(list(CORPORA.glob("*.txt"))) + len(list(CORPORA.glob("*.pdf")))
    tasks = pq.read_table(corpora_batch / "tasks.parquet")
    documents = pq.read_table(corpora_batch / "documents.parquet")
    assert tasks.num_rows == sum(len(d["items"]) for d in docs.values()) > 0
    assert documents.num_rows == len(docs)
    assert sorted(documents.column("document").to_pylist()) == sorted(docs)
    by_key = {(r["document"], r["id"]): r for r in tasks.to_pylist()}
    for name, doc in docs.items():
        for item in doc["items"]:
            row = by_key[(name, item["id"])]
            assert row["text"] == item["text"] and row["path"] == item["path"] and row["page"] == item["page"]
            assert row["lead_units"] == [u["name"] for u in item["units"] if u["role"] == "lead"]
            assert row["dates"] == [{k: d[k] for k in ("text", "kind", "value")} for d in item["dates"]]


def documented_columns(text: str, heading: str, end: str = "\n#") -> list[str]:
    """Column names of the table under ``heading`` (`a`, `b` in one cell count as two)."""
    section = text.split(heading, 1)[1].split(end, 1)[0]
    names = []
    for line in section.splitlines():
        if line.startswith("| `"):
            names += re.findall(r"`([a-z0-9_]+)`", line.split("|")[1])
    return names


def test_the_files_carry_the_documented_columns(corpora_batch):
    documents_schema, tasks_schema = schemas()
    doc = COLUMNS_DOC.read_text(encoding="utf-8")
    assert documented_columns(doc, "## `tasks.parquet`") == tasks_schema.names
    assert documented_columns(doc, "## `documents.parquet`") == documents_schema.names
    readme = README.read_text(encoding="utf-8").split("## The archive as a dataset", 1)[1]
    assert sorted(documented_columns(readme, "| `tasks.parquet` column", "\n\n")) == sorted(tasks_schema.names)
    assert sorted(documented_columns(readme, "| `documents.parquet` column", "\n\n")) == sorted(documents_schema.names)
    assert pq.read_schema(corpora_batch / "tasks.parquet").remove_metadata() == tasks_schema
    assert pq.read_schema(corpora_batch / "documents.parquet").remove_metadata() == documents_schema


def readme_query() -> str:
    text = README.read_text(encoding="utf-8")
    return re.search(r"<!-- duckdb-query -->\n```sql\n(.*?)```", text, re.S).group(1)


def test_the_readme_duckdb_query_answers_from_the_json(corpora_batch):
    import duckdb

    sql = readme_query().replace("'out/tasks.parquet'", f"'{corpora_batch / 'tasks.parquet'}'")
    rows = duckdb.sql(sql).fetchall()
    expected = sorted(
        (name, item["id"], item["title"], date["value"], date["text"])
        for name, doc in json_documents(corpora_batch).items() for item in doc["items"]
        if "市司法局" in [u["name"] for u in item["units"] if u["role"] == "lead"]
        for date in item["dates"]
        if date["kind"] == "deadline" and date["value"] and date["value"][:4].isdigit() and date["value"] < "2025-12-31")
    assert expected and sorted(rows) == expected
    assert [row[3] for row in rows] == sorted(row[3] for row in rows)  # ORDER BY due


def test_incremental_runs_keep_the_tables_whole(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    texts = sorted(CORPORA.glob("*.txt"))
    for path in texts[:2]:
        shutil.copy(path, inputs / path.name)
    assert run_cli("parse", inputs, "-o", out, "--to", "parquet").code == 0
    shutil.copy(texts[2], inputs / texts[2].name)
    added = run_cli("parse", inputs, "-o", out, "--to", "parquet")
    assert "skipped 2 unchanged" in added.stderr
    assert pq.read_table(out / "documents.parquet").num_rows == 3
    assert pq.read_table(out / "tasks.parquet").num_rows == sum(len(d["items"]) for d in json_documents(out).values())
    (inputs / texts[0].name).unlink()
    assert run_cli("parse", inputs, "-o", out, "--to", "parquet", "--prune").code == 0
    assert sorted(pq.read_table(out / "documents.parquet").column("source_name").to_pylist()) == \
        sorted(p.name for p in texts[1:3])


def test_parquet_without_pyarrow_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if not installed
    run = run_cli("parse", sorted(CORPORA.glob("*.txt"))[0], "-o", tmp_path / "out", "--to", "parquet")
    assert run.code == 2 and "planparse[parquet]" in run.stderr and not (tmp_path / "out").exists()
