"""Build a Text straight from a string, so segmentation tests do not depend on other stages."""
from __future__ import annotations

from planparse.model import Line, Outline, SourceText, Text
from planparse.segment import segment


def make_source(s: str, fonts: list[float] | None = None) -> SourceText:
    lines = [Line(text=t, font_size=(fonts[i] if fonts else None)) for i, t in enumerate(s.split("\n"))]
    return SourceText(name="t.txt", sha256="0", format="txt", lines=lines)


def make_text(source: SourceText) -> Text:
    raw = source.raw_text()
    starts, pos = [], 0
    for line in source.lines:
        starts.append(pos)
        pos += len(line.text) + 1
    return Text(text=raw, source_text=raw, to_source=list(range(len(raw) + 1)),
                source_lines=source.lines, line_starts=starts)


def run(s: str, fonts: list[float] | None = None) -> tuple[Outline, Text]:
    source = make_source(s, fonts)
    text = make_text(source)
    return segment(text, source), text
