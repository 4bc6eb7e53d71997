"""Raise the real-corpus accuracy floors to what is measured now (rounded down to 0.01).

usage: python tests/tools/raise_floors.py PRED_DIR [SET]   (PRED_DIR: tests/SET/docs parsed by
``planparse parse tests/SET/docs -o PRED_DIR``; SET is ``real`` (default) or ``holdout``)

Floors only ever go up: a figure below its floor is reported and the floor kept (fix the
regression instead). A new form or metric gets its floor from the measurement.
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from planparse.evaluate import evaluate, load_forms  # noqa: E402
from tests.test_accuracy import FLOORS, METRICS  # noqa: E402

REAL_METRICS = ("meta_acc", "items_f1", "title_acc", "units_f1", "percents_f1", "cmp_acc", "dates_f1",
                "date_value_acc")


def main(pred: str, name: str = "real") -> int:
    folder = ROOT / "tests" / name
    summary = evaluate(folder / "gold", Path(pred), forms=load_forms(folder / "forms.json"))
    groups = {"overall": summary["overall"]["scores"]}
    groups.update({form: data["scores"] for form, data in summary["by_form"].items() if data["scores"]})
    floors = json.loads(FLOORS.read_text())
    table = floors.setdefault(name, {})
    below = []
    for group, scores in groups.items():
        row = table.setdefault(group, {})
        for metric in REAL_METRICS:
            value = METRICS[metric](scores)
            if value is None:
                continue
            measured = math.floor(value * 100) / 100
            if metric in row and measured < row[metric]:
                below.append(f"{group}.{metric}: {value:.3f} < floor {row[metric]}")
                continue
            row[metric] = max(row.get(metric, 0.0), measured)
    FLOORS.write_text(json.dumps(floors, indent=2, ensure_ascii=False) + "\n")
    for line in below:
        print("below floor (kept):", line)
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
