"""Ingestion: formats → lines with their origin. Knows nothing about plans."""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..model import PlanparseError, SourceText

SUFFIX_FORMATS = {".pdf": "pdf", ".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html"}


def detect_format(path: Path, head: bytes) -> str:
    """Format from the bytes first (a PDF named .txt is still a PDF), else the suffix."""
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    fmt = SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise PlanparseError("unsupported_format", f"unsupported file type {path.suffix!r}; expected .pdf, .txt, .html or .htm")
    if fmt == "pdf":
        raise PlanparseError("not_a_pdf", "file is named .pdf but does not start with a PDF header; it is not a PDF (re-download it)")
    return fmt


def ingest(path: str | Path, *, max_pages: int | None = None) -> SourceText:
    """Read ``path`` into a :class:`SourceText`; raise :class:`PlanparseError` on bad input."""
    path = Path(path)
    data = path.read_bytes()
    if not data:
        raise PlanparseError("empty_file", "file is empty (0 bytes)")
    sha = hashlib.sha256(data).hexdigest()
    fmt = detect_format(path, data[:2048])
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf(path, data, sha, max_pages=max_pages)
    if fmt == "html":
        from .html import read_html

        return read_html(path.name, data, sha)
    from .text import read_text

    return read_text(path.name, data, sha)
