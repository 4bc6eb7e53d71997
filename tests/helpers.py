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
