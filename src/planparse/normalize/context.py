"""What a fixer may know about the document besides its text, and how it reports."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass
class Context:
    """Per-document state shared by the fixers of one :func:`normalize` run.

    ``warnings`` hold ``(code, message, offset)`` with ``offset`` in the text the
    reporting fixer was given; the engine maps them to the final text.
    ``source`` and ``to_source`` (the raw text and the map from the text a fixer is
    given back to it) let a layout fixer read what earlier fixers removed, such as
    indents; they are None outside the engine (:func:`.registry.run`).
    """

    format: str = "txt"
    source: str | None = None
    to_source: Sequence[int] | None = None
    script: str = "simplified"
    # raw-offset ``(start, end)`` of the lines read by OCR, sorted; None outside the engine
    ocr_spans: list[tuple[int, int]] | None = None
    warnings: list[tuple[str, str, int]] = field(default_factory=list)

    def warn(self, code: str, message: str, offset: int) -> None:
        self.warnings.append((code, message, offset))
