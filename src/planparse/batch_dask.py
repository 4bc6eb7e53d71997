"""Batch conversion on a Dask cluster (``planparse parse --scheduler tcp://HOST:PORT|local``).

The client plans the jobs, reads each input and sends its bytes (inputs need no shared
storage); a worker converts them with the very function the process pool runs
(:func:`planparse.batch.convert`, into a scratch folder) and sends back the result and
the output files' bytes; the client writes them atomically into OUTDIR. So the outputs
are byte-identical to a ``--jobs 1`` run and OUTDIR only ever holds complete files.

Failures stay per file: a document that kills its worker is retried by Dask (the
scheduler's ``allowed-failures``) and then reported ``crashed``; a worker lost mid-batch
loses nothing (its tasks run again elsewhere). Workers running another planparse version
are refused before any file is sent. Only a bounded window of files is in flight, so the
client's memory does not grow with the size of the archive.
"""
from __future__ import annotations

import contextlib
import ctypes
import os
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .batch import (
    DEFAULT_MAX_BYTES,
    HARD_TIMEOUT_GRACE,
    FileResult,
    FileTimeout,
    Job,
    atomic_write_bytes,
    convert,
    job_weight,
    remove_stale,
    remove_temporaries,
    sha256_file,
    with_advice,
)
from .model import UsageError

INSTALL_HINT = "pip install 'planparse[dask]'"
CONNECT_TIMEOUT = 10.0      # seconds to reach the scheduler and see a first worker
IN_FLIGHT_PER_THREAD = 4    # files sent ahead per worker thread: busy workers, bounded client memory
RETRIES = 1                 # re-runs of a task that raised (a crash that kills a worker: allowed-failures)
STUCK_TOPIC = "planparse-stuck"  # Dask event: a worker ends itself on a file stuck past --timeout
EVENT_FLUSH_SECONDS = 1.0   # time for that event to reach the scheduler before the worker exits


class VersionMismatch(Exception):
    """A worker runs another planparse version than the client."""


@dataclass
class RemoteResult:
    """What a worker sends back: the file's result and its outputs by file name."""

    result: FileResult
    files: dict[str, bytes]


# --------------------------------------------------------------------------- connecting
def open_cluster(address: str, workers: int | None = None):
    """A connected ``distributed.Client`` (and the LocalCluster it owns for ``local``).

    Raises :class:`UsageError` (exit 2, one line) when distributed is missing, the
    scheduler cannot be reached, it has no worker, or a worker runs another version.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError(f"--scheduler needs the distributed package: {INSTALL_HINT}") from None
    cluster = None
    try:
        if address == "local":
            cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                   processes=True, dashboard_address=None, host="127.0.0.1")
            client = Client(cluster, set_as_default=False)
        else:
            client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as err:
        if cluster is not None:
            cluster.close()
        raise UsageError(f"--scheduler {address}: cannot reach the Dask scheduler ({one_line(err)}); "
                         "check the address and that `dask scheduler` runs there") from None
    try:
        check_workers(client, address)
    except BaseException:
        close_cluster(client, cluster)
        raise
    return client, cluster


def close_cluster(client, cluster) -> None:
    with contextlib.suppress(Exception):
        client.close()
    if cluster is not None:
        with contextlib.suppress(Exception):
            cluster.close()


def check_workers(client, address: str) -> None:
    """Every worker must run this planparse version; refused before any file is sent."""
    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
    except (TimeoutError, OSError):
        raise UsageError(f"--scheduler {address}: no Dask worker is connected to the scheduler; start "
                         "`dask worker` on the machines that should convert") from None
    versions = client.run(worker_version, on_error="return")
    wrong = {addr: v for addr, v in versions.items() if v != __version__}
    if wrong:
        addr, found = sorted(wrong.items())[0]
        found = found if isinstance(found, str) else f"no planparse ({type(found).__name__})"
        more = f" (and {len(wrong) - 1} more)" if len(wrong) > 1 else ""
        raise UsageError(f"--scheduler {address}: worker {addr}{more} runs planparse {found}, this client "
                         f"{__version__}; install planparse {__version__} on every worker ({INSTALL_HINT})")


def worker_version() -> str:
    """Run on each worker by :func:`check_workers`."""
    from planparse import __version__ as version

    return version


def one_line(err: BaseException) -> str:
    text = " ".join(str(err).split()) or type(err).__name__
    return text[:200]


# --------------------------------------------------------------------------- on a worker
def convert_remote(job: Job, data: bytes, options: dict, client_version: str) -> RemoteResult:
    """Convert one input from its bytes on a worker; outputs come back as bytes.

    The job's input and outputs are re-rooted in a scratch folder (same names, so the
    document's ``source.name`` and every output name are what the client's would be).
    """
    if client_version != __version__:
        raise VersionMismatch(f"worker runs planparse {__version__}, the client {client_version}")
    with tempfile.TemporaryDirectory(prefix="planparse-") as scratch:
        source = Path(scratch) / "in" / job.input.name
        source.parent.mkdir()
        source.write_bytes(data)
        out_dir = Path(scratch) / "out"
        out_dir.mkdir()
        base = None if job.out_base is None else out_dir / job.out_base.name
        result = convert(Job(job.index, source, base, job.formats), options)
        files = {p.name: p.read_bytes() for p in sorted(out_dir.iterdir()) if not p.name.startswith(".")}
    return RemoteResult(result, files)


@contextlib.contextmanager
def thread_time_limit(seconds: float, *, hard: bool = False):
    """``--timeout`` in a worker thread, where SIGALRM cannot reach: raise
    :class:`FileTimeout` in this thread after ``seconds`` (an asynchronous exception, seen
    at the next Python instruction, as a signal is). With ``hard``, a file still stuck
    (inside C code) ``HARD_TIMEOUT_GRACE`` later ends the worker process, after telling
    the client (a :data:`STUCK_TOPIC` event), which reports ``timeout`` and cancels the
    task instead of letting Dask retry it."""
    thread_id = threading.get_ident()
    tell_client = stuck_reporter() if hard else None
    finished = threading.Event()
    lock = threading.Lock()  # the exception is only ever raised while the file is still running

    def watch() -> None:
        if finished.wait(seconds):
            return
        with lock:
            if finished.is_set():
                return
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(FileTimeout))
        if tell_client is not None and not finished.wait(HARD_TIMEOUT_GRACE):
            tell_client()
            os._exit(70)

    watcher = threading.Thread(target=watch, name="planparse-timeout", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        with lock:
            finished.set()


def stuck_reporter():
    """In a task thread: a function that logs this task's key under :data:`STUCK_TOPIC`
    (callable from another thread); a no-op outside a Dask worker."""
    try:
        from distributed import get_worker

        worker = get_worker()
        key = worker.get_current_task()
    except (ImportError, ValueError):
        return lambda: None

    def report() -> None:
        with contextlib.suppress(Exception):
            worker.log_event(STUCK_TOPIC, {"key": str(key)})
            time.sleep(EVENT_FLUSH_SECONDS)

    return report


# --------------------------------------------------------------------------- on the client
class DaskRunner:
    """``runner`` for :func:`planparse.batch.run_jobs`: the jobs on a connected client."""

    def __init__(self, client, address: str):
        self.client = client
        self.address = address

    def __call__(self, jobs: list[Job], options: dict, done) -> None:
        from distributed import as_completed

        worker_options = dict(options, in_worker=True)
        threads = sum(self.client.nthreads().values()) or 1
        window = max(2, IN_FLIGHT_PER_THREAD * threads)
        queue = iter(sorted(jobs, key=job_weight))
        futures: dict = {}
        by_key: dict = {}
        self.stuck: set[str] = set()

        def on_stuck(event) -> None:  # in the client's event loop: cancel from another thread
            key = event[1].get("key")
            self.stuck.add(key)
            if (future := by_key.get(key)) is not None:
                threading.Thread(target=self.client.cancel, args=([future],), daemon=True).start()

        if options.get("timeout"):
            self.client.subscribe_topic(STUCK_TOPIC, on_stuck)
        running = as_completed(loop=self.client.loop)
        max_bytes = options.get("max_bytes") or DEFAULT_MAX_BYTES

        def submit_next() -> bool:
            for job in queue:
                try:
                    too_large = job.input.stat().st_size > max_bytes
                    data = None if too_large else job.input.read_bytes()
                except OSError:
                    too_large, data = True, None
                if data is None:  # fails without parsing: the same result as the pool's, made here
                    done(convert(job, options))
                    continue
                future = self.client.submit(convert_remote, job, data, worker_options, __version__,
                                            key=f"planparse-{job.index}-{os.urandom(6).hex()}",
                                            pure=False, retries=RETRIES)
                futures[future] = job
                by_key[future.key] = future
                running.add(future)
                return True
            return False

        try:
            for _ in range(window):
                if not submit_next():
                    break
            for future in running:
                job = futures.pop(future)
                by_key.pop(future.key, None)
                done(self.collect(future, job, options))
                submit_next()
        except BaseException:
            unfinished = list(futures.values()) + list(queue)
            with contextlib.suppress(Exception):
                self.client.cancel(list(futures))
            for job in unfinished:
                remove_stale(job)
                remove_temporaries(job)
            raise
        finally:
            if options.get("timeout"):
                with contextlib.suppress(Exception):
                    self.client.unsubscribe_topic(STUCK_TOPIC)

    def collect(self, future, job: Job, options: dict) -> FileResult:
        """The file's result, its outputs written into OUTDIR (or removed when it failed)."""
        from distributed.scheduler import KilledWorker

        if future.key in self.stuck:
            future.release()
            return stuck(job, options["timeout"])
        try:
            remote: RemoteResult = future.result()
        except VersionMismatch as err:
            raise UsageError(f"--scheduler {self.address}: {err}; install planparse {__version__} on every "
                             f"worker ({INSTALL_HINT})") from None
        except KilledWorker:
            return crashed(job, "the document ended every worker that converted it (out of memory, a crash "
                           "inside a PDF library" + (", or stuck past --timeout" if options.get("timeout") else "")
                           + ")")
        except Exception as err:
            return crashed(job, f"its task failed on the cluster ({type(err).__name__}: {one_line(err)})")
        finally:
            future.release()
        return write_remote(job, remote)


def write_remote(job: Job, remote: RemoteResult) -> FileResult:
    """The client's half of :func:`convert_remote`: input and output names as planned here."""
    result = remote.result
    result.input = str(job.input)
    if result.status == "failed" or job.out_base is None:
        remove_stale(job)
        result.output = None if result.status == "failed" else result.output
        return result
    folder = job.out_base.parent
    try:
        for name, data in remote.files.items():
            atomic_write_bytes(folder / name, data)
    except OSError as err:
        remove_stale(job)
        result.status, result.output, result.reason = "failed", None, None
        result.error_code, result.error = "io_error", f"cannot read or write: {err.strerror or err}"
        return result
    if result.output is not None:
        result.output = str(folder / Path(result.output).name)
    return result


def stuck(job: Job, timeout: float) -> FileResult:
    """A file that held its worker inside a library past ``--timeout`` (as the pool says it)."""
    result = crashed(job, "")
    result.error_code = "timeout"
    result.error = (f"stopped after the --timeout of {timeout} s (stuck inside a library); "
                    "raise --timeout if the file is just large")
    return result


def crashed(job: Job, why: str) -> FileResult:
    remove_stale(job)
    result = FileResult(job.index, str(job.input), None, "failed", error_code="crashed",
                        error=with_advice("crashed", why))
    with contextlib.suppress(OSError):
        result.sha256 = sha256_file(job.input)
    return result
