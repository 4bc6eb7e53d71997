"""Incremental runs: OUTDIR/.planparse/manifest.sqlite makes a re-run convert only what is new
or changed; inputs are changed, added, touched and deleted between runs."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from planparse.manifest import manifest_path
from tests.robust.robustkit import CORPORA, run_cli
from tests.tools.archive_batch import make_batch

PLANPARSE = Path(sys.executable).parent / "planparse"
TEXTS = sorted(CORPORA.glob("*.txt"))


def converted(run) -> list[str]:
    """Names of the inputs this run converted (its ``ok``/``WARN``/``FAILED`` lines)."""
    names = []
    for line in run.stderr.splitlines():
        if line.startswith(("ok ", "WARN ", "FAILED ")):
            names.append(Path(line.split()[1].rstrip(":")).name)
    return sorted(names)


def skipped(run) -> int:
    found = re.search(r"skipped (\d+) unchanged", run.stderr)
    return int(found.group(1)) if found else 0


def folder_of(tmp_path: Path, count: int = 3) -> Path:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for path in TEXTS[:count]:
        shutil.copy(path, inputs / path.name)
    return inputs


def test_a_rerun_converts_only_new_and_changed_inputs(tmp_path):
    inputs, out = folder_of(tmp_path), tmp_path / "out"
    first = run_cli("parse", inputs, "-o", out)
    assert first.code == 0 and len(converted(first)) == 3 and skipped(first) == 0
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}

    again = run_cli("parse", inputs, "-o", out)
    assert again.code == 0 and converted(again) == [] and skipped(again) == 3
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")} == stamps  # nothing rewritten

    changed = inputs / TEXTS[1].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n五、其他\n（一）本方案自印发之日起施行。\n", encoding="utf-8")
    shutil.copy(TEXTS[3], inputs / TEXTS[3].name)
    third = run_cli("parse", inputs, "-o", out)
    assert third.code == 0 and converted(third) == [TEXTS[1].name, TEXTS[3].name] and skipped(third) == 2
    assert "本方案自印发之日起施行" in (out / f"{TEXTS[1].stem}.json").read_text(encoding="utf-8")


def test_touched_but_unchanged_bytes_are_skipped_and_force_converts_all(tmp_path):
    inputs, out = folder_of(tmp_path), tmp_path / "out"
    assert run_cli("parse", inputs, "-o", out).code == 0
    touched = inputs / TEXTS[0].name
    os.utime(touched, ns=(time.time_ns(), time.time_ns() + 5_000_000_000))  # a checkout or copy: new mtime
    again = run_cli("parse", inputs, "-o", out)
    assert converted(again) == [] and skipped(again) == 3
    forced = run_cli("parse", inputs, "-o", out, "--force")
    assert forced.code == 0 and len(converted(forced)) == 3 and skipped(forced) == 0


def test_version_options_names_and_missing_outputs_make_an_input_convert_again(tmp_path, monkeypatch):
    inputs, out = folder_of(tmp_path), tmp_path / "out"
    assert run_cli("parse", inputs, "-o", out).code == 0
    (out / f"{TEXTS[2].stem}.json").unlink()  # an output deleted by hand
    assert converted(run_cli("parse", inputs, "-o", out)) == [TEXTS[2].name]

    both = run_cli("parse", inputs, "-o", out, "--to", "json,csv")  # other options: other outputs
    assert len(converted(both)) == 3 and (out / f"{TEXTS[0].stem}.csv").is_file()
    assert skipped(run_cli("parse", inputs, "-o", out, "--to", "json,csv")) == 3

    shutil.copy(TEXTS[0], inputs / f"{TEXTS[0].stem}.md")  # a name clash: NAME.EXT names for both
    renamed = run_cli("parse", inputs, "-o", out, "--to", "json,csv")
    assert converted(renamed) == sorted([TEXTS[0].name, f"{TEXTS[0].stem}.md"])

    import planparse.manifest

    monkeypatch.setattr(planparse.manifest, "build_id", lambda: "9.9.9+000000000000")  # a new planparse build
    assert len(converted(run_cli("parse", inputs, "-o", out, "--to", "json,csv"))) == 4


def test_failed_inputs_are_tried_again_and_report_lines_cover_every_input(tmp_path):
    inputs, out = folder_of(tmp_path, 2), tmp_path / "out"
    (inputs / "empty.txt").write_bytes(b"")
    first = run_cli("parse", inputs, "-o", out, "--report", tmp_path / "r1.jsonl")
    assert first.code == 1
    second = run_cli("parse", inputs, "-o", out, "--report", tmp_path / "r2.jsonl")
    assert second.code == 1 and converted(second) == ["empty.txt"] and skipped(second) == 2
    rows = [json.loads(line) for line in (tmp_path / "r2.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(Path(r["name"]).name for r in rows) == sorted(p.name for p in inputs.iterdir())
    replayed = [r for r in rows if r.get("unchanged")]
    assert len(replayed) == 2 and all(r["status"] == "ok" and Path(r["output"]).is_file() for r in replayed)


def test_deleted_inputs_keep_their_outputs_until_prune(tmp_path):
    inputs, out = folder_of(tmp_path), tmp_path / "out"
    assert run_cli("parse", inputs, "-o", out, "--to", "json,csv").code == 0
    (inputs / TEXTS[0].name).unlink()
    kept = run_cli("parse", inputs, "-o", out, "--to", "json,csv")
    assert "1 input converted before no longer exist" in kept.stderr and "--prune" in kept.stderr
    assert (out / f"{TEXTS[0].stem}.json").is_file()
    pruned = run_cli("parse", inputs, "-o", out, "--to", "json,csv", "--prune")
    assert pruned.code == 0 and "pruned 1 input that are gone (3 output files removed)" in pruned.stderr
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == sorted(
        f"{p.stem}{suffix}" for p in TEXTS[1:3] for suffix in (".json", ".csv", ".units.csv"))
    assert "no longer exist" not in run_cli("parse", inputs, "-o", out, "--to", "json,csv").stderr


def test_deleting_the_manifest_means_a_full_run_and_nothing_else(tmp_path):
    inputs, out = folder_of(tmp_path), tmp_path / "out"
    assert run_cli("parse", inputs, "-o", out).code == 0
    before = {p.name: p.read_bytes() for p in out.glob("*.json")}
    shutil.rmtree(manifest_path(out).parent)
    full = run_cli("parse", inputs, "-o", out)
    assert full.code == 0 and len(converted(full)) == 3 and skipped(full) == 0
    assert {p.name: p.read_bytes() for p in out.glob("*.json")} == before


def test_a_run_killed_half_way_resumes_where_it_stopped(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    make_batch(inputs, 40)
    process = subprocess.Popen([str(PLANPARSE), "parse", str(inputs), "-o", str(out), "-q", "--jobs", "1"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while len(list(out.glob("*.json"))) < 10:
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)  # no clean-up at all, as a power cut or the OOM killer
    process.wait()
    with sqlite3.connect(manifest_path(out)) as db:
        recorded = db.execute("SELECT count(*) FROM inputs WHERE status IN ('ok', 'warn')").fetchone()[0]
    assert 0 < recorded < 40  # the one being written when killed may be missing
    resumed = run_cli("parse", inputs, "-o", out)
    assert resumed.code == 0 and skipped(resumed) == recorded and len(converted(resumed)) == 40 - recorded
    reference = tmp_path / "reference"
    assert run_cli("parse", inputs, "-o", reference, "-q").code == 0
    assert {p.name: p.read_bytes() for p in out.glob("*.json")} == \
        {p.name: p.read_bytes() for p in reference.glob("*.json")}
