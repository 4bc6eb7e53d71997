"""export_files / write_exports: suffixes, atomic replacement, format names."""
from __future__ import annotations

import openpyxl
import pytest

from planparse.export import (
    FORMATS,
    export_files,
    load_json,
    output_path,
    parse_formats,
    tabular,
    write_exports,
)

from .documents import gold_document, hostile_document


def test_writes_every_format(tmp_path):
    doc = hostile_document()
    paths = export_files(doc, tmp_path / "out" / "doc", FORMATS)
    assert [p.name for p in paths] == ["doc.json", "doc.csv", "doc.units.csv", "doc.xlsx", "doc.html"]
    assert all(p.stat().st_size > 0 for p in paths)
    assert load_json(paths[0]) == doc
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in paths)  # no temp left


def test_dotted_stem_keeps_its_name(tmp_path):
    assert output_path(tmp_path / "2023.8.15通知", "csv").name == "2023.8.15通知.csv"
    assert output_path(tmp_path / "page.html", "html").name == "page.html.html"


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "doc.csv"
    target.write_text("old", encoding="utf-8")

    def broken(doc):
        raise RuntimeError("boom")

    monkeypatch.setattr(tabular, "task_rows", broken)
    with pytest.raises(RuntimeError):
        export_files(hostile_document(), tmp_path / "doc", ["csv"])
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.csv"]


def test_parse_formats():
    assert parse_formats("json, CSV,csv") == ("json", "csv")
    with pytest.raises(ValueError, match=r"pdf.*choose from json, csv, xlsx, html"):
        parse_formats("json,pdf")
    with pytest.raises(ValueError):
        parse_formats("")


def test_batch_workbook(tmp_path):
    docs = [hostile_document(), gold_document("004_c5c29ddb614a9a11")]
    written = write_exports([(d, tmp_path / f"d{n}") for n, d in enumerate(docs)], ["csv"], batch_xlsx=tmp_path / "all.xlsx")
    assert [p.name for p in written] == ["d0.csv", "d0.units.csv", "d1.csv", "d1.units.csv", "all.xlsx"]
    assert len(openpyxl.load_workbook(written[-1]).sheetnames) == 4  # 汇总, two documents, 按单位
