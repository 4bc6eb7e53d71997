"""Which items become task rows, and what a row holds."""
from __future__ import annotations

import pytest

from planparse import contract as c
from planparse.export.tasks import COLUMN_KEYS, JOIN, ancestors, task_rows

from .documents import (
    IMG,
    SCRIPT,
    corpus_documents,
    gold_document,
    gold_stems,
    hostile_document,
)


def all_documents():
    return [*corpus_documents(), *(gold_document(s) for s in gold_stems()), hostile_document()]


def test_rows_are_leaves_and_items_with_extractions():
    rows = task_rows(hostile_document())
    # p0-1 has a child and no extractions; p0-1.1 has a child but dates/targets
    assert [r["id"] for r in rows] == ["p0-1.1", "p0-1.1.1", "p1-1#2"]


def test_row_fields():
    row = task_rows(hostile_document())[1]
    assert set(row) == set(COLUMN_KEYS)
    assert row["path"] == "一、（一）1."
    assert row["chapter"] == f"总体要求{SCRIPT}"
    assert row["section"] == f"标题{IMG}"
    assert row["lead_units"] == f"市{IMG}局"
    assert row["support_units"] == f"@SUM(1){JOIN}<b>不在正文</b>"
    assert (row["dates"], row["dates_iso"], row["page"]) == ("6月底前", "2025-06-30", 2)


def test_chapter_and_section_are_ancestors_not_self():
    rows = {r["id"]: r for r in task_rows(hostile_document())}
    assert rows["p0-1.1"]["chapter"] == f"总体要求{SCRIPT}" and rows["p0-1.1"]["section"] == ""
    assert rows["p1-1#2"]["chapter"] == "" and rows["p1-1#2"]["section"] == ""


def test_cyclic_parents_terminate():
    a = c.Item(id="a", part=0, path=[1], markers=["一、"], level=1, parent="b", title="A", text="A", span=(0, 1))
    b = c.Item(id="b", part=0, path=[1, 1], markers=["一、", "（一）"], level=2, parent="a", title="B", text="B", span=(1, 2))
    assert [x.id for x in ancestors(a, {"a": a, "b": b})] == ["b"]


@pytest.mark.parametrize("doc", all_documents(), ids=lambda d: d.source.name[:24])
def test_one_row_per_task_item(doc):
    parents = {i.parent for i in doc.items if i.parent}
    expected = [i.id for i in doc.items if i.id not in parents or i.units or i.targets or i.dates]
    assert [r["id"] for r in task_rows(doc)] == expected
