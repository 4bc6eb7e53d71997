"""Helpers shared by test modules (kept out of conftest so they can be imported plainly)."""
from __future__ import annotations

import difflib


def similarity(a: str, b: str) -> float:
    """Character similarity of two nearly equal long strings.

    The SequenceMatcher ratio is computed only on what differs after the common prefix and
    suffix: the corpora texts are ~70k characters, and a full run with autojunk off is slow.
    """
    if a == b:
        return 1.0
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    middle = difflib.SequenceMatcher(None, a[start:len(a) - end], b[start:len(b) - end], autojunk=False)
    matched = start + end + sum(block.size for block in middle.get_matching_blocks())
    return 2 * matched / (len(a) + len(b))


def load_renderer():
    """``tests/tools/render_pdf.py``, the corpora PDF generator."""
    from tests.tools import render_pdf

    return render_pdf


def load_bad_inputs():
    """``tests/tools/bad_inputs.py``, the bad-input corpus generator."""
    from tests.tools import bad_inputs

    return bad_inputs


def misplaced_lines(lines, pdf_path, squash) -> list[tuple[str, int]]:
    """Pieces of ``lines`` (split at their page breaks) not printed on the page they name.

    Checked against an independent reader (pdfium); ``squash`` reduces both sides to what
    is compared (e.g. whitespace removed, or Han characters only).
    """
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(pdf_path))
    pages = {}
    try:
        for number in range(1, len(pdf) + 1):
            page = pdf[number - 1]
            textpage = page.get_textpage()
            pages[number] = squash(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        pdf.close()
    wrong = []
    for line in lines:
        cuts = [0] + [offset for offset, _ in line.page_breaks] + [len(line.text)]
        owners = [line.page] + [page for _, page in line.page_breaks]
        for start, end, page in zip(cuts, cuts[1:], owners):
            if squash(line.text[start:end])[:8] not in pages[page]:
                wrong.append((line.text[:30], page))
    return wrong


def output_names(folder) -> list[str]:
    """The names in an OUTDIR, sorted, without the manifest folder of incremental runs."""
    from planparse.manifest import MANIFEST_DIR

    return sorted(p.name for p in folder.iterdir() if p.name != MANIFEST_DIR)
