"""Normalisation: one string every later stage reads, an offset map back, a repair log."""
from __future__ import annotations

from ..model import SourceText, Text


def normalize(source: SourceText) -> Text:
    raw = source.raw_text()
    starts, pos = [], 0
    for line in source.lines:
        starts.append(pos)
        pos += len(line.text) + 1
    return Text(
        text=raw,
        source_text=raw,
        to_source=list(range(len(raw) + 1)),
        source_lines=source.lines,
        line_starts=starts,
        repairs=source.repairs.copy(),
        warnings=list(source.warnings),
    )
