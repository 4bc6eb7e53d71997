"""The HTML review page: one self-contained file an analyst reads to judge a parse.

No network and no outside resource: CSS and one small script (``review.js``: search and
filters) are inlined; the Content-Security-Policy allows that script by its SHA-256 hash
(computed from the exact text written) and nothing else, so injected markup cannot run.
Every piece of document text passes through :func:`esc`; the script writes no HTML. With
script disabled the filter form stays ``hidden`` and the page reads in full.

Chinese throughout: warnings, summary and status come from the message table
(:mod:`planparse.messages`); the English codes stay visible beside them.

Counting contract (what the browser test asserts): every extraction is rendered by
exactly one element with class ``x-unit``, ``x-target`` or ``x-date`` — a ``<mark>``
in the item's text when it could be located there (see :mod:`.highlight`), otherwise
a ``<span class="… unplaced">`` in the item's extraction table. Each item is one
``<section class="item">`` with ``data-units``/``data-targets``/``data-dates`` counts.
The legend and outline badges use the colour classes without the ``x-`` prefix.
"""
from __future__ import annotations

import base64
import hashlib
import html
import os
import re
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from ..atomic import write_text_atomic
from ..contract import DateExpr, Document, Item, Target, Unit, Warning_
from ..messages import localized, word
from .by_unit import (
    ROLE_NAMES,
    confidence_word,
    deadline,
    last_day,
    unit_key,
    unit_rows,
)
from .highlight import Mark, place, segments, wanted
from .summary import format_summary
from .tasks import carries_task, parent_ids, printed_path

CSP_BASE = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
ROLE_LABELS = {"lead": "牵头单位", "support": "配合单位"}
DATE_KINDS = {"deadline": "截止", "point": "时点", "range": "区间", "recurring": "周期", "period": "时期"}


def esc(value) -> str:
    """Escape text for element content and double-quoted attributes."""
    return html.escape("" if value is None else str(value), quote=True)


def css() -> str:
    return resources.files(__package__).joinpath("review.css").read_text(encoding="utf-8")


def script() -> str:
    """The page's one script (search and filters), as inlined."""
    return resources.files(__package__).joinpath("review.js").read_text(encoding="utf-8")


def csp(script_text: str) -> str:
    """The policy: nothing from outside, inline CSS, and only the script with this exact text.

    >>> csp("x").split("; ")[1]
    "script-src 'sha256-LXEWQrcmsEQBYnyp+6wy9chTD7GQPMTbAiWHF5IaSIE='"
    """
    digest = base64.b64encode(hashlib.sha256(script_text.encode("utf-8")).digest()).decode("ascii")
    return CSP_BASE.replace("; ", f"; script-src 'sha256-{digest}'; ", 1)


def anchor_ids(doc: Document) -> dict[str, str]:
    """A unique element id per item id, usable as a CSS selector (``p0-2.1.3`` → ``item-p0-2_1_3``)."""
    anchors: dict[str, str] = {}
    used: set[str] = set()
    for n, item in enumerate(doc.items):
        anchor = "item-" + re.sub(r"[^A-Za-z0-9_-]", "_", item.id)
        if anchor in used:
            anchor = f"{anchor}--{n}"
        used.add(anchor)
        anchors[item.id] = anchor
    return anchors


# ---- extractions ---------------------------------------------------------------

def extraction(item: Item, mark: Mark) -> Unit | Target | DateExpr:
    found: dict[str, list[Unit] | list[Target] | list[DateExpr]] = {
        "unit": item.units, "target": item.targets, "date": item.dates}
    return found[mark.kind][mark.index]


def style_classes(mark: Mark, item: Item) -> str:
    if mark.kind == "unit":
        return f"unit {item.units[mark.index].role}"
    return mark.kind


def describe(ex: Unit | Target | DateExpr) -> str:
    """The typed value of an extraction as one short line."""
    if isinstance(ex, Unit):
        doubt = f" · {confidence_word(ex.confidence)}" if ex.confidence == "low" else ""
        return f"{ROLE_LABELS[ex.role]} · 标签 {ex.label}{doubt}"
    if isinstance(ex, Target):
        value = f"{ex.value:g}"
        return f"{ex.metric or '—'} {ex.comparator} {value}{ex.unit}"
    return f"{DATE_KINDS.get(ex.kind, ex.kind)} · {ex.value or '无效日期'}"


def data_attrs(mark: Mark, ex: Unit | Target | DateExpr) -> str:
    attrs = {"data-kind": mark.kind, "data-index": str(mark.index)}
    if isinstance(ex, Unit):
        attrs |= {"data-role": ex.role, "data-label": ex.label, "data-unit": unit_key(ex.name),
                  "data-confidence": ex.confidence or ""}
    elif isinstance(ex, DateExpr):
        attrs |= {"data-value": ex.value or "", "data-date-kind": ex.kind}
    else:
        attrs |= {"data-value": f"{ex.value:g}", "data-comparator": ex.comparator, "data-unit": ex.unit}
    return " ".join(f'{k}="{esc(v)}"' for k, v in attrs.items())


def counted(tag: str, mark: Mark, item: Item, text: str, extra: str = "") -> str:
    """The one counted element of an extraction (class ``x-<kind>``)."""
    ex = extraction(item, mark)
    low = " low" if isinstance(ex, Unit) and ex.confidence == "low" else ""
    classes = f"x-{mark.kind} {style_classes(mark, item)}{low}{extra}"
    return f'<{tag} class="{classes}" {data_attrs(mark, ex)} title="{esc(describe(ex))}">{esc(text)}</{tag}>'


def marked_text(item: Item, placed: list[Mark]) -> str:
    """The item's text with its located extractions as ``<mark>`` and its marker emphasised."""
    marker = item.markers[-1] if item.markers else ""
    out = []
    for n, (piece, mark) in enumerate(segments(item.text, placed)):
        if mark is not None:
            out.append(counted("mark", mark, item, piece))
        elif n == 0 and marker and piece.startswith(marker):
            out.append(f'<span class="marker">{esc(marker)}</span>{esc(piece[len(marker):])}')
        else:
            out.append(esc(piece))
    return "".join(out)


def extraction_table(item: Item, placed: list[Mark]) -> str:
    """Every extraction of the item, one row each; unplaced ones carry the counted element."""
    if not placed:
        return ""
    kind_names = {"target": "指标", "date": "时间"}
    rows = []
    for mark in placed:
        ex = extraction(item, mark)
        kind = ROLE_LABELS[ex.role] if isinstance(ex, Unit) else kind_names[mark.kind]
        if mark.start is None:
            shown = counted("span", mark, item, mark.needle, " unplaced")
            where = '<td class="where missing">正文中未找到</td>'
        else:
            shown = esc(mark.needle)
            where = '<td class="where">正文已标出</td>'
        rows.append(f"<tr><td>{esc(kind)}</td><td>{shown}</td><td>{esc(describe(ex))}</td>{where}</tr>")
    head = "<tr><th>类别</th><th>内容</th><th>详情</th><th>位置</th></tr>"
    missing = sum(m.start is None for m in placed)
    note = f"，{missing} 项未在正文中定位" if missing else ""
    return (  # folded unless something could not be marked in the text
        f'<details class="extractions"{" open" if missing else ""}><summary>抽取明细 {len(placed)} 项{note}</summary>'
        f'<table class="extractions"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></details>'
    )


# ---- items and outline -----------------------------------------------------------

def source_href(doc: Document, page_path: Path | None, source: Path | None) -> str | None:
    """The link from the page to its PDF input: relative to the page's folder when the input's
    path is known (just the file name when the PDF sits beside the output), else the file
    name (``planparse export`` from JSON: put the PDF beside the page). None for other forms.

    >>> from planparse.contract import Source
    >>> d = Document(source=Source(name="a b.pdf", sha256="0", format="pdf"), metadata={}, normalization={}, parts=[], items=[])
    >>> source_href(d, Path("out/a b.pdf.html"), Path("in/a b.pdf")), source_href(d, None, None)
    ('../in/a%20b.pdf', 'a%20b.pdf')
    """
    if doc.source.format != "pdf":
        return None
    if source is not None and page_path is not None:
        relative = os.path.relpath(Path(source).resolve(), Path(page_path).resolve().parent)
        return quote(Path(relative).as_posix())
    return quote(doc.source.name)


def where_in_source(item: Item, pdf: str | None) -> str:
    """第N页 linked to the PDF at that page, or 第a–b行 of a text input."""
    if item.page is not None and pdf:
        return f'<a class="page" href="{esc(pdf)}#page={item.page}" title="在 PDF 中打开第{item.page}页">第{item.page}页</a>'
    if item.page is not None:
        return f'<span class="page">第{esc(item.page)}页</span>'
    if item.lines is not None:
        first, last = item.lines
        shown = f"第{first}行" if first == last else f"第{first}–{last}行"
        return f'<span class="lines" data-first="{first}" data-last="{last}">{shown}</span>'
    return ""


def item_warnings(warnings: Sequence[Warning_]) -> str:
    if not warnings:
        return ""
    rows = "".join(f'<li><code>{esc(w.code)}</code> {esc(localized(w.code, w.message))}</li>' for w in warnings)
    return f'<ul class="item-warnings">{rows}</ul>'


def item_section(item: Item, anchor: str, is_task: bool, pdf: str | None = None,
                 warnings: Sequence[Warning_] = ()) -> str:
    placed = place(item.text, wanted(item))
    level = max(1, min(item.level, 6))
    doubt = bool(warnings) or any(u.confidence == "low" for u in item.units)
    attrs = (
        f'class="item level-{level}" id="{esc(anchor)}" data-id="{esc(item.id)}" data-level="{item.level}" '
        f'data-task="{str(is_task).lower()}" data-units="{len(item.units)}" '
        f'data-targets="{len(item.targets)}" data-dates="{len(item.dates)}" '
        f'data-deadline="{esc(last_day(deadline(item)))}" data-doubt="{str(doubt).lower()}"'
    )
    return (
        f"<section {attrs}>"
        f'<h3><span class="marker">{esc(printed_path(item))}</span> {esc(item.title)}'
        f'<a class="id" href="#{esc(anchor)}">{esc(item.id)}</a>{where_in_source(item, pdf)}</h3>'
        f'<p class="text">{marked_text(item, placed)}</p>'
        f"{item_warnings(warnings)}{extraction_table(item, placed)}</section>"
    )


def part_titles(doc: Document) -> dict[int, str]:
    titles = {p.index: p.title for p in doc.parts}
    for item in doc.items:
        titles.setdefault(item.part, f"部分 {item.part}")
    return titles


def badges(item: Item) -> str:
    counts = [("unit", len(item.units), "单位"), ("target", len(item.targets), "指标"), ("date", len(item.dates), "时间")]
    shown = "".join(f'<span class="badge {k}" title="{t}">{n}</span>' for k, n, t in counts if n)
    return f'<span class="badges">{shown}</span>' if shown else ""


def outline_tree(doc: Document, anchors: dict[str, str]) -> str:
    """Nested lists per part; an item whose parent is missing hangs at its part's top."""
    ids = {item.id for item in doc.items}
    children: dict[str | None, list[Item]] = {}
    for item in doc.items:
        parent = item.parent if item.parent in ids and item.parent != item.id else None
        children.setdefault(parent if parent else f"part:{item.part}", []).append(item)

    def branch(key: str, depth: int) -> str:
        nodes = children.get(key, [])
        if not nodes or depth > 12:
            return ""
        lis = "".join(
            f'<li><a href="#{esc(anchors[n.id])}"><span class="marker">{esc(n.markers[-1] if n.markers else "")}</span>'
            f"{esc(n.title)}</a>{badges(n)}{branch(n.id, depth + 1)}</li>"
            for n in nodes
        )
        return f"<ul>{lis}</ul>"

    parts = []
    for index, title in sorted(part_titles(doc).items()):
        tree = branch(f"part:{index}", 0)
        if tree:
            parts.append(f"<details open><summary>{esc(title)}</summary>{tree}</details>")
    return "".join(parts) or '<p class="none">未识别出提纲</p>'


def warnings_by_item(doc: Document) -> dict[str, list[Warning_]]:
    """The document's warnings grouped by the item whose text holds them."""
    found: dict[str, list[Warning_]] = {}
    for w in doc.normalization.warnings:
        item = item_at(doc, w.offset)
        if item is not None:
            found.setdefault(item.id, []).append(w)
    return found


def items_body(doc: Document, anchors: dict[str, str], pdf: str | None = None) -> str:
    parents = parent_ids(doc)
    titles = part_titles(doc)
    warned = warnings_by_item(doc)
    out, current = [], None
    for item in doc.items:
        if item.part != current:
            current = item.part
            out.append(f'<h2 class="part">{esc(titles[current])}</h2>')
        out.append(item_section(item, anchors[item.id], carries_task(item, item.id in parents), pdf,
                                warned.get(item.id, [])))
    return "".join(out) or '<p class="none">没有条目</p>'


# ---- document head, quality, legend ---------------------------------------------------

def meta_list(doc: Document) -> str:
    src, meta = doc.source, doc.metadata
    pairs = [
        ("文件", src.name), ("SHA-256", src.sha256), ("格式", src.format), ("页数", src.pages),
        ("编码", src.encoding), ("发文字号", meta.doc_number), ("发文机关", meta.issuer),
        ("成文日期", meta.issue_date), ("文字", doc.normalization.script), ("schema", doc.schema_version),
    ]
    cells = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v) if v not in (None, '') else '—'}</dd>" for k, v in pairs)
    return f'<dl class="meta">{cells}</dl>'


def item_at(doc: Document, offset: int | None) -> Item | None:
    """The innermost item whose span holds ``offset`` (for linking a warning)."""
    if offset is None:
        return None
    holding = [i for i in doc.items if i.span[0] <= offset < i.span[1]]
    return max(holding, key=lambda i: i.level, default=None)


def quality_section(doc: Document, anchors: dict[str, str]) -> str:
    repairs = "".join(f"<tr><td><code>{esc(r.kind)}</code></td><td>{r.count}</td></tr>" for r in doc.normalization.repairs)
    warn_rows = []
    for w in doc.normalization.warnings:
        item = item_at(doc, w.offset)
        where = f'<a href="#{esc(anchors[item.id])}">{esc(item.id)}</a>' if item else ""
        warn_rows.append(
            f'<tr class="warning"><td class="code"><code>{esc(w.code)}</code></td><td>{esc(localized(w.code, w.message))}</td>'
            f"<td>{esc(w.page) if w.page is not None else '—'}</td>"
            f"<td>{esc(w.offset) if w.offset is not None else '—'}</td><td>{where}</td></tr>"
        )
    none = '<p class="none">无</p>'
    repairs_html = (f"<table><thead><tr><th>修复类型</th><th>次数</th></tr></thead><tbody>{repairs}</tbody></table>"
                    if repairs else none)
    warnings_html = (
        "<table><thead><tr><th>代码</th><th>说明</th><th>页码</th><th>偏移</th><th>条目</th></tr></thead>"
        f"<tbody>{''.join(warn_rows)}</tbody></table>" if warn_rows else none
    )
    return (f'<section id="quality"><h2>文本修复与警告</h2><h3>修复</h3>{repairs_html}'
            f"<h3>警告</h3>{warnings_html}</section>")


def legend() -> str:
    return (
        '<section id="legend"><h2>图例</h2><div class="legend">'
        '<span><mark class="unit lead">牵头单位</mark></span>'
        '<span><mark class="unit support">配合单位</mark></span>'
        '<span><mark class="target">量化指标</mark></span>'
        '<span><mark class="date">时间</mark></span>'
        '<span><span class="unit lead unplaced">虚线框</span> = 已抽取但未在正文中定位，列在条目表中</span>'
        '<span><mark class="unit lead low">存疑</mark> = 单位名称未通过可信度检查（机构名称结尾、长度、非任务语句、'
        '位于标签/括号/表格列中），请核对</span>'
        '<span><span class="badge unit">n</span><span class="badge target">n</span><span class="badge date">n</span>'
        " = 提纲中各条目的单位/指标/时间数</span></div></section>"
    )


def indicators_section(doc: Document) -> str:
    if not doc.indicators:
        return ""
    rows = "".join(
        f"<tr><td>{r.part}</td><td>{esc(r.l1_title or r.l1 or '')}</td><td>{esc(r.l2_title or r.l2 or '')}</td>"
        f"<td>{esc(r.n if r.n is not None else '')}</td><td>{esc(r.text)}</td></tr>"
        for r in doc.indicators
    )
    head = "<tr><th>部分</th><th>一级指标</th><th>二级指标</th><th>序号</th><th>指标</th></tr>"
    return f'<section id="indicators"><h2>指标体系</h2><table><thead>{head}</thead><tbody>{rows}</tbody></table></section>'


def unit_anchors(rows: list[dict]) -> dict[str, str]:
    """An element id for the first by-unit row of each unit (the sidebar links there)."""
    anchors: dict[str, str] = {}
    for row in rows:
        anchors.setdefault(row["unit"], f"unit-{len(anchors) + 1}")
    return anchors


def units_section(doc: Document, anchors: dict[str, str]) -> str:
    """按单位: each unit with the tasks it leads and supports, by deadline, linked to the item."""
    rows = unit_rows(doc)
    if not rows:
        return ""
    first, seen, body = unit_anchors(rows), set(), []
    roles = {v: k for k, v in ROLE_NAMES.items()}
    for row in rows:
        link = f'<a href="#{esc(anchors.get(row["id"], ""))}">{esc(row["path"] or row["id"])}</a>'
        printed = "" if row["printed"] == row["unit"] else f'<span class="printed">（原文：{esc(row["printed"])}）</span>'
        id_attr = "" if row["unit"] in seen else f' id="{first[row["unit"]]}"'
        seen.add(row["unit"])
        low = " low" if row["confidence"] == confidence_word("low") else ""
        body.append(f'<tr{id_attr} class="unit-row{low}" data-unit="{esc(row["unit"])}" data-role="{roles.get(row["role"], "")}" '
                    f'data-item="{esc(row["id"])}"><td>{esc(row["unit"])}{printed}</td>'
                    f'<td>{esc(row["role"])}</td><td>{link}</td><td>{esc(row["title"])}</td><td>{esc(row["deadline"])}</td>'
                    f'<td class="confidence">{esc(row["confidence"])}</td></tr>')
    head = "<tr><th>单位</th><th>角色</th><th>序号</th><th>任务</th><th>完成时限</th><th>可信度</th></tr>"
    return (f'<section id="units"><h2>按单位</h2><table class="by-unit"><thead>{head}</thead>'
            f'<tbody>{"".join(body)}</tbody></table></section>')


def unit_counts(rows: list[dict]) -> dict[str, int]:
    """Tasks per unit (grouped name), in the by-unit table's order."""
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["unit"]] = counts.get(row["unit"], 0) + 1
    return counts


def units_sidebar(doc: Document) -> str:
    """The sidebar's unit filter: each unit links to its by-unit rows; with script it filters the items."""
    rows = unit_rows(doc)
    if not rows:
        return ""
    anchors = unit_anchors(rows)
    doubtful = {r["unit"] for r in rows if r["confidence"] == confidence_word("low")}
    links = "".join(
        f'<li><a class="unit-filter{" low" if unit in doubtful else ""}" href="#{anchors[unit]}" '
        f'data-unit="{esc(unit)}">{esc(unit)}</a>'
        f'<span class="badge unit" title="任务数">{n}</span></li>'
        for unit, n in unit_counts(rows).items()
    )
    return f'<details class="units" open><summary>按单位筛选</summary><ul>{links}</ul></details>'


def filter_form(doc: Document) -> str:
    """Search and filters; ``hidden`` until the script runs, so without script nothing is inert on show."""
    options = "".join(f'<option value="{esc(u)}">{esc(u)}</option>' for u in unit_counts(unit_rows(doc)))
    return (
        '<form id="filters" class="filters" hidden role="search" aria-label="筛选条目">'
        '<label>搜索 <input type="search" name="q" placeholder="标题、正文、单位…"></label>'
        f'<label>单位 <select name="unit"><option value="">全部单位</option>{options}</select></label>'
        '<label>角色 <select name="role"><option value="">全部</option><option value="lead">牵头</option>'
        '<option value="support">配合</option></select></label>'
        '<label>完成时限 <input type="date" name="from" aria-label="完成时限起"> 至 '
        '<input type="date" name="to" aria-label="完成时限止"></label>'
        '<label><input type="checkbox" name="doubt"> 只看有警告或存疑的条目</label>'
        '<button type="reset">清除</button>'
        f'<output class="count">显示 <span id="filter-count">{len(doc.items)}</span> / {len(doc.items)} 个条目</output>'
        "</form>"
    )


def status_line(doc: Document) -> str:
    """状态：正常/存疑 as the batch would report it, with the reason in Chinese."""
    from ..batch import doubt_key

    key = doubt_key([doc])
    if key is None:
        return f'<p class="status ok">状态：{word("status", "ok")}</p>'
    return f'<p class="status warn">状态：{word("status", "warn")}（{esc(word("doubt", key))}）</p>'


def render_html(doc: Document, *, pdf_href: str | None = None) -> str:
    """The complete review page as a string; ``pdf_href`` links item pages to the PDF input
    (default: the input's file name, as if beside the page)."""
    anchors = anchor_ids(doc)
    title = doc.metadata.title or doc.source.name
    pdf = pdf_href if pdf_href is not None else source_href(doc, None, None)
    code = script()
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp(code)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>审阅 · {esc(title)}</title><style>{css()}</style></head><body>"
        f'<header class="doc-head"><h1>{esc(title)}</h1>{meta_list(doc)}'
        f'<p class="summary">{esc(format_summary(doc, "zh"))}</p>{status_line(doc)}</header>'
        f'<div class="layout"><nav class="outline" aria-label="提纲"><h2>提纲</h2>{outline_tree(doc, anchors)}'
        f"{units_sidebar(doc)}</nav>"
        f"<main>{filter_form(doc)}{legend()}{quality_section(doc, anchors)}"
        f'<section id="items"><h2>条目</h2>{items_body(doc, anchors, pdf)}</section>'
        f"{units_section(doc, anchors)}{indicators_section(doc)}</main></div>"
        f"<script>{code}</script></body></html>\n"
    )


def write_html(doc: Document, path: str | Path, source: str | Path | None = None) -> Path:
    """Write the review page for ``doc`` atomically; ``source`` is the input file, for the PDF links."""
    href = source_href(doc, Path(path), Path(source) if source is not None else None)
    return write_text_atomic(path, render_html(doc, pdf_href=href))
