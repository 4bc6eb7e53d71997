"""Accuracy report: predictions (contract JSON) against hand-checked gold (gold FORMAT).

The figures follow the gold format's scoring rules so that CI users get the same numbers
as the independent scorer:

- ``meta``: exact match of doc_number, issuer, issue_date, title after removing
  whitespace and unifying （）/() and 〈〉/<>;
- ``items``: P/R/F1 on ``(part, path, occurrence)``; title accuracy on matched items;
- ``units``: P/R/F1 on ``(item, role, name)``;
- ``percents``: P/R/F1 on the multiset of ``(item, value)`` of targets in %, comparator
  accuracy on the matched ones;
- ``dates``: per item, a predicted text matches a gold text when equal (first pass) or
  when one contains the other (second pass); value and kind accuracy on matched;
- ``indicators``: P/R/F1 on ``(part, l1, l2, n)`` for gold files that carry them.

A prediction file ``NAME.json`` or ``NAME.<variant>.json`` is scored against gold
``NAME.json``.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

META_FIELDS = ("doc_number", "issuer", "issue_date", "title")
_SPACE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
_BRACKETS = str.maketrans({"（": "(", "）": ")", "〈": "<", "〉": ">", "＜": "<", "＞": ">"})
VARIANT_ORDER = ("orig", "lo", "kangxi", "trad", "gbk", "moji")


def squash(value) -> str:
    """Text without any whitespace (the comparison form of titles and date texts)."""
    return _SPACE.sub("", "" if value is None else str(value))


def canon(value) -> str | None:
    """Comparison form of names and metadata: no whitespace, one bracket style."""
    if value is None:
        return None
    return squash(value).translate(_BRACKETS) or None


def as_int(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def as_path(value) -> tuple[int, ...] | None:
    if not isinstance(value, (list, tuple)) or not value:
        return None
    numbers = [as_int(v) for v in value]
    whole = [n for n in numbers if n is not None]
    return tuple(whole) if len(whole) == len(numbers) else None


def as_number(value) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(str(value).replace("％", "").replace("%", "").strip()) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) or math.isinf(number) else round(number, 4)


# --------------------------------------------------------------------------- loading
@dataclass
class Entry:
    """One item of gold or prediction in the common comparison form."""

    title: str
    units: set[tuple[str, str]] = field(default_factory=set)      # (role, name)
    percents: list[tuple[float | None, str | None]] = field(default_factory=list)  # (value, cmp)
    dates: list[dict] = field(default_factory=list)


@dataclass
class Side:
    metadata: dict
    items: dict            # (part, path, occurrence) -> Entry
    n_items: int           # items as listed (includes ones without a valid path)
    indicators: list | None


def keyed(pairs: list[tuple[tuple, Entry]]) -> dict:
    """Key items by (part, path, occurrence): a repeated printed path stays distinct."""
    seen: Counter = Counter()
    out = {}
    for key, entry in pairs:
        out[key + (seen[key],)] = entry
        seen[key] += 1
    return out


def indicator_key(row: dict) -> tuple:
    return (as_int(row.get("part", 0)) or 0, as_int(row.get("l1")), as_int(row.get("l2")), as_int(row.get("n")))


def load_gold(path: Path) -> Side:
    data = json.loads(path.read_text(encoding="utf-8"))
    pairs = []
    for item in data.get("items", []):
        item_path = as_path(item.get("path"))
        if item_path is None:
            continue
        entry = Entry(title=item.get("title") or "")
        entry.units = {(role, name) for role in ("lead", "support")
                       for name in map(canon, item.get(role) or []) if name}
        entry.percents = [(as_number(p.get("value")), p.get("cmp")) for p in item.get("percents") or []]
        entry.dates = list(item.get("dates") or [])
        pairs.append(((as_int(item.get("part", 0)) or 0, item_path), entry))
    indicators = None
    if "indicators" in data:
        indicators = [indicator_key(r) for r in data.get("indicators") or []]
    return Side(data.get("metadata") or {}, keyed(pairs), len(pairs), indicators)


class PredictionError(Exception):
    """A prediction file that cannot be scored (reported as FAIL)."""


def load_prediction(path: Path) -> Side:
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        raise PredictionError(f"not UTF-8: {err}") from None
    except json.JSONDecodeError as err:
        raise PredictionError(f"invalid JSON: {err.msg} at line {err.lineno} col {err.colno}") from None
    if not isinstance(data, dict):
        raise PredictionError(f"top level is {type(data).__name__}, not an object")
    if not isinstance(data.get("items"), list):
        raise PredictionError("no 'items' list")
    pairs = []
    for item in data["items"]:
        if not isinstance(item, dict) or as_path(item.get("path")) is None:
            continue
        part = as_int(item.get("part", 0))
        entry = Entry(title=item.get("title") or "")
        for unit in item.get("units") or []:
            name = canon(unit.get("name")) if isinstance(unit, dict) else None
            if name and unit.get("role") in ("lead", "support"):
                entry.units.add((unit["role"], name))
        for target in item.get("targets") or []:
            if isinstance(target, dict) and str(target.get("unit", "")).strip() in ("%", "％"):
                entry.percents.append((as_number(target.get("value")), target.get("comparator")))
        entry.dates = [d for d in item.get("dates") or [] if isinstance(d, dict)]
        pairs.append(((part if part is not None else 0, as_path(item["path"])), entry))
    indicators = [indicator_key(r) for r in data.get("indicators") or [] if isinstance(r, dict)]
    metadata = data.get("metadata")
    if not isinstance(metadata, dict):
        metadata = {}
    return Side(metadata, keyed(pairs), len(data["items"]), indicators)


# --------------------------------------------------------------------------- scoring
def empty_counts(with_indicators: bool) -> dict:
    counts = {
        "meta": {"correct": 0, "total": 0, **{f: 0 for f in META_FIELDS}},
        "items": {"tp": 0, "fp": 0, "fn": 0, "title_correct": 0, "title_total": 0},
        "units": {"tp": 0, "fp": 0, "fn": 0},
        "percents": {"tp": 0, "fp": 0, "fn": 0, "cmp_correct": 0, "cmp_total": 0},
        "dates": {"tp": 0, "fp": 0, "fn": 0, "value_correct": 0, "value_total": 0, "kind_correct": 0},
    }
    if with_indicators:
        counts["indicators"] = {"tp": 0, "fp": 0, "fn": 0}
    return counts


def score(gold: Side, pred: Side | None, errors: list | None = None) -> dict:
    """Counts for one document; ``pred=None`` (missing or failed) misses everything."""
    errors = [] if errors is None else errors
    counts = empty_counts(gold.indicators is not None)
    missing = pred is None
    pred = pred or Side({}, {}, 0, [])
    score_metadata(gold, pred, missing, counts["meta"], errors)
    score_items(gold, pred, counts["items"], errors)
    score_units(gold, pred, counts["units"], errors)
    score_percents(gold, pred, counts["percents"], errors)
    score_dates(gold, pred, counts["dates"], errors)
    if gold.indicators is not None:
        want, got = Counter(gold.indicators), Counter(pred.indicators or [])
        tp = sum(min(n, got[k]) for k, n in want.items())
        counts["indicators"].update(tp=tp, fn=sum(want.values()) - tp, fp=sum(got.values()) - tp)
        errors += [("ind_missed", str(k), None, None) for k in sorted(set(want) - set(got), key=str)[:50]]
        errors += [("ind_extra", str(k), None, None) for k in sorted(set(got) - set(want), key=str)[:50]]
    return counts


def score_metadata(gold: Side, pred: Side, missing: bool, c: dict, errors: list) -> None:
    for name in META_FIELDS:
        ok = not missing and canon(gold.metadata.get(name)) == canon(pred.metadata.get(name))
        c["total"] += 1
        c["correct"] += ok
        c[name] += ok
        if not ok:
            errors.append(("meta", name, gold.metadata.get(name), pred.metadata.get(name)))


def score_items(gold: Side, pred: Side, c: dict, errors: list) -> None:
    matched = [k for k in gold.items if k in pred.items]
    c["tp"] = len(matched)
    c["fp"] = pred.n_items - len(matched)
    c["fn"] = len(gold.items) - len(matched)
    for key in matched:
        c["title_total"] += 1
        if squash(gold.items[key].title) == squash(pred.items[key].title):
            c["title_correct"] += 1
        else:
            errors.append(("title", label(key), gold.items[key].title, pred.items[key].title))
    errors += [("item_missed", label(k), gold.items[k].title, None) for k in gold.items if k not in pred.items]
    errors += [("item_extra", label(k), None, pred.items[k].title) for k in pred.items if k not in gold.items]


def unit_set(side: Side) -> set:
    return {key + unit for key, entry in side.items.items() for unit in entry.units}


def score_units(gold: Side, pred: Side, c: dict, errors: list) -> None:
    want, got = unit_set(gold), unit_set(pred)
    c.update(tp=len(want & got), fp=len(got - want), fn=len(want - got))
    errors += [("unit_missed", label(u[:3]), f"{u[3]}:{u[4]}", None) for u in sorted(want - got, key=str)]
    errors += [("unit_extra", label(u[:3]), None, f"{u[3]}:{u[4]}") for u in sorted(got - want, key=str)]


def percent_groups(side: Side) -> dict:
    groups = defaultdict(list)
    for key, entry in side.items.items():
        for value, cmp in entry.percents:
            groups[key + (value,)].append(cmp)
    return groups


def score_percents(gold: Side, pred: Side, c: dict, errors: list) -> None:
    want, got = percent_groups(gold), percent_groups(pred)
    for key in set(want) | set(got):
        g, p = want.get(key, []), got.get(key, [])
        matched = min(len(g), len(p))
        c["tp"] += matched
        c["fn"] += len(g) - matched
        c["fp"] += len(p) - matched
        if matched:
            g_cmp, p_cmp = Counter(g), Counter(p)
            right = min(matched, sum(min(g_cmp[x], p_cmp[x]) for x in g_cmp))
            c["cmp_total"] += matched
            c["cmp_correct"] += right
            if right < matched:
                errors.append(("pct_cmp", label(key[:3]), f"{key[3]} {g}", f"{key[3]} {p}"))
        if len(g) > matched:
            errors.append(("pct_missed", label(key[:3]), key[3], None))
        if len(p) > matched:
            errors.append(("pct_extra", label(key[:3]), None, key[3]))


def match_dates(gold_texts: list[str], pred_texts: list[str]) -> list[int | None]:
    """Gold index → matched prediction index: exact texts first, then containment."""
    taken = [False] * len(pred_texts)
    matches: list[int | None] = [None] * len(gold_texts)
    for exact in (True, False):
        for gi, g in enumerate(gold_texts):
            if matches[gi] is not None or not g:
                continue
            for pi, p in enumerate(pred_texts):
                if taken[pi] or not p:
                    continue
                if (g == p) if exact else (g in p or p in g):
                    matches[gi], taken[pi] = pi, True
                    break
    return matches


def score_dates(gold: Side, pred: Side, c: dict, errors: list) -> None:
    for key in set(gold.items) | set(pred.items):
        g_dates = gold.items[key].dates if key in gold.items else []
        p_dates = pred.items[key].dates if key in pred.items else []
        matches = match_dates([squash(d.get("text")) for d in g_dates], [squash(d.get("text")) for d in p_dates])
        for gi, pi in enumerate(matches):
            if pi is None:
                c["fn"] += 1
                errors.append(("date_missed", label(key), g_dates[gi].get("text"), None))
                continue
            c["tp"] += 1
            c["value_total"] += 1
            g_value, p_value = squash(g_dates[gi].get("value")), squash(p_dates[pi].get("value"))
            if g_value == p_value:
                c["value_correct"] += 1
            else:
                errors.append(("date_value", label(key), f"{g_dates[gi].get('text')}={g_value}",
                               f"{p_dates[pi].get('text')}={p_value}"))
            c["kind_correct"] += (g_dates[gi].get("kind") or "") == (p_dates[pi].get("kind") or "")
        extra = set(range(len(p_dates))) - {pi for pi in matches if pi is not None}
        c["fp"] += len(extra)
        errors += [("date_extra", label(key), None, p_dates[pi].get("text")) for pi in sorted(extra)]


def label(key: tuple) -> str:
    part, path = key[0], key[1]
    text = f"p{part}-" + ".".join(str(n) for n in path)
    if len(key) > 2 and isinstance(key[2], int) and key[2]:
        text += f"#{key[2] + 1}"
    return text


# --------------------------------------------------------------------------- rates
def add_counts(total: dict, counts: dict) -> None:
    for section, values in counts.items():
        into = total.setdefault(section, dict.fromkeys(values, 0))
        for name, n in values.items():
            into[name] = into.get(name, 0) + n


def prf(c: dict) -> dict:
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    return {
        "p": tp / (tp + fp) if tp + fp else None,
        "r": tp / (tp + fn) if tp + fn else None,
        "f1": 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else None,
    }


def share(a: int, b: int) -> float | None:
    return a / b if b else None


def rates(c: dict) -> dict:
    meta = c["meta"]
    out = {
        "meta_acc": share(meta["correct"], meta["total"]),
        "meta_fields": {f: share(meta[f], meta["total"] / len(META_FIELDS)) for f in META_FIELDS} if meta["total"] else {},
        "items": prf(c["items"]),
        "title_acc": share(c["items"]["title_correct"], c["items"]["title_total"]),
        "units": prf(c["units"]),
        "percents": prf(c["percents"]),
        "cmp_acc": share(c["percents"]["cmp_correct"], c["percents"]["cmp_total"]),
        "dates": prf(c["dates"]),
        "date_value_acc": share(c["dates"]["value_correct"], c["dates"]["value_total"]),
        "date_kind_acc": share(c["dates"]["kind_correct"], c["dates"]["value_total"]),
    }
    if "indicators" in c:
        out["indicators"] = prf(c["indicators"])
    return out


# --------------------------------------------------------------------------- report
def gold_for(stem: str, gold_names: list[str]) -> tuple[str | None, str]:
    """The gold a prediction stem belongs to (longest name prefix) and its variant."""
    candidates = [g for g in gold_names if stem == g or stem.startswith(g + ".")]
    if not candidates:
        return None, ""
    name = max(candidates, key=len)
    return name, (stem[len(name) + 1:] or "orig") if stem != name else "orig"


def variant_rank(variant: str) -> tuple:
    return (VARIANT_ORDER.index(variant), "") if variant in VARIANT_ORDER else (len(VARIANT_ORDER), variant)


def evaluate(gold_dir: Path, pred_dir: Path, expect: list[str] | None = None,
             forms: dict[str, list[str]] | None = None) -> dict:
    """Score every prediction in ``pred_dir`` against ``gold_dir``; the summary as a dict.

    ``forms`` maps an input-form name to document names (gold stems); the summary then
    carries ``by_form``: the same figures on each form's documents, a missing prediction
    counting as all missed (as ``../shared/tools/by_form.py`` counts it).
    """
    golds, bad_gold = {}, {}
    for path in sorted(Path(gold_dir).glob("*.json")):
        try:
            golds[path.stem] = load_gold(path)
        except Exception as err:  # a broken gold file is reported, not fatal
            bad_gold[path.stem] = str(err)
    names = sorted(golds)
    pred_files = sorted(Path(pred_dir).glob("*.json")) if Path(pred_dir).is_dir() else []
    rows: list[dict[str, Any]] = []
    ignored: list[str] = []
    seen: defaultdict[str, set[str]] = defaultdict(set)
    for path in pred_files:
        name, variant = gold_for(path.name[:-5], names)
        if name is None:
            ignored.append(path.name)
            continue
        seen[name].add(variant)
        errors: list = []
        try:
            pred, status, message = load_prediction(path), "ok", None
        except PredictionError as err:
            pred, status, message = None, "FAIL", str(err)
        except OSError as err:
            pred, status, message = None, "FAIL", f"unreadable: {err}"
        rows.append({"pred": path.name, "name": name, "variant": variant, "status": status,
                     "error": message, "counts": score(golds[name], pred, errors), "errors": errors})
    for name in names:
        for variant in expect or ([] if seen[name] else ["*"]):
            if variant in seen[name]:
                continue
            shown = f"{name}.{variant}.json" if variant != "*" else f"{name}[.*].json"
            rows.append({"pred": shown, "name": name, "variant": "orig" if variant == "*" else variant,
                         "status": "missing", "error": "no prediction file",
                         "counts": score(golds[name], None), "errors": []})
    rows.sort(key=lambda r: (r["name"], variant_rank(r["variant"]), r["pred"]))
    total: dict[str, Any] = {}
    by_variant: dict[str, dict[str, Any]] = {}
    for row in rows:
        add_counts(total, row["counts"])
        add_counts(by_variant.setdefault(row["variant"], {}), row["counts"])
        row["scores"] = rates(row["counts"])
    return {
        "gold_dir": str(gold_dir), "pred_dir": str(pred_dir),
        "n_gold": len(golds), "n_pred_files": len(pred_files),
        "n_ok": sum(r["status"] == "ok" for r in rows),
        "n_fail": sum(r["status"] == "FAIL" for r in rows),
        "n_missing": sum(r["status"] == "missing" for r in rows),
        "files": rows,
        "by_variant": {v: {"counts": c, "scores": rates(c)}
                       for v, c in sorted(by_variant.items(), key=lambda kv: variant_rank(kv[0]))},
        "overall": {"counts": total, "scores": rates(total)} if total else None,
        "ignored_pred_files": ignored,
        "bad_gold_files": bad_gold,
        "by_form": scores_by_form(rows, forms) if forms is not None else None,
    }


def scores_by_form(rows: list[dict], forms: dict[str, list[str]]) -> dict:
    """``{form: {"docs", "counts", "scores"}}`` over the rows of each form's documents
    (every variant of a document counts); a form whose documents have no gold counts 0 docs."""
    table = {}
    for form, names in forms.items():
        wanted = set(names)
        counts: dict = {}
        members = [row for row in rows if row["name"] in wanted]
        for row in members:
            add_counts(counts, row["counts"])
        table[form] = {"docs": len({row["name"] for row in members}), "counts": counts,
                       "scores": rates(counts) if counts else None}
    return table


def load_forms(path: Path) -> dict[str, list[str]]:
    """A forms file: ``{"form name": ["document name", …]}`` (names are gold stems)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not all(
            isinstance(names, list) and all(isinstance(n, str) for n in names) for names in data.values()):
        raise ValueError(f"{path}: expected an object mapping form names to lists of document names")
    return data


COLUMNS = [
    ("meta", lambda r: r["meta_acc"]), ("items", lambda r: r["items"]["f1"]),
    ("title", lambda r: r["title_acc"]), ("unitF1", lambda r: r["units"]["f1"]),
    ("unitR", lambda r: r["units"]["r"]), ("pctF1", lambda r: r["percents"]["f1"]),
    ("cmp", lambda r: r["cmp_acc"]), ("dateF1", lambda r: r["dates"]["f1"]),
    ("dval", lambda r: r["date_value_acc"]),
    ("indF1", lambda r: (r.get("indicators") or {}).get("f1")),
]


def cell(value) -> str:
    return "  -  " if value is None else f"{value:5.3f}"


def format_table(summary: dict, show_errors: int = 0) -> str:
    """The report as a fixed-width table (one row per prediction, then totals)."""
    rows = summary["files"]
    width = max([len(r["pred"]) for r in rows] + [15])
    head = f"{'file':<{width}}  {'status':<7}" + "".join(f"{name:>7}" for name, _ in COLUMNS)
    lines = [head, "-" * len(head)]
    for row in rows:
        lines.append(f"{row['pred']:<{width}}  {row['status']:<7}"
                     + "".join(f"{cell(get(row['scores'])):>7}" for _, get in COLUMNS)
                     + (f"  {row['error']}" if row["status"] == "FAIL" else ""))
        for err in row["errors"][:show_errors]:
            lines.append(f"{'':<{width}}    {err[0]:<12} {err[1]}  gold={err[2]!r}  pred={err[3]!r}")
    lines.append("-" * len(head))
    if len(summary["by_variant"]) > 1:
        for variant, data in summary["by_variant"].items():
            lines.append(f"{'variant ' + variant:<{width}}  {'':<7}"
                         + "".join(f"{cell(get(data['scores'])):>7}" for _, get in COLUMNS))
    if summary["overall"]:
        lines.append(f"{'OVERALL (micro)':<{width}}  {'':<7}"
                     + "".join(f"{cell(get(summary['overall']['scores'])):>7}" for _, get in COLUMNS))
    lines.append(f"files: {summary['n_ok']} ok, {summary['n_fail']} failed, {summary['n_missing']} missing; "
                 f"gold docs: {summary['n_gold']}")
    if summary.get("by_form"):
        lines += ["", format_forms(summary)]
    return "\n".join(lines)


def format_forms(summary: dict) -> str:
    """The per-form table: one row per input form, then the overall row."""
    width = max([len(form) for form in summary["by_form"]] + [15])
    head = f"{'form':<{width}}  {'docs':>4}" + "".join(f"{name:>7}" for name, _ in COLUMNS)
    lines = [head, "-" * len(head)]
    for form, data in summary["by_form"].items():
        scores = data["scores"]
        lines.append(f"{form:<{width}}  {data['docs']:>4}"
                     + "".join(f"{cell(get(scores) if scores else None):>7}" for _, get in COLUMNS))
    lines.append("-" * len(head))
    if summary["overall"]:
        lines.append(f"{'OVERALL (micro)':<{width}}  {summary['n_gold']:>4}"
                     + "".join(f"{cell(get(summary['overall']['scores'])):>7}" for _, get in COLUMNS))
    return "\n".join(lines)


def summary_json(summary: dict) -> str:
    """The machine-readable report (per-file error lists left out)."""
    slim = dict(summary, files=[{k: v for k, v in row.items() if k != "errors"} for row in summary["files"]])
    return json.dumps(slim, ensure_ascii=False, indent=1)
