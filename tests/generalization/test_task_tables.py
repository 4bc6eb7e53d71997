"""任务分工 tables end to end: text and PDF input give the same items, units and dates.

The table notices in ``segment/`` (g13–g17, original wording) cover a plain table, category
rows spanning the row (`一、…`) over continuously numbered rows, Chinese numbers in the 序号
cell with numbering restarting per group and wrapped cells continued on rows with an empty
序号, `（一）` categories over `1.` rows with the header repeated after a page break, and a
table annex after a prose plan. Each is scored against its hand gold with
``planparse.evaluate``, then rendered to PDF with ``tests/tools/render_pdf.py`` (ruled
table rows, some on landscape pages, header rows repeated) and parsed again.
"""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from planparse.evaluate import evaluate
from planparse.ingest import ingest
from planparse.pipeline import parse

from ..helpers import load_renderer

ROOT = Path(__file__).resolve().parents[2]
DOCS = Path(__file__).parent / "segment"
TABLE_DOCS = ["g13_task_table_plain", "g14_task_table_grouped", "g15_task_table_wrapped",
              "g16_task_table_repeated_header", "g17_task_table_after_prose"]
SCORES = ("items", "title_acc", "units", "percents", "dates", "date_value_acc", "meta_acc")




def essentials(path: Path) -> tuple:
    """What must not depend on the input format: metadata, outline, units, dates."""
    doc = json.loads(parse(path).to_json())
    meta = {k: doc["metadata"][k] for k in ("doc_number", "issuer", "issue_date", "title")}
    items = [(i["part"], i["path"], i["title"], sorted((u["name"], u["role"]) for u in i["units"]),
              [(d["text"], d["kind"], d["value"]) for d in i["dates"]]) for i in doc["items"]]
    return meta, items


@pytest.fixture(scope="module")
def text_scores(tmp_path_factory):
    out = tmp_path_factory.mktemp("pred")
    for name in TABLE_DOCS:
        (out / f"{name}.json").write_text(parse(DOCS / f"{name}.txt").to_json(), encoding="utf-8")
    return {row["pred"][:-5]: row for row in evaluate(DOCS, out)["files"] if row["status"] == "ok"}


@pytest.mark.parametrize("name", TABLE_DOCS)
def test_table_notice_scores_perfectly_from_text(text_scores, name):
    row = text_scores[name]
    for key in SCORES:
        value = row["scores"][key]
        value = value["f1"] if isinstance(value, dict) else value
        assert value in (None, 1.0), f"{key} {value}: {row['errors'][:6]}"


def without_repeated_header(src: Path, dst: Path) -> Path:
    """The table as authored: the renderer repeats the header itself after a page break."""
    lines = src.read_text(encoding="utf-8").split("\n")
    header = next(line for line in lines if line.startswith("序号\t"))
    first = lines.index(header)
    dst.write_text("\n".join(line for i, line in enumerate(lines) if line != header or i == first), encoding="utf-8")
    return dst


def layouts(render):
    short_landscape = replace(render.GBT, repeat_table_header=True, landscape_tables=True,
                              height=120 * render.mm, lines_per_page=12)
    return {
        "g13_task_table_plain": render.GBT,
        "g14_task_table_grouped": replace(render.GBT, landscape_tables=True),
        "g15_task_table_wrapped": render.GBT,
        "g16_task_table_repeated_header": short_landscape,
        "g17_task_table_after_prose": render.LAYOUTS["dash_outside"],
    }


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    render = load_renderer()
    out = tmp_path_factory.mktemp("pdf")
    pdfs = {}
    for name, layout in layouts(render).items():
        src = DOCS / f"{name}.txt"
        if name == "g16_task_table_repeated_header":
            src = without_repeated_header(src, out / src.name)
        render.render(src, out / f"{name}.pdf", layout)
        pdfs[name] = out / f"{name}.pdf"
    return pdfs


@pytest.mark.parametrize("name", TABLE_DOCS)
def test_pdf_parse_equals_text_parse(rendered, name):
    text_meta, text_items = essentials(DOCS / f"{name}.txt")
    pdf_meta, pdf_items = essentials(rendered[name])
    assert pdf_meta == text_meta
    assert pdf_items == text_items


def test_repeated_header_rendering_breaks_the_table_across_pages(rendered):
    """The PDF case must really hold a page break inside the table (else it tests nothing)."""
    rows = [line for line in ingest(rendered["g16_task_table_repeated_header"]).lines if "\t" in line.text]
    assert len({line.page for line in rows}) >= 2
