"""Plain-text input: decode with encoding detection, split into lines."""
from __future__ import annotations

from ..model import Line, SourceText
from .decode import decode_bytes


def read_text(name: str, data: bytes, sha: str) -> SourceText:
    text, encoding, warnings = decode_bytes(data)
    lines = [Line(text=t) for t in text.splitlines()]
    return SourceText(name=name, sha256=sha, format="txt", lines=lines, encoding=encoding, warnings=warnings)
