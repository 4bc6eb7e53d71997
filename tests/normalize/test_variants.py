"""Whole documents: every degraded variant of every corpora text normalises back."""
from __future__ import annotations

import difflib
import sys
from pathlib import Path

import pytest

from planparse.ingest.text import read_text
from planparse.normalize import normalize

TOOLS = Path(__file__).resolve().parents[1] / "tools"
sys.path.insert(0, str(TOOLS))
from degrade import REPAIR_KINDS, VARIANTS, degrade, main  # noqa: E402

CORPORA = Path(__file__).resolve().parents[2] / "corpora"
DOCS = sorted(CORPORA.glob("*.txt"))
MIN_SIMILARITY = 0.995


def similarity(a: str, b: str) -> float:
    """Character similarity, aligned line by line first (difflib on 70k chars is slow)."""
    a_lines, b_lines = a.split("\n"), b.split("\n")
    same = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a_lines, b_lines, autojunk=False).get_opcodes():
        if tag == "equal":
            same += sum(len(line) + 1 for line in a_lines[i1:i2])
            continue
        x, y = "\n".join(a_lines[i1:i2]), "\n".join(b_lines[j1:j2])
        same += sum(m.size for m in difflib.SequenceMatcher(None, x, y, autojunk=False).get_matching_blocks())
    return 2 * same / (len(a) + len(b) + 2)


def normalised(path_name: str, text: str):
    return normalize(read_text(path_name, text.encode("utf-8"), "0"))


@pytest.fixture(scope="module")
def clean_normalised():
    return {p.name: normalised(p.name, p.read_text(encoding="utf-8")).text for p in DOCS}


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.stem[:3])
def test_variant_normalises_to_the_clean_text(doc, variant, clean_normalised, tmp_path):
    clean = doc.read_text(encoding="utf-8")
    degraded = degrade(clean, variant)
    assert degraded != clean
    path = tmp_path / doc.name
    path.write_text(degraded, encoding="utf-8")
    text = normalize(read_text(path.name, path.read_bytes(), "0"))
    expected = clean_normalised[doc.name]
    assert text.text == expected or similarity(text.text, expected) >= MIN_SIMILARITY
    for kind in REPAIR_KINDS[variant]:
        assert text.repairs[kind] > 0, kind


def test_degrade_is_deterministic():
    clean = DOCS[0].read_text(encoding="utf-8")
    for variant in VARIANTS:
        assert degrade(clean, variant, seed=3) == degrade(clean, variant, seed=3)
    assert degrade(clean, "gbk", seed=1) != degrade(clean, "gbk", seed=2)


def test_degrade_cli_writes_every_variant(tmp_path):
    assert main([str(CORPORA), str(tmp_path)]) == 0
    assert len(list(tmp_path.glob("*.txt"))) == len(DOCS) * len(VARIANTS)
