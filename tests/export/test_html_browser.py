"""The review page rendered by a real headless Chromium (Debian's package via Playwright).

Needs ``/usr/bin/chromium`` (``make test-deps``); it never downloads a browser. Without
Chromium the test fails and says so, unless ``PLANPARSE_SKIP_BROWSER=1``.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from .documents import corpus_documents, gold_document, hostile_document

from planparse.export import write_html

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

    def _open(doc, name="page.html"):
        path = write_html(doc, tmp_path / name)
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, java_script_enabled=True)
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
    assert page.locator("nav.outline a").count() == len(doc.items)
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
    assert count(page, "script") == 0
    assert count(page, "img") == 0 and count(page, "[onerror]") == 0
    assert "<script>alert(1)</script>" in page.inner_text("body")
    assert page.evaluate("document.querySelectorAll('b').length") == 0
