"""Golden files: the whole-document output of every corpora file, reviewed like code.

A mismatch prints a unified diff. ``make golden`` (PLANPARSE_REGEN_GOLDEN=1) rewrites the
files on purpose; nothing regenerates them silently, and CI refuses to.
"""
from __future__ import annotations

import difflib
import os

import pytest

from .conftest import GOLDEN, corpora_files, output_name

REGEN = os.environ.get("PLANPARSE_REGEN_GOLDEN") == "1"


def test_regeneration_is_off_under_ci():
    if os.environ.get("CI"):
        assert not REGEN, "PLANPARSE_REGEN_GOLDEN must never be set in CI"


def test_every_corpora_document_has_a_golden_file():
    missing = [output_name(p) for p in corpora_files() if not (GOLDEN / output_name(p)).exists()]
    assert not missing or REGEN, f"no golden file for {missing}: run `make golden` and review the result"


@pytest.mark.parametrize("path", corpora_files(), ids=lambda p: p.name)
def test_output_matches_golden(path, corpora_docs):
    name = output_name(path)
    actual = corpora_docs[name].to_json()
    golden = GOLDEN / name
    if REGEN:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(keepends=True), actual.splitlines(keepends=True),
            fromfile=f"golden/{name}", tofile="current output", n=2))
        lines = diff.splitlines()
        shown = "\n".join(lines[:120]) + (f"\n… {len(lines) - 120} more diff lines" if len(lines) > 120 else "")
        pytest.fail(f"output differs from golden/{name} (a behaviour change: review, then `make golden`):\n{shown}")


# The OCR of one fixed page (clean rendering, default settings): an engine or model upgrade
# shows here as a diff of text lines, reviewed like any golden change.
OCR_GOLDEN = GOLDEN / "ocr" / "000_b92df6d258e81408.page3.txt"


def test_ocr_of_a_fixed_page_matches_golden():
    import pypdfium2

    from planparse.ingest.ocr import OcrSettings, ocr_page

    from .conftest import CORPORA

    document = pypdfium2.PdfDocument(str(CORPORA / "000_b92df6d258e81408.pdf"))
    try:
        page = ocr_page(document, 2, OcrSettings())
    finally:
        document.close()
    actual = "".join("".join(ch["text"] for ch in line) + "\n" for line in page.lines)
    if REGEN:
        OCR_GOLDEN.parent.mkdir(exist_ok=True)
        OCR_GOLDEN.write_text(actual, encoding="utf-8")
        return
    expected = OCR_GOLDEN.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                            fromfile=f"golden/ocr/{OCR_GOLDEN.name}", tofile="OCR now", n=1))
        pytest.fail(f"OCR of page 3 differs from its golden file (engine or model changed? review, then "
                    f"`make golden`):\n{diff}")
