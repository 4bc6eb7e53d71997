"""The real corpus and the hold-out set are sound: every document has its gold, every gold
loads, every item title is printed in its document, every file is listed in SOURCES.md and
forms.json.

The document text is read here by independent means (pdfplumber's page text; for text
forms the decoded bytes with markup, escapes and whitespace removed; OpenCC t2s for a
document in traditional script, whose gold is in simplified script), never by planparse,
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
HOLDOUT = REAL.parent / "holdout"
UNSEEN = REAL.parent / "unseen"
SETS = {"real": (REAL, "r", 40), "holdout": (HOLDOUT, "h", 10), "unseen": (UNSEEN, "u", 10)}
DOCS = sorted(p for p in (REAL / "docs").iterdir() if p.is_file())
ALL_DOCS = sorted(p for folder, _, _ in SETS.values() for p in (folder / "docs").iterdir() if p.is_file())
GOLDS = sorted(p for folder, _, _ in SETS.values() for p in (folder / "gold").glob("*.json"))
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


@pytest.mark.parametrize("name", SETS)
def test_every_document_has_a_gold_and_a_conventional_name(name):
    folder, prefix, minimum = SETS[name]
    docs = sorted(p for p in (folder / "docs").iterdir() if p.is_file())
    pattern = re.compile(rf"^{prefix}\d\d_[a-z0-9_]+$")
    assert len(docs) >= minimum
    assert {p.stem for p in docs} == {p.stem for p in (folder / "gold").glob("*.json")}
    assert all(pattern.match(p.stem) for p in docs), [p.name for p in docs if not pattern.match(p.stem)]


@pytest.mark.parametrize("name", SETS)
def test_every_file_is_listed_with_its_source_and_form(name):
    folder = SETS[name][0]
    docs = sorted(p for p in (folder / "docs").iterdir() if p.is_file())
    sources = (folder / "SOURCES.md").read_text(encoding="utf-8")
    forms = load_forms(folder / "forms.json")
    in_forms = {name for names in forms.values() for name in names}
    assert all(p.name in sources for p in docs), [p.name for p in docs if p.name not in sources]
    assert {p.stem for p in docs} == in_forms


def test_the_sets_share_no_document():
    seen: dict[bytes, str] = {}
    for path in ALL_DOCS:
        assert path.read_bytes() not in seen, (path.name, seen.get(path.read_bytes()))
        seen[path.read_bytes()] = path.name


RESERVED = ("zhiyao87/Shanghai-Gov-Docs-Index", "yanyanixs/Policy-QA-Agent", "JunFengXiang/electricity-policy-rag",
            "shizelengleng/ai-zhengce-tong", "Guanze-Chen/Policy_RAG", "Telescope-U/GovDocClassification",
            "ZhouYNF/platform-1")


@pytest.mark.parametrize("name", SETS)
def test_no_document_comes_from_a_reserved_repository(name):
    """Kept for an independent evaluation (issue 11)."""
    rows = [line for line in (SETS[name][0] / "SOURCES.md").read_text(encoding="utf-8").splitlines()
            if line.startswith("| ") and "_" in line.split("|")[1]]
    repos = {line.split("|")[2].strip() for line in rows}
    assert not repos & set(RESERVED)


@pytest.mark.parametrize("gold", GOLDS, ids=lambda p: p.stem)
def test_gold_loads_and_titles_are_printed(gold):
    side = load_gold(gold)
    data = json.loads(gold.read_text(encoding="utf-8"))
    assert data["doc"] == gold.stem
    (doc,) = [p for p in ALL_DOCS if p.stem == gold.stem]
    text = visible_text(doc)
    missing = [item["title"] for item in data["items"] if NOISE.sub("", item["title"]) not in text]
    if missing:  # gold is in simplified script: a traditional-script document is compared after OpenCC t2s
        import opencc

        simplified = opencc.OpenCC("t2s").convert(text)
        missing = [title for title in missing if NOISE.sub("", title) not in simplified]
    assert not missing, missing
    assert side is not None


@pytest.mark.parametrize("name", SETS)
def test_every_source_row_names_repository_path_and_commit(name):
    folder, prefix, _ = SETS[name]
    rows = [line for line in (folder / "SOURCES.md").read_text(encoding="utf-8").splitlines()
            if re.match(rf"\|\s*{prefix}\d\d_", line)]
    assert rows
    for row in rows:
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        assert len(cells) >= 7 and "/" in cells[1] and cells[2], row
        assert re.search(r"\b[0-9a-f]{40}\b", cells[3]), row
