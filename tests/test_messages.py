"""One message table (data/messages.json) for the JSON's English and the page's Chinese."""
from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from planparse.messages import localized, table, warning_text, word

SRC = Path(__file__).resolve().parents[1] / "src" / "planparse"
ENTRIES = sorted(table()["warnings"])


def codes_in_source() -> set[str]:
    found = set()
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'Warn\(\s*"([a-z0-9_]+)"', text))
        found |= set(re.findall(r'warning_text\(\s*"([a-z0-9_]+)"', text))
    return found


def test_every_warning_the_parser_raises_has_both_languages():
    codes = codes_in_source()
    assert len(codes) >= 15
    assert sorted(codes - set(ENTRIES)) == []
    for code in ENTRIES:
        assert set(table()["warnings"][code]) == {"en", "zh"}


def fields(template: str) -> list[tuple[str, str | None]]:
    return [(name, conv) for _, name, _, conv in string.Formatter().parse(template) if name is not None]


@pytest.mark.parametrize("code", ENTRIES)
def test_chinese_is_read_from_the_english_with_the_same_values(code):
    entry = table()["warnings"][code]
    assert {n for n, _ in fields(entry["en"])} == {n for n, _ in fields(entry["zh"])}
    values = {name: f"值{n}（{name}）" for n, (name, _) in enumerate(fields(entry["en"]))}
    english = warning_text(code, **values)
    chinese = localized(code, english)
    assert chinese == warning_text(code, "zh", **values)
    assert re.search(r"[\u4e00-\u9fff]", chinese)


def test_a_message_the_table_cannot_read_is_shown_as_it_is():
    assert localized("bad_date", "something else entirely") == "something else entirely"
    assert localized("not_a_code", "text") == "text"


def test_statuses_and_summary_words_have_both_languages():
    for section in ("summary", "status", "doubt", "terms"):
        for key, entry in table()[section].items():
            assert entry["en"] and re.search(r"[\u4e00-\u9fff]", entry["zh"]), (section, key)
    assert word("status", "warn") == "存疑" and word("summary", "items", "en") == "items"
