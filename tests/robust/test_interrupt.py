"""Ctrl-C stops a batch: queued files are cancelled, workers killed, finished files keep their
outputs and report lines, nothing half-written stays, exit 130 — within seconds."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEXTS = sorted((ROOT / "corpora").glob("*.txt"))


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("extra", [["--jobs", "2"], ["--jobs", "2", "--timeout", "60"], []])
def test_ctrl_c_ends_a_batch_promptly_and_keeps_what_finished(tmp_path, extra, how):
    inputs, out, report = tmp_path / "in", tmp_path / "out", tmp_path / "report.jsonl"
    inputs.mkdir()
    for n in range(40):
        shutil.copy(TEXTS[n % len(TEXTS)], inputs / f"d{n:02d}.txt")
    command = [sys.executable, "-m", "planparse.cli", "parse", str(inputs), "-o", str(out), "-q",
               "--report", str(report), *extra]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (report.exists() and report.read_text(encoding="utf-8").strip()):
        time.sleep(0.05)
    assert report.read_text(encoding="utf-8").strip(), "no file finished within 60 s"
    process.send_signal(how)
    sent = time.monotonic()
    _, err = process.communicate(timeout=30)
    assert time.monotonic() - sent < 5
    assert process.returncode == 130 and "interrupted" in err and "Traceback" not in err
    rows = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert 0 < len(rows) < 40
    assert sorted(p.name for p in out.glob("*.json")) == sorted(f"{Path(r['name']).stem}.json" for r in rows)
    assert not list(out.rglob("*.tmp"))


def test_workers_die_with_a_killed_batch(tmp_path):
    """SIGKILL of the batch process: its workers must not live on converting."""
    import psutil

    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(60):
        shutil.copy(TEXTS[n % len(TEXTS)], inputs / f"d{n:02d}.txt")
    process = subprocess.Popen([sys.executable, "-m", "planparse.cli", "parse", str(inputs), "-o", str(tmp_path / "out"),
                                "-q", "--jobs", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    children: list = []
    while time.monotonic() < deadline and len(children) < 2:
        children = psutil.Process(process.pid).children(recursive=True)
        time.sleep(0.05)
    assert children, "no worker started"
    process.kill()
    process.wait(timeout=10)
    _, alive = psutil.wait_procs(children, timeout=5)
    assert not alive, alive


def test_an_interrupt_while_a_result_is_recorded_waits_for_the_record():
    from planparse.batch import interrupts_deferred

    recorded = []
    with pytest.raises(KeyboardInterrupt), interrupts_deferred():
        os.kill(os.getpid(), signal.SIGINT)     # arrives between "taken off the list" …
        recorded.append("report line")          # … and "report line written"
    assert recorded == ["report line"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
