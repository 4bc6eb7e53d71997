from planparse import contract as c
from planparse.export import format_summary, quality_summary

from .documents import hostile_document


def test_counts():
    assert quality_summary(hostile_document()) == {
        "items": 4, "tasks": 3, "units": 3, "targets": 2, "dates": 2, "repairs": 3, "warnings": 2,
    }


def test_one_line():
    assert format_summary(hostile_document()) == "items 4 · units 3 · targets 2 · dates 2 · repairs 3 · warnings 2"


def test_empty_document():
    doc = c.Document(
        source=c.Source(name="x.txt", sha256="0" * 64, format="txt"), metadata=c.Metadata(),
        normalization=c.Normalization(), parts=[], items=[],
    )
    assert format_summary(doc) == "items 0 · units 0 · targets 0 · dates 0 · repairs 0 · warnings 0"
