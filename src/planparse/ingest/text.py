"""Plain-text input: decode with encoding detection, split into lines."""
from __future__ import annotations

import re

from ..model import Line, SourceText
from .decode import Decoded, decode

LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """Split at CR, LF and CRLF only (not at U+0085 or U+2028, which mojibake can hold);
    a final line break does not make an empty last line."""
    lines = LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_text(name: str, data: bytes, sha: str) -> SourceText:
    return read_decoded_text(name, decode(data), sha)


def read_decoded_text(name: str, decoded: Decoded, sha: str) -> SourceText:
    lines = [Line(text=t) for t in split_lines(decoded.text)]
    return SourceText(name=name, sha256=sha, format="txt", lines=lines, encoding=decoded.encoding,
                      warnings=decoded.warnings, repairs=decoded.repairs)
