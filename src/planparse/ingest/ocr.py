"""OCR of PDF pages without a usable text layer: image → the same visual lines a text page gives.

A page is rendered with pypdfium2 at :attr:`OcrSettings.dpi`, cleaned (:mod:`.scan`) and
read by tesseract (Debian's ``tesseract-ocr-chi-sim`` model through the ``tesserocr``
binding, in process: the model loads once per process). Tesseract's symbols, with their
boxes, become the char records :func:`.pdf.build_line` already turns into
:class:`.pdf.RawLine` objects, so spacing, lead widths, furniture removal, joins and title
detection run exactly as for a text page. What a text layer knows and a scan does not is
estimated:

* position: pixel boxes × 72 / dpi, in PDF points from the page's top-left;
* font size: from the height of the line's box (a line of Han is :data:`HAN_INK_EM`
  of its em high) or, when smaller, its advance (a Han character is one em wide; a
  speck beside a line makes its box tall, never its characters narrower), then snapped document-wide (:func:`snap_sizes`) so body
  lines share one size as they do in a text layer;
* bold: unknown (False).

Why tesseract and not RapidOCR: measured on these documents (README "OCR"), tesseract is
as accurate on simplified Chinese and 5–7× faster on 2 cores.
"""
from __future__ import annotations

import functools
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..model import PlanparseError
from .rules import RuledTable, find_tables
from .scan import Cleanup, clean_page, paper_grey

MODES = ("auto", "off", "force")
DEFAULT_DPI = 200
DEFAULT_LANG = "chi_sim"
HAN_INK_EM = 0.945         # a Han line's ink height / its font size (measured on corpora, README "OCR")
BODY_SNAP = 0.12           # OCR sizes within 12 % of a text page's body size are that size
SIZE_WINDOW = 0.12         # one type size's OCR estimates scatter within ± 12 % of their mean
LOW_CONFIDENCE = 70        # a page whose mean word confidence is below this is warned
UNREADABLE_CONFIDENCE = 40  # a page read with less confidence holds noise, not text
MIN_HAN_SHARE = 0.2        # nor does a page whose OCR text is mostly not Chinese
NOISE_CONFIDENCE = 50      # a line read this unsure is specks, seal ink or a picture read as text
PAGE_SEGMENTATION = 6      # tesseract PSM 6, one block of text: a 公文 page is one column, and
                           # the automatic layout drops line-initial glyphs (自治区 → 治区; README "OCR")
DIGIT_EM = 0.6            # a digit is at most this wide (of an em)
NUMBER_GAP_EM = 0.25      # an empty gap this wide after a cell's opening number is a space
SINGLE_LINE = 7           # tesseract PSM 7: the image is one text line
CELL_RETRY_CONFIDENCE = 60   # a cell read as a block with a line less sure than this is read line by line
BAND_MIN_SHARE = 0.4      # a row of ink under this share of a cell's tallest row is no text line
SHORT_CELL_CHARS = 12     # a cell read with no more characters than this is read two ways
CELL_PAD = 12             # paper pixels around a cell's crop (tesseract misreads glyphs at the edge)
CELL_MIN_INK = 12         # a cell crop with fewer ink pixels is empty (a speck the clean-up left)
CELL_INK = 0.6            # a cell is read binarised, ink below this share of the paper's grey:
                          # on a crop with little ink, tesseract's own threshold takes faint specks
                          # for ink and reads nothing (a clear "13" came out empty)
TESSDATA_DIRS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                 "/usr/share/tessdata", "/usr/local/share/tessdata")
HAN = re.compile(r"[\u3400-\u9fff]")
INSTALL_HINT = ("install Debian's tesseract-ocr-chi-sim (make ocr-deps) and the tesserocr package, "
                "or convert with --ocr off")


@dataclass(frozen=True)
class OcrSettings:
    """How pages are OCRed: ``mode`` auto (pages without usable text), force (every page)
    or off; the render resolution; the clean-up steps; the tesseract language model."""

    mode: str = "auto"
    dpi: int = DEFAULT_DPI
    cleanup: Cleanup = field(default_factory=Cleanup)
    lang: str = DEFAULT_LANG
    tables: bool = True     # find ruled tables in the image and read them cell by cell


@dataclass
class OcrTable:
    """A ruled table of a page image: its grid (:class:`.rules.RuledTable`, PDF points)
    and the char records read from its cells, grouped by text line within a cell."""

    grid: RuledTable
    lines: list[list[dict]]
    line_confidence: list[float]


@dataclass
class OcrPage:
    """One OCRed page: its char records (PDF points) grouped by tesseract's text lines,
    outside ruled tables; the tables with their cells' text."""

    width: float
    height: float
    lines: list[list[dict]]
    confidence: float          # mean word confidence over characters, 0–100 (100 without text)
    line_confidence: list[float] = field(default_factory=list)   # the same, per line
    tables: list[OcrTable] = field(default_factory=list)

    def every_line(self) -> list[tuple[list[dict], float]]:
        """Each line, in the body or in a table cell, with its confidence."""
        own = self.line_confidence if len(self.line_confidence) == len(self.lines) else [self.confidence] * len(self.lines)
        return list(zip(self.lines, own)) + [
            pair for table in self.tables for pair in zip(table.lines, table.line_confidence)]

    def kept_confidence(self, floor: float) -> float:
        """Mean confidence over the characters of the lines read with at least ``floor``."""
        kept = [(c, len(line)) for line, c in self.every_line() if c >= floor]
        chars = sum(n for _, n in kept)
        return sum(c * n for c, n in kept) / chars if chars else 100.0


# ---------------------------------------------------------------- engine
def tessdata_dir() -> str | None:
    """Where the language models are: ``TESSDATA_PREFIX`` if set, else Debian's folders."""
    if os.environ.get("TESSDATA_PREFIX"):
        return os.environ["TESSDATA_PREFIX"]
    return next((d for d in TESSDATA_DIRS if Path(d).is_dir()), None)


@functools.lru_cache(maxsize=4)
def engine(lang: str = DEFAULT_LANG):
    """A tesseract instance for ``lang``, loaded once per process (loading costs ~0.3 s).

    One OpenMP thread: pages run in parallel through ``--jobs``, not inside tesseract."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        import tesserocr
    except ImportError as exc:
        raise PlanparseError("ocr_unavailable", f"the page needs OCR but the tesserocr package is missing; "
                             f"{INSTALL_HINT}") from exc
    path = tessdata_dir()
    found = tesserocr.get_languages(path)[1] if path else []
    missing = [name for name in lang.split("+") if name not in found]
    if missing:
        raise PlanparseError("ocr_unavailable", f"the page needs OCR but tesseract's {'+'.join(missing)} model is not "
                             f"installed{f' in {path}' if path else ''}; {INSTALL_HINT}")
    return tesserocr.PyTessBaseAPI(path=path, lang=lang, psm=PAGE_SEGMENTATION)


def recognise(image, dpi: int, lang: str = DEFAULT_LANG, origin: tuple[int, int] = (0, 0),
              psm: int = PAGE_SEGMENTATION) -> OcrPage:
    """Tesseract's text lines on a clean grey page as char records in PDF points
    (``origin``: where the image's top-left pixel lies on the page, for a cell's crop;
    ``psm``: tesseract's page segmentation, one line for a cell's line).

    Positions come from the *line* boxes, measured from the ink; tesseract's LSTM word
    and symbol boxes are estimates that overlap and would reorder characters. A line's
    width is shared out among its characters in reading order (a half-width character
    gets half a share), with a space record between two words that are not Chinese."""
    from tesserocr import RIL, iterate_level

    api = engine(lang)
    api.SetPageSegMode(psm)
    api.SetImage(image)
    api.Recognize()
    scale = 72 / dpi
    left, top = origin
    lines: list[tuple[list[float], list[str], list[float]]] = []
    for word in iterate_level(api.GetIterator(), RIL.WORD):
        try:
            text = (word.GetUTF8Text(RIL.WORD) or "").strip()
        except RuntimeError:    # tesserocr's answer for a page without any text
            break
        if word.IsAtBeginningOf(RIL.TEXTLINE) or not lines:
            box = word.BoundingBox(RIL.TEXTLINE) or (0, 0, 0, 0)
            lines.append(([(box[0] + left) * scale, (box[1] + top) * scale, (box[2] + left) * scale,
                           (box[3] + top) * scale], [], []))
        if text:
            lines[-1][1].append(text)
            lines[-1][2].extend([word.Confidence(RIL.WORD)] * len(text))
    api.Clear()
    api.SetPageSegMode(PAGE_SEGMENTATION)
    kept = [(box, words, confidences) for box, words, confidences in lines if words]
    every = [c for _, _, confidences in kept for c in confidences]
    return OcrPage(image.width * scale, image.height * scale, [line_chars(words, box) for box, words, _ in kept],
                   sum(every) / len(every) if every else 100.0,
                   [sum(confidences) / len(confidences) for _, _, confidences in kept])


def line_chars(words: list[str], box: list[float]) -> list[dict]:
    """Char records for one OCR line: the line box shared out by character width, a
    space between two non-CJK words, every char with the line's size estimate.

    >>> [(c["text"], c["x0"], c["x1"]) for c in line_chars(["法治", "2"], [0.0, 0.0, 40.0, 15.0])]
    [('法', 0.0, 16.0), ('治', 16.0, 32.0), ('2', 32.0, 40.0)]
    >>> "".join(c["text"] for c in line_chars(["GB/T", "9704"], [0, 0, 40, 10]))
    'GB/T 9704'
    """
    x0, top, x1, bottom = box
    text = ""
    for word in words:
        if text and not (is_wide(text[-1]) or is_wide(word[0])):
            text += " "
        text += word
    shares = [0.0 if ch == " " else 0.5 if not is_wide(ch) else 1.0 for ch in text]
    unit = (x1 - x0) / (sum(shares) or 1)
    size = min(line_size(text, bottom - top), round(unit, 1)) if sum(shares) >= 2 else line_size(text, bottom - top)
    chars, left = [], x0
    for ch, share in zip(text, shares):
        right = left + share * unit
        chars.append({"text": ch, "x0": left, "x1": right, "top": top, "bottom": bottom, "size": size,
                      "fontname": "OCR"})
        left = right
    return chars


def is_wide(ch: str) -> bool:
    """A character set one em wide: Han, CJK punctuation, full-width forms."""
    return ord(ch) >= 0x2E80 or ch in "“”‘’—…·"


def line_size(text: str, height: float) -> float:
    """Font size of one OCRed line from its box height (points, one decimal): a line of
    Han is :data:`HAN_INK_EM` of an em high; digits and Latin alone about 0.7 em.

    >>> line_size("加强管理", 15.1), line_size("12", 7.0)
    (16.0, 10.0)
    """
    ratio = HAN_INK_EM if HAN.search(text) else 0.7
    return round(height / ratio, 1)


LEADING_NUMBER = re.compile(r"^\d{1,3}(?=[\u3400-\u9fff])")


def spaced_number(line: list[dict], ink, origin: tuple[int, int], px: float) -> list[dict]:
    """A cell line that opens with a number set apart from its text (``1 向社会公布…``,
    a numbered indicator) gets the space back: tesseract drops a space between a digit
    and a Han character, and its word boxes are too loose to tell ``1 向`` from ``2017年``;
    the ink is not. The widest run of empty columns within the number's reach (its digits
    at most :data:`DIGIT_EM` em each, then one em) is the gap; :data:`NUMBER_GAP_EM` em or
    more is a space.

    >>> import numpy as np
    >>> ink = np.zeros((20, 100), bool); ink[2:18, 0:8] = True; ink[2:18, 20:38] = True
    >>> line = [{"text": t, "x0": x, "x1": x + 9, "top": 0.0, "bottom": 18.0, "size": 18.0} for t, x in (("1", 0), ("向", 10))]
    >>> "".join(c["text"] for c in spaced_number(line, ink, (0, 0), 1.0))
    '1 向'
    >>> ink[2:18, 8:20] = False; ink[2:18, 10:28] = True
    >>> "".join(c["text"] for c in spaced_number(line, ink, (0, 0), 1.0))
    '1向'
    """
    text = "".join(ch["text"] for ch in line)
    number = LEADING_NUMBER.match(text)
    if not number:
        return line
    em = line[0]["size"] * px
    top = max(0, int(min(ch["top"] for ch in line) * px) - origin[1])
    bottom = int(max(ch["bottom"] for ch in line) * px) - origin[1] + 1
    left = max(0, int(line[0]["x0"] * px) - origin[0])
    reach = int(em * (DIGIT_EM * number.end() + 1)) + 1     # the digits, a gap and the next glyph's start
    columns = ink[top:bottom, left:left + reach].any(axis=0)
    filled = np.flatnonzero(columns)
    if len(filled) < 2:
        return line
    widest = int(np.diff(filled).max()) - 1
    if widest < NUMBER_GAP_EM * em:
        return line
    split = number.end()
    space = dict(line[split - 1], text=" ", x0=line[split - 1]["x1"], x1=line[split]["x0"])
    return line[:split] + [space] + line[split:]


def cell_ink(pixels, ink):
    """A cell's crop as tesseract reads it best: paper and faint specks white, ink as printed."""
    from PIL import Image

    return Image.fromarray(np.where(ink, pixels, 255).astype(np.uint8), mode="L")


def readable(page: OcrPage) -> bool:
    """Did OCR read text, not noise? A page read with under :data:`UNREADABLE_CONFIDENCE`
    confidence, or with under :data:`MIN_HAN_SHARE` Chinese characters (pictures, rules
    and glyphs without a font come out as Latin letters and bars), holds none.

    >>> readable(OcrPage(595, 842, [[{"text": "加"}, {"text": "强"}]], 91.0))
    True
    >>> readable(OcrPage(595, 842, [[{"text": "|"}, {"text": "e"}, {"text": "U"}]], 88.0))
    False
    """
    chars = [ch["text"] for line, _ in page.every_line() for ch in line if ch["text"].strip()]
    han = sum(bool(HAN.match(ch)) for ch in chars)
    return bool(chars) and page.confidence >= UNREADABLE_CONFIDENCE and han >= MIN_HAN_SHARE * len(chars)


def render_page(document, index: int, settings: OcrSettings):
    """Page ``index`` (0-based) of a pypdfium2 document as a cleaned grey image."""
    page = document[index]
    try:
        bitmap = page.render(scale=settings.dpi / 72, grayscale=not settings.cleanup.red)
        image = bitmap.to_pil()
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
    finally:
        page.close()
    return clean_page(image, settings.dpi, settings.cleanup)


def ocr_page(document, index: int, settings: OcrSettings) -> OcrPage:
    """Render, clean and read one page (the image is released before the next page):
    ruled tables cell by cell (:func:`read_tables`), then the rest of the page."""
    image = render_page(document, index, settings)
    try:
        tables = read_tables(image, settings) if settings.tables else []
        page = recognise(image, settings.dpi, settings.lang)
        if tables:
            page.tables = tables
            every = [(c, len(line)) for line, c in page.every_line()]
            chars = sum(n for _, n in every)
            page.confidence = sum(c * n for c, n in every) / chars if chars else 100.0
        return page
    finally:
        image.close()


def read_tables(image, settings: OcrSettings) -> list[OcrTable]:
    """The ruled tables of a clean page image, each cell read on its own crop; the tables
    are then blanked in ``image`` (paper), so the page's own reading sees only the text
    around them. Why crops: a page-wide line of tesseract runs across cells, and its
    characters' positions are shares of the line box, too coarse to tell cells apart."""
    from PIL import ImageDraw

    found = find_tables(image, settings.dpi)
    if not found:
        return []
    paper = paper_grey(image)
    draw = ImageDraw.Draw(image)
    for grid in found:                     # rules out first: tesseract reads them as | and 丨
        for box in grid.rule_boxes:
            draw.rectangle((box[0], box[1], box[2] - 1, box[3] - 1), fill=paper)
    tables = [read_cells(image, grid, settings, paper) for grid in found]
    px = settings.dpi / 72
    for grid in found:
        x0, top, x1, bottom = grid.bbox
        draw.rectangle((int(x0 * px) - 2, int(top * px) - 2, int(x1 * px) + 2, int(bottom * px) + 2), fill=paper)
    return tables


def read_cells(image, grid: RuledTable, settings: OcrSettings, paper: int) -> OcrTable:
    """Text lines of each cell of ``grid`` that holds ink, read on the cell's crop."""
    px = settings.dpi / 72
    lines: list[list[dict]] = []
    confidences: list[float] = []
    for cell in grid.table.cells:
        box = (int(cell[0] * px), int(cell[1] * px), int(cell[2] * px) + 1, int(cell[3] * px) + 1)
        pixels = np.asarray(image.crop(box))
        ink = pixels < CELL_INK * paper
        if int(ink.sum()) < CELL_MIN_INK:
            continue
        read = read_cell(pixels, ink, (box[0], box[1]), settings)
        lines.extend(spaced_number(line, ink, (box[0], box[1]), px) for line in read.lines)
        confidences.extend(read.line_confidence)
    return OcrTable(grid, lines, confidences)


def read_cell(pixels, ink, origin: tuple[int, int], settings: OcrSettings) -> OcrPage:
    """One cell's text, read on its crop in up to three ways until one reads every row of
    ink (:func:`bands`) with :data:`CELL_RETRY_CONFIDENCE` or more: as a block with faint
    pixels cleared (:func:`cell_ink`), as a block as scanned, then row by row; a short
    cell (a number, a label: :data:`SHORT_CELL_CHARS`) is always read the first two ways.
    Of the readings tried, the one that makes most sense of the cell (:func:`sense`) is kept.
    Tesseract fails on some small crops, differently on each: a clear ``13`` among faint
    specks came out empty as scanned, a short last line ``智慧监管”。`` vanished once
    cleared, ``3. 专家论证、/风`` came out as three unsure glyphs as a block, and ``63``
    came out ``03`` (70 %) cleared and ``63`` (92 %) as scanned."""
    from PIL import Image, ImageOps

    rows = bands(ink)

    def read(image_rows, rows_at: slice, psm: int) -> OcrPage:
        image = ImageOps.expand(image_rows, CELL_PAD, fill=255)
        try:
            return recognise(image, settings.dpi, settings.lang,
                             (origin[0] - CELL_PAD, origin[1] + (rows_at.start or 0) - CELL_PAD), psm)
        finally:
            image.close()

    def by_rows() -> OcrPage:
        pieces = [read(cell_ink(pixels[top:bottom], ink[top:bottom]), slice(top, bottom), SINGLE_LINE)
                  for top, bottom in rows]
        return OcrPage(0.0, 0.0, [line for piece in pieces for line in piece.lines], 0.0,
                       [c for piece in pieces for c in piece.line_confidence])

    readings = (lambda: read(cell_ink(pixels, ink), slice(None), PAGE_SEGMENTATION),
                lambda: read(Image.fromarray(pixels).point(lambda v: min(255, v * 255 // max(1, int(pixels.max())))),
                             slice(None), PAGE_SEGMENTATION),
                by_rows)
    tried: list[OcrPage] = []
    for reading in readings:
        tried.append(reading())
        lines, confidences = tried[-1].lines, tried[-1].line_confidence
        short = sum(map(len, lines)) <= SHORT_CELL_CHARS and len(tried) == 1    # cheap to read twice
        if lines and min(confidences) >= CELL_RETRY_CONFIDENCE and len(lines) >= len(rows) and not short:
            break
    return max(tried, key=lambda page: sense(page.lines, page.line_confidence))


def sense(lines: list[list[dict]], confidences: list[float]) -> float:
    """How much a reading made of its image: confidence × characters, summed over lines.

    >>> sense([[{}, {}], [{}]], [90.0, 10.0])
    190.0
    """
    return sum(c * len(line) for line, c in zip(lines, confidences))


def bands(ink) -> list[tuple[int, int]]:
    """Row ranges ``[top, bottom)`` of the text lines in a cell's ink: runs of rows with
    ink, split at empty rows, a pixel of margin kept each side; a run under
    :data:`BAND_MIN_SHARE` of the tallest is a speck or a stroke's stub, not a line.

    >>> ink = np.zeros((14, 5), bool); ink[1:4, 1] = True; ink[7:10, 2] = True; ink[12, 3] = True
    >>> bands(ink)
    [(0, 5), (6, 11)]
    """
    rows = np.concatenate(([0], ink.any(axis=1).astype(np.int8), [0]))
    edges = np.diff(rows)
    runs = list(zip(np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist()))
    tallest = max((bottom - top for top, bottom in runs), default=0)
    height = ink.shape[0]
    return [(max(0, top - 1), min(height, bottom + 1)) for top, bottom in runs
            if bottom - top >= BAND_MIN_SHARE * tallest]


# ---------------------------------------------------------------- sizes over the document
def snap_sizes(sizes: list[tuple[float, int]], text_body: float | None = None) -> dict[float, float]:
    """Map each OCR size estimate to the size a text layer would print: one type size
    measured line by line scatters by a few per cent, so estimates are grouped around
    their modes. The estimate whose ±:data:`SIZE_WINDOW` window holds most characters
    is a mode; every estimate in that window takes the window's char-weighted mean (to
    the half point); repeated until none is left. A mode within :data:`BODY_SNAP` of a
    text page's body size (mixed PDFs) takes that size. ``sizes``: ``(estimate, chars)``.

    >>> snap_sizes([(11.9, 900), (12.4, 800), (15.5, 300), (16.3, 500), (17.0, 100), (21.3, 20), (22.8, 15)])
    {11.9: 12.0, 12.4: 12.0, 15.5: 16.0, 16.3: 16.0, 17.0: 16.0, 21.3: 22.0, 22.8: 22.0}
    >>> snap_sizes([(15.5, 300), (16.6, 500)], text_body=16.0)
    {15.5: 16.0, 16.6: 16.0}
    """
    weights: Counter = Counter()
    for size, chars in sizes:
        weights[size] += max(1, chars)
    mapping: dict[float, float] = {}
    while len(mapping) < len(weights):
        left = [s for s in weights if s not in mapping]

        def window(centre: float, left: list[float] = left) -> list[float]:
            return [s for s in left if abs(s - centre) <= SIZE_WINDOW * centre]

        mode = max(left, key=lambda c: (sum(weights[s] for s in window(c)), weights[c]))
        members = window(mode)
        mean = sum(s * weights[s] for s in members) / sum(weights[s] for s in members)
        value = round(mean * 2) / 2
        if text_body and abs(value - text_body) <= BODY_SNAP * text_body:
            value = text_body
        mapping.update({s: value for s in members})
    return dict(sorted(mapping.items()))
