"""Synthetic notices (written for these tests, not seed copies) against hand-written outlines."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from .helpers import run

NOTICES = Path(__file__).parent / "notices"
CASES = sorted(p.stem for p in NOTICES.glob("*.txt"))


def load(name: str):
    src = (NOTICES / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((NOTICES / f"{name}.expected.json").read_text(encoding="utf-8"))
    outline, text = run(src)
    return outline, text, expected


def test_at_least_ten_notices():
    assert len(CASES) >= 10


@pytest.mark.parametrize("name", CASES)
def test_outline(name):
    outline, _, expected = load(name)
    got = [{"part": i.part, "path": i.path, "markers": i.markers, "title": i.title} for i in outline.items]
    assert got == expected["items"]


@pytest.mark.parametrize("name", CASES)
def test_metadata(name):
    outline, _, expected = load(name)
    for key, value in expected["metadata"].items():
        assert outline.metadata.get(key) == value, key


@pytest.mark.parametrize("name", CASES)
def test_parts(name):
    outline, _, expected = load(name)
    assert [{"title": p.title, "kind": p.kind} for p in outline.parts] == expected["parts"]


@pytest.mark.parametrize("name", CASES)
def test_item_spans(name):
    outline, text, expected = load(name)
    for item in outline.items:
        own = text.text[item.start:item.end]
        assert own == own.strip() and own.startswith(item.markers[-1])
    for index, tail in expected.get("item_text_ends", {}).items():
        item = outline.items[int(index)]
        assert text.text[item.start:item.end].endswith(tail)


@pytest.mark.parametrize("name", CASES)
def test_indicators_and_warnings(name):
    outline, _, expected = load(name)
    if "indicators" in expected:
        got = [{"part": r.part, "l1": r.l1, "l1_title": r.l1_title, "l2": r.l2, "l2_title": r.l2_title,
                "n": r.n, "text": r.text} for r in outline.indicators]
        assert got == expected["indicators"]
    else:
        assert outline.indicators == []
    assert sorted({w.code for w in outline.warnings}) == expected.get("warnings", [])
