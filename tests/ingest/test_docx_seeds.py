"""DOCX input scores like the text it was made from: every corpora text rendered as a styled
Word document (outline markers as Word auto-numbering, titles large and bold, task tables
as Word tables; ``tests/tools/render_docx.py``) is parsed and scored against the gold; every
score field lies within :data:`TOLERANCE` of the text's."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from planparse.evaluate import evaluate
from planparse.pipeline import parse

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "tools"))
from render_docx import render  # noqa: E402

sys.path.insert(0, str(ROOT / "tests" / "normalize"))
from test_variant_eval import flat_scores  # noqa: E402

DOCS = sorted((ROOT / "corpora").glob("*.txt"))
GOLD = ROOT / "tests" / "gold"
TOLERANCE = 0.01


@pytest.fixture(scope="module")
def scored(tmp_path_factory) -> dict[tuple[str, str], dict]:
    src, out = tmp_path_factory.mktemp("docx"), tmp_path_factory.mktemp("pred")
    for doc in DOCS:
        docx_path = render(doc.read_text(encoding="utf-8"), src / f"{doc.stem}.docx")
        for variant, path in (("txt", doc), ("docx", docx_path)):
            (out / f"{doc.stem}.{variant}.json").write_text(parse(path).to_json(), encoding="utf-8")
    summary = evaluate(GOLD, out)
    assert summary["n_fail"] == 0 and summary["n_missing"] == 0
    return {(row["name"], row["variant"]): flat_scores(row["scores"]) for row in summary["files"]}


def test_the_renderer_uses_word_numbering(tmp_path):
    """The markers are in numbering.xml, not in the text: the DOCX reader must render them."""
    import zipfile

    path = render("一、总体要求\n（一）指导思想。\n（二）工作目标。\n二、主要任务\n", tmp_path / "a.docx")
    body = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert "一、" not in body and "（一）" not in body and body.count("<w:numPr>") == 4
    from planparse.ingest import ingest

    assert [line.text for line in ingest(path).lines] == ["一、总体要求", "（一）指导思想。", "（二）工作目标。", "二、主要任务"]


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.stem[:3])
def test_docx_scores_like_the_text(doc, scored):
    text, word = scored[(doc.stem, "txt")], scored[(doc.stem, "docx")]
    off = {field: (text[field], word.get(field)) for field in text
           if (text[field] is None) != (word.get(field) is None)
           or (text[field] is not None and abs(text[field] - word[field]) > TOLERANCE)}
    assert not off, f"fields off by more than {TOLERANCE} (text, docx): {off}"
