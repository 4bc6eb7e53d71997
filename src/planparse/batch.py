"""Batch conversion: input discovery, output naming, per-file isolation, atomic writes.

One broken file costs one line, never the batch: every file runs under its own time
limit, every failure becomes a :class:`FileResult` with a message, and outputs are
written to a temporary file and renamed, so an existing output is only ever replaced by
a complete new one. Outputs of a file that failed in this run are removed, so OUTDIR
never shows a stale result next to a failure.
"""
from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import re
import signal
import sys
import tempfile
import time
import traceback
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from .ingest import SUFFIX_FORMATS
from .model import PlanparseError

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
OUTPUT_SUFFIXES = {"json": ".json", "csv": ".csv", "xlsx": ".xlsx", "html": ".html"}
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")


@dataclass
class Job:
    """One input file and where its outputs go (``out_base`` + ``.json`` …)."""

    index: int
    input: Path
    out_base: Path | None
    formats: list[str]

    def outputs(self) -> list[Path]:
        if self.out_base is None:
            return []
        return [self.out_base.parent / (self.out_base.name + OUTPUT_SUFFIXES[f]) for f in self.formats]


@dataclass
class FileResult:
    index: int
    input: str
    output: str | None
    status: str                      # ok | failed
    sha256: str | None = None
    seconds: float = 0.0
    pages: int | None = None
    counts: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    error_code: str | None = None
    error: str | None = None
    traceback: str | None = None
    document_json: str | None = None

    @property
    def summary(self) -> str:
        keys = ("items", "units", "targets", "dates", "repairs", "warnings")
        return " · ".join(f"{k} {self.counts.get(k, 0)}" for k in keys)

    def report_row(self) -> dict:
        return {
            "name": self.input, "output": self.output, "sha256": self.sha256, "status": self.status,
            "seconds": round(self.seconds, 3), "pages": self.pages, "counts": self.counts,
            "warnings": self.warnings, "error_code": self.error_code, "error": self.error,
        }


# --------------------------------------------------------------------------- planning
def is_input_file(path: Path) -> bool:
    return path.suffix.lower() in SUFFIX_FORMATS


def safe_name(name: str) -> str:
    """A file name that cannot leave its folder (no separators, no control chars)."""
    cleaned = _UNSAFE_NAME.sub("_", name).strip()
    return "_" + cleaned if cleaned in ("", ".", "..") else cleaned


def discover(inputs: list[Path]) -> list[tuple[Path, Path]]:
    """``(file, output subfolder relative to OUTDIR)`` for every input, folders recursively."""
    found: list[tuple[Path, Path]] = []
    for given in inputs:
        if given.is_dir():
            for path in sorted(p for p in given.rglob("*") if p.is_file() and is_input_file(p)):
                rel_parent = path.relative_to(given).parent
                found.append((path, Path(*[safe_name(part) for part in rel_parent.parts])))
        elif given.exists():
            found.append((given, Path()))
        else:
            from .cli import UsageError

            raise UsageError(f"no such file or folder: {given}")
    return found


def plan_jobs(inputs: list[Path], outdir: Path | None, formats: list[str]) -> list[Job]:
    """Jobs with output names: NAME, or NAME.EXT where two inputs of one folder share NAME."""
    found = discover(inputs)
    groups: dict[tuple[Path, str], list[int]] = defaultdict(list)
    for i, (path, sub) in enumerate(found):
        groups[(sub, safe_name(path.stem))].append(i)
    names: dict[int, str] = {}
    for (sub, stem), members in groups.items():
        for i in members:
            names[i] = stem if len(members) == 1 else safe_name(found[i][0].name)
    taken: dict[tuple[Path, str], int] = defaultdict(int)
    jobs = []
    for i, (path, sub) in enumerate(found):
        name = names[i]
        taken[(sub, name)] += 1
        if taken[(sub, name)] > 1:  # same file name given twice from different folders
            name = f"{name}~{taken[(sub, name)]}"
        base = None if outdir is None else outdir / sub / name
        jobs.append(Job(i, path, base, list(formats)))
    return jobs


# --------------------------------------------------------------------------- writing
def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder + rename: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def remove_stale(job: Job) -> None:
    for path in job.outputs():
        with contextlib.suppress(OSError):
            path.unlink()


# --------------------------------------------------------------------------- running
class FileTimeout(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float | None):
    """Raise :class:`FileTimeout` after ``seconds`` (SIGALRM; main thread of a process)."""
    if not seconds or not hasattr(signal, "setitimer"):
        yield
        return

    def on_alarm(signum, frame):
        raise FileTimeout()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def document_counts(doc) -> dict:
    return {
        "items": len(doc.items),
        "units": sum(len(i.units) for i in doc.items),
        "targets": sum(len(i.targets) for i in doc.items),
        "dates": sum(len(i.dates) for i in doc.items),
        "indicators": len(doc.indicators),
        "repairs": sum(r.count for r in doc.normalization.repairs),
        "warnings": len(doc.normalization.warnings),
    }


def convert(job: Job, options: dict) -> FileResult:
    """Convert one file; never raises (except KeyboardInterrupt)."""
    started = time.perf_counter()
    result = FileResult(job.index, str(job.input), None, "failed")
    try:
        size = job.input.stat().st_size
        if size > options.get("max_bytes", DEFAULT_MAX_BYTES):
            raise PlanparseError("too_large", f"file is {size} bytes, over the --max-bytes limit "
                                 f"{options['max_bytes']}; raise the limit to convert it")
        with time_limit(options.get("timeout")):
            doc = convert_document(job, options, result)
        result.status = "ok"
        result.pages = doc.source.pages
        result.counts = document_counts(doc)
        result.warnings = [f"{w.code}: {w.message}" for w in doc.normalization.warnings]
    except PlanparseError as err:
        result.error_code, result.error = err.code, err.message
    except FileTimeout:
        result.error_code = "timeout"
        result.error = f"gave up after the --timeout of {options.get('timeout')} s; raise it for large files"
    except MemoryError:
        result.error_code, result.error = "out_of_memory", "ran out of memory; split the file or raise limits"
    except RecursionError:
        result.error_code, result.error = "too_deep", "structure nested too deeply to parse"
    except OSError as err:
        result.error_code, result.error = "io_error", f"{err.strerror or err}"
    except Exception as err:  # a bug in planparse: keep the batch going, say how to report it
        result.error_code = "internal_error"
        result.error = f"internal error {type(err).__name__}: {err} (rerun with --debug for the traceback)"
        if options.get("debug"):
            result.traceback = traceback.format_exc()
    if result.status != "ok":
        remove_stale(job)
        with contextlib.suppress(OSError):
            result.sha256 = result.sha256 or sha256_file(job.input)
    result.seconds = time.perf_counter() - started
    return result


def convert_document(job: Job, options: dict, result: FileResult):
    from .pipeline import parse

    doc = parse(job.input, max_pages=options.get("max_pages"))
    result.sha256 = doc.source.sha256
    if options.get("stdout"):
        sys.stdout.write(doc.to_json())
        sys.stdout.flush()
        result.output = "-"
        return doc
    written = write_outputs(doc, job)
    result.output = str(written[0]) if written else None
    if options.get("keep_json"):
        result.document_json = doc.to_json()
    return doc


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_outputs(doc, job: Job) -> list[Path]:
    """JSON (if asked) and the analyst formats, each atomically."""
    written = []
    if "json" in job.formats:
        path = job.out_base.parent / (job.out_base.name + ".json")
        atomic_write_text(path, doc.to_json())
        written.append(path)
    others = [f for f in job.formats if f != "json"]
    if others:
        from .export import export_files

        written += export_files(doc, job.out_base, others)
    return written


def _init_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C


def run_jobs(jobs: list[Job], options: dict, *, workers: int = 1, progress: bool = False, echo=None) -> list[FileResult]:
    """Run every job; results in input order. A crashed worker fails only its own file."""
    options = dict(options, keep_json=("xlsx" in jobs[0].formats and len(jobs) > 1) if jobs else False)
    bar = make_bar(len(jobs)) if progress else None
    write = bar.write if bar is not None else None
    results: dict[int, FileResult] = {}

    def done(result: FileResult) -> None:
        results[result.index] = result
        if echo:
            echo(result, write)
        if bar is not None:
            bar.update(1)

    try:
        if workers <= 1 or len(jobs) == 1:
            for job in jobs:
                done(convert(job, options))
        else:
            run_pool(jobs, options, workers, done)
    finally:
        if bar is not None:
            bar.close()
    ordered = [results[j.index] for j in jobs]
    if options["keep_json"]:
        write_batch_workbook(jobs, ordered)
    return ordered


def run_pool(jobs: list[Job], options: dict, workers: int, done) -> None:
    pending = {job.index: job for job in jobs}
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker) as pool:
            futures = {pool.submit(convert, job, options): job for job in jobs}
            for future in as_completed(futures):
                job = futures[future]
                result = future.result()
                pending.pop(job.index, None)
                done(result)
    except BrokenProcessPool:
        # a worker died (killed, crashed in C code): retry the rest one by one, in isolation
        for job in list(pending.values()):
            done(convert_isolated(job, options))


def convert_isolated(job: Job, options: dict) -> FileResult:
    """Run one file in its own process so a hard crash fails only this file."""
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_init_worker) as pool:
        try:
            return pool.submit(convert, job, options).result()
        except BrokenProcessPool:
            remove_stale(job)
            return FileResult(job.index, str(job.input), None, "failed", error_code="crashed",
                              error="the converter process died on this file (out of memory or a crash in a PDF library)")


def make_bar(total: int):
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True, leave=False)


def write_batch_workbook(jobs: list[Job], results: list[FileResult]) -> None:
    """For ``--to xlsx`` over several files: one workbook with a sheet per document + summary."""
    from . import contract
    from .export import write_xlsx

    docs = [contract.Document.model_validate_json(r.document_json) for r in results if r.document_json]
    outdirs = {j.out_base.parent for j in jobs if j.out_base is not None}
    if docs and outdirs:
        root = Path(os.path.commonpath([str(d) for d in outdirs]))
        write_xlsx(docs, root / "planparse-batch.xlsx")
