"""Ruled tables in a page image: the rules found in the pixels, the cells they enclose.

A text PDF draws a table's rules as line or rectangle objects and pdfplumber turns them
into cells; a scan has only pixels. Here the rules are found as long straight runs of ink
(a morphological opening by a line, done with running sums on a 2×-pooled copy of the
page), thin enough and long enough that no character stroke passes: a horizontal rule is
at least :data:`H_RULE_MM` long (longer than any Han stroke up to 26 pt, a 2-em dash at
16 pt included), a vertical rule at least :data:`V_RULE_MM` and it must meet horizontal
rules at both ends, as a table's column rule does and a character's stroke does not; a
grid narrower than :data:`MIN_TABLE_MM` is strokes of bold glyphs that line up.
Rules are snapped and joined as pdfplumber snaps and joins edges, and pdfplumber's own
intersection → cell → table steps build the grid, so merged cells come out as they would
from a text layer (a :class:`pdfplumber.table.Table` over cells in PDF points).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image

from .scan import paper_grey

if TYPE_CHECKING:
    from pdfplumber.table import Table

H_RULE_MM = 10.0        # a horizontal rule is at least this long (a 22 pt 国 is 7 mm wide)
V_RULE_MM = 3.0         # a vertical rule at least this long (a one-line row of 9 pt type is taller)
RULE_FILL = 0.9         # share of a rule's length that must be ink (rotation and specks break it)
RULE_INK = 0.7          # a pixel darker than this share of the paper's grey is ink for rules
MAX_RULE_MM = 1.0       # rules are thinner than this (a run of ink rows thicker is a filled box)
SNAP_MM = 1.0           # rules this close are one rule (pdfplumber snaps edges within 3 pt)
JOIN_MM = 1.0           # collinear pieces of a rule this close are joined
MEET_MM = 0.8           # a rule's end this close to another rule meets it
MIN_CELLS = 2           # a single box around text is not a table (as for text PDFs)
MIN_TABLE_MM = 40.0     # nor is a grid narrower than this: strokes of two or three bold glyphs
                        # that line up (建立, 查工 at 16 pt) box in "cells" 10–20 mm wide
POOL_DPI = 100          # rules are found on a copy pooled to about this resolution


@dataclass(frozen=True)
class Rule:
    """One rule in pooled pixels: ``at`` its row (horizontal) or column (vertical),
    ``start``–``end`` its extent along it (end exclusive)."""

    at: float
    start: int
    end: int
    thick: int = field(default=1, compare=False, repr=False)   # rows of ink it spans, as drawn


def ink_mask(grey: Image.Image, pool: int) -> np.ndarray:
    """Dark pixels of a grey page, pooled ``pool`` × ``pool`` (a block with any ink is ink):
    a 1-pixel rule survives pooling, and the runs below cost a quarter as much.

    >>> page = np.full((4, 6), 240, np.uint8); page[1, :] = 30
    >>> ink_mask(Image.fromarray(page), 2).astype(int).tolist()
    [[1, 1, 1], [0, 0, 0]]
    """
    pixels = np.asarray(grey)
    paper = paper_grey(grey)
    rows, cols = pixels.shape[0] // pool, pixels.shape[1] // pool
    darkest = pixels[: rows * pool: pool, : cols * pool: pool].copy()
    for dr in range(pool):          # the darkest pixel of each block, by strided slices (fast)
        for dc in range(pool):
            if dr or dc:
                np.minimum(darkest, pixels[dr: rows * pool: pool, dc: cols * pool: pool], out=darkest)
    return darkest < RULE_INK * paper


def runs(ink: np.ndarray, length: int) -> list[tuple[int, int, int]]:
    """``(row, start, end)`` of the runs along rows at least ``length`` long in which at
    least :data:`RULE_FILL` of every ``length`` window is ink (a morphological opening by a
    line that tolerates breaks).

    >>> ink = np.zeros((3, 12), bool); ink[1, 1:11] = True; ink[1, 5] = False; ink[2, 0:3] = True
    >>> runs(ink, 10)
    [(1, 1, 11)]
    """
    if ink.shape[1] < length or length < 1:
        return []
    sums = np.zeros((ink.shape[0], ink.shape[1] + 1), np.int32)
    np.cumsum(ink, axis=1, dtype=np.int32, out=sums[:, 1:])
    seeds = (sums[:, length:] - sums[:, :-length]) >= RULE_FILL * length
    rows = np.flatnonzero(seeds.any(axis=1))
    edges = np.diff(np.pad(seeds[rows].astype(np.int8), ((0, 0), (1, 1))), axis=1)
    starts, ends = np.nonzero(edges == 1), np.nonzero(edges == -1)    # row-major: they pair up
    found = []
    for index, start, end in zip(starts[0].tolist(), starts[1].tolist(), ends[1].tolist()):
        row = int(rows[index])
        lo, hi = start, end - 1 + length
        while lo < hi and not ink[row, lo]:       # a window may start or end on a gap
            lo += 1
        while hi > lo and not ink[row, hi - 1]:
            hi -= 1
        found.append((row, lo, hi))
    return found


def stacked(pieces: list[tuple[int, int, int]], thickest: int) -> list[Rule]:
    """Runs in neighbouring rows that overlap are one rule (at their mean row); a stack
    of runs thicker than ``thickest`` rows is a filled shape, not a rule.

    >>> stacked([(10, 0, 50), (11, 0, 50), (12, 60, 90), (40, 5, 30), (50, 0, 9), (51, 0, 9), (52, 0, 9)], 2)
    [Rule(at=10.5, start=0, end=50), Rule(at=12.0, start=60, end=90), Rule(at=40.0, start=5, end=30)]
    """
    stacks: list[list[tuple[int, int, int]]] = []
    open_stacks: list[list[tuple[int, int, int]]] = []     # those that reach the previous row
    reaching: list[list[tuple[int, int, int]]] = []        # those that reach the current row
    current = None
    for row, start, end in sorted(pieces):
        if row != current:
            open_stacks = reaching if current is not None and row == current + 1 else []
            reaching, current = [], row
        stack = next((s for s in open_stacks if start < s[-1][2] and end > s[-1][1]), None)
        if stack is None:
            stack = []
            stacks.append(stack)
        else:
            open_stacks.remove(stack)
        stack.append((row, start, end))
        reaching.append(stack)
    return [Rule(sum(p[0] for p in s) / len(s), min(p[1] for p in s), max(p[2] for p in s), len(s))
            for s in stacks if s[-1][0] - s[0][0] + 1 <= thickest]


def snapped(found: list[Rule], snap: int) -> list[Rule]:
    """Rules whose positions are within ``snap`` of the previous one take the group's mean
    (pdfplumber snaps edges so).

    >>> snapped([Rule(10.0, 0, 5), Rule(11.0, 8, 20), Rule(30.0, 0, 5)], 2)
    [Rule(at=10.5, start=0, end=5), Rule(at=10.5, start=8, end=20), Rule(at=30.0, start=0, end=5)]
    """
    out: list[Rule] = []
    group: list[Rule] = []
    for rule in sorted(found, key=lambda r: r.at) + [Rule(float("inf"), 0, 0)]:
        if group and rule.at - group[-1].at > snap:
            mean = sum(r.at for r in group) / len(group)
            out.extend(Rule(mean, r.start, r.end) for r in group)
            group = []
        group.append(rule)
    return out


def joined(found: list[Rule], join: int) -> list[Rule]:
    """Collinear rules (same position) whose ends are within ``join`` become one.

    >>> joined([Rule(10.0, 0, 50), Rule(10.0, 55, 90), Rule(10.0, 120, 150)], 8)
    [Rule(at=10.0, start=0, end=90), Rule(at=10.0, start=120, end=150)]
    """
    out: list[Rule] = []
    for rule in sorted(found, key=lambda r: (r.at, r.start)):
        if out and out[-1].at == rule.at and rule.start <= out[-1].end + join:
            out[-1] = Rule(rule.at, out[-1].start, max(out[-1].end, rule.end))
        else:
            out.append(rule)
    return out


def touching(verticals: np.ndarray, horizontals: list[Rule], tolerance: float) -> np.ndarray:
    """For rows ``(at, start, end)`` of vertical rules: does each end on a horizontal rule
    at its top and at its bottom? (All pairs at once: a text page has hundreds of strokes.)

    >>> h = [Rule(10.0, 0, 100), Rule(50.0, 0, 100)]
    >>> touching(np.array([[40.0, 10, 51], [40.0, 14, 51]]), h, 1.5).tolist()
    [True, False]
    """
    if not len(horizontals) or not len(verticals):
        return np.zeros(len(verticals), bool)
    h = np.array([[r.at, r.start, r.end] for r in horizontals])
    spans = (h[None, :, 1] - tolerance <= verticals[:, None, 0]) & (verticals[:, None, 0] <= h[None, :, 2] + tolerance)
    top = (np.abs(h[None, :, 0] - verticals[:, None, 1]) <= tolerance) & spans
    bottom = (np.abs(h[None, :, 0] - (verticals[:, None, 2] - 1)) <= tolerance) & spans
    return np.asarray(top.any(axis=1) & bottom.any(axis=1))


@dataclass
class RuledTable:
    """A table found in the page image: pdfplumber's table over cells in PDF points, and
    the pixel boxes ``(left, top, right, bottom)`` of its rules (to erase them before OCR)."""

    table: Table
    rule_boxes: list[tuple[int, int, int, int]]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.table.bbox


def find_tables(grey: Image.Image, dpi: int) -> list[RuledTable]:
    """The ruled tables of a clean grey page (cells in PDF points), with at least
    :data:`MIN_CELLS` cells each; none on a page without long rules.

    >>> from PIL import ImageDraw
    >>> page = Image.new("L", (800, 600), 240); draw = ImageDraw.Draw(page)
    >>> for y in (100, 160, 220): _ = draw.line((100, y, 700, y), fill=20, width=2)
    >>> for x in (100, 300, 700): _ = draw.line((x, 100, x, 220), fill=20, width=2)
    >>> [len(t.table.cells) for t in find_tables(page, 200)]
    [4]
    >>> find_tables(Image.new("L", (800, 600), 240), 200)
    []
    """
    pool = max(1, round(dpi / POOL_DPI))
    per_mm = dpi / 25.4 / pool
    ink = ink_mask(grey, pool)
    thickest = max(1, round(MAX_RULE_MM * per_mm))
    tolerance = MEET_MM * per_mm
    across = stacked(runs(ink, round(H_RULE_MM * per_mm)), thickest)
    if len(across) < 2:
        return []
    strokes = stacked(runs(np.ascontiguousarray(ink.T), round(V_RULE_MM * per_mm)), thickest)
    ends = touching(np.array([[v.at, v.start, v.end] for v in strokes]).reshape(-1, 3), across, tolerance)
    down = [v for v, kept in zip(strokes, ends) if kept]
    across = [h for h in across if sum(crosses(h, v, tolerance) for v in down) >= 2]
    if len(down) < 2 or len(across) < 2:
        return []
    snap, join = max(1, round(SNAP_MM * per_mm)), max(1, round(JOIN_MM * per_mm))
    scale = pool * 72 / dpi
    found = grids(joined(snapped(across, snap), join), joined(snapped(down, snap), join), scale, tolerance)
    for table in found:      # the rules to erase, where they are drawn (snapping moved them)
        boxes = [(x0 / scale, top / scale, x1 / scale, bottom / scale) for x0, top, x1, bottom in table.table.cells]
        table.rule_boxes = [rule_box(rule, horizontal, pool) for rules, horizontal in ((across, True), (down, False))
                            for rule in rules if any(bounds(box, rule, horizontal, tolerance + snap) for box in boxes)]
    return found


def crosses(horizontal: Rule, vertical: Rule, tolerance: float) -> bool:
    """Do the two rules touch or cross (within ``tolerance``)?

    >>> crosses(Rule(10.0, 0, 100), Rule(50.0, 10, 40), 1.5), crosses(Rule(10.0, 0, 40), Rule(50.0, 10, 40), 1.5)
    (True, False)
    """
    return (vertical.start - tolerance <= horizontal.at <= vertical.end - 1 + tolerance
            and horizontal.start - tolerance <= vertical.at <= horizontal.end - 1 + tolerance)


def grids(across: list[Rule], down: list[Rule], scale: float, tolerance: float) -> list[RuledTable]:
    """pdfplumber's intersections → cells → tables over the rules (in PDF points); a table
    has :data:`MIN_CELLS` cells and is :data:`MIN_TABLE_MM` wide, and one that overlaps a
    larger table is glyph strokes on its rules."""
    from pdfplumber.table import (
        Table,
        cells_to_tables,
        edges_to_intersections,
        intersections_to_cells,
    )

    edges = ([{"x0": h.start * scale, "x1": h.end * scale, "top": h.at * scale, "bottom": h.at * scale,
               "width": (h.end - h.start) * scale, "height": 0.0, "orientation": "h"} for h in across]
             + [{"x0": v.at * scale, "x1": v.at * scale, "top": v.start * scale, "bottom": v.end * scale,
                 "width": 0.0, "height": (v.end - v.start) * scale, "orientation": "v"} for v in down])
    cells = intersections_to_cells(edges_to_intersections(edges, tolerance * scale, tolerance * scale))
    widest = MIN_TABLE_MM * 72 / 25.4
    tables = sorted((table for table in (Table(None, group) for group in cells_to_tables(cells))  # type: ignore[arg-type]
                     if len(table.cells) >= MIN_CELLS and table.bbox[2] - table.bbox[0] >= widest),
                    key=lambda t: -area(t.bbox))     # pdfplumber's table; its page is needed by extract() only
    found: list[RuledTable] = []
    for table in tables:
        if any(overlap(table.bbox, kept.bbox) for kept in found):
            continue    # character strokes on a rule, boxed in by it: not a table inside the table
        found.append(RuledTable(table, []))
    return found


def bounds(cell: tuple[float, float, float, float], rule: Rule, horizontal: bool, tolerance: float) -> bool:
    """Is ``rule`` one of the cell's four sides (the cell in the rules' pixels)?

    >>> bounds((10, 20, 50, 40), Rule(40.0, 0, 90), True, 1.0), bounds((10, 20, 50, 40), Rule(30.0, 0, 90), True, 1.0)
    (True, False)
    """
    x0, top, x1, bottom = cell
    if horizontal:
        return (abs(rule.at - top) <= tolerance or abs(rule.at - bottom) <= tolerance) \
            and rule.start < x1 and rule.end > x0
    return (abs(rule.at - x0) <= tolerance or abs(rule.at - x1) <= tolerance) and rule.start < bottom and rule.end > top


def area(box: tuple[float, float, float, float]) -> float:
    """Area of a box ``(x0, top, x1, bottom)``."""
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Do two boxes share some area?

    >>> overlap((0, 0, 10, 10), (5, 5, 20, 20)), overlap((0, 0, 10, 10), (10, 0, 20, 10))
    (True, False)
    """
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def rule_box(rule: Rule, horizontal: bool, pool: int) -> tuple[int, int, int, int]:
    """Full-resolution pixel box ``(left, top, right, bottom)`` around a rule as drawn
    (its rows of ink), a pooled pixel of margin each side (the rule's grey fringe).

    >>> rule_box(Rule(10.0, 5, 20), True, 2), rule_box(Rule(10.5, 5, 20, 2), False, 2)
    ((10, 18, 40, 24), (18, 10, 26, 40))
    """
    first = int(rule.at - (rule.thick - 1) / 2)
    near, far = (first - 1) * pool, (first + rule.thick + 1) * pool
    if horizontal:
        return rule.start * pool, near, rule.end * pool, far
    return near, rule.start * pool, far, rule.end * pool
