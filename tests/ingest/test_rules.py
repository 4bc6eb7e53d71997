"""Ruled tables in page images: grids drawn here, found with their merged cells; pages
without rules (text-like strokes, bold glyphs whose strokes line up) give none."""
from __future__ import annotations

import random

from PIL import Image, ImageDraw

from planparse.ingest.rules import find_tables

DPI = 200
PX = DPI / 25.4          # pixels per mm
PT = DPI / 72            # pixels per point
PAPER, INK = 236, 25


def mm(value: float) -> int:
    return round(value * PX)


def ruled_page(angle: float = 0.0) -> Image.Image:
    """An A4 page with one 4-column table: a header row, a cell merged over two rows in
    column 1, a cell merged over columns 3–4 in the last row, "text" in the cells."""
    page = Image.new("L", (mm(210), mm(297)), PAPER)
    draw = ImageDraw.Draw(page)
    xs = [mm(28), mm(48), mm(88), mm(140), mm(184)]
    ys = [mm(60), mm(70), mm(85), mm(100), mm(115)]
    width = 3
    for y in (ys[0], ys[1], ys[4]):
        draw.line((xs[0], y, xs[4], y), fill=INK, width=width)
    draw.line((xs[1], ys[2], xs[4], ys[2]), fill=INK, width=width)    # column 1 merged over rows 2–3
    draw.line((xs[0], ys[3], xs[4], ys[3]), fill=INK, width=width)
    for x in xs:
        draw.line((x, ys[0], x, ys[4]), fill=INK, width=width)
    draw.rectangle((xs[3] - 1, ys[3] + 2, xs[3] + 1, ys[4] - 2), fill=PAPER)   # columns 3–4 merged in row 4
    for top in ys[:-1]:
        for left in xs[:-1]:
            for k in range(3):   # three "glyphs" a cell
                x = left + mm(2) + k * mm(4.5)
                draw.rectangle((x, top + mm(2), x + mm(3.5), top + mm(5)), outline=INK, width=2)
    return page.rotate(angle, fillcolor=PAPER) if angle else page


def test_grid_and_merged_cells_are_found_as_pdfplumber_would_build_them():
    (found,) = find_tables(ruled_page(), DPI)
    table = found.table
    assert len(table.rows) == 4
    assert len(table.cells) == 4 + 4 + 3 + 3      # header 4; merged column-1 cell; merged columns 3–4
    x0, top, x1, bottom = table.bbox
    assert abs(x0 - 28 * 72 / 25.4) < 1.5 and abs(x1 - 184 * 72 / 25.4) < 1.5
    assert abs(top - 60 * 72 / 25.4) < 1.5 and abs(bottom - 115 * 72 / 25.4) < 1.5
    tall = [c for c in table.cells if c[3] - c[1] > 25 * 72 / 25.4]
    assert len(tall) == 1 and abs(tall[0][0] - x0) < 1.5            # column 1 spans rows 2–3
    wide = [c for c in table.cells if c[2] - c[0] > 80 * 72 / 25.4]
    assert len(wide) == 1 and abs(wide[0][2] - x1) < 1.5             # columns 3–4 in row 4
    assert table.rows[2].cells[0] is None                             # as pdfplumber leaves a merged slot
    assert found.rule_boxes                                           # the rules to erase before OCR


def test_a_table_left_slightly_turned_is_still_found():
    (found,) = find_tables(ruled_page(angle=0.15), DPI)
    assert len(found.table.rows) == 4 and len(found.table.cells) == 14


def test_page_without_rules_has_no_table():
    page = Image.new("L", (mm(210), mm(297)), PAPER)
    draw = ImageDraw.Draw(page)
    rng = random.Random(7)
    em = round(16 * PT)
    for row in range(20):       # 16 pt "text": each glyph a few strokes at random places in its em
        y = mm(40) + row * round(em * 1.6)
        for k in range(28):
            x = mm(28) + k * em
            for _ in range(rng.randint(2, 5)):
                at, start, length = rng.randint(2, em - 4), rng.randint(2, em // 3), rng.randint(em // 3, em - 6)
                if rng.random() < 0.5:
                    draw.line((x + start, y + at, x + min(start + length, em - 3), y + at), fill=INK, width=3)
                else:
                    draw.line((x + at, y + start, x + at, y + min(start + length, em - 3)), fill=INK, width=3)
    draw.line((mm(28), mm(280), mm(184), mm(280)), fill=INK, width=3)   # a lone rule (版记) boxes in nothing
    assert find_tables(page, DPI) == []


def test_bold_glyph_strokes_in_line_are_no_table():
    page = Image.new("L", (mm(210), mm(297)), PAPER)
    draw = ImageDraw.Draw(page)
    em = round(16 * PT)
    x, y = mm(40), mm(100)
    for k in range(3):       # three heavy 口 glyphs set close: their strokes join into 17 mm "rules"
        left = x + k * (em + 4)
        draw.rectangle((left, y, left + em, y + em), outline=INK, width=4)
    assert find_tables(page, DPI) == []
