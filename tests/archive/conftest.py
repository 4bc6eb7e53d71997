"""A real Dask cluster for the archive tests: ``dask scheduler`` and ``dask worker`` processes
from this venv on 127.0.0.1 with ephemeral ports, stopped after the tests."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

# Loaded by the test workers only: importing it here would patch this process's pipeline.
collect_ignore = ["worker_faults.py"]

BIN = Path(sys.executable).parent
FAULTS = Path(__file__).resolve().parent / "worker_faults.py"
START_TIMEOUT = 60.0


class Cluster:
    """A scheduler and ``workers`` nanny-managed worker processes (one thread each)."""

    def __init__(self, folder: Path, workers: int, env: dict | None = None):
        self.folder = folder
        self.scheduler_file = folder / "scheduler.json"
        self.env = dict(os.environ, **(env or {}))
        self.env.setdefault("DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES", "1")  # a crashing file: 2 attempts
        self.log = (folder / "cluster.log").open("w")
        self.processes = [self.spawn("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                     "--scheduler-file", str(self.scheduler_file))]
        self.wait_for(lambda: self.scheduler_file.is_file(), "the scheduler file")
        self.address = json.loads(self.scheduler_file.read_text())["address"]
        for n in range(workers):
            self.processes.append(self.spawn(
                "worker", "--scheduler-file", str(self.scheduler_file), "--host", "127.0.0.1",
                "--nthreads", "1", "--no-dashboard", "--name", f"w{n}", "--preload", str(FAULTS),
                "--local-directory", str(folder / f"w{n}")))
        self.workers = workers
        self.wait_for(lambda: len(self.worker_pids()) == workers, f"{workers} workers")

    def spawn(self, *argv: str) -> subprocess.Popen:
        return subprocess.Popen([str(BIN / "dask"), *argv], stdout=self.log, stderr=subprocess.STDOUT,
                                env=self.env, start_new_session=True)

    def wait_for(self, ready, what: str) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while not ready():
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the test cluster did not start ({what}); see {self.log.name}")
            time.sleep(0.2)

    def worker_pids(self) -> dict[str, int]:
        """``{worker address: pid}`` of the worker processes (not their nannies)."""
        from distributed import Client

        try:
            with Client(self.address, timeout=5, set_as_default=False) as client:
                return client.run(os.getpid)
        except (OSError, TimeoutError):
            return {}

    def stop(self) -> None:
        for process in reversed(self.processes):  # workers first, then the scheduler
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.log.close()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, request):
    """Two workers; ``$PLANPARSE_FAULT_LOG`` records attempts at the crashing file."""
    folder = tmp_path_factory.mktemp("cluster")
    running = Cluster(folder, workers=2, env={"PLANPARSE_FAULT_LOG": str(folder / "faults.log")})
    running.fault_log = folder / "faults.log"
    yield running
    running.stop()
