"""DOCX (Word 2007+) with python-docx: body paragraphs and tables in document order.

A paragraph's text is its runs' ``w:t`` (tracked deletions are ``w:delText`` and stay
out; insertions are in); a table row is one line of tab-joined cells (merged cells
once). Word auto-numbering is rendered from ``numbering.xml`` (:class:`Numbering`): a
list paragraph whose ``一、``/``（一）``/``1.`` comes from numbering gets its marker back,
since the marker is the outline. Run or style font sizes and bold go on the line, as a
PDF's do, for title detection. Headers and footers are page furniture, not read.
"""
from __future__ import annotations

import io
from collections import Counter

from ..model import Line, PlanparseError, SourceText
from .numbering import Numbering, W


def read_docx(name: str, data: bytes, sha: str) -> SourceText:
    try:
        import docx
        document = docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx raises several types for a damaged package
        raise PlanparseError("corrupt_docx", f"the DOCX package cannot be read ({type(err).__name__}); "
                             "re-download it or save it again from Word/WPS") from None
    numbering = Numbering.from_document(document)
    styles = StyleFacts(document)
    lines: list[Line] = []
    for element in document.element.body.iterchildren():
        if element.tag == W + "p":
            line = paragraph_line(element, numbering, styles)
            if line is not None:
                lines.append(line)
        elif element.tag == W + "tbl":
            lines.extend(table_lines(element))
    repairs: Counter = Counter()
    furniture = header_footer_texts(document)
    if furniture:
        repairs["page_furniture"] += furniture
    return SourceText(name=name, sha256=sha, format="docx", lines=lines, repairs=repairs)


def run_text(element) -> str:
    """Visible text under ``element``: ``w:t``, tabs, breaks (not deleted text, not field code)."""
    parts = []
    for node in element.iter(W + "t", W + "tab", W + "br", W + "cr"):
        if node.getparent().tag != W + "r":
            continue  # a tab stop of the paragraph's properties (w:tabs/w:tab), not a character
        if node.tag == W + "t":
            parts.append(node.text or "")
        elif node.tag == W + "tab":
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


class StyleFacts:
    """Font size (pt) and bold of paragraph styles, following ``basedOn``."""

    def __init__(self, document):
        self.sizes: dict[str, float | None] = {}
        self.bold: dict[str, bool] = {}
        self.numbering: dict[str, tuple[str, int]] = {}
        self.default = ""   # the default paragraph style (Normal), for paragraphs naming none
        try:
            styles = list(document.styles)
        except Exception:  # a package without styles.xml
            styles = []
        for style in styles:
            sid = getattr(style, "style_id", None)
            if sid is None:
                continue
            if style.element.get(W + "default") in ("1", "true") and style.element.get(W + "type") == "paragraph":
                self.default = sid
            size, bold, base = None, False, style
            while base is not None and (size is None or not bold):
                font = getattr(base, "font", None)
                if font is not None:
                    size = size if size is not None else (font.size.pt if font.size else None)
                    bold = bold or bool(font.bold)
                base = getattr(base, "base_style", None)
            self.sizes[sid], self.bold[sid] = size, bold
            num_pr = style.element.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                num_id = num_pr.find(W + "numId")
                ilvl = num_pr.find(W + "ilvl")
                if num_id is not None:
                    self.numbering[sid] = (num_id.get(W + "val"), int(ilvl.get(W + "val")) if ilvl is not None else 0)


def paragraph_style(p) -> str | None:
    node = p.find(f"{W}pPr/{W}pStyle")
    return node.get(W + "val") if node is not None else None


def paragraph_line(p, numbering: Numbering, styles: StyleFacts) -> Line | None:
    text = run_text(p)
    style = paragraph_style(p) or styles.default
    num = numbering_of(p, style, styles)
    marker = numbering.marker(*num) if num and text.strip() else ""
    text = marker + text
    if not text.strip():
        return None
    sizes = [int(sz.get(W + "val")) / 2 for sz in p.iter(W + "sz") if sz.get(W + "val", "").isdigit()
             and sz.getparent().getparent().tag == W + "r"]
    size = max(sizes) if sizes else styles.sizes.get(style or "")
    bold = any((b.get(W + "val") or "true") not in ("0", "false") for b in p.iter(W + "b")
               if b.getparent().getparent().tag == W + "r") or styles.bold.get(style or "", False)
    return Line(text=text, font_size=size, bold=bold)


def numbering_of(p, style: str | None, styles: StyleFacts) -> tuple[str, int] | None:
    num_pr = p.find(f"{W}pPr/{W}numPr")
    if num_pr is not None:
        num_id = num_pr.find(W + "numId")
        ilvl = num_pr.find(W + "ilvl")
        if num_id is None:
            return styles.numbering.get(style or "")
        return num_id.get(W + "val"), int(ilvl.get(W + "val")) if ilvl is not None else 0
    return styles.numbering.get(style or "")


def table_lines(tbl) -> list[Line]:
    """One line per row, cells tab-joined; a nested table's rows follow its cell's row."""
    lines = []
    for tr in tbl.iterchildren(W + "tr"):
        cells = []
        for tc in tr.iterchildren(W + "tc"):
            paragraphs = [run_text(p).strip() for p in tc.iter(W + "p")]
            cells.append("".join(x for x in paragraphs if x).replace("\t", " ").replace("\n", ""))
        if any(cells):
            lines.append(Line(text="\t".join(cells)))
    return lines


def header_footer_texts(document) -> int:
    """Distinct non-empty header/footer paragraphs (counted as page furniture)."""
    seen = set()
    for section in document.sections:
        for part in (section.header, section.footer):
            try:
                for paragraph in part.paragraphs:
                    if paragraph.text.strip():
                        seen.add(paragraph.text.strip())
            except Exception:  # a broken header part is furniture we cannot read
                continue
    return len(seen)
