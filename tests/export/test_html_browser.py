"""The review page rendered by a real headless Chromium (Debian's package via Playwright).

Needs ``/usr/bin/chromium`` (``make test-deps``); it never downloads a browser. Without
Chromium the test fails and says so, unless ``PLANPARSE_SKIP_BROWSER=1``.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from planparse.export import write_html
from planparse.export.by_unit import deadline, last_day, unit_key, unit_rows
from planparse.export.review import item_at, script
from planparse.pipeline import parse

from .documents import (
    CORPORA,
    ROOT,
    corpus_documents,
    flattened_document,
    gold_document,
    hostile_document,
)

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("PLANPARSE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def require_chromium() -> None:
    missing = None
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        missing = f"Chromium not found at {CHROMIUM}"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "Playwright for Python is not installed"
    if missing is None:
        return
    if os.environ.get("PLANPARSE_SKIP_BROWSER") == "1":
        pytest.skip(f"{missing}; skipped because PLANPARSE_SKIP_BROWSER=1")
    pytest.fail(f"{missing}: run `make test-deps` (apt-get install chromium, pip install playwright), "
                "or set PLANPARSE_SKIP_BROWSER=1 to skip browser tests", pytrace=False)


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser, tmp_path):
    """Render a document to a file, open it, and collect errors, dialogs and network requests."""
    contexts = []

    def _open(doc, name="page.html", source=None, script=True):
        path = write_html(doc, tmp_path / name, source)
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, java_script_enabled=script)
        contexts.append(context)
        page = context.new_page()
        events = {"errors": [], "dialogs": [], "requests": []}
        page.on("console", lambda m: m.type == "error" and events["errors"].append(m.text))
        page.on("pageerror", lambda e: events["errors"].append(str(e)))
        page.on("dialog", lambda d: (events["dialogs"].append(d.message), d.dismiss()))
        page.on("request", lambda r: events["requests"].append(r.url))
        page.goto(path.as_uri(), wait_until="load")
        return page, events

    yield _open
    for context in contexts:
        context.close()


def count(page, selector: str) -> int:
    return page.locator(selector).count()


def assert_rendered(page, events, doc) -> None:
    assert count(page, "section.item") == len(doc.items)
    assert count(page, ".x-unit") == sum(len(i.units) for i in doc.items)
    assert count(page, ".x-unit.lead") == sum(u.role == "lead" for i in doc.items for u in i.units)
    assert count(page, ".x-target") == sum(len(i.targets) for i in doc.items)
    assert count(page, ".x-date") == sum(len(i.dates) for i in doc.items)
    assert page.locator("nav.outline a:not(.unit-filter)").count() == len(doc.items)
    assert events["errors"] == [] and events["dialogs"] == []
    assert all(url.startswith("file://") for url in events["requests"]), events["requests"]


@pytest.mark.parametrize("doc", [corpus_documents()[0], gold_document("000_b92df6d258e81408")],
                         ids=["corpus-000", "gold-000"])
def test_real_document_renders(open_page, doc, request):
    page, events = open_page(doc)
    assert_rendered(page, events, doc)
    assert doc.source.sha256 in page.inner_text("header")
    if request.node.callspec.id == "corpus-000":  # the artefact a person looks at: today's real output
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "review-corpus-000.png"), full_page=True,
                        clip={"x": 0, "y": 0, "width": 1440, "height": 2400})


def test_highlights_are_visible_and_coloured(open_page):
    doc = gold_document("000_b92df6d258e81408")
    page, _ = open_page(doc)
    colours = {
        kind: page.locator(sel).first.evaluate("e => getComputedStyle(e).backgroundColor")
        for kind, sel in {"lead": "mark.x-unit.lead", "support": "mark.x-unit.support",
                          "target": "mark.x-target", "date": "mark.x-date"}.items()
    }
    assert len(set(colours.values())) == 4, colours
    page.locator('nav.outline a[href="#item-p0-2_1_2"]').click()
    assert page.evaluate("location.hash") == "#item-p0-2_1_2"
    assert page.locator("#item-p0-2_1_2").is_visible()
    box = page.locator("#item-p0-2_1_2").bounding_box()
    assert box["width"] > 600 and box["height"] > 40  # laid out beside the outline, not collapsed


def test_injected_markup_executes_nothing(open_page):
    doc = hostile_document()
    page, events = open_page(doc, "hostile.html")
    assert_rendered(page, events, doc)
    assert count(page, "script") == 1  # the page's own filter script, allowed by its hash
    assert page.locator("script").inner_text() == script()
    assert count(page, "img") == 0 and count(page, "[onerror]") == 0
    assert "<script>alert(1)</script>" in page.inner_text("body")
    assert page.evaluate("document.querySelectorAll('b').length") == 0


# ---- search and filters (review.js) ------------------------------------------------------

def shown_items(page) -> list[str]:
    """Ids of the items the filters leave visible (read after the page settled)."""
    return page.eval_on_selector_all("section.item", "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.id)")


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def shown_count(page) -> int:
    return int(page.locator("#filter-count").inner_text())


def test_search_and_filters_narrow_the_items(open_page):
    doc = corpus_documents()[0]
    page, events = open_page(doc)
    assert page.locator("#filters").is_visible()
    assert shown_count(page) == len(shown_items(page)) == len(doc.items)

    query = "法治政府"
    page.fill("#filters input[name=q]", query)
    expected = [i.id for i in doc.items if query in i.title or query in i.text or any(query in u.name for u in i.units)]
    assert 0 < len(expected) < len(doc.items)
    assert shown_items(page) == expected and shown_count(page) == len(expected)
    dimmed = page.eval_on_selector_all("nav.outline a.filtered-out", "as => as.map(a => a.getAttribute('href'))")
    assert len(dimmed) == len(doc.items) - len(expected)  # the outline greys what the filters hide

    page.click("#filters button[type=reset]")
    expect(page.locator("#filter-count")).to_have_text(str(len(doc.items)))  # (a string predicate would need eval)
    assert page.locator("nav.outline a.filtered-out").count() == 0
    rows = unit_rows(doc)
    unit = max({r["unit"] for r in rows}, key=lambda u: sum(r["unit"] == u for r in rows))
    page.select_option("#filters select[name=unit]", unit)
    expected = [i.id for i in doc.items if any(unit_key(u.name) == unit for u in i.units)]
    assert expected and shown_items(page) == expected
    assert sorted({r.get_attribute("data-item") for r in page.locator("table.by-unit tbody tr:visible").all()}) \
        == sorted(expected)

    page.select_option("#filters select[name=role]", "support")
    expected = [i.id for i in doc.items if any(unit_key(u.name) == unit and u.role == "support" for u in i.units)]
    assert shown_items(page) == expected and shown_count(page) == len(expected)
    assert events["errors"] == []


def test_deadline_range_and_doubt_filters(open_page):
    doc = max(corpus_documents(), key=lambda d: len({deadline(i) for i in d.items}))
    page, events = open_page(doc)
    deadlines = {i.id: last_day(deadline(i)) for i in doc.items}
    dated = sorted(d for d in deadlines.values() if d)
    assert len(set(dated)) >= 2, "the corpus document needs two deadlines for this test"
    low, high = dated[0], dated[len(dated) // 2]
    page.fill("#filters input[name=from]", low)
    page.fill("#filters input[name=to]", high)
    expected = [i for i, d in deadlines.items() if d and low <= d <= high]
    assert 0 < len(expected) < len(doc.items)
    assert shown_items(page) == expected and shown_count(page) == len(expected)

    page.click("#filters button[type=reset]")
    expect(page.locator("#filter-count")).to_have_text(str(len(doc.items)))  # (a string predicate would need eval)
    assert len(shown_items(page)) == len(doc.items)
    assert events["errors"] == []


def test_warnings_only_filter(open_page):
    doc = hostile_document()
    page, events = open_page(doc, "hostile.html")
    page.check("#filters input[name=doubt]")
    warned = {item_at(doc, w.offset).id for w in doc.normalization.warnings if item_at(doc, w.offset)}
    expected = [i.id for i in doc.items if i.id in warned or any(u.confidence == "low" for u in i.units)]
    assert expected == ["p0-1.1.1"]
    assert shown_items(page) == expected and shown_count(page) == 1
    assert "看起来可疑" in page.inner_text("#item-p0-1_1_1 ul.item-warnings")
    assert events["errors"] == [] and events["dialogs"] == []


def test_doubtful_units_are_marked_and_filtered(open_page):
    doc = flattened_document()
    page, events = open_page(doc, "flat.html")
    assert_rendered(page, events, doc)
    low = [u.name for i in doc.items for u in i.units if u.confidence == "low"]
    assert "完成边缘服务组件的部署及调试" in low
    assert sorted(page.locator(".x-unit.low").all_inner_texts()) == sorted(low)
    assert page.locator(".x-unit.low").first.evaluate("e => getComputedStyle(e, '::after').content") == '"？"'
    page.check("#filters input[name=doubt]")
    assert shown_items(page) == [i.id for i in doc.items if any(u.confidence == "low" for u in i.units)]
    assert "存疑单位" in page.inner_text("header .summary")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review-filtered-doubt.png"), full_page=True)


def test_sidebar_unit_filter(open_page):
    doc = corpus_documents()[0]
    page, _ = open_page(doc)
    link = page.locator("nav.outline a.unit-filter").nth(1)
    unit = link.get_attribute("data-unit")
    link.click()
    assert page.locator("#filters select[name=unit]").input_value() == unit
    assert shown_items(page) == [i.id for i in doc.items if any(unit_key(u.name) == unit for u in i.units)]


def test_by_unit_table_matches_the_json(open_page):
    doc = corpus_documents()[0]
    page, _ = open_page(doc)
    shown = page.eval_on_selector_all(
        "table.by-unit tbody tr",
        "rows => rows.map(r => [r.dataset.unit, r.dataset.role, r.dataset.item, r.cells[4].textContent])")
    expected = {(unit_key(u.name), u.role, i.id, deadline(i)) for i in doc.items for u in i.units}
    assert len(shown) == len(expected) and {tuple(r) for r in shown} == expected


def test_pdf_pages_link_to_the_pdf(open_page, tmp_path):
    pdf = ROOT / "corpora" / "000_b92df6d258e81408.pdf"
    doc = parse(pdf)
    beside = tmp_path / pdf.name
    shutil.copy(pdf, beside)
    page, events = open_page(doc, f"{pdf.name}.html", source=beside)
    links = page.eval_on_selector_all("section.item a.page", "as => as.map(a => [a.closest('section').dataset.id, a.getAttribute('href'), a.href])")
    assert len(links) == sum(i.page is not None for i in doc.items) > 0
    pages = {i.id: i.page for i in doc.items}
    for item_id, href, absolute in links:
        assert href == f"{pdf.name}#page={pages[item_id]}"
        assert absolute == f"{beside.as_uri()}#page={pages[item_id]}"
    elsewhere, _ = open_page(doc, "elsewhere.html", source=pdf)
    href = elsewhere.locator("section.item a.page").first.get_attribute("href")
    assert (tmp_path / href.split("#")[0]).resolve() == pdf.resolve()
    assert events["errors"] == []


def test_text_items_show_their_lines(open_page):
    doc = corpus_documents()[0]
    page, _ = open_page(doc)
    spans = page.eval_on_selector_all("section.item .lines", "ss => ss.map(s => [+s.dataset.first, +s.dataset.last])")
    assert spans == [list(i.lines) for i in doc.items]
    lines = CORPORA[0].read_text(encoding="utf-8").splitlines()
    for item in doc.items:
        assert lines[item.lines[0] - 1].strip().startswith(item.markers[-1])


def test_page_reads_fully_without_script(open_page):
    doc = corpus_documents()[0]
    page, events = open_page(doc, script=False)
    assert_rendered(page, events, doc)
    assert not page.locator("#filters").is_visible()
    assert len(shown_items(page)) == len(doc.items)
    assert page.locator("table.by-unit tbody tr:visible").count() == len(unit_rows(doc))
    assert page.locator("section.item a.page, section.item .lines").count() == len(doc.items)


def test_chinese_summary_status_and_warnings(open_page):
    doc = hostile_document()
    page, events = open_page(doc, "hostile.html")
    header = page.inner_text("header")
    assert "条目 4" in header and "警告 2" in header and "状态：" in header
    page.fill("#filters input[name=q]", "<script>alert(1)</script>")
    assert shown_count(page) >= 1 and events["dialogs"] == [] and events["errors"] == []


def test_the_policy_runs_only_the_page_script(open_page):
    doc = hostile_document()
    page, events = open_page(doc, "hostile.html")
    assert page.locator("#filters").is_visible()  # the hashed script ran
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1';"
                  " document.body.appendChild(s); }")
    assert page.evaluate("() => window.injected === undefined")
    assert any("Content Security Policy" in e for e in events["errors"]), events["errors"]
