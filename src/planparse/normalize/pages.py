"""Page numbers left in text and HTML copies of PDFs.

Web copies of 公文 PDFs keep the printed page numbers as lines of their own (``— 3 —``,
``－ 3 －``, ``第 3 页 共 12 页``, ``3/12``), often in the middle of a sentence that ran
over the page break. Such lines are removed as ``page_furniture`` together with the
blank lines before them, so that :func:`.joins.joined_line` (which runs later) can join
the two halves of the sentence. The forms are the PDF reader's (``data/page_numbers.txt``).

A bare number (``3``) is a page number only as part of a page sequence: at least
:data:`MIN_BARE_RUN` bare-number lines counting up by one, each at least
:data:`MIN_PAGE_LINES` lines after the previous one (a flattened table's 序号 column
counts up too, but a few lines apart).
"""
from __future__ import annotations

import regex

from ..data import page_number_match
from .context import Context
from .edits import Edit

LINE = regex.compile(r"(?m)^.*$")
MAX_PAGES = 999
MIN_BARE_RUN = 3
MIN_PAGE_LINES = 8


def _strong_page_number(text: str) -> bool:
    """A printed page-number form (not a bare number) whose count, if any, is plausible:
    ``3/12`` yes, ``2024/3`` (a date) no."""
    found = page_number_match(text)
    if not found or not found[1]:
        return False
    match = found[0]
    number = int(match.group(1))
    total = match.groupdict().get("total")
    return number >= 1 and (total is None or number <= int(total) <= MAX_PAGES)


def _bare_numbers(lines: list[str]) -> list[tuple[int, int]]:
    """``(line index, number)`` of lines that are a bare number."""
    found = []
    for index, line in enumerate(lines):
        match = page_number_match(line) if line.strip() else None
        if match and not match[1]:
            found.append((index, int(match[0].group(1))))
    return found


def _bare_page_sequence(lines: list[str]) -> set[int]:
    """Indexes of bare-number lines that form a page sequence (see module docstring).

    >>> body = ["正文。"] * 9
    >>> sorted(_bare_page_sequence(body + ["1"] + body + ["2"] + body + ["3"] + body))
    [9, 19, 29]
    >>> _bare_page_sequence(["序号", "1", "任务", "2", "任务", "3", "任务"])
    set()
    """
    nonblank_before = []
    count = 0
    for line in lines:
        nonblank_before.append(count)
        count += bool(line.strip())
    runs: list[list[int]] = []
    previous: tuple[int, int] | None = None
    for index, number in _bare_numbers(lines):
        follows = (
            previous is not None and number == previous[1] + 1
            and nonblank_before[index] - nonblank_before[previous[0]] >= MIN_PAGE_LINES
        )
        if follows:
            runs[-1].append(index)
        else:
            runs.append([index])
        previous = (index, number)
    return {index for run in runs if len(run) >= MIN_BARE_RUN for index in run}


def page_furniture(text: str, ctx: Context | None = None) -> list[Edit]:
    """Remove page-number lines (with the blank lines before them), one edit per line.

    >>> from planparse.normalize.registry import run
    >>> run(page_furniture, "各地要建立台账，督促\\n\\n— 3 —\\n\\n整改落实。\\n第 4 页 共 12 页\\n完成。")
    '各地要建立台账，督促\\n\\n整改落实。\\n完成。'
    """
    lines = [(m.start(), m.end(), m.group()) for m in LINE.finditer(text)]
    bare = _bare_page_sequence([line for _, _, line in lines])
    edits: list[Edit] = []
    cut_from: int | None = None  # end of the last kept non-blank line (or of the last cut)
    for index, (start, end, line) in enumerate(lines):
        if not line.strip():
            continue
        if not (index in bare or _strong_page_number(line)):
            cut_from = end
            continue
        if cut_from is None:   # nothing kept before: take the line break after instead
            edits.append((start, min(end + 1, len(text)), ""))
        else:
            edits.append((cut_from, end, ""))
            cut_from = end
    return edits
