"""Ingestion: formats → lines with their origin. Knows nothing about plans.

The content decides what a file is (:mod:`.sniff`): PDF and ZIP containers (DOCX, OFD)
by their bytes, text by its markup (HTML, Markdown) or structure (JSON, JSON Lines, CSV,
SQL dumps of dataset records); the name only breaks ties. A file whose content
disagrees with its name still parses, with a ``format_mismatch`` warning. A dataset file
yields one :class:`SourceText` per record (:func:`ingest_all`).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..messages import warning_text
from ..model import PlanparseError, SourceText, Warn
from .ocr import OcrSettings
from .sniff import (
    HTML_TAG,
    SQL_STATEMENT,
    SUFFIX_FORMATS,
    Sniffed,
    binary_format,
    sniff,
    suffix_format,
)

__all__ = ["SUFFIX_FORMATS", "OcrSettings", "ingest", "ingest_all", "is_input_name", "looks_like_document"]

FORMAT_NAMES = {"pdf": "PDF", "txt": "plain text", "html": "HTML", "markdown": "Markdown", "docx": "DOCX",
                "ofd": "OFD", "record": "a dataset file (JSON/CSV/SQL)"}


def is_input_name(path: Path) -> bool:
    """Files a folder scan takes: known suffixes, and names without any dot (``.hidden``
    files and unknown suffixes are left alone).

    >>> [is_input_name(Path(n)) for n in ("a.PDF", "b.docx", "notice", ".DS_Store", "c.xlsx")]
    [True, True, True, False, False]
    """
    return (path.suffix.lower() in SUFFIX_FORMATS and path.suffix != "") or "." not in path.name


MIN_DOCUMENT_HAN = 20   # an unknown-suffix text file is taken when it holds this much Chinese
SNIFF_BYTES = 65536


def looks_like_document(path: Path) -> bool:
    r"""A file with an unknown suffix that holds a notice anyway: a PDF/DOCX/OFD by its
    bytes, or Chinese text in HTML or a dataset dump (CMS install data saved as ``.php``,
    a page saved as ``.asp``). Source code and other data are left alone.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> sql = "INSERT INTO t VALUES ('<p>一、总体要求。" + "加强管理，" * 5 + "</p>');"
    >>> (folder / "a.php").write_text("<?php $sql = '" + sql + "';", encoding="utf-8") > 0
    True
    >>> (folder / "b.py").write_text("print('hello')", encoding="utf-8") > 0
    True
    >>> looks_like_document(folder / "a.php"), looks_like_document(folder / "b.py")
    (True, False)
    """
    import re

    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    if binary_format(head) in ("pdf", "docx", "ofd"):
        return True
    try:
        text = head.decode("utf-8", errors="ignore")
    except ValueError:
        return False
    han = len(re.findall(r"[\u4e00-\u9fff]", text))
    return han >= MIN_DOCUMENT_HAN and bool(HTML_TAG.search(text) or SQL_STATEMENT.search(text))


def ingest(path: str | Path, *, max_pages: int | None = None, encoding: str | None = None,
           ocr: OcrSettings | None = None) -> SourceText:
    """Read ``path`` into a :class:`SourceText` (a dataset file: its first record);
    raise :class:`PlanparseError` on bad input."""
    return ingest_all(path, max_pages=max_pages, encoding=encoding, ocr=ocr)[0]


def ingest_all(path: str | Path, *, max_pages: int | None = None, encoding: str | None = None,
               ocr: OcrSettings | None = None) -> list[SourceText]:
    """Every document in ``path``: one for a notice, one per record for a dataset file.

    ``encoding`` (``--encoding``) decodes text forms (text, HTML, Markdown, dataset files)
    instead of detection; PDF, DOCX and OFD carry their own encodings and ignore it. ``ocr`` says
    which PDF pages are OCRed (default: those without usable text)."""
    path = Path(path)
    data = path.read_bytes()
    if not data:
        raise PlanparseError("empty_file", "file is empty (0 bytes)")
    sha = hashlib.sha256(data).hexdigest()
    named = suffix_format(path)
    binary = binary_format(data)
    if binary == "pdf":
        from .pdf import read_pdf

        return [mismatch_noted(read_pdf(path, data, sha, max_pages=max_pages, ocr=ocr), named, "pdf")]
    if binary == "docx":
        from .docx import read_docx

        return [mismatch_noted(read_docx(path.name, data, sha), named, "docx")]
    if binary == "ofd":
        from .ofd import read_ofd

        return [mismatch_noted(read_ofd(path.name, data, sha, max_pages=max_pages), named, "ofd")]
    if binary in ("zip", "ole"):
        what = "a ZIP archive that is neither DOCX nor OFD" if binary == "zip" else "a legacy Office file (.doc/.wps)"
        raise PlanparseError("unsupported_format", f"the file is {what}; save it as DOCX or PDF and convert it again")
    if named in ("docx", "ofd"):
        raise PlanparseError(f"corrupt_{named}", f"file is named .{named} but is not a {named.upper()} package "
                             "(no ZIP container); re-download it")
    return read_text_forms(path, data, sha, named, encoding)


def read_text_forms(path: Path, data: bytes, sha: str, named: str | None,
                    encoding: str | None = None) -> list[SourceText]:
    """Text files: decode once, then read as the content says (HTML, Markdown, records, text)."""
    from .html import decode_html_or_text

    not_a_pdf = PlanparseError("not_a_pdf", "file is named .pdf but does not start with a PDF header; "
                               "it is not a PDF (re-download it)")
    try:
        decoded = decode_html_or_text(data, encoding)
    except PlanparseError:
        if named == "pdf":
            raise not_a_pdf from None
        raise
    found = sniff(path, data, decoded.text)
    if named == "pdf" and found.format not in ("html", "markdown", "record"):
        raise not_a_pdf
    if found.format == "html":
        from .html import read_html_text

        sources = [read_html_text(path.name, decoded, sha)]
    elif found.format == "markdown":
        from .markdown import read_markdown

        sources = [read_markdown(path.name, decoded.text, sha, decoded.encoding, decoded.warnings, decoded.repairs)]
    elif found.format == "record":
        from .records import read_records

        sources = read_records(path.name, decoded.text, sha, found.container or "json", decoded.encoding,
                               decoded.warnings)
    else:
        from .text import read_decoded_text

        sources = [read_decoded_text(path.name, decoded, sha)]
    return [mismatch_noted(source, named, found.format, found) for source in sources]


def mismatch_noted(source: SourceText, named: str | None, found: str, sniffed: Sniffed | None = None) -> SourceText:
    """Add a ``format_mismatch`` warning when the name says another format."""
    mismatch = sniffed.mismatch if sniffed is not None else (named if named and named != found else None)
    if mismatch and not (mismatch == "record" and found == "record"):
        source.warnings.append(Warn("format_mismatch", warning_text(
            "format_mismatch", named=FORMAT_NAMES.get(mismatch, mismatch), found_name=FORMAT_NAMES.get(found, found),
            found=found)))
    return source
