"""``normalize(..., explain=True)``: every counted repair is one step, with its raw span."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from planparse.ingest import ingest
from planparse.normalize import normalize

CORPORA = sorted(p for p in (Path(__file__).parents[2] / "corpora").glob("*.txt"))[:6]


@pytest.mark.parametrize("path", CORPORA, ids=lambda p: p.name)
def test_steps_match_the_repair_counts(path):
    source = ingest(path)
    text = normalize(source, explain=True)
    fixed = text.repairs - source.repairs
    assert Counter(step.kind for step in text.explanation) == fixed
    assert all(0 <= s.start <= s.end <= len(text.source_text) for s in text.explanation)
    assert normalize(source).explanation is None  # only when asked
    assert normalize(source).text == text.text


def test_steps_name_their_source_spans():
    from planparse.normalize import fix_and_explain

    raw = "第⼀条　公开率达到１００％。關於"
    _, steps = fix_and_explain(raw)
    assert steps and all(raw[s.start:s.end] == s.before for s in steps)
