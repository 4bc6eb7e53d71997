"""The vocabulary lives in ``src/planparse/data/``: every table says what it is for, is read
by the code, and no stage keeps a private copy of a shared list."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from planparse.data import load_json, organ_endings, unit_labels, unit_name_endings

SRC = Path(__file__).parents[1] / "src" / "planparse"
DATA = SRC / "data"
CODE = {p: p.read_text(encoding="utf-8") for p in SRC.rglob("*.py") if p.parent != DATA}


@pytest.mark.parametrize("path", sorted(DATA.glob("*.json")), ids=lambda p: p.name)
def test_every_json_table_has_a_doc_line(path):
    table = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(table.get("_doc"), str) and len(table["_doc"]) > 40


@pytest.mark.parametrize("path", sorted([*DATA.glob("*.txt"), *DATA.glob("*.tsv")]), ids=lambda p: p.name)
def test_every_text_table_opens_with_what_it_is_for(path):
    assert path.read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize("path", sorted(p for p in DATA.iterdir() if p.suffix in (".json", ".txt", ".tsv")),
                         ids=lambda p: p.name)
def test_every_table_is_read_by_the_code(path):
    readers = [p for p, code in CODE.items() if f'"{path.name}"' in code]
    readers += [DATA / "__init__.py"] if f'"{path.name}"' in (DATA / "__init__.py").read_text(encoding="utf-8") else []
    assert readers, f"{path.name} is read by no module"


def _string_lists(code: str) -> list[list[str]]:
    """Literal lists/tuples/sets of short CJK strings in ``code`` (candidate private copies)."""
    out = []
    for m in re.finditer(r"[\[({]((?:\s*[\"'][\u4e00-\u9fff]{1,4}[\"']\s*,){3,}[^\])}]*)[\])}]", code):
        out.append(re.findall(r"[\"']([\u4e00-\u9fff]{1,4})[\"']", m.group(1)))
    return out


def test_no_module_keeps_a_copy_of_the_organ_endings_or_labels():
    """A literal list in code holding several organ endings or unit labels is a second copy
    of ``organs.json`` / ``extract_units.json`` that will drift."""
    shared = {"organ endings": set(organ_endings()) | set(unit_name_endings()), "unit labels": set(unit_labels())}
    for path, code in CODE.items():
        for words in _string_lists(code):
            for name, table in shared.items():
                overlap = table & set(words)
                assert len(overlap) < 3, f"{path.relative_to(SRC)} keeps a copy of the {name}: {sorted(overlap)}"


def test_one_definition_of_each_shared_helper():
    definitions = {
        "def cn_to_int": 1, "def atomic_path": 1, "def split_outside_brackets": 1,
        "def line_start_marker": 1, "def organ_endings": 1,
    }
    for needle, count in definitions.items():
        found = [p for p, code in CODE.items() if re.search(rf"^{needle}\b", code, re.M)]
        found += [DATA / "__init__.py"] if re.search(rf"^{needle}\b", (DATA / "__init__.py").read_text(encoding="utf-8"), re.M) else []
        assert len(found) == count, f"{needle}: {[str(p.relative_to(SRC)) for p in found]}"


def test_record_fields_table_loads_through_the_shared_loader():
    assert "title" in load_json("record_fields.json")


def test_every_marker_style_numbers_its_marker():
    import re as std_re

    from planparse.segment.tables import MARKER_STYLES

    for style, pattern in MARKER_STYLES:
        assert "num" in std_re.compile(pattern).groupindex, style
