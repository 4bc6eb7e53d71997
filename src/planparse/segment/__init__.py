"""Segmentation: cover-notice metadata, parts, the numbered outline, indicator tables.

``segment(text, source) -> Outline`` reads only the normalised string (plus line
fonts when the input is a PDF) and returns spans over it.
"""
from __future__ import annotations

import re
from typing import Any

from ..messages import warning_text
from ..model import Outline, PartInfo, SourceText, Text, Warn
from . import tables as T
from .indicators import read_indicators, table_region
from .lines import TextLine, non_blank, split_lines
from .metadata import (
    Colophon,
    Cover,
    Signature,
    date_only,
    find_closing_signature,
    find_colophon,
    find_cover,
)
from .outline import Margins, PartBody, build_outline
from .parts import PartSpan, attachment_list_lines, find_parts

YEAR_RE = re.compile(r"(?:19|20)\d\d")
REPOST_INTRO_RE = re.compile(T.REPOST_INTRO)

__all__ = ["segment"]


def segment(text: Text, source: SourceText) -> Outline:
    """Metadata, parts, outline items and indicator rows of a normalised document.

    >>> from planparse.model import Line
    >>> from planparse.normalize import normalize
    >>> source = SourceText(name="x", sha256="", format="txt", lines=[Line(t) for t in [
    ...     "市人民政府办公厅关于印发政务公开工作要点的通知", "各区人民政府：",
    ...     "现将《政务公开工作要点》印发给你们，请认真贯彻执行。", "市人民政府办公厅", "2024年3月5日",
    ...     "政务公开工作要点", "一、加强公开", "（一）推进决策公开。", "（二）做好政策解读。"]])
    >>> outline = segment(normalize(source), source)
    >>> outline.metadata["issuer"], outline.metadata["issue_date"], outline.metadata["plan_title"]
    ('市人民政府办公厅', '2024-03-05', '政务公开工作要点')
    >>> [(item.path, item.title) for item in outline.items]
    [([1], '加强公开'), ([1, 1], '推进决策公开'), ([1, 2], '做好政策解读')]
    """
    lines = split_lines(text.text)
    cover = find_cover(lines)
    lo = cover.end if cover else 0
    colophon = find_colophon(lines, lo)
    hi = colophon.start if colophon else len(lines)
    if cover and cover.body_end is not None:  # a notice that is the document: stop at its signature
        hi = min(hi, cover.body_end)
    closing = find_closing_signature(lines[:hi], lo) if cover is None else None
    if closing is not None:  # a plan without a cover, signed at its end
        hi = min(hi, closing.first_idx)
    elif cover is None and (last := non_blank(lines, lo, hi, last=1)) and date_only(last[0].content):
        hi = last[0].index  # …or dated only: the date is no part of the last item
    parts = find_parts(text, lines, lo, hi)
    margins = Margins.of(text)
    if cover and cover.body_end is not None:
        parts = signed_at_end(text, lines, parts, cover, margins)
    items, indicators, warnings = [], [], []
    for part in parts:
        body = part_body(lines, part)
        part_items, part_warns = build_outline(text, body, margins)
        items += part_items
        warnings += part_warns
        if part.kind == "indicator_table":
            indicators += read_indicators(lines[part.lo:part.hi], part.index)
    if not any(ln.content for ln in lines):
        warnings.append(Warn("empty_text", warning_text("empty_text")))
    return Outline(
        metadata=build_metadata(cover, colophon, parts, closing, lines),
        parts=[part_info(lines, p) for p in parts],
        items=items, indicators=indicators, warnings=warnings,
    )


def signed_at_end(text: Text, lines: list[TextLine], parts: list[PartSpan], cover: Cover,
                  margins: Margins | None = None) -> list[PartSpan]:
    """A notice signed at the end of the file: its own body is part 0, unless it only
    covers a titled plan printed before the signature (`现将…印发给你们` + the plan)."""
    if len(parts) > 1 and not build_outline(text, part_body(lines, parts[0]), margins)[0]:
        parts = parts[1:]
        for index, part in enumerate(parts):
            part.index = index
    if not parts[0].title:
        parts[0].title = cover.metadata.get("title") or ""
    return parts


def part_body(lines: list[TextLine], part: PartSpan) -> PartBody:
    """The lines the outline of ``part`` reads, lines it must skip, and where items must stop."""
    excluded = set(part.title_lines)
    stops = []
    for a, b in attachment_list_lines(lines, part.lo, part.hi):
        excluded.update(range(a, b))
        stops.append(lines[a].start)
    if part.kind == "indicator_table":
        region = table_region(lines[part.lo:part.hi])
        if region:
            excluded.update(range(*region))
            stops.append(lines[region[0]].start)
    content = non_blank(lines, part.lo, part.hi)
    end = content[-1].end if content else (lines[part.lo].start if part.lo < len(lines) else 0)
    return PartBody(part.index, lines[part.lo:part.hi], excluded, stops, end)


def part_info(lines: list[TextLine], part: PartSpan) -> PartInfo:
    content = non_blank(lines, part.lo, part.hi)
    start = content[0].start if content else (lines[part.lo].start if part.lo < len(lines) else 0)
    end = content[-1].end if content else start
    return PartInfo(part.index, part.title, part.kind, start, end)


DATE_USED_AFTER = "于在至到止自从截前和、，,（("  # …于2005年12月31日: a date in a sentence
HEAD_LINES = 5          # non-blank lines at the top where a bare 发文字号 stands
DOC_NUMBER_KEY_RE = re.compile(r"(?:发文字号|文\s*号)\s*[：:]\s*")


def uncovered_metadata(lines: list[TextLine]) -> dict:
    """What a document without a cover notice still prints: its 发文字号 alone on one of the
    first lines, or after a 文号：/发文字号： key (a page's 信息公开 block run into the text),
    and a 成文日期 alone on its last line."""
    from .metadata import DOC_NUMBER_RE, date_only, is_citation, normalise_doc_number

    found: dict = {}
    content = non_blank(lines, 0, len(lines))
    for ln in content[:HEAD_LINES]:
        key = DOC_NUMBER_KEY_RE.search(ln.content)
        m = DOC_NUMBER_RE.search(ln.content, key.end() if key else 0)
        alone = m and ((key and m.start() - key.end() <= 1) or not ln.content.replace(m.group(0), "").strip(" \u3000（）()"))
        if m and alone and (not is_citation(ln.content, m.start()) or key):
            found["doc_number"] = normalise_doc_number(m)
            break
    if content and (iso := date_only(content[-1].content) or run_on_date(content[-1].content)):
        found["issue_date"] = iso
    return found


def run_on_date(content: str) -> str | None:
    """A 成文日期 a flattened copy ran onto the end of the last line (``附件：…统计表二〇〇五年
    十二月二十一日``); not a date a sentence uses (``于2005年12月31日``).

    >>> run_on_date("附件：情况统计表二〇〇五年十二月二十一日"), run_on_date("请于2005年12月31日")
    ('2005-12-21', None)
    """
    from .metadata import DATE_RE, FULLWIDTH_DIGITS, match_to_iso

    text = content.rstrip().translate(FULLWIDTH_DIGITS)
    m = DATE_RE.search(text)
    while m and m.end() < len(text):
        m = DATE_RE.search(text, m.end())
    if not m or m.start() == 0 or text[m.start() - 1] in DATE_USED_AFTER:
        return None
    return match_to_iso(m)


def repost_introduction(lines: list[TextLine]) -> dict:
    """Title and issuer from a reposter's introduction among the first lines (``6月12日，
    X教育局发布《关于做好…工作的通知》，具体内容如下``): CONVENTIONS' source of last resort.

    >>> from .lines import split_lines
    >>> repost_introduction(split_lines("6月12日，甲市教育局发布《关于做好招生入学工作的通知》，具体内容如下：\\n一、工作目标"))
    {'title': '关于做好招生入学工作的通知', 'issuer': '甲市教育局'}
    """
    from .metadata import is_organ

    for ln in non_blank(lines, 0, len(lines), first=HEAD_LINES):
        for m in REPOST_INTRO_RE.finditer(ln.content):
            title = m.group("title").strip()
            if is_organ(m.group("organ")) and title.endswith(T.DOCUMENT_TITLE_WORDS):
                return {"title": title, "issuer": m.group("organ")}
    return {}


def build_metadata(cover: Cover | None, colophon: Colophon | None, parts: list[PartSpan],
                   closing: Signature | None = None, lines: list[TextLine] | None = None) -> dict:
    """Contract metadata plus ``plan_year`` (成文日期's year, else the plan title's) and
    ``plan_title``. A plan without a cover notice that is signed at its end gives issuer and
    date from there. A cover whose title line the copy lost leaves ``title`` empty, so a
    form's own field (a record's 标题) can give it before the plan's title does."""
    from .numerals import parse_full_date

    meta: dict[str, Any] = {"doc_number": None, "issuer": None, "title": None, "issue_date": None, "recipients": []}
    if cover:
        meta.update(cover.metadata)
    elif closing is not None and lines is not None:
        meta.update(issuer=closing.organ, issue_date=parse_full_date(lines[closing.date_idx].content))
    if not cover and lines is not None:
        meta.update({k: v for k, v in uncovered_metadata(lines).items() if not meta.get(k)})
    plan_title = parts[0].title if parts else ""
    meta["plan_title"] = plan_title or None  # the title when neither text nor fields give one
    if not cover and not plan_title and lines is not None:
        meta.update({k: v for k, v in repost_introduction(lines).items() if not meta.get(k)})
    if not meta.get("title") and not cover:
        meta["title"] = plan_title or None
    if not meta.get("issuer") and not cover:  # no signature printed: the title names the issuer
        from .metadata import title_organ

        meta["issuer"] = title_organ(meta.get("title"))
    if colophon:
        meta.update(cc=colophon.cc, printer=colophon.printer, print_date=colophon.print_date)
    year = None
    if meta.get("issue_date"):
        year = int(meta["issue_date"][:4])
    elif m := YEAR_RE.search(plan_title or ""):
        year = int(m.group(0))
    meta["plan_year"] = year
    return meta
