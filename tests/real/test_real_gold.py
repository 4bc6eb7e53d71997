"""The real corpus is sound: every document has its gold, every gold loads, every item
title is printed in its document, every file is listed in SOURCES.md and forms.json.

The document text is read here by independent means (pdfplumber's page text; for text
forms the decoded bytes with markup, escapes and whitespace removed), never by planparse,
so a gold title that only the parser's own reading produces fails.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from planparse.evaluate import load_forms, load_gold

REAL = Path(__file__).resolve().parent
DOCS = sorted(p for p in (REAL / "docs").iterdir() if p.is_file())
GOLDS = sorted((REAL / "gold").glob("*.json"))
NAME = re.compile(r"^r\d\d_[a-z0-9_]+$")
PAGE_NUMBER = re.compile(r"[—－-]\s*\d{1,3}\s*[—－-]")
MARKUP = re.compile(r"<[^<>]{1,2000}>")
ESCAPE = re.compile(r"\\(?:u[0-9a-fA-F]{4}|[nrt\"'\\/])")
NOISE = re.compile(r"[\s*#>|`\\]+")


def visible_text(path: Path) -> str:
    """The document's text with layout, markup and escapes removed (see module doc)."""
    if path.suffix.lower() == ".pdf":
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            text = "".join(page.extract_text() or "" for page in pdf.pages)
        text = PAGE_NUMBER.sub("", text)
    elif path.suffix.lower() == ".docx":
        import zipfile

        xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
        text = html.unescape("".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml)))
    else:
        raw = path.read_bytes()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        text = ESCAPE.sub(lambda m: json.loads(f'"{m.group()}"') if m.group().startswith("\\u") else " ", text)
        text = html.unescape(MARKUP.sub(" ", text))
    return NOISE.sub("", text.replace("\u3000", ""))


def test_every_document_has_a_gold_and_a_conventional_name():
    assert len(DOCS) >= 40
    assert {p.stem for p in DOCS} == {p.stem for p in GOLDS}
    assert all(NAME.match(p.stem) for p in DOCS), [p.name for p in DOCS if not NAME.match(p.stem)]


def test_every_file_is_listed_with_its_source_and_form():
    sources = (REAL / "SOURCES.md").read_text(encoding="utf-8")
    forms = load_forms(REAL / "forms.json")
    in_forms = {name for names in forms.values() for name in names}
    assert all(p.name in sources for p in DOCS), [p.name for p in DOCS if p.name not in sources]
    assert {p.stem for p in DOCS} == in_forms


@pytest.mark.parametrize("gold", GOLDS, ids=lambda p: p.stem)
def test_gold_loads_and_titles_are_printed(gold):
    side = load_gold(gold)
    data = json.loads(gold.read_text(encoding="utf-8"))
    assert data["doc"] == gold.stem
    (doc,) = [p for p in DOCS if p.stem == gold.stem]
    text = visible_text(doc)
    missing = [item["title"] for item in data["items"] if NOISE.sub("", item["title"]) not in text]
    assert not missing, missing
    assert side is not None
