"""Render every ``corpora/*.txt`` as a GB/T 9704-style 公文 PDF (``corpora/NAME.pdf``).

The PDF is the *degraded PDF form of the same text*: every seed character is printed as
is (traditional script, pinyin glosses, ``?`` runs, mojibake), so the PDF reader plus the
normaliser must give back the same text as the seed. This script is the only way the
corpora PDFs are produced::

    .venv/bin/python tests/tools/render_pdf.py corpora

Layout (GB/T 9704-2012): A4, text block 156 × 225 mm (top margin 37 mm, left 28 mm),
22 lines of 28 characters of 16 pt 宋体, so a full-width character advances 156/28 mm
and a line 225/22 mm (half-width characters take their own width); body paragraphs get a two-character first-line indent, full lines
are justified to the right edge of the block, the notice titles are 22 pt and centred
(over two or more lines when long), issuer and date above/at the end of the cover notice
are set right with four characters of space, short 一、 headings are printed "fake bold"
(twice, 0.3 pt apart, as many Word-to-PDF drivers do), and page numbers ``— N —`` are
centred 7 mm below the text block. Lines holding TAB characters (the 指标体系 of 003) are
printed as a ruled table whose cells wrap, so pdfplumber finds real tables.

Glyph coverage: the body font is the Adobe-GB1 CID font ``STSong-Light`` (encoding
UniGB-UCS2-H). A character is only drawn with it when the CMap maps it to a CID *and*
Adobe-GB1 maps that CID back to the same character (checked with pdfminer's own CMaps,
the ones the reader uses; GB1 holds the GBK traditional characters and pinyin letters).
Otherwise it falls back to Helvetica for WinAnsi characters (``·``). reportlab's
``MSung-Light`` is no fallback: it is declared with the GB CMap and reads back garbled.
Unicode space separators (EN SPACE …) are printed as a plain space. A character no font
can show stops the script with an error naming it: nothing vanishes silently.

Byte-reproducible: ``invariant=1`` (fixed dates and document ID), fixed metadata, no
paths or clocks in the output; the test suite renders twice and compares bytes.

Other layouts (tests only; the corpora PDFs use the default): ``render(txt, out, layout)``
with a :class:`Layout` — page-number style and side (odd pages right, even left), a
running header with a rule, ragged right, wider letter-spacing, another text block,
larger titles over more lines, table header rows repeated after a page break, table
pages in landscape, and a 版记 between horizontal rules at the end. :data:`LAYOUTS`
names a set of them.
"""
from __future__ import annotations

import io
import re
import sys
import unicodedata
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, Table, TableStyle

PAGE_W, PAGE_H = A4
BLOCK_LEFT = 28 * mm
BLOCK_TOP = 37 * mm
BLOCK_W = 156 * mm
BLOCK_H = 225 * mm
CHARS_PER_LINE = 28
LINES_PER_PAGE = 22
ADVANCE = BLOCK_W / CHARS_PER_LINE          # one full-width character
PITCH = BLOCK_H / LINES_PER_PAGE            # one body line
BODY_SIZE = 16.0                            # 3号
TITLE_SIZE = 22.0                           # 2号
TITLE_PITCH = 1.25 * PITCH
PAGE_NO_SIZE = 14.0                         # 4号
PAGE_NO_GAP = 7 * mm                        # page number sits 7 mm below the block
TABLE_SIZE = 12.0                           # 小四 in tables
FAKE_BOLD_SHIFT = 0.3

BLOCK_TOP_Y = PAGE_H - BLOCK_TOP            # reportlab y grows upwards
BLOCK_BOTTOM_Y = BLOCK_TOP_Y - BLOCK_H
BLOCK_RIGHT = BLOCK_LEFT + BLOCK_W

FONT_GB = "STSong-Light"
FONT_LATIN = "Helvetica"
CID_FONTS = {FONT_GB: ("UniGB-UCS2-H", "Adobe-GB1")}

# A title names the document kind at its end; closing brackets/quotes may follow.
TITLE_END = re.compile(r"(通知|方案|意见|意見|要点|要點|体系|體系|办法|辦法|规定|規定|计划|計劃|规划|規劃|决定|決定|文件)[》”\"」）)]*$")
ORG_END = re.compile(r"(办公室|辦公室|办公厅|辦公廳|人民政府|委员会|委員會|厅|廳|局)$")
SENTENCE_PUNCT = set("。，,；;：:！？!")
OUTLINE_START = re.compile(r"^[(（]?[一二三四五六七八九十]+[、)）]|^\d+[.．、]")
HEADING_L1 = re.compile(r"^[一二三四五六七八九十]+、")
DATE_LINE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
# Kinsoku: never start a line with closing punctuation, never end one with opening.
NO_LINE_START = set("，。、；：？！）》」』”’〉〕】,.;:?!)]")
NO_LINE_END = set("（《「『“‘〈〔【([")


@dataclass(frozen=True)
class Layout:
    """Geometry and furniture of one rendering; the defaults are the corpora's GB/T 9704."""

    left: float = BLOCK_LEFT
    top: float = BLOCK_TOP
    width: float = BLOCK_W
    height: float = BLOCK_H
    chars_per_line: int = CHARS_PER_LINE
    lines_per_page: int = LINES_PER_PAGE
    justify: bool = True                 # False: ragged right
    letter_spacing: float = 0.0          # extra pt after every character
    page_number: str | None = "— {n} —"  # fields: n, total
    page_number_side: str = "centre"     # centre | outside (odd pages right, even left)
    header: str | None = None            # running header above the block, with a rule
    title_size: float = TITLE_SIZE
    title_chars: int | None = None       # at most this many characters per title line
    repeat_table_header: bool = False    # first table row again after a page break
    landscape_tables: bool = False       # tables on landscape pages of their own
    imprint: tuple[str, ...] = ()        # 版记 lines, between rules at the end

    @property
    def cell(self) -> float:
        return self.width / self.chars_per_line

    @property
    def pitch(self) -> float:
        return self.height / self.lines_per_page

    def rotated(self) -> Layout:
        """The text block turned with the page (a landscape page keeps the margins)."""
        return replace(self, left=self.top, top=self.left, width=self.height, height=self.width,
                       chars_per_line=self.lines_per_page, lines_per_page=self.chars_per_line)


GBT = Layout()
IMPRINT = ("抄送：市委各部门，市人大常委会办公室，市政协办公室。", "市人民政府办公室　　　　　　2024年3月5日印发")
LAYOUTS = {
    "dash_outside": Layout(page_number="- {n} -", page_number_side="outside"),
    "di_ye": Layout(page_number="第{n}页", header="市人民政府公报"),
    "di_ye_gong": Layout(page_number="第 {n} 页 共 {total} 页", justify=False),
    "slash": Layout(page_number="{n}/{total}", left=25 * mm, top=25 * mm, width=160 * mm, height=247 * mm,
                    lines_per_page=24),
    "bare": Layout(page_number="{n}", page_number_side="outside", letter_spacing=2.0, chars_per_line=25,
                   title_size=26, title_chars=12),
    "tables": Layout(repeat_table_header=True, landscape_tables=True, imprint=IMPRINT,
                     header="市人民政府办公室文件"),
}


@cache
def _cmaps(font: str):
    from pdfminer.cmapdb import CMapDB

    encoding, collection = CID_FONTS[font]
    return CMapDB.get_cmap(encoding), CMapDB.get_unicode_map(collection)


@cache
def cid_round_trips(font: str, ch: str) -> bool:
    """True when ``ch`` drawn in CID ``font`` reads back as ``ch`` (pdfminer's CMaps)."""
    if len(ch.encode("utf-16-be")) != 2:
        return False
    cmap, unicode_map = _cmaps(font)
    cids = list(cmap.decode(ch.encode("utf-16-be")))
    if len(cids) != 1 or cids[0] == 0:
        return False
    return unicode_map.cid2unichr.get(cids[0]) == ch


@cache
def font_for(ch: str) -> str:
    """The first font that prints ``ch`` so that a PDF reader gets ``ch`` back."""
    if cid_round_trips(FONT_GB, ch):
        return FONT_GB
    try:
        ch.encode("cp1252")
        return FONT_LATIN
    except UnicodeEncodeError:
        raise SystemExit(f"render_pdf: no font can print {ch!r} (U+{ord(ch):04X}); add a fallback") from None


def printable(text: str) -> str:
    """Unicode space separators become a plain space (the only character mapping)."""
    return "".join(" " if unicodedata.category(c) == "Zs" else c for c in text)


@cache
def advance(ch: str, size: float = BODY_SIZE, cell: float = ADVANCE, spacing: float = 0.0) -> float:
    """Full-width glyphs take one grid cell (the 28-per-line grid), half-width ones their
    own proportional width, as word processors set Latin text inside a CJK grid; letter
    ``spacing`` is added to both."""
    width = pdfmetrics.stringWidth(ch, font_for(ch), size)
    if spacing:
        return (cell * size / BODY_SIZE if width > 0.75 * size else width) + spacing
    return cell * size / BODY_SIZE if width > 0.75 * size else width


# ---------------------------------------------------------------- block classification
@dataclass
class Block:
    kind: str          # title | para | right | table
    text: str = ""
    rows: list[list[str]] | None = None
    bold: bool = False


def _bare(line: str) -> str:
    return line.strip().strip("?？")


def is_title_line(line: str) -> bool:
    s = _bare(line)
    return (0 < len(s) <= 60 and not SENTENCE_PUNCT & set(s) and "\t" not in line
            and not OUTLINE_START.match(s) and bool(TITLE_END.search(s)))


def title_lead(line: str) -> bool:
    """A line printed above a title that belongs to it (issuer, 关于…, an open 《)."""
    s = _bare(line)
    if not s or len(s) > 60 or SENTENCE_PUNCT & set(s) or "\t" in line or OUTLINE_START.match(s):
        return False
    return ("关于" in s or "關(guān)于" in s or "關于" in s or s.count("《") > s.count("》")
            or (len(s) >= 5 and bool(ORG_END.search(s))))


def classify(text: str) -> list[Block]:
    """Seed lines → blocks: titles, paragraphs, right-set signature lines, tables."""
    lines = text.splitlines()
    kinds = ["para"] * len(lines)
    for i, line in enumerate(lines):
        if is_title_line(line):
            kinds[i] = "title"
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    for pos in range(len(nonblank) - 1, 0, -1):   # grow titles upwards
        i, prev = nonblank[pos], nonblank[pos - 1]
        if kinds[i] == "title" and kinds[prev] == "para" and title_lead(lines[prev]):
            kinds[prev] = "title"
    for pos, i in enumerate(nonblank):             # issuer + date of the cover notice
        if DATE_LINE.match(lines[i].strip()):
            kinds[i] = "right"
            if pos and kinds[nonblank[pos - 1]] == "para" and len(_bare(lines[nonblank[pos - 1]])) <= 20 \
                    and not SENTENCE_PUNCT & set(lines[nonblank[pos - 1]]):
                kinds[nonblank[pos - 1]] = "right"
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if "\t" in line:
            rows = []
            while i < len(lines) and ("\t" in lines[i] or (not lines[i].strip() and _next_has_tab(lines, i))):
                if lines[i].strip():
                    rows.append(lines[i].split("\t"))
                i += 1
            blocks.append(Block("table", rows=rows))
            continue
        if line.strip():
            kind = kinds[i]
            bold = kind == "para" and bool(HEADING_L1.match(line)) and len(line) <= 30 and "。" not in line
            blocks.append(Block(kind, text=line, bold=bold))
        i += 1
    return blocks


def _next_has_tab(lines: list[str], i: int) -> bool:
    for later in lines[i + 1:]:
        if later.strip():
            return "\t" in later
    return False


# ---------------------------------------------------------------- line breaking
def wrap(text: str, first_width: float, width: float, size: float = BODY_SIZE,
         cell: float = ADVANCE, spacing: float = 0.0) -> list[str]:
    """Greedy CJK line breaking with kinsoku (a character is pushed to the next line)."""
    lines: list[str] = []
    cur, cur_w, avail = "", 0.0, first_width
    for ch in text:
        w = advance(ch, size, cell, spacing)
        if cur and cur_w + w > avail + 0.01:
            cut = len(cur)
            if ch in NO_LINE_START and len(cur) > 1:
                cut -= 1
            while cut > 1 and cur[cut - 1] in NO_LINE_END:
                cut -= 1
            lines.append(cur[:cut])
            cur = cur[cut:]
            cur_w = sum(advance(c, size, cell, spacing) for c in cur)
            avail = width
        cur += ch
        cur_w += w
    if cur:
        lines.append(cur)
    return lines


# ---------------------------------------------------------------- drawing
class Renderer:
    """Draws blocks page by page; with the default :class:`Layout` exactly as the corpora."""

    def __init__(self, out, title: str, layout: Layout = GBT, total_pages: int | None = None):
        self.c = canvas.Canvas(out if isinstance(out, io.BytesIO) else str(out), pagesize=A4, invariant=1,
                               pageCompression=1)
        self.c.setTitle(title)
        self.c.setAuthor("planparse")
        self.c.setCreator("planparse tests/tools/render_pdf.py")
        self.c.setSubject("GB/T 9704 rendering of a corpora seed")
        self.base = layout
        self.layout = layout
        self.page_size = A4
        self.total = total_pages
        self.page = 1
        self.y = self.top_y
        self.page_started()

    # geometry of the current page
    @property
    def top_y(self) -> float:
        return self.page_size[1] - self.layout.top

    @property
    def bottom_y(self) -> float:
        return self.top_y - self.layout.height

    @property
    def right_x(self) -> float:
        return self.layout.left + self.layout.width

    def adv(self, ch: str, size: float = BODY_SIZE) -> float:
        return advance(ch, size, self.layout.cell, self.layout.letter_spacing)

    def room(self, height: float) -> None:
        if self.y - height < self.bottom_y - 0.01:
            self.new_page()

    def new_page(self, orientation: str | None = None) -> None:
        """End this page; ``orientation`` (portrait/landscape) switches the next one."""
        self.page_number()
        self.c.showPage()
        self.page += 1
        if orientation is not None:
            self.page_size = landscape(A4) if orientation == "landscape" else A4
            self.layout = self.base.rotated() if orientation == "landscape" else self.base
            self.c.setPageSize(self.page_size)
        self.y = self.top_y
        self.page_started()

    def page_started(self) -> None:
        """The running header with its rule, when the layout has one."""
        header = self.layout.header
        if header is None:
            return
        size = 10.5
        baseline = self.top_y + 10 * mm
        self.c.setFont(FONT_GB, size)
        self.c.drawCentredString(self.layout.left + self.layout.width / 2, baseline, header)
        self.c.setLineWidth(0.75)
        self.c.line(self.layout.left, baseline - 2 * mm, self.right_x, baseline - 2 * mm)

    def page_number(self) -> None:
        style = self.layout.page_number
        if style is None:
            return
        self.c.setFont(FONT_GB, PAGE_NO_SIZE)
        baseline = self.bottom_y - PAGE_NO_GAP - 0.88 * PAGE_NO_SIZE
        text = style.format(n=self.page, total=self.total or self.page)
        if self.layout.page_number_side == "centre":
            self.c.drawCentredString(self.layout.left + self.layout.width / 2, baseline, text)
        elif self.page % 2:   # GB/T 9704: odd pages right, one character in
            self.c.drawRightString(self.right_x - ADVANCE, baseline, text)
        else:
            self.c.drawString(self.layout.left + ADVANCE, baseline, text)

    def finish(self) -> None:
        self.imprint()
        self.page_number()
        self.c.showPage()
        self.c.save()

    def imprint(self) -> None:
        """版记: its lines at the foot of the last page between full-width rules."""
        lines = self.layout.imprint
        if not lines:
            return
        pitch = self.layout.pitch
        self.room(len(lines) * pitch + pitch)
        y = self.bottom_y + len(lines) * pitch
        self.c.setLineWidth(1.0)
        self.c.line(self.layout.left, y, self.right_x, y)
        for line in lines:
            self.c.setFont(FONT_GB, 14)
            self.c.drawString(self.layout.left + ADVANCE, y - 0.7 * pitch, line)
            y -= pitch
            self.c.setLineWidth(0.5 if line is not lines[-1] else 1.0)
            self.c.line(self.layout.left, y, self.right_x, y)

    def draw_chars(self, chars: str, x0: float, size: float, height: float,
                   justify_to: float | None = None, bold: bool = False) -> None:
        """One visual line; with ``justify_to`` the gaps are spread to end there."""
        self.room(height)
        baseline = self.y - height / 2 - 0.35 * size
        widths = [self.adv(c, size) for c in chars]
        extra = 0.0
        if justify_to is not None and len(chars) > 1:
            extra = (justify_to - x0 - sum(widths)) / (len(chars) - 1)
        for shift in ((0.0, FAKE_BOLD_SHIFT) if bold else (0.0,)):
            text = self.c.beginText()
            font = None
            x = x0
            for ch, w in zip(chars, widths):
                if font_for(ch) != font:
                    font = font_for(ch)
                    text.setFont(font, size)
                text.setTextOrigin(x + shift, baseline)
                text.textOut(ch)
                x += w + extra
            self.c.drawText(text)
        self.y -= height

    def paragraph(self, text: str, bold: bool = False) -> None:
        cell = self.layout.cell
        first = self.layout.width - 2 * cell
        lines = wrap(text, first, self.layout.width, BODY_SIZE, cell, self.layout.letter_spacing)
        for n, line in enumerate(lines):
            x0 = self.layout.left + (2 * cell if n == 0 else 0)
            last = n == len(lines) - 1
            justify = None if last or not self.layout.justify else self.right_x
            self.draw_chars(line, x0, BODY_SIZE, self.layout.pitch, justify, bold)

    def right(self, text: str) -> None:
        cell = self.layout.cell
        width = sum(self.adv(c) for c in text)
        if width > self.layout.width - 4 * cell:
            self.paragraph(text)
            return
        self.draw_chars(text, self.right_x - 4 * cell - width, BODY_SIZE, self.layout.pitch)

    def title(self, text: str) -> None:
        text = text.strip()
        size = self.layout.title_size
        em = self.adv("中", size)
        per_line = int(self.layout.width // em) - 1
        if self.layout.title_chars:
            per_line = min(per_line, self.layout.title_chars)
        total = sum(self.adv(c, size) for c in text) / em
        parts = max(1, -(-int(total + 0.99) // per_line))
        per_part = min(per_line, -(-int(total + 0.99) // parts) + 1)   # balanced lines
        width = em * per_part + 0.01
        for line in wrap(text, width, width, size, self.layout.cell, self.layout.letter_spacing):
            width = sum(self.adv(c, size) for c in line)
            self.draw_chars(line, self.layout.left + (self.layout.width - width) / 2, size, 1.25 * self.layout.pitch
                            * size / TITLE_SIZE)

    def table(self, rows: list[list[str]]) -> None:
        """A ruled table, one row at a time: each row gets column widths from its own
        cells (the seed tables are ragged), rows touch so they form one ruled grid.
        With ``repeat_table_header`` the first row is drawn again after a page break."""
        if self.base.landscape_tables:
            self.new_page("landscape")
        style = ParagraphStyle("cell", fontName=FONT_GB, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.3,
                               wordWrap="CJK")
        grid = TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ])

        def row_table(row: list[str]):
            table = Table([[Paragraph(cell_markup(c), style) for c in row]],
                          colWidths=column_widths(row, self.layout.width))
            table.setStyle(grid)
            _, height = table.wrapOn(self.c, self.layout.width, self.layout.height)
            if height > self.layout.height:
                raise SystemExit("render_pdf: a table row is taller than a page")
            return table, height

        for index, row in enumerate(rows):
            table, height = row_table(row)
            page = self.page
            self.room(height)
            if self.page != page and index and self.base.repeat_table_header:
                header, header_height = row_table(rows[0])
                header.drawOn(self.c, self.layout.left, self.y - header_height)
                self.y -= header_height
            table.drawOn(self.c, self.layout.left, self.y - height)
            self.y -= height
        self.y -= self.layout.pitch / 4
        if self.base.landscape_tables:
            self.new_page("portrait")


def cell_markup(text: str) -> str:
    """Paragraph markup for a cell; characters outside the CID font get their fallback font."""
    out = []
    for ch in printable(text.strip()):
        font = font_for(ch)
        out.append(escape(ch) if font == FONT_GB else f'<font name="{font}">{escape(ch)}</font>')
    return "".join(out)


def column_widths(row: list[str], width: float = BLOCK_W) -> list[float]:
    """Share the block width by the cells' lengths (floored and capped), so text cells get room."""
    weights = [min(max(len(cell.strip()), 3), 40) + 2 for cell in row]
    return [width * w / sum(weights) for w in weights]


def render(txt: Path, out: Path, layout: Layout = GBT) -> None:
    """Render ``txt`` to ``out``; a layout that prints the page total renders twice."""
    if FONT_GB not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT_GB))
    total = None
    if layout.page_number and "{total}" in layout.page_number:
        counting = Renderer(io.BytesIO(), txt.stem, layout)
        draw(counting, txt)
        total = counting.page
    draw(Renderer(out, txt.stem, layout, total), txt)


def draw(renderer: Renderer, txt: Path) -> None:
    for block in classify(txt.read_text(encoding="utf-8")):
        if block.kind == "table":
            renderer.table(block.rows or [])
        elif block.kind == "title":
            renderer.title(printable(block.text))
        elif block.kind == "right":
            renderer.right(printable(block.text.strip()))
        else:
            renderer.paragraph(printable(block.text).rstrip(), block.bold)
    renderer.finish()


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: render_pdf.py CORPORA_DIR", file=sys.stderr)
        return 2
    folder = Path(argv[0])
    seeds = sorted(folder.glob("*.txt"))
    if not seeds:
        print(f"render_pdf: no .txt files in {folder}", file=sys.stderr)
        return 1
    for txt in seeds:
        render(txt, txt.with_suffix(".pdf"))
        print(txt.with_suffix(".pdf"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
