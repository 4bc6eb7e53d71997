"""PDF input: pdfplumber chars → lines with page, font and position, page furniture removed.

Why not ``page.extract_text()``: on 公文 PDFs it keeps every ``— N —`` page number, joins no
layout line break and puts gap-spaces into justified Han runs. Here each page's chars are
read once, grouped into visual lines, and then three document-level passes run:

1. furniture: page numbers and running headers/footers go, judged by pattern *and*
   position (outside the GB/T 9704 text block prior, or set apart by a gap) *and*
   repetition (numbers that follow the page sequence, text repeated on many pages) —
   never by a fixed margin, which would eat a title printed high on a page;
2. joins: a line that reaches the right edge of the text block — or, in ragged-right
   text, leaves less room than the next line's first unit — continues on the next line
   (also across a page break) unless it ends a sentence;
3. tables: pdfplumber's ruled tables (only on pages that draw lines) become
   :class:`Table` objects and one tab-joined line per row at the table's position.

Pages without a usable text layer (scans) are OCRed (:mod:`.ocr`, ``--ocr auto``) into the
same :class:`RawLine` objects before these passes, so the passes do not know the difference.
"""
from __future__ import annotations

import io
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

from ..data import page_number_of, unit_labels
from ..messages import warning_text
from ..model import Line, PlanparseError, SourceText, Table, Warn
from ..segment.tables import line_start_marker
from .ocr import (
    LOW_CONFIDENCE,
    NOISE_CONFIDENCE,
    ModelChoice,
    OcrSettings,
    ocr_page,
    readable,
    snap_sizes,
)

MM = 72 / 25.4
A4_W, A4_H = 210 * MM, 297 * MM
# GB/T 9704-2012 text block: 156 × 225 mm, 37 mm from the top, 28 mm from the left.
GBT_LEFT, GBT_TOP, GBT_W, GBT_H = 28 * MM, 37 * MM, 156 * MM, 225 * MM

SENTENCE_END = set("。！？；!?;…")
# After a sentence end, a line at the left edge starting like this may open a new block:
# outline markers (一、 （一） 1. （1） ①; see markers_indented) and the labels that
# follow a task paragraph (always).
OUTLINE_START = re.compile(f"^(?:{line_start_marker()})")  # segment/tables.py: one marker table
LABEL_START = re.compile("^(?:" + "|".join(map(re.escape, unit_labels())) + "|附件)")  # data/extract_units.json
CLOSERS = set("”’」』）)》〉】]\"'")
# Kinsoku: what may not start a line (it is pulled back with the char before) and what may
# not end one (it is pushed on with the char after); the units a line breaks between.
NO_LINE_START = set("，。、；：？！）》」』”’〉〕】,.;:?!)]%")
NO_LINE_END = set("（《「『“‘〈〔【([")
MAX_LEAD_UNIT = 4                   # a first unit wider than this many ems is not evidence
CID_RE = re.compile(r"^\(cid:\d+\)$")
BOLD_FONT = re.compile(r"bold|black|heavy|simhei|heiti|黑", re.I)   # 黑体 headings print bold
LATIN1_RUN = re.compile(r"[\u0080-\u00ff]{3,}")
BAD_CHAR = "\ufffd"
FURNITURE_EDGE_LINES = 2            # furniture is among the first/last lines of a page
RUNNING_MIN_SHARE = 0.3             # a running header/footer repeats on ≥ 30 % of pages
UNUSABLE_SHARE = 0.5                # more unusable chars than this → no usable text layer
OCR_MIN_CHARS = 20                  # fewer usable chars than this on a page mostly covered by
OCR_IMAGE_SHARE = 0.3               # an image (≥ 30 % of its area): a scan (a scanner app's stamp
                                    # such as 扫描全能王 创建 is all the text it has)
CELL_NOISE_CONFIDENCE = 30          # a table cell's line read less sure than this is a rule's stub or a speck


def is_cjk(ch: str) -> bool:
    """Han, CJK punctuation and full-width forms: no space ever goes between two of them."""
    o = ord(ch)
    return (0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF
            or 0x20000 <= o <= 0x3FFFF or ch in "“”‘’—…·")


@dataclass
class RawLine:
    """A visual line of one page before the document passes."""

    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str
    bold: bool
    trailing_space: bool = False
    table_row: bool = False
    ocr: bool = False           # read by OCR from the page image
    lead_width: float = 0.0     # width of the first unit the line could not break inside
    table: Table | None = None  # the table a row line belongs to, and its row index there
    row: int = -1


@dataclass
class PageLines:
    number: int
    width: float
    height: float
    lines: list[RawLine] = field(default_factory=list)
    chars: int = 0          # printed, non-space chars
    unusable: int = 0       # (cid:N), U+FFFD, Latin-1-looking runs
    unmapped: int = 0       # of which (cid:N)/U+FFFD: glyphs whose font has no Unicode mapping
    graphics: int = 0       # images and curves: what a page without a text layer still shows
    image_share: float = 0.0  # share of the page area covered by images
    ocr: bool = False       # lines read by OCR from the page image


# ---------------------------------------------------------------- opening
def open_pdf(data: bytes):
    """pdfplumber's PDF, with pdfminer's failures turned into messages an analyst can act on."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfplumber wraps pdfminer errors in PdfminerException
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise PlanparseError("encrypted_pdf", "PDF is encrypted (password protected); "
                                 "save an unprotected copy and parse that") from exc
        raise PlanparseError("corrupt_pdf", f"PDF is damaged or truncated ({type(cause).__name__}: {cause}); "
                             "re-download or repair it") from exc


def read_pdf(path: Path | str, data: bytes, sha: str, *, max_pages: int | None,
             ocr: OcrSettings | None = None) -> SourceText:
    """Read a PDF into lines with their origin (scanned pages through OCR as ``ocr``
    says); raises :class:`PlanparseError` on unusable files."""
    ocr = ocr or OcrSettings()
    pdf = open_pdf(data)
    with pdf:
        try:
            count = len(pdf.pages)
        except Exception as exc:
            raise PlanparseError("corrupt_pdf", f"PDF page tree cannot be read ({exc}); re-download or repair it") from exc
        if count == 0:
            raise PlanparseError("corrupt_pdf", "PDF has no pages; re-download or repair it")
        if max_pages is not None and count > max_pages:
            raise PlanparseError("too_many_pages", f"PDF has {count} pages, more than the limit of {max_pages}")
        scanner = PageScanner(data, ocr)
        try:
            pages, tables, skipped = read_pages(pdf, scanner)
        finally:
            scanner.close()
    if not pages:
        raise PlanparseError("corrupt_pdf", f"no page can be read (page 1: {skipped[0][1]}); "
                             "the PDF is damaged, re-download or repair it")
    warnings = [Warn("unreadable_page", warning_text("unreadable_page", page=number, reason=reason), page=number)
                for number, reason in skipped]
    warnings += check_text_layer(pages)
    warnings += scanner.warnings
    repairs: Counter = Counter()
    if scanner.pages:
        snap_ocr_sizes(pages)
        repairs["ocr"] = sum(len(p.lines) for p in pages if p.ocr)
        repairs["ocr_noise"] = scanner.noise
        repairs["ocr_table_row"] = scanner.table_rows
        for kind in ("ocr_noise", "ocr_table_row"):
            if not repairs[kind]:
                del repairs[kind]
    geometry = Geometry.estimate(pages)
    remove_furniture(pages, geometry, repairs)
    drop_repeated_headers(pages, repairs)
    lines = join_lines([ln for p in pages for ln in p.lines], geometry, repairs)
    return SourceText(
        name=Path(path).name, sha256=sha, format="pdf", lines=lines, pages=count, encoding=None,
        tables=tables, repairs=repairs, warnings=warnings, pages_ocr=scanner.pages,
    )


class PageScanner:
    """Decides which pages need OCR and reads them; opens the pypdfium2 copy of the PDF
    only when a page needs it. ``pages`` lists the OCRed page numbers, ``warnings``
    their low-confidence warnings, ``noise`` counts the short unsure lines dropped."""

    def __init__(self, data: bytes, settings: OcrSettings):
        self.data, self.settings = data, settings
        self.document = None
        self.pages: list[int] = []
        self.warnings: list[Warn] = []
        self.noise = 0      # short low-confidence OCR lines dropped
        self.table_rows = 0  # OCR lines read as rows of a ruled table
        self.model = ModelChoice(settings.lang)  # the document's tesseract model, chosen on its first page

    def wants(self, page: PageLines) -> bool:
        """``force``: every page; ``auto``: pages without usable text (:func:`needs_ocr`)."""
        if self.settings.mode == "off":
            return False
        return self.settings.mode == "force" or needs_ocr(page)

    def read(self, page: PageLines) -> tuple[PageLines, list[Table]]:
        """The page's lines as OCR reads them from its rendering, and its ruled tables
        (one tab-joined row line each, as :func:`table_lines` makes them on text pages)."""
        import pypdfium2

        if self.document is None:
            self.document = pypdfium2.PdfDocument(self.data)
        scanned = ocr_page(self.document, page.number - 1, self.settings, self.model)
        result = PageLines(page.number, page.width, page.height, graphics=page.graphics,
                           image_share=page.image_share, ocr=True)
        self.pages.append(page.number)
        if not readable(scanned):
            self.warnings.append(Warn("ocr_no_text", warning_text("ocr_no_text", page=page.number,
                                      confidence=f"{scanned.confidence:.0f}"), page=page.number))
            return result, []
        lines: list[RawLine] = []
        tables: list[Table] = []
        for found in scanned.tables:
            chars = [ch for line, confidence in zip(found.lines, found.line_confidence)
                     if confidence >= CELL_NOISE_CONFIDENCE for ch in line]
            rows = table_lines(found.grid.table, chars, page.number, result, tables)
            for row in rows:
                row.ocr = True
            self.table_rows += len(rows)
            lines.extend(rows)
        for chars, confidence in zip(scanned.lines, scanned.line_confidence):
            if confidence < NOISE_CONFIDENCE:
                self.noise += 1      # specks, a seal's ink, a picture read as letters
                continue
            lines.append(build_line(chars, page.number, result))
            lines[-1].ocr = True
            if cells := ruled_cells(lines[-1].text):
                lines[-1].text, lines[-1].table_row = "\t".join(cells), True
                self.table_rows += 1
        result.lines = sorted((ln for ln in lines if ln.text), key=lambda ln: (ln.top, ln.x0))
        if not result.lines:
            self.warnings.append(Warn("ocr_no_text", warning_text("ocr_no_text", page=page.number,
                                      confidence=f"{scanned.confidence:.0f}"), page=page.number))
        elif scanned.kept_confidence(NOISE_CONFIDENCE) < LOW_CONFIDENCE:
            self.warnings.append(Warn("ocr_low_confidence", warning_text(
                "ocr_low_confidence", page=page.number, confidence=f"{scanned.kept_confidence(NOISE_CONFIDENCE):.0f}"),
                page=page.number))
        return result, tables

    def close(self) -> None:
        if self.document is not None:
            self.document.close()


RULE_BAR = re.compile(r"\s*[|│┃｜]+\s*")


def ruled_cells(text: str) -> list[str] | None:
    """The cells of an OCR line that crosses a ruled table: tesseract reads the cell
    borders as bars, which Chinese prose never prints. At least two cells between bars
    make a row (its cells tab-joined, as text tables are); else None.

    >>> ruled_cells("| 13 |加强信用监管 | 市发展改革委 |")
    ['13', '加强信用监管', '市发展改革委']
    >>> ruled_cells("|推进法治政府建设") is None
    True
    """
    cells = [c for c in RULE_BAR.split(text) if c.strip()]
    inner_bars = len(RULE_BAR.findall(text.strip(" |│┃｜")))
    return [c.strip() for c in cells] if len(cells) >= 2 and inner_bars >= 1 else None


def needs_ocr(page: PageLines) -> bool:
    """A page without a usable text layer that still shows something: no usable chars but
    graphics, mostly unusable chars ((cid:N) fonts), or a few chars on a page that is
    mostly an image (a scan with a scanner app's stamp).

    >>> needs_ocr(PageLines(1, 595, 842, chars=7, graphics=2, image_share=0.95))
    True
    >>> needs_ocr(PageLines(1, 595, 842, chars=700, graphics=2, image_share=0.95))
    False
    >>> needs_ocr(PageLines(1, 595, 842))   # a blank page
    False
    """
    usable = page.chars - page.unusable
    if usable <= 0:
        return bool(page.graphics or page.chars)
    if page.unusable > UNUSABLE_SHARE * page.chars:
        return True
    return usable < OCR_MIN_CHARS and page.image_share >= OCR_IMAGE_SHARE


def snap_ocr_sizes(pages: list[PageLines]) -> None:
    """Give OCRed lines the sizes a text layer would (:func:`.ocr.snap_sizes`), anchored on
    the text pages' body size in a mixed PDF."""
    text_sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            if not page.ocr and not line.table_row:
                text_sizes[line.size] += len(line.text)
    body = text_sizes.most_common(1)[0][0] if text_sizes else None
    ocr_lines = [ln for p in pages if p.ocr for ln in p.lines]
    mapping = snap_sizes([(ln.size, len(ln.text)) for ln in ocr_lines], body)
    for line in ocr_lines:
        line.size = mapping.get(line.size, line.size)


def read_pages(pdf, scanner: PageScanner | None = None) -> tuple[list[PageLines], list[Table], list[tuple[int, str]]]:
    """Every readable page (scans through ``scanner``'s OCR), its tables, and
    ``(page, reason)`` for each page pdfminer cannot parse (a damaged content stream
    costs that page, not the file)."""
    pages: list[PageLines] = []
    tables: list[Table] = []
    skipped: list[tuple[int, str]] = []
    for number, page in enumerate(pdf.pages, 1):
        page_tables: list[Table] = []
        try:
            read = read_page(page, number, page_tables)
            if scanner is not None and scanner.wants(read):
                read, page_tables = scanner.read(read)
            pages.append(read)
            tables.extend(page_tables)
        except PlanparseError:
            raise
        except Exception as exc:
            cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
            skipped.append((number, f"{type(cause).__name__}: {cause}"))
        finally:
            page.close()  # pdfplumber #1339: PDF.close() alone keeps used pages cached
    return pages, tables, skipped


# ---------------------------------------------------------------- one page
def read_page(page, number: int, tables: list[Table]) -> PageLines:
    """Chars of one page → visual lines (tables as tab-joined rows), read once."""
    result = PageLines(number, float(page.width), float(page.height))
    objects = page.objects
    chars = objects.get("char", [])
    result.graphics = len(objects.get("image", [])) + len(objects.get("curve", []))
    result.image_share = image_share(objects.get("image", []), result.width, result.height)
    found = find_tables(page) if (objects.get("line") or objects.get("rect")) else []
    boxes = [t.bbox for t in found]
    body: list[dict] = []
    in_tables: list[list[dict]] = [[] for _ in found]
    for ch in chars:
        cx, cy = anchor(ch)
        for i, (x0, top, x1, bottom) in enumerate(boxes):
            if x0 <= cx <= x1 and top <= cy <= bottom:
                in_tables[i].append(ch)
                break
        else:
            body.append(ch)
    lines = [build_line(group, number, result) for group in group_lines(body)]
    for table, table_chars in zip(found, in_tables):
        lines.extend(table_lines(table, table_chars, number, result, tables))
    result.lines = sorted((ln for ln in lines if ln.text), key=lambda ln: (ln.top, ln.x0))
    return result


def image_share(images: list[dict], width: float, height: float) -> float:
    """Share of the page covered by its largest image (a scan is one page-sized image).

    >>> image_share([{"x0": 0, "x1": 595, "top": 0, "bottom": 842}], 595, 842)
    1.0
    """
    areas = [(min(im["x1"], width) - max(im["x0"], 0)) * (min(im["bottom"], height) - max(im["top"], 0))
             for im in images]
    return max([a for a in areas if a > 0], default=0.0) / (width * height) if width and height else 0.0


def anchor(ch: dict) -> tuple[float, float]:
    """The point that places a char in a table cell: just inside its left edge, because
    punctuation hanging over a cell's right border still belongs to that cell."""
    return ch["x0"] + min(1.0, (ch["x1"] - ch["x0"]) / 4), (ch["top"] + ch["bottom"]) / 2


def find_tables(page) -> list:
    """Ruled tables with at least two cells (a single box around text is not a table).
    Rectangles that draw nothing — filled white, not stroked, as word processors lay
    behind every paragraph — are no rules."""
    return [t for t in page.filter(is_drawn).find_tables() if len(t.cells) >= 2]


def is_drawn(obj: dict) -> bool:
    """False for an invisible rectangle (no stroke, white or no fill)."""
    if obj.get("object_type") != "rect" or obj.get("stroke"):
        return True
    return bool(obj.get("fill")) and not is_white(obj.get("non_stroking_color"))


def is_white(color) -> bool:
    """A fill colour that is white in gray, RGB or CMYK.

    >>> is_white((1.0, 1.0, 1.0)), is_white([1]), is_white((0, 0, 0, 0)), is_white((0.2, 0.2, 0.2))
    (True, True, True, False)
    """
    if color is None:
        return True
    values = list(color) if isinstance(color, (list, tuple)) else [color]
    if len(values) == 4:
        return all(v == 0 for v in values)
    return all(isinstance(v, (int, float)) and v >= 0.99 for v in values)


def group_lines(chars: list[dict]) -> list[list[dict]]:
    """Chars → visual lines: a char joins the line it overlaps vertically by half its height."""
    lines: list[list[dict]] = []
    top = bottom = 0.0  # the open line's extent; read only once a line exists
    for ch in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        height = max(ch["bottom"] - ch["top"], 0.1)
        if lines and min(bottom, ch["bottom"]) - max(top, ch["top"]) >= 0.5 * min(height, bottom - top):
            lines[-1].append(ch)
            bottom = max(bottom, ch["bottom"])
        else:
            lines.append([ch])
            top, bottom = ch["top"], ch["bottom"]
    return lines


def dedupe(chars: list[dict]) -> tuple[list[dict], int]:
    """Drop fake-bold copies (same glyph printed again ≤ 1 pt away), as ``dedupe_chars`` does;
    done here, in the sorted line, to know which lines were bold."""
    kept: list[dict] = []
    doubled = 0
    for ch in chars:
        if any(k["text"] == ch["text"] and abs(k["x0"] - ch["x0"]) <= 1 and abs(k["top"] - ch["top"]) <= 1
               and k["fontname"] == ch["fontname"] for k in kept[-2:]):
            doubled += 1
            continue
        kept.append(ch)
    return kept, doubled


def build_line(chars: list[dict], number: int, page: PageLines) -> RawLine:
    """Text of one visual line. A printed space is kept unless it sits between two CJK
    chars; a gap without a space glyph counts as a space only between two non-CJK chars
    (justified and grid-set Han lines have wide gaps that are no spaces)."""
    chars, doubled = dedupe(sorted(chars, key=lambda c: c["x0"]))
    space_gap = letter_gap(chars) + 0.3 * max((c["size"] for c in chars), default=0.0)
    out: list[str] = []
    pending_space = False
    prev = first = None
    printed = 0
    for ch in chars:
        text = ch["text"]
        if not text.strip():
            pending_space = prev is not None
            continue
        if CID_RE.match(text):
            text = BAD_CHAR
        if prev is not None and out:
            left_cjk, right_cjk = is_cjk(out[-1][-1]), is_cjk(text[0])
            printed_space = pending_space and not (left_cjk and right_cjk)
            gap_space = ch["x0"] - prev["x1"] > space_gap and not (left_cjk or right_cjk)
            if printed_space or gap_space:
                out.append(" ")
        out.append(text)
        printed += 1
        first = first or ch
        prev, pending_space = ch, False
    text = "".join(out)
    page.chars += printed
    page.unmapped += text.count(BAD_CHAR)
    page.unusable += text.count(BAD_CHAR) + sum(len(m.group()) for m in LATIN1_RUN.finditer(text))
    sizes = Counter(round(c["size"], 1) for c in chars if c["text"].strip())
    fonts = Counter(c["fontname"] for c in chars if c["text"].strip())
    font = fonts.most_common(1)[0][0] if fonts else ""
    return RawLine(
        text=text, page=number, x0=(first or chars[0])["x0"], x1=(prev or chars[-1])["x1"],
        top=min(c["top"] for c in chars), bottom=max(c["bottom"] for c in chars),
        size=sizes.most_common(1)[0][0] if sizes else 0.0, font=font,
        bold=doubled >= max(1, printed // 2) or bool(BOLD_FONT.search(font)),
        trailing_space=pending_space, lead_width=lead_width([c for c in chars if c["text"].strip()]),
    )


def is_word_char(text: str) -> bool:
    """Latin letters and digits (tone-marked pinyin too): a line breaks around a word, not in it."""
    return bool(text) and text[0].isalnum() and ord(text[0]) < 0x2E80


def lead_width(chars: list[dict]) -> float:
    """Width of a line's first unbreakable unit: opening brackets, then one Han char or a
    whole Latin word, then the closing punctuation that may not start a line (kinsoku).
    If the previous line had room for it, that line's break was not a layout break.

    Why: ragged-right lines (not justified) end short of the right edge by up to this
    width, so "reaches the right edge" is "the next line's first unit did not fit"."""
    i = 0
    while i < len(chars) - 1 and chars[i]["text"] in NO_LINE_END:
        i += 1
    if i < len(chars) and is_word_char(chars[i]["text"]):
        while i + 1 < len(chars) and is_word_char(chars[i + 1]["text"]):
            i += 1
    while i + 1 < len(chars) and chars[i + 1]["text"] in NO_LINE_START:
        i += 1
    return chars[i]["x1"] - chars[0]["x0"] if chars else 0.0


def letter_gap(chars: list[dict]) -> float:
    """The line's usual gap between two Han glyphs, which is never a word space: 0 in
    plain type, wider when the line is letter-spaced or justified. A word space between
    Latin glyphs is a gap clearly wider than this, not a fixed 0.3 em."""
    gaps = sorted(b["x0"] - a["x1"] for a, b in itertools.pairwise(chars)
                  if is_cjk(a["text"][:1] or " ") and is_cjk(b["text"][:1] or " "))
    return max(0.0, gaps[len(gaps) // 2]) if gaps else 0.0


def table_lines(table, chars: list[dict], number: int, page: PageLines, tables: list[Table]) -> list[RawLine]:
    """One tab-joined line per table row; the :class:`Table` keeps the cell grid."""
    rows = table.rows
    cell_chars: dict[tuple, list[dict]] = {}
    cells = [c for r in rows for c in r.cells if c is not None]
    for ch in chars:
        cx, cy = anchor(ch)
        for cell in cells:
            if cell[0] <= cx <= cell[2] and cell[1] <= cy <= cell[3]:
                cell_chars.setdefault(cell, []).append(ch)
                break
    cell_text = {cell: cell_string(cell_chars.get(cell, []), number, page) for cell in cells}
    grid: list[list[str | None]] = []
    out: list[RawLine] = []
    found = Table(page=number, rows=grid, bbox=tuple(table.bbox))
    for index, row in enumerate(rows):
        grid.append([cell_text[c] if c is not None else None for c in row.cells])
        values = row_values(row.cells, cells, cell_text)
        if not any(values):
            continue
        row_chars = [ch for c in row.cells if c is not None for ch in cell_chars.get(c, [])]
        sizes = Counter(round(ch["size"], 1) for ch in row_chars)
        fonts = Counter(ch["fontname"] for ch in row_chars)
        top = min(c[1] for c in row.cells if c is not None)
        out.append(RawLine(
            text="\t".join(values), page=number, x0=table.bbox[0], x1=table.bbox[2], top=top,
            bottom=max(c[3] for c in row.cells if c is not None),
            size=sizes.most_common(1)[0][0] if sizes else 0.0,
            font=fonts.most_common(1)[0][0] if fonts else "", bold=False, table_row=True,
            table=found, row=index,
        ))
    tables.append(found)
    return out


def row_values(slots: list, cells: list[tuple], cell_text: dict) -> list[str]:
    """Cells of a row in reading order, plus an empty cell wherever a cell of an earlier
    row spans down over this row (vertical merge), so continuation rows keep their leading
    empty cells as the flattened text tables do."""
    present = [c for c in slots if c is not None]
    if not present:
        return []
    row_top = min(c[1] for c in present)
    items = [(c[0], cell_text[c]) for c in present]
    for merged in cells:
        spans_down = merged[1] < row_top - 0.5 and merged[3] > row_top + 0.5
        if spans_down and not any(c[0] < merged[2] - 0.5 and c[2] > merged[0] + 0.5 for c in present):
            items.append((merged[0], ""))
    return [text for _, text in sorted(items, key=lambda item: item[0])]


def cell_string(chars: list[dict], number: int, page: PageLines) -> str:
    """A cell's text on one line: the layout breaks inside the cell are removed."""
    parts: list[str] = []
    for group in group_lines(chars):
        line = build_line(group, number, page)
        if parts and parts[-1] and line.text and not (is_cjk(parts[-1][-1]) or is_cjk(line.text[0])) \
                and (parts[-1][-1].isalpha() and line.text[0].isalpha()):
            parts.append(" ")
        parts.append(line.text)
    return "".join(parts).strip()


# ---------------------------------------------------------------- text layer check
def page_list(numbers: list[int]) -> str:
    """``[1, 2, 3, 5]`` → ``"1–3, 5"``."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


def check_text_layer(pages: list[PageLines]) -> list[Warn]:
    """Warnings for unusable text, one per page and kind; an error (never an empty
    success) when the text layer is missing or mostly unusable."""
    empty = [p.number for p in pages if p.chars - p.unusable <= 0 and (p.graphics or p.chars) and not p.ocr]
    total = sum(p.chars for p in pages)
    unusable = sum(p.unusable for p in pages)
    if total <= 0 and pages and all(p.ocr for p in pages):
        where = f"page{'s' if len(pages) > 1 else ''} {page_list([p.number for p in pages])}"
        raise PlanparseError("no_text_layer", f"no text on {where}: no text layer, and OCR read no text there "
                             "(a blank page, a picture, or a scan too poor to read)")
    if total - unusable <= 0 or unusable > UNUSABLE_SHARE * total or len(empty) > len(pages) / 2:
        bad = empty or [p.number for p in pages]
        if sum(p.unmapped for p in pages) > unusable / 2:
            raise PlanparseError("no_text_layer", f"no usable text layer on pages {page_list(bad)}: its fonts have "
                                 "no Unicode mapping ((cid:N) glyphs), so the text cannot be extracted; "
                                 "it needs OCR, or parse a text/HTML copy of the notice")
        raise PlanparseError("no_text_layer", f"no usable text layer on pages {page_list(bad)}; it needs OCR")
    warnings = [Warn("no_text_layer", warning_text("no_text_layer", page=number), page=number) for number in empty]
    for p in pages:
        if p.number not in empty:
            warnings.extend(page_warnings(p))
    return warnings


def page_warnings(page: PageLines) -> list[Warn]:
    """``(cid:N)``/U+FFFD and Latin-1-looking runs of one page, with a sample to find them."""
    found = []
    bad_lines = [ln.text for ln in page.lines if BAD_CHAR in ln.text]
    if bad_lines:
        count = sum(t.count(BAD_CHAR) for t in bad_lines)
        found.append(Warn("unmapped_glyphs", warning_text("unmapped_glyphs", page=page.number, count=count,
                                                       sample=bad_lines[0][:30]), page=page.number))
    runs = [m.group() for ln in page.lines for m in LATIN1_RUN.finditer(ln.text)]
    if runs:
        found.append(Warn("latin1_run", warning_text("latin1_run", page=page.number, count=len(runs), sample=runs[0]),
                          page=page.number))
    return found


# ---------------------------------------------------------------- document geometry
@dataclass
class Geometry:
    """The text block as printed (left/right edge, body size, line pitch), GB/T 9704 as prior."""

    left: float
    right: float
    body_size: float
    pitch: float
    indented: bool
    markers_indented: bool = True   # outline markers (1. （一）) print with the first-line indent

    @staticmethod
    def estimate(pages: list[PageLines]) -> Geometry:
        lines = [ln for p in pages for ln in p.lines if not ln.table_row]
        width = pages[0].width if pages else A4_W
        scale = width / A4_W
        sizes: Counter[float] = Counter()
        for ln in lines:
            sizes[ln.size] += len(ln.text)
        body_size = sizes.most_common(1)[0][0] if sizes else 12.0
        body = [ln for ln in lines if abs(ln.size - body_size) <= 0.5 and len(ln.text) >= 5]
        if len(body) < 5:
            return Geometry(GBT_LEFT * scale, (GBT_LEFT + GBT_W) * scale, body_size, GBT_H / 22, False)
        ends = sorted(ln.x1 for ln in body)
        right = ends[int(0.9 * (len(ends) - 1))]
        if right - min(ln.x0 for ln in body) < 0.5 * width:   # short lines only: no evidence
            return Geometry(GBT_LEFT * scale, (GBT_LEFT + GBT_W) * scale, body_size, GBT_H / 22, False)
        starts = Counter(round(ln.x0) for ln in body)
        need = max(2, 0.1 * len(body))
        left = min((x for x, n in starts.items() if n >= need), default=min(starts))
        indent_at = left + 2 * body_size
        indented = sum(abs(ln.x0 - indent_at) <= 0.5 * body_size for ln in body) >= 0.1 * len(body)
        steps = [b.top - a.top for p in pages for a, b in zip(p.lines, p.lines[1:])
                 if not a.table_row and abs(a.size - body_size) <= 0.5 and abs(b.size - body_size) <= 0.5
                 and b.top > a.top]
        pitch = median(steps) if steps else GBT_H / 22
        return Geometry(left, right, body_size, pitch, indented, markers_indented(body, left, indent_at, body_size))


def markers_indented(body: list[RawLine], left: float, indent_at: float, size: float) -> bool:
    """Do lines opening with an outline marker mostly carry the first-line indent? Then a
    marker at the left edge after a full line is the paragraph running on (``。（2）…``
    broken before ``（2）``), not a new item. Documents that set their items flush left
    vote the other way."""
    marked = [ln for ln in body if OUTLINE_START.match(ln.text)]
    indented = sum(abs(ln.x0 - indent_at) <= 0.5 * size for ln in marked)
    flush = sum(abs(ln.x0 - left) <= 0.5 * size for ln in marked)
    return indented > flush


# ---------------------------------------------------------------- page furniture
def outside_block(line: RawLine, page: PageLines) -> bool:
    """Above or below the GB/T 9704 text block (scaled to the page height): the prior."""
    scale = page.height / A4_H
    return line.top >= (GBT_TOP + GBT_H) * scale - 2 or line.bottom <= GBT_TOP * scale + 2


def set_apart(line: RawLine, page: PageLines, geometry: Geometry) -> bool:
    """First or last on its page and separated from the rest by more than 1.5 line pitches
    (how headers and footers sit in any layout, GB/T or not)."""
    others = [ln for ln in page.lines if ln is not line]
    above = [line.top - ln.bottom for ln in others if ln.bottom <= line.top + 0.5]
    below = [ln.top - line.bottom for ln in others if ln.top >= line.bottom - 0.5]
    if not others or (above and below):
        return False
    return min(above + below) > 1.5 * geometry.pitch


def in_margin(line: RawLine, page: PageLines, geometry: Geometry) -> bool:
    """Where a page number may sit: outside the GB/T block or set apart."""
    return outside_block(line, page) or set_apart(line, page, geometry)


def in_running_margin(line: RawLine, page: PageLines, geometry: Geometry) -> bool:
    """Where a running header/footer may sit: outside the GB/T block, or set apart *and*
    not in body type (a lone body line on a short page is set apart too, but is text)."""
    if outside_block(line, page):
        return True
    return set_apart(line, page, geometry) and abs(line.size - geometry.body_size) > 0.5


def edge_lines(page: PageLines) -> list[RawLine]:
    body = [ln for ln in page.lines if not ln.table_row]
    if not body:
        return []
    k = FURNITURE_EDGE_LINES
    picked = body[:k] + body[-k:]
    return [ln for i, ln in enumerate(picked) if ln not in picked[:i]]


def remove_furniture(pages: list[PageLines], geometry: Geometry, repairs: Counter) -> None:
    """Drop page numbers and running headers/footers; count them in ``page_furniture``."""
    furniture: set[int] = set()
    candidates = []
    for index, page in enumerate(pages):
        for line in edge_lines(page):
            found = page_number_of(line.text)
            if found:
                candidates.append((index, page, line, *found))
    offsets = Counter(n - index for index, _, _, n, _ in candidates)
    offset, votes = offsets.most_common(1)[0] if offsets else (None, 0)
    sequence_ok = votes >= 2 or len(pages) <= 2
    for index, page, line, n, strong in candidates:
        follows = sequence_ok and n - index == offset
        margin = in_margin(line, page, geometry)
        if (strong and (margin or follows)) or (not strong and margin and follows):
            furniture.add(id(line))
    repeated: dict[str, list[tuple[PageLines, RawLine]]] = {}
    for page in pages:
        seen = set()
        for line in edge_lines(page):
            if id(line) in furniture:
                continue
            key = re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))
            if key not in seen:
                seen.add(key)
                repeated.setdefault(key, []).append((page, line))
    need = max(2, RUNNING_MIN_SHARE * len(pages))
    for hits in repeated.values():
        if len(hits) >= need and len(pages) >= 2:
            marginal = [line for page, line in hits if in_running_margin(line, page, geometry)]
            if len(marginal) >= need:
                furniture.update(id(line) for line in marginal)
    for page in pages:
        kept = [ln for ln in page.lines if id(ln) not in furniture]
        repairs["page_furniture"] += len(page.lines) - len(kept)
        page.lines = kept
    if not repairs["page_furniture"]:
        del repairs["page_furniture"]


# ---------------------------------------------------------------- tables over pages
def row_key(cells: list[str | None]) -> str:
    """A row by its filled cells (tables drawn row by row split columns differently)."""
    return "\t".join(re.sub(r"\s+", "", c) for c in cells if c and c.strip())


def drop_repeated_headers(pages: list[PageLines], repairs: Counter) -> None:
    """A table that runs on from the foot of one page to the head of the next prints its
    header row again there (Word's "repeat as header row"); that copy is no data row.
    It is dropped from the lines and the table grid when the page before ended in a
    table with the same first row, and counted as ``repeated_table_header``."""
    header = None    # first row of the table that ran to the foot of the previous page
    for page in pages:
        first = page.lines[0] if page.lines else None
        continued = None
        if header and first is not None and first.table is not None and first.row == 0 \
                and first.table.rows and row_key(first.table.rows[0]) == header:
            continued = first.table
            del continued.rows[0]
            kept = [ln for ln in page.lines if not (ln.table is continued and ln.row == 0)]
            repairs["repeated_table_header"] += len(page.lines) - len(kept)
            page.lines = kept
        last = page.lines[-1] if page.lines else None
        if last is None or last.table is None:
            header = None
        elif last.table is not continued:
            header = row_key(last.table.rows[0]) if last.table.rows else None


# ---------------------------------------------------------------- layout line joins
def ends_sentence(text: str) -> bool:
    stripped = text.rstrip()
    while stripped and stripped[-1] in CLOSERS:
        stripped = stripped[:-1]
    return bool(stripped) and stripped[-1] in SENTENCE_END


def continues(prev: RawLine, cur: RawLine, geometry: Geometry) -> bool:
    """``cur`` carries on ``prev``'s paragraph: ``prev`` runs to the right edge, ``cur``
    starts at the left edge in the same type. After a sentence end, the break is a paragraph
    end unless the document marks paragraphs by first-line indents and ``cur`` does not open
    a block: a label (责任单位, 附件; :data:`LABEL_START`) or, where the document sets its
    outline markers flush left, a marker (:data:`OUTLINE_START`, :func:`markers_indented`). Centred title lines
    in large type join too (:func:`is_title_pair`)."""
    if prev.table_row or cur.table_row or abs(prev.size - cur.size) > 0.5:
        return False
    size = prev.size or geometry.body_size
    if is_title_pair(prev, cur, geometry):
        return True
    if not reaches_right_edge(prev, cur, geometry) or cur.x0 > geometry.left + 0.75 * size:
        return False
    if not ends_sentence(prev.text):
        return True
    if not geometry.indented or LABEL_START.match(cur.text):
        return False
    return geometry.markers_indented or not OUTLINE_START.match(cur.text)


def reaches_right_edge(prev: RawLine, cur: RawLine, geometry: Geometry) -> bool:
    """``prev`` was broken by the layout: it runs to the right edge (justified text), or
    the room left after it is narrower than ``cur``'s first unit (ragged right)."""
    size = prev.size or geometry.body_size
    room = geometry.right - prev.x1
    return room <= 0.75 * size or room < min(cur.lead_width, MAX_LEAD_UNIT * size)


def is_title_pair(prev: RawLine, cur: RawLine, geometry: Geometry) -> bool:
    """Two lines of one title: larger than body type, both centred on the text block, one
    right under the other (or running on from the foot of one page to the head of the
    next), the first not ending a sentence."""
    size = prev.size
    if size < geometry.body_size + 2 or ends_sentence(prev.text):
        return False
    centre = (geometry.left + geometry.right) / 2
    centred = all(abs((ln.x0 + ln.x1) / 2 - centre) <= size for ln in (prev, cur))
    if cur.page == prev.page + 1:   # last line of one page, first of the next
        return centred
    return centred and cur.page == prev.page and 0 <= cur.top - prev.bottom <= size


def join_lines(raw: list[RawLine], geometry: Geometry, repairs: Counter) -> list[Line]:
    """Join layout line breaks (across pages too) and convert to :class:`Line`."""
    lines: list[Line] = []
    prev: RawLine | None = None
    for cur in raw:
        if prev is not None and lines and continues(prev, cur, geometry):
            line = lines[-1]
            sep = " " if prev.trailing_space and not (is_cjk(line.text[-1]) and is_cjk(cur.text[0])) else ""
            if cur.page != prev.page:
                line.page_breaks.append((len(line.text) + len(sep), cur.page))
            line.text += sep + cur.text
            line.x1 = max(line.x1 or 0.0, cur.x1)
            repairs["joined_line"] += 1
        else:
            lines.append(Line(
                text=cur.text, page=cur.page, font_size=cur.size, font_name=cur.font, bold=cur.bold,
                x0=cur.x0, x1=cur.x1, top=cur.top, ocr=cur.ocr,
            ))
        prev = cur
    return lines
