"""The review page as markup (the browser test checks it rendered)."""
from __future__ import annotations

import base64
import hashlib
import re

import pytest
from bs4 import BeautifulSoup

from planparse.export import render_html
from planparse.export.review import script

from .documents import (
    IMG,
    SCRIPT,
    corpus_documents,
    gold_document,
    gold_stems,
    hostile_document,
)

DOCS = [*corpus_documents(), *(gold_document(s) for s in gold_stems()), hostile_document()]


def soup(doc) -> BeautifulSoup:
    return BeautifulSoup(render_html(doc), "html.parser")


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.source.name[:24])
def test_every_item_and_extraction_is_shown_once(doc):
    page = soup(doc)
    sections = page.select("section.item")
    assert [s["data-id"] for s in sections] == [i.id for i in doc.items]
    for section, item in zip(sections, doc.items):
        assert len(section.select(".x-unit")) == len(item.units)
        assert len(section.select(".x-target")) == len(item.targets)
        assert len(section.select(".x-date")) == len(item.dates)
    assert len(page.select(".x-unit.lead")) == sum(u.role == "lead" for i in doc.items for u in i.units)
    assert len(page.select(".x-unit.support")) == sum(u.role == "support" for i in doc.items for u in i.units)
    links = {a["href"] for a in page.select("nav.outline a:not(.unit-filter)")}
    assert links == {f"#{s['id']}" for s in sections}


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.source.name[:24])
def test_self_contained(doc):
    page = soup(doc)
    assert not page.find_all(["img", "link", "iframe", "object", "embed"])
    scripts = page.find_all("script")
    assert len(scripts) == 1 and scripts[0].string == script() and not scripts[0].attrs  # inline, ours only
    assert not [(t.name, a) for t in page.find_all(True) for a in t.attrs if a.lower().startswith("on")]
    for a in page.find_all("a"):  # in-page anchors, or the PDF input at a page (relative, no scheme)
        assert a["href"].startswith("#") or ("page" in a["class"] and re.fullmatch(r"[^:]+#page=\d+", a["href"]))
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    digest = base64.b64encode(hashlib.sha256(script().encode("utf-8")).digest()).decode()
    assert policy.startswith("default-src 'none'") and f"script-src 'sha256-{digest}'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0] and "unsafe-eval" not in policy
    assert "eval(" not in script() and "innerHTML" not in script() and "Function(" not in script()
    assert doc.source.sha256 in page.get_text() and doc.source.name in page.get_text()


def test_marks_hold_the_extraction_text():
    doc = gold_document("000_b92df6d258e81408")
    page = soup(doc)
    for section, item in zip(page.select("section.item"), doc.items):
        marks = sorted(m.get_text() for m in section.select(".x-unit"))
        assert marks == sorted(u.name for u in item.units)
        assert sorted(m.get_text() for m in section.select(".x-date")) == sorted(d.text for d in item.dates)


def test_markup_in_the_document_is_text():
    doc = hostile_document()
    raw = render_html(doc)
    assert SCRIPT not in raw and "<img" not in raw and "<b>" not in raw
    page = BeautifulSoup(raw, "html.parser")
    text = page.get_text()
    assert SCRIPT in text and IMG in text and "<b>不在正文</b>" in text
    unplaced = page.select(".x-unit.unplaced")
    assert [u.get_text() for u in unplaced] == ["<b>不在正文</b>"]
    assert page.select_one('mark.x-unit.lead')["data-label"] == f"责任单位{IMG}"


def test_warning_links_to_its_item_and_shows_its_page():
    page = soup(hostile_document())
    rows = page.select("tr.warning")
    assert [r.select("td")[2].get_text() for r in rows] == ["2", "—"]
    assert rows[0].select_one("a")["href"] == "#item-p0-1_1_1"


def test_item_marker_is_emphasised():
    page = soup(gold_document("000_b92df6d258e81408"))
    first_task = page.select_one('section.item[data-id="p0-2.1.1"] p.text span.marker')
    assert first_task is not None and first_task.get_text() == "1."
