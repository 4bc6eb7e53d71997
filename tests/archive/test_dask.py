"""``--scheduler``: a batch on real Dask processes gives the bytes of a ``--jobs 1`` run,
loses nothing when a worker is killed, isolates a crashing document, and refuses what it
cannot use with one line and exit 2."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planparse import __version__
from planparse.manifest import MANIFEST_DIR, manifest_path
from tests.robust.robustkit import GOOD_TEXTS, run_cli
from tests.tools.archive_batch import make_batch

from .conftest import Cluster

PLANPARSE = Path(sys.executable).parent / "planparse"
BATCH_TEXTS = 205  # + the 5 corpora PDFs: 210 documents


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and MANIFEST_DIR not in p.parts and p.suffix != ".jsonl"}


def cli(*argv, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([str(PLANPARSE), *map(str, argv)], capture_output=True, text=True, timeout=600, **kw)


def report_rows(path: Path) -> dict[str, dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return {Path(row["name"]).name: row for row in rows}


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("batch") / "in"
    made = make_batch(folder, BATCH_TEXTS, pdfs=True)
    assert len(made) >= 200
    return folder


@pytest.fixture(scope="module")
def reference(batch, tmp_path_factory) -> Path:
    """The batch converted by ``--jobs 1`` (with its report)."""
    out = tmp_path_factory.mktemp("jobs1")
    run = run_cli("parse", batch, "-o", out, "--jobs", 1, "-q", "--report", out / "report.jsonl")
    assert run.code == 0, run.stderr
    return out


def test_batch_on_the_cluster_is_byte_identical_and_a_killed_worker_loses_nothing(cluster, batch, reference,
                                                                                    tmp_path):
    out = tmp_path / "out"
    process = subprocess.Popen([str(PLANPARSE), "parse", str(batch), "-o", str(out), "--scheduler", cluster.address,
                                "-q", "--report", str(tmp_path / "report.jsonl")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while len(list(out.glob("*.json"))) < 30:  # mid-batch: some files written, most still to come
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the batch did not start"
        time.sleep(0.1)
    victim = sorted(cluster.worker_pids().values())[0]
    os.kill(victim, signal.SIGKILL)
    assert process.poll() is None  # the kill landed while files were still converting
    _, stderr = process.communicate(timeout=600)
    assert process.returncode == 0, stderr
    assert stderr.strip() == ""  # -q: nothing failed, nothing doubtful, no traceback
    mine, expected = outputs(out), outputs(reference)
    assert len(expected) >= 200 and sorted(mine) == sorted(expected)
    assert [name for name in expected if mine[name] != expected[name]] == []
    rows, expected_rows = report_rows(tmp_path / "report.jsonl"), report_rows(reference / "report.jsonl")
    assert {name: (r["status"], r["output"] and Path(r["output"]).name, r["sha256"], r["counts"])
            for name, r in rows.items()} == \
        {name: (r["status"], r["output"] and Path(r["output"]).name, r["sha256"], r["counts"])
         for name, r in expected_rows.items()}
    cluster.wait_for(lambda: len(cluster.worker_pids()) == cluster.workers, "the killed worker back")
    assert victim not in cluster.worker_pids().values()

    again = cli("parse", batch, "-o", out, "--scheduler", cluster.address)  # unchanged: nothing is sent
    assert again.returncode == 0 and f"skipped {len(expected)} unchanged" in again.stderr
    assert outputs(out) == mine


def test_a_document_that_crashes_its_worker_is_retried_then_reported_crashed(cluster, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    good = [Path(shutil.copy(p, inputs / p.name)) for p in GOOD_TEXTS]
    shutil.copy(GOOD_TEXTS[0], inputs / "crash-the-worker.txt")
    run = cli("parse", inputs, "-o", tmp_path / "out", "--scheduler", cluster.address)
    assert run.returncode == 1, run.stderr
    failed = [line for line in run.stderr.splitlines() if line.startswith("FAILED")]
    assert len(failed) == 1 and "crash-the-worker.txt" in failed[0] and failed[0].endswith("[crashed]")
    assert "Traceback" not in run.stderr
    assert len(cluster.fault_log.read_text().splitlines()) == 2  # first attempt + Dask's retry on a new worker
    assert all((tmp_path / "out" / f"{p.stem}.json").is_file() for p in good)
    assert not (tmp_path / "out" / "crash-the-worker.json").exists()
    cluster.wait_for(lambda: len(cluster.worker_pids()) == cluster.workers, "the workers back")


def test_timeout_ends_a_file_stuck_on_a_worker(cluster, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    good = Path(shutil.copy(GOOD_TEXTS[1], inputs / GOOD_TEXTS[1].name))
    shutil.copy(GOOD_TEXTS[0], inputs / "loop-forever.txt")
    started = time.monotonic()
    run = cli("parse", inputs, "-o", tmp_path / "out", "--scheduler", cluster.address, "--timeout", 3,
              "--report", tmp_path / "report.jsonl")
    assert run.returncode == 1 and time.monotonic() - started < 60, run.stderr
    (line,) = [line for line in run.stderr.splitlines() if line.startswith("FAILED")]
    assert "loop-forever.txt" in line and "--timeout of 3.0 s" in line and line.endswith("[timeout]")
    assert (tmp_path / "out" / f"{good.stem}.json").is_file()
    assert report_rows(tmp_path / "report.jsonl")["loop-forever.txt"]["error_code"] == "timeout"


def test_timeout_ends_a_file_stuck_in_c_code_on_a_worker(cluster, tmp_path):
    """The worker ends itself (no Python instruction runs to raise in) and the client says
    timeout, without Dask retrying the file on the other worker."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    good = Path(shutil.copy(GOOD_TEXTS[1], inputs / GOOD_TEXTS[1].name))
    shutil.copy(GOOD_TEXTS[0], inputs / "stuck-in-c.txt")
    before = set(cluster.worker_pids().values())
    started = time.monotonic()
    run = cli("parse", inputs, "-o", tmp_path / "out", "--scheduler", cluster.address, "--timeout", 1)
    assert run.returncode == 1 and time.monotonic() - started < 60, run.stderr
    (line,) = [line for line in run.stderr.splitlines() if line.startswith("FAILED")]
    assert "stuck-in-c.txt" in line and "stuck inside a library" in line and line.endswith("[timeout]")
    assert (tmp_path / "out" / f"{good.stem}.json").is_file()
    cluster.wait_for(lambda: len(after := set(cluster.worker_pids().values())) == cluster.workers and after != before,
                     "the stuck worker replaced")
    assert len(before - set(cluster.worker_pids().values())) == 1  # one worker ended, not both


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    run = cli("parse", GOOD_TEXTS[0], "-o", tmp_path / "out", "--scheduler", f"tcp://127.0.0.1:{port}")
    assert run.returncode == 2
    (line,) = run.stderr.strip().splitlines()
    assert line.startswith(f"planparse: error: --scheduler tcp://127.0.0.1:{port}: cannot reach the Dask scheduler")
    assert not list((tmp_path / "out").glob("*.json"))


def test_a_worker_of_another_version_is_refused_before_any_file_is_sent(tmp_path):
    log = tmp_path / "faults.log"
    other = Cluster(tmp_path, workers=1, env={"PLANPARSE_FAKE_VERSION": "0.0.1", "PLANPARSE_FAULT_LOG": str(log)})
    try:
        inputs = tmp_path / "in"
        inputs.mkdir()
        shutil.copy(GOOD_TEXTS[0], inputs / "crash-the-worker.txt")  # would leave a trace if it reached the worker
        shutil.copy(GOOD_TEXTS[1], inputs / GOOD_TEXTS[1].name)
        run = cli("parse", inputs, "-o", tmp_path / "out", "--scheduler", other.address)
    finally:
        other.stop()
    assert run.returncode == 2
    (line,) = run.stderr.strip().splitlines()
    assert line.startswith("planparse: error: ") and "runs planparse 0.0.1" in line and f"this client {__version__}" in line
    assert not log.exists() and not list((tmp_path / "out").glob("*.json"))


def test_scheduler_local_starts_a_cluster_here(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for path in GOOD_TEXTS:
        shutil.copy(path, inputs / path.name)
    local = cli("parse", inputs, "-o", tmp_path / "local", "--scheduler", "local", "--jobs", 2, "--to", "json,csv")
    here = run_cli("parse", inputs, "-o", tmp_path / "here", "--jobs", 1, "--to", "json,csv")
    assert local.returncode == 0 and here.code == 0, local.stderr
    assert outputs(tmp_path / "local") == outputs(tmp_path / "here") and len(outputs(tmp_path / "here")) == 3 * len(GOOD_TEXTS)
    assert sum(line.startswith("ok ") for line in local.stderr.splitlines()) == len(GOOD_TEXTS)


def test_sigterm_stops_a_cluster_batch_and_the_next_run_resumes(cluster, batch, tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    for path in sorted(p for p in batch.iterdir() if p.suffix == ".txt")[:40]:
        os.link(path, inputs / path.name)
    process = subprocess.Popen([str(PLANPARSE), "parse", str(inputs), "-o", str(out), "--scheduler", cluster.address],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while len(list(out.glob("*.json"))) < 5:
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130 and "planparse: interrupted:" in stderr and "Traceback" not in stderr
    assert [p for p in out.rglob("*") if p.name.endswith(".tmp")] == []
    with sqlite3.connect(manifest_path(out)) as db:
        (recorded,) = db.execute("SELECT count(*) FROM inputs WHERE status = 'ok'").fetchone()
    assert 4 <= recorded < 40
    resumed = cli("parse", inputs, "-o", out, "--scheduler", cluster.address)
    assert resumed.returncode == 0, resumed.stderr
    assert f"skipped {recorded} unchanged" in resumed.stderr and len(list(out.glob("*.json"))) == 40
