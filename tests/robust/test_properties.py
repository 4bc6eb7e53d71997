"""Properties over arbitrary text and mutated PDFs: the pipeline never raises, spans stay
inside the text, normalisation is idempotent, parallel runs are byte-identical, and a
damaged PDF is either converted or cleanly rejected."""
from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planparse.extract import extract
from planparse.manifest import MANIFEST_DIR
from planparse.model import Line, SourceText
from planparse.normalize import normalize
from planparse.pipeline import build_document
from planparse.segment import segment

from .robustkit import CORPORA, copy_good_texts, run_cli

SETTINGS = settings(max_examples=100, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Pieces of the genre, so random text hits the grammars and not only their absence.
GENRE_PIECES = [
    "一、", "二、", "十一、", "（一）", "（二）", "(三)", "1.", "2．", "（1）", "①", "第一章", "第二条", "附件", "附件1",
    "责任单位：", "牵头单位：", "配合单位：", "市发改委", "市财政局、市工信局", "各县（市、区）", "到2025年底", "2024年6月底前",
    "上半年", "第一季度", "每年", "长期坚持", "达到", "不低于", "以上", "95%", "100个", "3.5亿元", "〔2023〕26号",
    "《", "》", "〈", "〉", "（", "）", "：", "；", "。", "\n", "\n\n", " ", "\u3000", "\t", "\x0c", "\u00a0", "\u200b",
    "ｌ", "⼀", "⼆", "ā", "(cid:123)", "年", "月", "日", "發展", "國務院", "\ufeff", "\x00", "\ud7ff", "\U0001f600",
]
genre_text = st.lists(st.one_of(st.sampled_from(GENRE_PIECES), st.text(max_size=8)), max_size=60).map("".join)
any_text = st.one_of(st.text(max_size=400), genre_text)


def source_of(text: str, name: str = "prop.txt", *, lines: list[str] | None = None) -> SourceText:
    """A text SourceText as text ingestion builds it (decoded lines, no pages)."""
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    lines = text.splitlines() if lines is None else lines
    return SourceText(name=name, sha256=sha, format="txt", lines=[Line(text=t) for t in lines], encoding="utf-8")


def run_pipeline(text: str):
    source = source_of(text)
    normalised = normalize(source)
    outline = segment(normalised, source)
    extract(outline, normalised)
    return normalised, outline, build_document(source, normalised, outline)


@SETTINGS
@given(any_text)
def test_pipeline_never_raises_and_spans_lie_inside_the_text(text):
    normalised, outline, doc = run_pipeline(text)
    size = len(normalised.text)
    assert len(normalised.to_source) == size + 1
    for node, item in zip(outline.items, doc.items, strict=True):
        assert 0 <= node.start <= node.end <= size
        assert item.span == (node.start, node.end)
        assert normalised.text[node.start:node.end] == item.text
        for span in (*node.units, *node.targets, *node.dates):
            assert node.start <= span.start <= span.end <= node.end, (span, node)
            if "text" in span.value:
                assert normalised.text[span.start:span.end] == span.value["text"]
    json.loads(doc.to_json())


@SETTINGS
@given(any_text)
def test_offset_map_points_into_the_source(text):
    normalised = normalize(source_of(text))
    assert all(0 <= o <= len(normalised.source_text) for o in normalised.to_source)
    assert list(normalised.to_source) == sorted(normalised.to_source)


@SETTINGS
@given(any_text)
def test_normalisation_is_idempotent(text):
    once = normalize(source_of(text)).text
    twice = normalize(source_of(once, lines=once.split("\n"))).text  # the exact lines it joined
    assert twice == once


# --------------------------------------------------------------------------- parallel runs
def test_jobs_2_output_is_byte_identical_to_jobs_1(tmp_path):
    outputs = {}
    for jobs in (1, 2):
        out = tmp_path / f"jobs{jobs}"
        run = run_cli("parse", CORPORA, "-o", out, "--jobs", jobs, "-q")
        assert run.code == 0, run.stderr
        outputs[jobs] = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*"))
                         if p.is_file() and MANIFEST_DIR not in p.parts}
    assert len(outputs[1]) == len(list(CORPORA.glob("*.txt"))) + len(list(CORPORA.glob("*.pdf")))
    assert outputs[1] == outputs[2]


# --------------------------------------------------------------------------- mutation run
MUTANTS = 20
MUTATION_SEED = 7


def mutate(data: bytes, rng: random.Random) -> bytes:
    """Flip a few bytes, cut the file, or drop a block: what a bad download or disk does."""
    data = bytearray(data)
    kind = rng.choice(["flip", "cut", "flip+cut", "hole"])
    if "flip" in kind:
        for _ in range(rng.randint(1, 40)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    if "cut" in kind:
        data = data[: rng.randint(len(data) // 10, len(data) - 1)]
    if kind == "hole":
        start = rng.randrange(len(data))
        del data[start:start + rng.randint(16, 4096)]
    return bytes(data)


def test_mutated_pdfs_are_converted_or_cleanly_rejected(tmp_path):
    sources = sorted(CORPORA.glob("*.pdf"))
    assert sources, "corpora/*.pdf missing: run make corpora"
    rng = random.Random(MUTATION_SEED)
    folder = tmp_path / "mutants"
    folder.mkdir()
    for n in range(MUTANTS):
        source = sources[n % len(sources)]
        (folder / f"m{n:02d}_{source.name}").write_bytes(mutate(source.read_bytes(), rng))
    good = copy_good_texts(folder)
    report = tmp_path / "report.jsonl"
    run = run_cli("parse", folder, "-o", tmp_path / "out", "--report", report, "--timeout", 60, "--jobs", 2, "-q")
    rows = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == MUTANTS + len(good)
    assert run.code in (0, 1) and "Traceback" not in run.stderr
    for row in rows:
        assert row["status"] in ("ok", "warn") or row["error_code"] not in (None, "internal_error", "crashed"), row
        output = tmp_path / "out" / f"{Path(row['name']).stem}.json"
        assert output.is_file() == (row["status"] != "failed")
    assert all(r["status"] == "ok" for r in rows if Path(r["name"]) in good)  # good texts never warn
