"""Scoring of the blind folders (documents written without reading the code) against floors."""
from __future__ import annotations

from pathlib import Path

from planparse.evaluate import evaluate
from planparse.pipeline import parse

DOC_SUFFIXES = {".txt", ".pdf", ".html"}

#: The floor tuples of the blind tests list these metrics in this order.
METRICS = {
    "items_f1": lambda s: s["items"]["f1"],
    "title_acc": lambda s: s["title_acc"],
    "meta_acc": lambda s: s["meta_acc"],
    "units_f1": lambda s: s["units"]["f1"],
    "percents_f1": lambda s: s["percents"]["f1"],
    "dates_f1": lambda s: s["dates"]["f1"],
    "date_value_acc": lambda s: s["date_value_acc"],
}


def blind_docs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in DOC_SUFFIXES)


def missing_gold_or_floors(folder: Path, floors: dict) -> list[str]:
    """What keeps the folder from being scored: shared stems, missing gold or floors."""
    stems = [p.stem for p in blind_docs(folder)]
    problems = [f"two documents share the stem {s}" for s in set(stems) if stems.count(s) > 1]
    problems += [f"no gold {s}.json" for s in stems if not (folder / f"{s}.json").is_file()]
    if sorted(stems) != sorted(floors):
        problems.append(f"floors {sorted(floors)} do not name the documents {sorted(stems)}")
    return problems


def score_folder(folder: Path, out: Path) -> dict[str, dict]:
    """Parse every document of ``folder`` into ``out`` and score it: ``{stem: scores}``."""
    for doc in blind_docs(folder):
        (out / f"{doc.stem}.json").write_text(parse(doc).to_json(), encoding="utf-8")
    summary = evaluate(folder, out)
    assert summary["n_fail"] == 0 and summary["n_missing"] == 0
    return {f["name"]: f["scores"] for f in summary["files"]}


def below_floors(name: str, scores: dict, floors: tuple) -> list[str]:
    """The metrics of one document under their floor (``None`` floors are not checked)."""
    below = []
    for (metric, read), floor in zip(METRICS.items(), floors):
        value = read(scores)
        if floor is not None and (value is None or value < floor):
            below.append(f"{name}.{metric} = {value} < floor {floor}")
    return below
