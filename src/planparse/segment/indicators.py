"""指标体系 tables: 一级指标 / 二级指标 / numbered 三级指标 rows from tab-joined lines.

Text input and pdfplumber tables (emitted by ingestion as tab-joined rows) share this
reader. Merged cells print their label on one row only, so a label holds for the
rows below it until the next label; rows without a number continue the previous
indicator (page breaks), and short unnumbered cells continue a broken label.
"""
from __future__ import annotations

import re

from ..model import IndicatorRow
from . import tables as T
from .lines import TextLine
from .metadata import squeeze
from .numerals import number_value

L1_RE = re.compile(rf"^(?P<num>{T.CN})\s*[、．.]\s*(?P<title>.*)$")
L2_RE = re.compile(r"^(?P<num>\d{1,2})\s*[.．、]\s*(?P<title>\D.*)$")
N_ONLY_RE = re.compile(r"^\d{1,3}$")
N_TEXT_RE = re.compile(r"^(?P<num>\d{1,3})[ \u3000]+(?P<text>\D.*)$")
CONTINUATION_MAX = 20  # longer unnumbered cells continue an indicator, shorter ones a label
TEXT_COLUMN = 2  # 一级 / 二级 / 三级: cells from the third column on are indicator text


class IndicatorReader:
    """Reads one table; ``rows`` collects the numbered 三级指标 in reading order."""

    def __init__(self, part: int):
        self.part = part
        self.l1: int | None = None
        self.l1_title: str | None = None
        self.l2: int | None = None
        self.l2_title: str | None = None
        self.l2_count = 0
        self.last_label = "l1"
        self.rows: list[IndicatorRow] = []
        self.titles: dict[tuple, str | None] = {}  # final label titles, broken labels rejoined

    def read_line(self, ln: TextLine) -> None:
        cells = [(c.strip(), off) for c, off in cells_with_offsets(ln)]
        if sum(h in ln.content for h in T.INDICATOR_HEADER) >= 2:
            return
        row: IndicatorRow | None = None
        conts = []
        for pos, (cell, off) in enumerate(cells):
            if not cell:
                continue
            if row is not None:
                row.text = (row.text + cell) if row.text else cell
                row.end = off + len(cell)
            elif m := L1_RE.match(cell):
                self.set_l1(number_value(m.group("num")), m.group("title"))
            elif m := L2_RE.match(cell):
                self.set_l2(int(m.group("num")), m.group("title"))
            elif squeeze(cell) in T.BONUS_LABELS:
                self.set_l2(self.l2_count + 1, squeeze(cell))
            elif N_ONLY_RE.match(cell):
                row = self.new_row(int(cell), "", off, off + len(cell))
            elif m := N_TEXT_RE.match(cell):
                row = self.new_row(int(m.group("num")), m.group("text"), off, off + len(cell))
            else:
                conts.append((pos, cell, off))
        self.continuations(conts, cells)

    def continuations(self, conts: list, cells: list) -> None:
        """Unnumbered cells: a long one continues the last indicator, short ones a label."""
        labels_later = any(L2_RE.match(c) for c, _ in cells)
        for k, (pos, cell, off) in enumerate(conts):
            if (len(squeeze(cell)) > CONTINUATION_MAX or pos >= TEXT_COLUMN) and self.rows:
                last = self.rows[-1]
                last.text += cell
                last.end = off + len(cell)
            elif (pos == 0 and (labels_later or len(conts) > 1) and k == 0) or self.last_label == "l1":
                self.l1_title = (self.l1_title or "") + squeeze(cell)
            else:
                self.l2_title = (self.l2_title or "") + squeeze(cell)
            self.titles[(self.l1, None)] = self.l1_title
            self.titles[(self.l1, self.l2)] = self.l2_title

    def set_l1(self, num: int | None, title: str) -> None:
        self.l1, self.l1_title = num, squeeze(title)
        self.l2, self.l2_title, self.l2_count = None, None, 0
        self.last_label = "l1"
        self.titles[(num, None)] = self.l1_title

    def set_l2(self, num: int, title: str) -> None:
        self.l2, self.l2_title, self.l2_count = num, squeeze(title), num
        self.last_label = "l2"
        self.titles[(self.l1, num)] = self.l2_title

    def new_row(self, n: int, text: str, start: int, end: int) -> IndicatorRow:
        row = IndicatorRow(self.part, self.l1, self.l1_title, self.l2, self.l2_title, n, text, start, end)
        self.rows.append(row)
        return row


def cells_with_offsets(ln: TextLine) -> list[tuple[str, int]]:
    out, off = [], ln.start
    for cell in ln.content.split("\t"):
        lead = len(cell) - len(cell.lstrip())
        out.append((cell, off + lead))
        off += len(cell) + 1
    return out


def table_region(lines: list[TextLine]) -> tuple[int, int] | None:
    """Line indices ``[lo, hi)`` from the first to the last tab-joined row."""
    tab = [ln.index for ln in lines if "\t" in ln.content]
    return (tab[0], tab[-1] + 1) if tab else None


def read_indicators(lines: list[TextLine], part: int) -> list[IndicatorRow]:
    region = table_region(lines)
    if region is None:
        return []
    reader = IndicatorReader(part)
    for ln in lines:
        if region[0] <= ln.index < region[1] and not ln.blank:
            reader.read_line(ln)
    for row in reader.rows:
        row.text = squeeze(row.text)
        row.l1_title = reader.titles.get((row.l1, None), row.l1_title)
        row.l2_title = reader.titles.get((row.l1, row.l2), row.l2_title)
    return reader.rows
