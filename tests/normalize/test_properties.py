"""Fixers never change clean simplified text; normalisation is idempotent."""
from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planparse.model import Line, SourceText
from planparse.normalize import normalize
from planparse.normalize.charsets import common_chars
from planparse.normalize.registry import FIXERS, LAYOUT_KINDS

CORPORA = Path(__file__).resolve().parents[2] / "corpora"
CLEAN_SEEDS = ("000", "003", "004")
SIMPLIFIED_HAN = sorted(c for c in common_chars() if "\u4e00" <= c <= "\u9fff" and c.encode("gb2312", "ignore"))
PUNCTUATION = list("，。、；：“”《》（）！？") + ["（一）", "1.", "2025年", "90%", "\n", "\n\n", " "]


def source(text: str) -> SourceText:
    return SourceText(name="t.txt", sha256="0", format="txt", lines=[Line(text=t) for t in text.split("\n")])


def content_repairs(repairs) -> dict:
    return {k: n for k, n in repairs.items() if n and k not in LAYOUT_KINDS}


def seed_text(stem: str) -> str:
    return next(CORPORA.glob(f"{stem}_*.txt")).read_text(encoding="utf-8")


def test_clean_seeds_only_get_layout_repairs():
    for stem in CLEAN_SEEDS:
        text = normalize(source(seed_text(stem)))
        assert content_repairs(text.repairs) == {}, stem
        assert text.script == "simplified"


def test_clean_seeds_keep_every_character_but_layout():
    for stem in CLEAN_SEEDS:
        raw = seed_text(stem)
        text = normalize(source(raw)).text
        squeeze = lambda s: "".join(s.split())  # noqa: E731
        assert squeeze(text) == squeeze(raw), stem


def test_normalisation_is_idempotent_on_every_seed():
    for path in sorted(CORPORA.glob("*.txt")):
        once = normalize(source(path.read_text(encoding="utf-8")))
        twice = normalize(source(once.text))
        assert twice.text == once.text, path.name
        assert content_repairs(twice.repairs) == {}, path.name


# Clean text never starts a line with a question mark nor doubles it (those are placeholders).
PLACEHOLDER_LIKE = re.compile(r"(?:^|\n)\s*[?？]|[?？]{2}")
clean_text = (
    st.lists(st.one_of(st.sampled_from(SIMPLIFIED_HAN), st.sampled_from(PUNCTUATION)), min_size=1, max_size=300)
    .map("".join)
    .filter(lambda text: not PLACEHOLDER_LIKE.search(text))
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(clean_text)
def test_no_fixer_changes_generated_clean_text(text):
    for fixer in FIXERS:
        if fixer.kind in LAYOUT_KINDS or fixer.ocr:   # OCR repairs run on OCRed lines only
            continue
        assert fixer.func(text, None) == [], fixer.kind


@settings(max_examples=100, deadline=None)
@given(clean_text)
def test_generated_text_normalises_idempotently(text):
    once = normalize(source(text)).text
    assert normalize(source(once)).text == once
