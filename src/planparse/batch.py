"""Batch conversion: input discovery, output naming, per-file isolation, atomic writes.

One broken file costs one line, never the batch: every file runs under its own time
limit, every failure becomes a :class:`FileResult` with a message, and outputs are
written to a temporary file and renamed, so an existing output is only ever replaced by
a complete new one. Outputs of a file that failed in this run are removed, so OUTDIR
never shows a stale result next to a failure.

Files run in a process pool when ``--jobs > 1`` or a time limit is set (the CLI sets
:data:`DEFAULT_TIMEOUT` unless ``--timeout 0``): the soft limit
is SIGALRM (an exception inside Python code), the hard one a CPU-time SIGPROF that kills
only the worker; a dead worker fails only its own file (the rest are retried one by one).
Output names follow :mod:`planparse.naming` (safe, never escaping OUTDIR, several folders
mirrored under their own names).
"""
from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import re
import signal
import sys
import threading
import time
import traceback
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import atomic_path
from .ingest import SUFFIX_FORMATS, is_input_name, looks_like_document
from .model import PlanparseError, UsageError
from .naming import (
    BATCH_WORKBOOK_STEM,
    folder_prefixes,
    output_names,
    safe_name,
    safe_parts,
)

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
# Per-file time limit unless --timeout says otherwise (0: none): a 50 MB text converts in
# about a minute, so a file still running after five is stuck, and must not stall a batch.
DEFAULT_TIMEOUT = 300.0
SUFFIX_NAMES = frozenset(SUFFIX_FORMATS)
OUTPUT_SUFFIXES = {"json": ".json", "csv": ".csv", "xlsx": ".xlsx", "html": ".html"}
# Hard limit after the soft --timeout: a file stuck inside C code (a regex, a PDF decoder)
# never returns to Python, so SIGALRM cannot stop it; its worker is then killed by the
# kernel (SIGPROF, CPU time) and only that file fails.
HARD_TIMEOUT_GRACE = 1.5

# What to do, by error code; appended to a message that does not already say it.
ADVICE = {
    "empty_file": "re-download or re-export the file",
    "not_a_pdf": "re-download the file; it may be an error page saved as .pdf",
    "corrupt_pdf": "re-download it, or repair it (qpdf --replace-input FILE, mutool clean) and convert again",
    "encrypted_pdf": "remove the password (qpdf --decrypt IN OUT) and convert the copy",
    "no_text_layer": "it is a scan: convert it with --ocr auto (the default), or OCR it first (ocrmypdf IN OUT)",
    "ocr_unavailable": "install the OCR engine (make ocr-deps: Debian tesseract-ocr-chi-sim; pip tesserocr)",
    "unmapped_glyphs": "the PDF's fonts do not map to characters: OCR it (ocrmypdf --force-ocr) or get the text/HTML version",
    "too_many_pages": "raise --max-pages or split the PDF",
    "undecodable": "save it as UTF-8 text and convert again",
    "binary_file": "check what was downloaded",
    "unsupported_format": "convert it to PDF, DOCX, text or HTML first",
    "corrupt_docx": "re-download it, or open and save it again in Word/WPS",
    "corrupt_ofd": "re-download it, or export it again as OFD or PDF",
    "bad_record_file": "check the dataset file's syntax (a cut-off dump?)",
    "no_text_field": "add the text field's name to data/record_fields.json",
    "crashed": "convert it alone with --debug and report it with the file",
}
# Every error code a file can fail with: the ones with advice, then those raised outside it.
# The CLI help lists them from here; a test checks README names each one.
ERROR_CODES = tuple(ADVICE) + ("timeout", "too_large", "too_deep", "out_of_memory", "io_error", "internal_error")
MAX_MESSAGE_CHARS = 300
_HAS_ADVICE = re.compile(r"re-?download|raise |remove |OCR|save |split |re-?export|repair|rerun|convert it|check ", re.I)


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
        files = [output_file(self.out_base, f) for f in self.formats]
        if "csv" in self.formats:  # the by-unit table written beside the task table
            files.append(self.out_base.with_name(self.out_base.name + ".units.csv"))
        return files


def skipped_summary(skipped: list[Path]) -> str:
    """``3 files (.xlsx ×2, .py ×1)``: what a folder scan left out, by suffix.

    >>> skipped_summary([Path("a.xlsx"), Path("b.XLSX"), Path("c.py"), Path(".DS_Store")])
    '4 files (.xlsx ×2, .py ×1, no suffix ×1)'
    """
    counts: dict[str, int] = defaultdict(int)
    for path in skipped:
        counts[path.suffix.lower() or "no suffix"] += 1
    kinds = ", ".join(f"{kind} ×{n}" for kind, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"{len(skipped)} file{'s' if len(skipped) != 1 else ''} ({kinds})"


def output_file(base: Path, fmt: str) -> Path:
    """``OUTDIR/NAME`` + the format's suffix (appended, so ``2023.8.15通知`` keeps its dots)."""
    return base.with_name(base.name + OUTPUT_SUFFIXES[fmt])


@dataclass
class FileResult:
    index: int
    input: str
    output: str | None
    status: str                      # ok | warn | failed
    reason: str | None = None        # for warn: why the output is doubtful and what to try
    sha256: str | None = None
    seconds: float = 0.0
    pages: int | None = None
    counts: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    error_code: str | None = None
    error: str | None = None
    traceback: str | None = None
    document_json: str | None = None
    stdout_text: str | None = None   # ``-o -``: the JSON, printed by the batch process (not a worker)

    @property
    def summary(self) -> str:
        keys: tuple[str, ...] = ("records", "items", "units", "targets", "dates", "repairs", "warnings")
        keys = keys if "records" in self.counts else keys[1:]
        return " · ".join(f"{k} {self.counts.get(k, 0)}" for k in keys)

    def report_row(self) -> dict:
        return {
            "name": self.input, "output": self.output, "sha256": self.sha256, "status": self.status,
            "reason": self.reason,
            "seconds": round(self.seconds, 3), "pages": self.pages, "counts": self.counts,
            "warnings": self.warnings, "error_code": self.error_code, "error": self.error,
        }


# --------------------------------------------------------------------------- planning
def is_input_file(path: Path) -> bool:
    """Known suffixes and dot-less names; an unknown suffix only when the content is a
    notice (:func:`planparse.ingest.looks_like_document`)."""
    if path.name.startswith(".") and path.suffix.lower() not in SUFFIX_NAMES:
        return False
    return is_input_name(path) or looks_like_document(path)


def display_name(path: Path | str) -> str:
    """The input as shown in one status line: control characters escaped, never a newline."""
    text = str(path)
    return text if text.isprintable() else text.encode("unicode_escape").decode("ascii")


def discover(inputs: list[Path], skipped: list[Path] | None = None) -> list[tuple[Path, Path, int]]:
    """``(file, output subfolder relative to OUTDIR, index of the given input)`` for every
    input file, folders recursively in sorted order (several folders: each under its own
    name, :func:`planparse.naming.folder_prefixes`)."""
    found: list[tuple[Path, Path, int]] = []
    seen: set[Path] = set()  # a file given twice (or inside two given folders) runs once
    prefixes = folder_prefixes([given for given in inputs if given.is_dir()])

    def add(path: Path, sub: Path, root: int) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            found.append((path, sub, root))

    for root, given in enumerate(inputs):
        if given.is_dir():
            for path in sorted(p for p in given.rglob("*") if p.is_file()):
                if not is_input_file(path):
                    if skipped is not None:
                        skipped.append(path)
                    continue
                add(path, prefixes[given] / safe_parts(path.relative_to(given).parent.parts), root)
        elif given.is_file():
            add(given, Path(), root)
        else:
            raise UsageError(f"no such file or folder: {given}")
    return found


def plan_jobs(inputs: list[Path], outdir: Path | None, formats: list[str],
              skipped: list[Path] | None = None) -> list[Job]:
    """Jobs with output names (:func:`planparse.naming.output_names`: NAME, NAME.EXT where
    two inputs of one folder share NAME, ``~2`` for what still clashes). Files of a folder
    that are no notice go to ``skipped``."""
    found = discover(inputs, skipped)
    workbook = "xlsx" in formats and len(found) > 1  # write_batch_workbook will need its name
    return [Job(i, path, None if outdir is None else outdir / base, list(formats))
            for i, ((path, _sub, _root), base) in enumerate(zip(found, output_names(found, workbook)))]


# --------------------------------------------------------------------------- writing
def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder + rename: never a half-written file."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


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
def time_limit(seconds: float | None, *, hard: bool = False):
    """Raise :class:`FileTimeout` after ``seconds`` (SIGALRM; main thread of a process).

    With ``hard`` (only in a worker process, never in the CLI's own process) the kernel
    also kills the process once it has used ``seconds + HARD_TIMEOUT_GRACE`` of CPU time,
    for code that never returns to the interpreter.
    """
    if not seconds or not hasattr(signal, "setitimer"):
        yield
        return
    if threading.current_thread() is not threading.main_thread():  # a Dask worker's task thread
        from .batch_dask import thread_time_limit

        with thread_time_limit(seconds, hard=hard):
            yield
        return

    def on_alarm(signum, frame):
        raise FileTimeout()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    if hard:
        signal.signal(signal.SIGPROF, signal.SIG_DFL)
        signal.setitimer(signal.ITIMER_PROF, seconds + HARD_TIMEOUT_GRACE)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        if hard:
            signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGALRM, previous)


def documents_counts(docs: list) -> dict:
    """Counts of one document, or summed over the records of a dataset file (+ ``records``)."""
    if len(docs) == 1:
        return document_counts(docs[0])
    total: dict = {"records": len(docs)}
    for doc in docs:
        for key, value in document_counts(doc).items():
            total[key] = total.get(key, 0) + value
    return total


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


MIN_TEXT_FOR_ITEMS = 400   # characters: a text this long without items is a notice we missed
GARBLED_WARNINGS = ("garbled_text", "replacement_char", "undecodable_bytes")


def doubt_key(docs: list) -> str | None:
    """Why a converted output deserves a look (status ``warn``), as a key of the message
    table's ``doubt`` section; None when nothing is doubtful: no numbered outline at all,
    or a short text that is mostly undecodable."""
    for doc in docs:
        codes = {w.code for w in doc.normalization.warnings}
        length = sum(len(item.text) for item in doc.items) or sum(len(p.title) for p in doc.parts)
        if not doc.items:
            return "no_outline_pdf" if doc.source.format == "pdf" else "no_outline_text"
        if codes & set(GARBLED_WARNINGS) and length < MIN_TEXT_FOR_ITEMS:
            return "undecodable"
    return None


def doubt(docs: list) -> str | None:
    """:func:`doubt_key` as the English reason with what to try (the CLI's WARN line)."""
    from .messages import word

    key = doubt_key(docs)
    return None if key is None else word("doubt", key, "en")


def with_advice(code: str | None, message: str) -> str:
    """The message plus what to do about it, unless the message already says so."""
    if len(message) > MAX_MESSAGE_CHARS:  # a library's exception text can dump whole objects
        message = message[: MAX_MESSAGE_CHARS - 1] + "…"
    advice = ADVICE.get(code or "")
    if advice and not _HAS_ADVICE.search(message):
        return f"{message.rstrip('. ')}; {advice}"
    return message


def convert(job: Job, options: dict) -> FileResult:
    """Convert one file; never raises (except KeyboardInterrupt).

    On failure every output of this job is removed, so OUTDIR never shows a result
    from an earlier run next to this run's failure.
    """
    started = time.perf_counter()
    result = FileResult(job.index, str(job.input), None, "failed")
    try:
        size = job.input.stat().st_size
        max_bytes = options.get("max_bytes") or DEFAULT_MAX_BYTES
        if size > max_bytes:
            raise PlanparseError("too_large", f"file is {size:,} bytes, over the --max-bytes limit of "
                                 f"{max_bytes:,}; raise --max-bytes to convert it")
        with time_limit(options.get("timeout"), hard=options.get("in_worker", False)):
            docs = convert_document(job, options, result)
        result.pages = docs[0].source.pages
        result.counts = documents_counts(docs)
        result.warnings = [f"{w.code}: {w.message}" for doc in docs for w in doc.normalization.warnings]
        result.reason = doubt(docs)
        result.status = "warn" if result.reason else "ok"
    except PlanparseError as err:
        result.error_code, result.error = err.code, with_advice(err.code, err.message)
    except FileTimeout:
        result.error_code = "timeout"
        result.error = (f"gave up after the --timeout of {options.get('timeout')} s; "
                        "raise --timeout (0: no limit) if the file is just large")
    except MemoryError:
        result.error_code, result.error = "out_of_memory", "ran out of memory; split the file or convert it alone"
    except RecursionError:
        result.error_code = "too_deep"
        result.error = "text nested too deeply to parse (e.g. thousands of brackets); check the file"
    except OSError as err:
        result.error_code, result.error = "io_error", f"cannot read or write: {err.strerror or err}"
    except Exception as err:  # a bug in planparse: keep the batch going, say how to report it
        result.error_code = "internal_error"
        result.error = (f"internal error {type(err).__name__}: {str(err)[:300]} "
                        "(a planparse bug: rerun with --debug and report it with the file)")
        if options.get("debug"):
            result.traceback = traceback.format_exc()
    if result.status == "failed":
        remove_stale(job)
        with contextlib.suppress(OSError):
            result.sha256 = result.sha256 or sha256_file(job.input)
    result.seconds = time.perf_counter() - started
    return result


def convert_document(job: Job, options: dict, result: FileResult) -> list:
    """Parse one input (a dataset file: every record) and write its outputs."""
    from .pipeline import parse_all

    docs = parse_all(job.input, max_pages=options.get("max_pages"), encoding=options.get("encoding"),
                     ocr=ocr_settings(options))
    result.sha256 = docs[0].source.sha256
    texts = [doc.to_json() for doc in docs]
    if options.get("stdout"):
        result.stdout_text = "".join(texts)
        result.output = "-"
        return docs
    written: list[Path] = []
    for doc, text in zip(docs, texts):
        written += write_outputs(doc, record_job(job, doc) if len(docs) > 1 else job, text)
    result.output = str(written[0]) if written else None
    if options.get("keep_json"):
        result.document_json = texts[0] if len(texts) == 1 else None
    return docs


def ocr_settings(options: dict):
    """The OCR settings of a batch's options (``ocr`` mode and ``ocr_dpi``; defaults when absent)."""
    from .ingest import OcrSettings

    defaults = OcrSettings()
    return OcrSettings(mode=options.get("ocr") or defaults.mode, dpi=options.get("ocr_dpi") or defaults.dpi)


def record_job(job: Job, doc) -> Job:
    """The job of one record of a dataset file: outputs ``NAME.<key>.json`` …"""
    key = safe_name(doc.source.record.key) if doc.source.record else "1"
    base = None if job.out_base is None else job.out_base.with_name(f"{job.out_base.name}.{key}")
    return Job(job.index, job.input, base, job.formats)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_outputs(doc, job: Job, json_text: str) -> list[Path]:
    """JSON (if asked) and the analyst formats, each atomically."""
    written: list[Path] = []
    if job.out_base is None:  # -o -: the JSON goes to stdout, there are no files
        return written
    if "json" in job.formats:
        path = output_file(job.out_base, "json")
        atomic_write_text(path, json_text)
        written.append(path)
    others = [f for f in job.formats if f != "json"]
    if others:
        from .export import export_files

        written += export_files(doc, job.out_base, others, source=job.input)
    return written


def _init_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent()


def die_with_parent() -> None:
    """Linux: the kernel kills this worker when the batch process dies, even by SIGKILL, so
    no worker lives on converting files nobody waits for (elsewhere: a no-op)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(Exception):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _mp_context():
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def run_jobs(jobs: list[Job], options: dict, *, workers: int = 1, progress: bool = False, echo=None,
             runner=None) -> list[FileResult]:
    """Run every job; results in input order. A crashed worker fails only its own file.

    Files run in worker processes when ``workers > 1`` or a ``timeout`` is set (so a file
    stuck in C code can be killed without killing the batch); otherwise in this process.
    ``runner(jobs, options, done)`` replaces both (a Dask cluster: :mod:`.batch_dask`).
    """
    options = dict(options, keep_json=("xlsx" in jobs[0].formats and len(jobs) > 1) if jobs else False)
    bar = make_bar(len(jobs)) if progress else None
    write = (lambda line: bar.write(line, file=sys.stderr)) if bar is not None else None
    results: dict[int, FileResult] = {}

    def done(result: FileResult) -> None:
        results[result.index] = result
        if result.stdout_text is not None:  # -o -: printed here, where stdout is the caller's
            sys.stdout.write(result.stdout_text)
            sys.stdout.flush()
            result.stdout_text = None
        if echo:
            echo(result, write)
        if bar is not None:
            bar.update(1)

    try:
        if runner is not None:
            runner(jobs, options, done)
        elif (workers > 1 and len(jobs) > 1) or options.get("timeout"):
            run_pool(jobs, options, min(workers, len(jobs)), done)
        else:
            for job in jobs:
                done(convert(job, options))
    finally:
        if bar is not None:
            bar.close()
    ordered = [results[j.index] for j in jobs]
    if options["keep_json"]:
        write_batch_workbook(jobs, ordered)
    return ordered


def run_pool(jobs: list[Job], options: dict, workers: int, done) -> None:
    pending = {job.index: job for job in jobs}
    worker_options = dict(options, in_worker=True)
    from . import pipeline  # noqa: F401  (forks start warm: a file's time limit is not spent on imports)

    try:
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context(), initializer=_init_worker)
        try:
            # largest files first: a big file started last would leave the other workers idle;
            # one worker (the default time limit alone) keeps the input order
            order = sorted(jobs, key=job_weight) if workers > 1 else jobs
            futures = {pool.submit(convert, job, worker_options): job for job in order}
            for future in as_completed(futures):
                job = futures[future]
                result = future.result()
                with interrupts_deferred():
                    pending.pop(job.index, None)
                    done(result)
        except KeyboardInterrupt:
            stop_pool(pool, pending.values())
            raise
        pool.shutdown(wait=True)
    except BrokenProcessPool:
        # a worker died (hard timeout, out of memory, a crash in C code): we cannot tell
        # which file killed it, so the rest run one by one, each in its own process
        for job in sorted(pending.values(), key=lambda j: j.index):
            done(convert_isolated(job, worker_options))


@contextlib.contextmanager
def interrupts_deferred():
    """A finished file is recorded whole — taken off the unfinished list *and* its report
    line written — or not at all: a Ctrl-C or SIGTERM arriving in between would leave its
    output without a report line (stop_pool removes only unfinished files' outputs). The
    signal takes effect as KeyboardInterrupt right after the block."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {sig: signal.signal(sig, lambda signum, frame: caught.append(signum))
                for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
    if caught:
        raise KeyboardInterrupt


def stop_pool(pool: ProcessPoolExecutor, unfinished) -> None:
    """Ctrl-C: cancel what is queued, kill the workers now (they may be inside a long file),
    and remove what the unfinished files left behind (temporary files, stale outputs)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # a second Ctrl-C ends the process at once
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.kill()
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(timeout=1)
    settle_manager(pool)
    for job in unfinished:
        remove_stale(job)
        remove_temporaries(job)


def settle_manager(pool: ProcessPoolExecutor, timeout: float = 2.0) -> None:
    """Let the pool's manager thread see its dead workers and end before the interpreter
    does: Python 3.11's exit hook would otherwise write to the wake-up pipe the thread is
    closing at that moment (``OSError: Bad file descriptor`` printed after the summary)."""
    manager = getattr(pool, "_executor_manager_thread", None)
    if manager is None:
        return
    manager.join(timeout)
    if not manager.is_alive():
        from concurrent.futures import process as futures_process

        futures_process._threads_wakeups.pop(manager, None)


def remove_temporaries(job: Job) -> None:
    """The ``.NAME.….tmp`` files of a job's outputs that a killed worker left behind."""
    for output in job.outputs():
        with contextlib.suppress(OSError):
            for tmp in output.parent.glob(f".{output.name}.*.tmp"):
                tmp.unlink()


def job_weight(job: Job) -> tuple[int, int]:
    """Sort key putting the biggest inputs (PDF bytes count most) first, then input order."""
    try:
        size = job.input.stat().st_size
    except OSError:
        size = 0
    return (-size * (4 if job.input.suffix.lower() == ".pdf" else 1), job.index)


def convert_isolated(job: Job, options: dict) -> FileResult:
    """Run one file in its own process so a hard crash fails only this file."""
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=1, mp_context=_mp_context(), initializer=_init_worker) as pool:
        try:
            return pool.submit(convert, job, options).result()
        except BrokenProcessPool:
            pass
    remove_stale(job)
    seconds = time.perf_counter() - started
    timeout = options.get("timeout")
    result = FileResult(job.index, str(job.input), None, "failed", seconds=seconds)
    with contextlib.suppress(OSError):
        result.sha256 = sha256_file(job.input)
    if timeout and seconds >= timeout:
        result.error_code = "timeout"
        result.error = (f"stopped after the --timeout of {timeout} s (stuck inside a library); "
                        "raise --timeout (0: no limit) if the file is just large")
    else:
        result.error_code = "crashed"
        result.error = with_advice("crashed", "the converter process died on this file "
                                   "(out of memory or a crash inside a PDF library)")
    return result


def make_bar(total: int):
    """A progress bar on stderr; silent when stderr is not a terminal (CI logs stay clean)."""
    import tqdm as tqdm_module

    tqdm_module.tqdm.monitor_interval = 0  # no monitor thread: workers may fork later
    return tqdm_module.tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True,
                            leave=False, disable=None)


def write_batch_workbook(jobs: list[Job], results: list[FileResult]) -> None:
    """For ``--to xlsx`` over several files: one workbook with a sheet per document + summary."""
    from . import contract
    from .export import write_xlsx

    docs = [contract.Document.model_validate_json(r.document_json) for r in results if r.document_json]
    outdirs = {j.out_base.parent for j in jobs if j.out_base is not None}
    if docs and outdirs:
        root = Path(os.path.commonpath([str(d) for d in outdirs]))
        write_xlsx(docs, root / f"{BATCH_WORKBOOK_STEM}.xlsx")
