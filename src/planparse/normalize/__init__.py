"""Normalisation: one string every later stage reads, an offset map back, a repair log.

:func:`normalize` runs the fixers of :data:`.registry.FIXERS` in order. Each fixer
returns edits; :func:`.edits.apply_edits` applies them and keeps ``to_source``
(normalised offset → offset in the joined raw source); each edit counts once
under the fixer's kind in ``Text.repairs``. Detectors then report what could
not be repaired as warnings with final offsets and pages.
"""
from __future__ import annotations

import bisect

from ..model import Line, RepairStep, SourceText, Text, Warn
from .context import Context
from .detectors import detect
from .edits import OffsetMap, apply_edits, identity_map
from .registry import FIXERS


def line_starts(source: SourceText) -> list[int]:
    """Offsets in ``source.raw_text()`` where each source line begins."""
    starts, pos = [], 0
    for line in source.lines:
        starts.append(pos)
        pos += len(line.text) + 1
    return starts


def ocr_spans(source: SourceText) -> list[tuple[int, int]]:
    """Raw-offset spans of the lines read by OCR (where the OCR-aware fixers work)."""
    return [(start, start + len(line.text) + 1) for start, line in zip(line_starts(source), source.lines) if line.ocr]


def normalize(source: SourceText, explain: bool = False) -> Text:
    """The normalised text of ``source``; with ``explain`` also every repair as a
    :class:`~planparse.model.RepairStep` in ``Text.explanation`` (fixer, span, before, after)."""
    raw = source.raw_text()
    text, to_source = raw, identity_map(len(raw))
    repairs = source.repairs.copy()
    ctx = Context(format=source.format, ocr_spans=ocr_spans(source))
    pending: list[tuple[str, str, int]] = []  # warnings with their raw offsets
    steps: list[RepairStep] | None = [] if explain else None
    for fixer in FIXERS:
        if not fixer.applies_to(source.format) or (fixer.ocr and not ctx.ocr_spans):
            continue
        ctx.source, ctx.to_source = raw, to_source
        edits = fixer.func(text, ctx)
        for code, message, offset in ctx.warnings:
            pending.append((code, message, to_source[min(offset, len(text))]))
        ctx.warnings.clear()
        if edits:
            if steps is not None:
                steps += explained(fixer.kind, text, to_source, edits)
            text, to_source = apply_edits(text, to_source, edits)
            repairs[fixer.kind] += len(edits)
    result = Text(
        text=text,
        source_text=raw,
        to_source=to_source,
        source_lines=source.lines,
        line_starts=line_starts(source),
        script=ctx.script,
        repairs=repairs,
        warnings=list(source.warnings),
        explanation=steps,
    )
    for code, message, raw_offset in pending:
        offset = bisect.bisect_left(to_source, raw_offset, hi=len(text))
        result.warnings.append(Warn(code, message, page=result.page_at(offset), offset=offset))
    for code, message, offset in detect(text):
        result.warnings.append(Warn(code, message, page=result.page_at(offset), offset=offset))
    return result


def explained(kind: str, text: str, to_source: OffsetMap, edits) -> list[RepairStep]:
    """The edits of one fixer as repair steps over raw-source spans."""
    return [RepairStep(kind, to_source[start], to_source[end], text[start:end], after)
            for start, end, after in edits]


def fix_and_explain(text: str, format: str = "txt") -> tuple[str, list[RepairStep]]:
    """Normalise a string as text of ``format`` and say what was repaired, step by step.

    >>> fixed, steps = fix_and_explain("第⼀条 公开率达到１００％")
    >>> fixed
    '第一条 公开率达到100%'
    >>> [(s.kind, s.start, s.before, s.after) for s in steps[:2]]
    [('kangxi_radical', 1, '⼀', '一'), ('fullwidth_ascii', 9, '１', '1')]
    >>> fix_and_explain("各區縣：現將方案印發給你們")[1][0]
    RepairStep(kind='traditional_to_simplified', start=1, end=2, before='區', after='区')
    """
    source = SourceText(name="<string>", sha256="", format=format,
                        lines=[Line(text=line) for line in text.split("\n")])
    result = normalize(source, explain=True)
    return result.text, result.explanation or []
