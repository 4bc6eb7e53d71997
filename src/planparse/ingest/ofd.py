"""OFD (GB/T 33190, the format of electronic 公文): text objects in reading order.

An OFD is a ZIP package: ``OFD.xml`` names the document root (``Doc_0/Document.xml``),
which lists pages; each page's ``Content.xml`` holds ``TextObject`` elements with a
boundary box (mm), a font size and ``TextCode`` runs. Objects are grouped into lines by
their baseline (within half a font size) and read left to right; each line keeps its
page, left/right edge and size, so titles, furniture and joins work as for PDFs.
Element names are matched without their namespace (producers differ in prefixes).
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from lxml import etree

from ..model import Line, PlanparseError, SourceText

MM_TO_PT = 72 / 25.4
LINE_TOLERANCE = 0.5   # share of the font size two baselines may differ within one line


@dataclass
class Glyphs:
    x: float
    y: float
    x1: float
    size: float
    text: str


def local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def children(node, name: str):
    return [c for c in node.iter() if local(c.tag) == name]


def read_xml(package: zipfile.ZipFile, name: str):
    lookup = {n.lower().lstrip("/"): n for n in package.namelist()}
    real = lookup.get(name.lower().lstrip("/"))
    if real is None:
        raise KeyError(name)
    return etree.fromstring(package.read(real), parser=etree.XMLParser(resolve_entities=False, no_network=True))


def page_paths(package: zipfile.ZipFile) -> list[str]:
    """Content.xml paths of every page, in document order."""
    root = read_xml(package, "OFD.xml")
    doc_root = next((c.text.strip() for c in children(root, "DocRoot") if c.text), "Doc_0/Document.xml")
    base = PurePosixPath(doc_root.lstrip("/")).parent
    document = read_xml(package, doc_root.lstrip("/"))
    paths = []
    for page in children(document, "Page"):
        loc = page.get("BaseLoc")
        if loc:
            paths.append(str(PurePosixPath(loc.lstrip("/")) if loc.startswith("/") else base / loc))
    return paths


def boundary(value: str | None) -> tuple[float, float, float, float]:
    parts = [float(x) for x in (value or "0 0 0 0").split()[:4]]
    return tuple(parts + [0.0] * (4 - len(parts)))  # type: ignore[return-value]


def page_glyphs(content) -> list[Glyphs]:
    found = []
    for obj in children(content, "TextObject"):
        bx, by, bw, _bh = boundary(obj.get("Boundary"))
        size = float(obj.get("Size") or 3.5)
        for code in children(obj, "TextCode"):
            text = "".join(code.itertext())
            if not text.strip():
                continue
            x = bx + float(code.get("X") or 0)
            y = by + float(code.get("Y") or 0)
            found.append(Glyphs(x, y, max(bx + bw, x + size * len(text)), size, text))
    return found


def page_lines(glyphs: list[Glyphs], page: int) -> list[Line]:
    lines: list[Line] = []
    rows: list[list[Glyphs]] = []
    for g in sorted(glyphs, key=lambda g: (g.y, g.x)):
        if rows and abs(rows[-1][0].y - g.y) <= LINE_TOLERANCE * max(g.size, rows[-1][0].size):
            rows[-1].append(g)
        else:
            rows.append([g])
    for row in rows:
        row.sort(key=lambda g: g.x)
        text = "".join(g.text for g in row).strip()
        if text:
            lines.append(Line(text=text, page=page, font_size=round(max(g.size for g in row) * MM_TO_PT, 1),
                              x0=row[0].x * MM_TO_PT, x1=row[-1].x1 * MM_TO_PT, top=row[0].y * MM_TO_PT))
    return lines


def read_ofd(name: str, data: bytes, sha: str, *, max_pages: int | None = None) -> SourceText:
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        paths = page_paths(package)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, ValueError) as err:
        raise PlanparseError("corrupt_ofd", f"the OFD package cannot be read ({type(err).__name__}: {err}); "
                             "re-download it") from None
    if max_pages is not None and len(paths) > max_pages:
        raise PlanparseError("too_many_pages", f"the OFD has {len(paths)} pages, over --max-pages {max_pages}")
    lines: list[Line] = []
    for number, path in enumerate(paths, 1):
        try:
            lines += page_lines(page_glyphs(read_xml(package, path)), number)
        except (KeyError, etree.XMLSyntaxError, ValueError):
            continue
    if not lines:
        raise PlanparseError("no_text_layer", "the OFD holds no text objects (a scan); OCR it first")
    return SourceText(name=name, sha256=sha, format="ofd", lines=lines, pages=len(paths))
