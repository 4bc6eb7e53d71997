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
SIMPLIFIED = "chi_sim"     # Debian tesseract-ocr-chi-sim: required for OCR
TRADITIONAL = "chi_tra"    # Debian tesseract-ocr-chi-tra: used when installed and a document reads better with it
DEFAULT_LANG = "auto"      # chi_sim, or chi_tra for a document whose first page it reads surer (:class:`ModelChoice`)
SCRIPT_MARGIN = 2.0        # chi_tra reads simplified pages ≥ 3.3 points less sure than chi_sim (lines kept),
                           # traditional ones 0.5–3 surer with chi_tra (README "OCR"): within 2 points, the page is traditional
SCRIPT_SAMPLE = 80         # Han characters a page needs before it can decide the script
HAN_INK_EM = 0.945         # a Han line's ink height / its font size (measured on corpora, README "OCR")
BODY_SNAP = 0.12           # OCR sizes within 12 % of a text page's body size are that size
SIZE_WINDOW = 0.12         # one type size's OCR estimates scatter within ± 12 % of their mean
LOW_CONFIDENCE = 70        # a page whose mean word confidence is below this is warned
UNREADABLE_CONFIDENCE = 40  # a page read with less confidence holds noise, not text
MIN_HAN_SHARE = 0.2        # nor does a page whose OCR text is mostly not Chinese
NOISE_CONFIDENCE = 50      # a line read this unsure is specks, seal ink or a picture read as text
REREAD_ZOOM = 2            # an unsure or skipped line is read again enlarged this many times
MAX_REREADS = 12           # at most this many unsure lines a page are read again (seals, pictures)
INK_LEVEL = 128            # a grey pixel darker than this is ink (the page is cleaned first)
ROW_INK = 2                # a pixel row with more ink pixels than this holds text
BAND_LINE = (0.6, 1.6)     # an ink band this many median line heights tall is one text line
MIN_LEADING = 1.2          # lines of type size S stand at least this × S apart (top to top)
LINE_INK_RATIO = 1.1       # a clean Han line's box is this much taller than its words' median box
NOISE_RUN = 8              # …and so is an unsure run of this many non-Han glyphs at a line's end
                           # (a row of glyphs read as 2222…; a misread year 202s is shorter)
PAGE_SEGMENTATION = 6      # tesseract PSM 6, one block of text: a 公文 page is one column, and
                           # the automatic layout drops line-initial glyphs (自治区 → 治区; README "OCR")
DIGIT_EM = 0.6            # a digit is at most this wide (of an em)
NUMBER_GAP_EM = 0.25      # an empty gap this wide after a cell's opening number is a space
SINGLE_LINE = 7           # tesseract PSM 7: the image is one text line
CELL_RETRY_CONFIDENCE = 60   # a cell read as a block with a line less sure than this is read line by line
BAND_MIN_SHARE = 0.4      # a row of ink under this share of a cell's tallest row is no text line
SHORT_CELL_CHARS = 12     # a cell read with no more characters than this, and less sure than
SHORT_CELL_SURE = 90      # this, is read two ways (a number, a label: one glyph wrong matters)
CELL_PAD = 12             # paper pixels around a cell's crop (tesseract misreads glyphs at the edge)
CELL_MIN_INK = 12         # a cell crop with fewer ink pixels is empty (a speck the clean-up left)
CELL_INK = 0.6            # a cell is read binarised, ink below this share of the paper's grey:
                          # on a crop with little ink, tesseract's own threshold takes faint specks
                          # for ink and reads nothing (a clear "13" came out empty)
TESSDATA_DIRS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                 "/usr/share/tessdata", "/usr/local/share/tessdata")
HAN = re.compile(r"[\u3400-\u9fff]")
YEAR_TAIL = re.compile(r"(?:19|20)\d{2}$")
INSTALL_HINT = ("install Debian's tesseract-ocr-chi-sim (make ocr-deps) and the tesserocr package, "
                "or convert with --ocr off")


@dataclass(frozen=True)
class OcrSettings:
    """How pages are OCRed: ``mode`` auto (pages without usable text), force (every page)
    or off; the render resolution; the clean-up steps; the tesseract language model."""

    mode: str = "auto"
    dpi: int = DEFAULT_DPI
    cleanup: Cleanup = field(default_factory=Cleanup)
    lang: str = DEFAULT_LANG   # "auto" or a tesseract model name ("chi_sim", "chi_tra", "chi_sim+chi_tra")
    tables: bool = True        # find ruled tables in the image and read them cell by cell


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


def installed(lang: str) -> bool:
    """Is tesseract's model ``lang`` installed (and the binding importable)?"""
    path = tessdata_dir()
    return bool(path) and lang in models_in(path)


@functools.lru_cache(maxsize=4)
def models_in(path: str) -> tuple[str, ...]:
    """The models in a tessdata folder, listed once per process (asked once per scanned document)."""
    try:
        import tesserocr
    except ImportError:
        return ()
    return tuple(tesserocr.get_languages(path)[1])


@functools.lru_cache(maxsize=4)
def engine(lang: str = SIMPLIFIED):
    """A tesseract instance for ``lang``, loaded once per process (loading costs ~0.3 s).

    One OpenMP thread: pages run in parallel through ``--jobs``, not inside tesseract."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        import tesserocr
    except ImportError as exc:
        raise PlanparseError("ocr_unavailable", f"the page needs OCR but the tesserocr package is missing; "
                             f"{INSTALL_HINT}") from exc
    path = tessdata_dir()
    found = models_in(path) if path else ()
    missing = [name for name in lang.split("+") if name not in found]
    if missing:
        raise PlanparseError("ocr_unavailable", f"the page needs OCR but tesseract's {'+'.join(missing)} model is not "
                             f"installed{f' in {path}' if path else ''}; {INSTALL_HINT}")
    return tesserocr.PyTessBaseAPI(path=path, lang=lang, psm=PAGE_SEGMENTATION)


def recognise(image, dpi: int, lang: str = SIMPLIFIED, origin: tuple[int, int] = (0, 0),
              psm: int = PAGE_SEGMENTATION, again: bool = True) -> OcrPage:
    """Tesseract's text lines on a clean grey page as char records in PDF points
    (``origin``: where the image's top-left pixel lies on the page, for a cell's crop;
    ``psm``: tesseract's page segmentation, one line for a row of a cell; ``again``:
    unsure and skipped lines read again, as below; a table cell has its own retries,
    :func:`read_cell`).

    Positions come from the *line* boxes, measured from the ink; tesseract's LSTM word
    and symbol boxes are estimates that overlap and would reorder characters. A line's
    width is shared out among its characters in reading order (a half-width character
    gets half a share), with a space record between two words that are not Chinese.
    Lines read unsure (under :data:`LOW_CONFIDENCE`) and lines the page layout skipped
    (:func:`missed_bands`) are read again on their own (:func:`reread`): an unsure line's
    new reading counts when it is surer; a skipped band's when it is sure (at least
    :data:`LOW_CONFIDENCE`), so ink tesseract rightly took for no text stays out."""
    api = engine(lang)
    api.SetPageSegMode(psm)
    api.SetImage(image)
    api.Recognize()
    scale = 72 / dpi
    lines = read_lines(api, scale)
    try:
        rereads = [i for i, ln in enumerate(lines) if ln.words and ln.mean_confidence() < LOW_CONFIDENCE]
        for i in rereads[:MAX_REREADS] if again else []:
            better = reread(api, image, [v / scale for v in lines[i].box], scale)
            if better and better.mean_confidence() > lines[i].mean_confidence():
                lines[i] = better
        for band in missed_bands(image, [[v / scale for v in ln.box] for ln in lines]) if again else []:
            if (found := reread(api, image, list(band), scale)) and found.mean_confidence() >= LOW_CONFIDENCE:
                lines.append(found)
    finally:
        api.SetPageSegMode(PAGE_SEGMENTATION)
        api.Clear()
    kept = sorted((line.trimmed().fitted() for line in lines if line.words), key=lambda ln: ln.box[1])
    every = [c for line in kept for c in line.confidences()]
    caps = pitch_caps([ln.box for ln in kept])
    chars = [line_chars(ln.texts(), ln.box, ln.ink_height(), cap) for ln, cap in zip(kept, caps)]
    if origin != (0, 0):
        for ch in (ch for line in chars for ch in line):
            ch["x0"], ch["x1"] = ch["x0"] + origin[0] * scale, ch["x1"] + origin[0] * scale
            ch["top"], ch["bottom"] = ch["top"] + origin[1] * scale, ch["bottom"] + origin[1] * scale
    return OcrPage(image.width * scale, image.height * scale, chars,
                   sum(every) / len(every) if every else 100.0,
                   [sum(ln.confidences()) / len(ln.confidences()) for ln in kept])


def reread(api, image, box: list[float], scale: float) -> OcrLine | None:
    """One line read again on its own: its box (pixels, padded) cut from the page,
    enlarged :data:`REREAD_ZOOM` times and read as a single line. At 200 dpi the strokes
    of a 16 pt heading are a few pixels apart and the page reading merges them
    (``2.平台运作`` read as ``2天合运作和`` at 10 %); enlarged and alone, the line reads
    at 91–96 %. The line keeps ``box``; its words' boxes come back in page points."""
    from PIL import Image
    from tesserocr import PSM

    x0, top, x1, bottom = box
    pad = max(4.0, (bottom - top) / 4)
    left, upper = max(0, int(x0 - pad)), max(0, int(top - pad))
    crop = image.crop((left, upper, min(image.width, int(x1 + pad)), min(image.height, int(bottom + pad))))
    if crop.width < 4 or crop.height < 4:
        return None
    zoomed = crop.resize((crop.width * REREAD_ZOOM, crop.height * REREAD_ZOOM), Image.Resampling.LANCZOS)
    api.SetPageSegMode(PSM.SINGLE_LINE)
    api.SetImage(zoomed)
    api.Recognize()
    words = [(text, confidence, [(left + wb[0] / REREAD_ZOOM) * scale, (upper + wb[1] / REREAD_ZOOM) * scale,
                                 (left + wb[2] / REREAD_ZOOM) * scale, (upper + wb[3] / REREAD_ZOOM) * scale]
              if wb else None)
             for line in read_lines(api, 1.0) for text, confidence, wb in line.words]
    return OcrLine([v * scale for v in box], words) if words else None


def read_lines(api, scale: float) -> list[OcrLine]:
    """The text lines of tesseract's last recognition, boxes in PDF points."""
    from tesserocr import RIL, iterate_level

    lines: list[OcrLine] = []
    for word in iterate_level(api.GetIterator(), RIL.WORD):
        try:
            text = (word.GetUTF8Text(RIL.WORD) or "").strip()
        except RuntimeError:    # tesseract's answer for a page without any text
            break
        if word.IsAtBeginningOf(RIL.TEXTLINE) or not lines:
            box = word.BoundingBox(RIL.TEXTLINE)
            lines.append(OcrLine([v * scale for v in box] if box else [0.0, 0.0, 0.0, 0.0]))
        if text:
            box = word.BoundingBox(RIL.WORD)
            lines[-1].words.append((text, word.Confidence(RIL.WORD), [v * scale for v in box] if box else None))
    return lines


def missed_bands(image, boxes: list[list[float]]) -> list[tuple[int, int, int, int]]:
    """Pixel boxes ``(left, top, right, bottom)`` of ink rows no line of ``boxes`` (pixel
    ``[x0, top, x1, bottom]``) covers and as tall as one line: tesseract's page layout
    now and then skips a short line between two long ones (a heading such as
    ``六、操作实施流程``, the end of a wrapped 主送 line ``管局：``). A band of rows
    holding ink (:data:`INK_LEVEL`, more than :data:`ROW_INK` pixels) is one line when
    its height is within :data:`BAND_LINE` of the page's median line height; taller
    bands (a table, a 版头 beside a big 文件) and shorter ones (rules, specks) are left.

    >>> from PIL import Image, ImageDraw
    >>> page = Image.new("L", (400, 300), 255); draw = ImageDraw.Draw(page)
    >>> for top in (20, 60, 100):
    ...     draw.rectangle((30, top, 370 if top != 60 else 120, top + 20), fill=0)
    >>> missed_bands(page, [[30, 20, 370, 41], [30, 100, 370, 121]])
    [(25, 55, 126, 86)]
    """
    import numpy as np

    heights = sorted(b[3] - b[1] for b in boxes if b[3] > b[1])
    if not heights:
        return []
    line = heights[len(heights) // 2]
    ink = np.asarray(image) < INK_LEVEL
    rows = ink.sum(axis=1) > ROW_INK
    edges = np.flatnonzero(np.diff(np.concatenate(([0], rows.astype(np.int8), [0]))))
    found = []
    for top, bottom in zip(edges[::2], edges[1::2]):
        height = bottom - top
        if not BAND_LINE[0] * line <= height <= BAND_LINE[1] * line:
            continue
        if any(min(bottom, b[3]) - max(top, b[1]) > 0.5 * height for b in boxes):
            continue
        top, bottom = int(top), int(bottom)
        columns = np.flatnonzero(ink[top:bottom].any(axis=0))
        pad = max(2, (bottom - top) // 4)
        found.append((max(0, int(columns[0]) - pad), max(0, top - pad),
                      min(ink.shape[1], int(columns[-1]) + 1 + pad), min(ink.shape[0], bottom + pad)))
    return found


@dataclass
class OcrLine:
    """One tesseract text line: its box (PDF points) and its words as ``(text, confidence, box)``."""

    box: list[float]
    words: list[tuple[str, float, list[float] | None]] = field(default_factory=list)

    def mean_confidence(self) -> float:
        confidences = self.confidences()
        return sum(confidences) / len(confidences) if confidences else 0.0

    def texts(self) -> list[str]:
        return [text for text, _, _ in self.words]

    def confidences(self) -> list[float]:
        """One confidence per character (a word's for each of its characters)."""
        return [confidence for text, confidence, _ in self.words for _ in text]

    def ink_height(self) -> float | None:
        """The median box height of the line's sure words with Han: a speck, a seal's
        rest or a stray mark read beside the line (``计人金额为准。Re``) makes the line's
        box tall, never its characters. None without such words.

        >>> OcrLine([0, 0, 90, 30], [("计人", 90, [0, 14, 30, 29]), ("金额", 91, [30, 15, 60, 30]),
        ...                          ("Re", 40, [60, 0, 90, 30])]).ink_height()
        15
        """
        heights = sorted(box[3] - box[1] for text, confidence, box in self.words
                         if box and confidence >= NOISE_CONFIDENCE and HAN.search(text))
        return heights[len(heights) // 2] if heights else None

    def fitted(self) -> OcrLine:
        """The line with its box narrowed to its words: ink tesseract took into the line
        but read no text from (a speck far right of a short heading) would make the
        heading reach the margin, and the layout would join it to the next line.

        >>> OcrLine([115, 390, 557, 421], [("4.", 93, [115, 390, 129, 421]), ("调整", 18, [234, 390, 257, 421])]).fitted().box
        [115, 390, 257, 421]
        """
        boxes = [box for _, _, box in self.words if box]
        if not boxes:
            return self
        x0, top, x1, bottom = self.box
        return OcrLine([max(x0, min(b[0] for b in boxes)), top, min(x1, max(b[2] for b in boxes)), bottom], self.words)

    def trimmed(self) -> OcrLine:
        """The line without the unsure runs at its ends (words under :data:`NOISE_CONFIDENCE`,
        without Han and :data:`NOISE_RUN` long: ``“寧夏`` read unsure is still a place name,
        ``(`` still a bracket), when sure words of two characters or more remain: a date beside a row of smudged glyphs or seal ink
        (``2025年3月28日`` + ``???22???`` read at 6 %) is a date line, not noise; a run
        that ends in a year before 年 keeps the year. The box ends where the last kept
        word's box ends.

        >>> line = OcrLine([0, 0, 100, 10], [("2025", 92, [0, 0, 10, 10]), ("年", 93, [10, 0, 15, 10]),
        ...                                   ("??22???22", 6, [15, 0, 100, 10])])
        >>> (line.trimmed().texts(), line.trimmed().box)
        (['2025', '年'], [0, 0, 15, 10])
        >>> OcrLine([0, 0, 100, 10], [("?2?2277722222023", 5, [0, 0, 60, 10]), ("年9月1", 93, [60, 0, 100, 10])]).trimmed().texts()
        ['2023', '年9月1']
        """
        sure = [i for i, (text, confidence, _) in enumerate(self.words)
                if confidence >= NOISE_CONFIDENCE or HAN.search(text) or len(text) < NOISE_RUN]
        if not sure or (sure[0] == 0 and sure[-1] == len(self.words) - 1):
            return self
        words = self.words[sure[0]:sure[-1] + 1]
        if sum(len(text) for text, _, _ in words) < 2:
            return self                    # one glyph among noise is noise too
        if sure[0] and words[0][0].startswith("年") and (year := YEAR_TAIL.search(self.words[sure[0] - 1][0])):
            words.insert(0, (year[0], self.words[sure[0] - 1][1], year_box(words[0])))  # ???2222023 + 年
        x0, top, x1, bottom = self.box
        first, last = words[0][2], words[-1][2]
        return OcrLine([first[0] if first and sure[0] else x0, top, last[2] if last and sure[-1] < len(self.words) - 1 else x1,
                        bottom], words)


def year_box(word: tuple[str, float, list[float] | None]) -> list[float] | None:
    """Where four digits stand before a word opening with 年: two ems (from its Han's ink
    height, :data:`HAN_INK_EM`) to its left."""
    _, _, box = word
    if not box:
        return None
    em = (box[3] - box[1]) / HAN_INK_EM
    return [box[0] - 2 * em, box[1], box[0], box[3]]


def pitch_caps(boxes: list[list[float]]) -> list[float | None]:
    """The largest type size each line's neighbours leave room for: lines set in type of
    size S stand at least :data:`MIN_LEADING` × S apart, so a box made tall by a speck
    or a neighbour's descenders (a tight list: ``2.2.1穴播机`` read as 17.5 pt between
    lines 15 pt apart) cannot make its line larger than that. ``boxes`` sorted by top;
    a line without a neighbour above or below it in the same column has no cap (None).

    >>> pitch_caps([[0, 0, 100, 16], [0, 15, 60, 31], [0, 30, 100, 41], [0, 100, 100, 130], [200, 0, 300, 20]])
    [12.5, 12.5, 12.5, 58.3, None]
    """
    caps: list[float | None] = []
    for i, (x0, top, x1, bottom) in enumerate(boxes):
        height = bottom - top
        gaps = [abs(b[1] - top) for j, b in enumerate(boxes) if j != i and min(x1, b[2]) > max(x0, b[0])
                and abs(b[1] - top) > 0.3 * height]
        pitch = min(gaps, default=None)
        caps.append(round(pitch / MIN_LEADING, 1) if pitch else None)
    return caps


def line_chars(words: list[str], box: list[float], ink: float | None = None, cap: float | None = None) -> list[dict]:
    """Char records for one OCR line: the line box shared out by character width, a
    space between two non-CJK words, every char with the line's size estimate (its box
    height, at most :data:`LINE_INK_RATIO` times ``ink``, the height of its Han words,
    when known: :meth:`OcrLine.ink_height`; never over ``cap``: :func:`pitch_caps`).

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
    height = min(bottom - top, LINE_INK_RATIO * ink) if ink else bottom - top
    size = min(line_size(text, height), round(unit, 1)) if sum(shares) >= 2 else line_size(text, height)
    size = min(size, cap) if cap else size
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


def ocr_page(document, index: int, settings: OcrSettings, model: ModelChoice | None = None) -> OcrPage:
    """Render, clean and read one page (the image is released before the next page);
    ``model`` carries the document's script choice from page to page. Ruled tables
    (:func:`.rules.find_tables`) are read cell by cell (:func:`read_cells`) on a copy with
    their rules erased, and blanked on the page, whose own reading sees only the text
    around them. Why cells: a page-wide line of tesseract runs across cells, and its
    characters' positions are shares of the line box, too coarse to tell cells apart."""
    model = model or ModelChoice(settings.lang)
    image = render_page(document, index, settings)
    try:
        grids = find_tables(image, settings.dpi) if settings.tables else []
        if not grids:
            return model.read(image, settings.dpi)
        paper = paper_grey(image)
        cells = without_rules(image, grids, paper)
        try:
            blank_tables(image, grids, settings.dpi, paper)
            page = model.read(image, settings.dpi)
            lang = model.lang or SIMPLIFIED
            page.tables = [read_cells(cells, grid, settings.dpi, lang, paper) for grid in grids]
        finally:
            cells.close()
        every = [(c, len(line)) for line, c in page.every_line()]
        chars = sum(n for _, n in every)
        page.confidence = sum(c * n for c, n in every) / chars if chars else 100.0
        return page
    finally:
        image.close()


def without_rules(image, grids: list[RuledTable], paper: int):
    """A copy of the page with the tables' rules erased (tesseract reads them as | and 丨)."""
    from PIL import ImageDraw

    copy = image.copy()
    draw = ImageDraw.Draw(copy)
    for grid in grids:
        for box in grid.rule_boxes:
            draw.rectangle((box[0], box[1], box[2] - 1, box[3] - 1), fill=paper)
    return copy


def blank_tables(image, grids: list[RuledTable], dpi: int, paper: int) -> None:
    """The tables' areas turned to paper on the page image."""
    from PIL import ImageDraw

    draw = ImageDraw.Draw(image)
    px = dpi / 72
    for grid in grids:
        x0, top, x1, bottom = grid.bbox
        draw.rectangle((int(x0 * px) - 2, int(top * px) - 2, int(x1 * px) + 2, int(bottom * px) + 2), fill=paper)


def read_cells(image, grid: RuledTable, dpi: int, lang: str, paper: int) -> OcrTable:
    """Text lines of each cell of ``grid`` that holds ink, read on the cell's crop by
    tesseract's model ``lang``."""
    px = dpi / 72
    lines: list[list[dict]] = []
    confidences: list[float] = []
    for cell in grid.table.cells:
        box = (int(cell[0] * px), int(cell[1] * px), int(cell[2] * px) + 1, int(cell[3] * px) + 1)
        pixels = np.asarray(image.crop(box))
        ink = pixels < CELL_INK * paper
        if int(ink.sum()) < CELL_MIN_INK:
            continue
        read = read_cell(pixels, ink, (box[0], box[1]), dpi, lang)
        lines.extend(spaced_number(line, ink, (box[0], box[1]), px) for line in read.lines)
        confidences.extend(read.line_confidence)
    return OcrTable(grid, lines, confidences)


def read_cell(pixels, ink, origin: tuple[int, int], dpi: int, lang: str) -> OcrPage:
    """One cell's text, read on its crop in up to three ways until one reads every row of
    ink (:func:`bands`) with :data:`CELL_RETRY_CONFIDENCE` or more: as a block with faint
    pixels cleared (:func:`cell_ink`), as a block as scanned, then row by row; a short
    cell (a number, a label: :data:`SHORT_CELL_CHARS`) read under :data:`SHORT_CELL_SURE`
    is read the first two ways.
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
            return recognise(image, dpi, lang, (origin[0] - CELL_PAD, origin[1] + (rows_at.start or 0) - CELL_PAD), psm,
                             again=False)
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
        unsure_short = (len(tried) == 1 and sum(map(len, lines)) <= SHORT_CELL_CHARS
                        and min(confidences, default=0) < SHORT_CELL_SURE)
        if lines and min(confidences) >= CELL_RETRY_CONFIDENCE and len(lines) >= len(rows) and not unsure_short:
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


class ModelChoice:
    """Which tesseract model reads a document: one choice per document, made on its
    first page with :data:`SCRIPT_SAMPLE` Han characters. ``chi_sim`` misreads
    traditional script (寧政辦發 → 容政办发, 嚴格 → 天格: 0.89–0.94 of the characters
    right on corpora 002, against 0.93–0.97 with ``chi_tra``), and each model reads
    every page in its own script, so the characters cannot tell; how sure each model
    is can. That page is read by both (one extra page per scanned document); when
    ``chi_tra`` is within :data:`SCRIPT_MARGIN` of ``chi_sim``'s confidence (or surer),
    the document is traditional. Without ``chi_tra`` installed, ``chi_sim`` reads all.
    An explicit model name (not ``auto``) is used as given."""

    def __init__(self, lang: str = DEFAULT_LANG):
        self.lang: str | None = None if lang == "auto" else lang

    def read(self, image, dpi: int) -> OcrPage:
        if self.lang:
            return recognise(image, dpi, self.lang)
        simplified = recognise(image, dpi, SIMPLIFIED)
        if han_count(simplified) < SCRIPT_SAMPLE:
            return simplified              # too little text to tell: the next page decides
        if not installed(TRADITIONAL):
            self.lang = SIMPLIFIED
            return simplified
        traditional = recognise(image, dpi, TRADITIONAL)
        self.lang = TRADITIONAL if is_traditional(simplified, traditional) else SIMPLIFIED
        return traditional if self.lang == TRADITIONAL else simplified


def is_traditional(simplified: OcrPage, traditional: OcrPage) -> bool:
    """Does the traditional model read this page about as surely as the simplified one
    (lines under :data:`NOISE_CONFIDENCE` left out: specks and seals say nothing of script)?

    >>> page = lambda confidence: OcrPage(595, 842, [[{"text": "法"}]], confidence, [confidence])
    >>> is_traditional(page(89.4), page(84.8)), is_traditional(page(76.6), page(79.2))
    (False, True)
    """
    return traditional.kept_confidence(NOISE_CONFIDENCE) + SCRIPT_MARGIN >= simplified.kept_confidence(NOISE_CONFIDENCE)


def han_count(page: OcrPage) -> int:
    """Han characters OCR read on ``page``."""
    return sum(bool(HAN.match(ch["text"])) for line in page.lines for ch in line)


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
