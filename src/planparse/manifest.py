"""Incremental runs: ``OUTDIR/.planparse/manifest.sqlite`` remembers what each input gave.

One row per input (its resolved path): size, mtime, SHA-256 of the bytes converted, the
planparse version and the options that shape the output, the output base and files
(relative to OUTDIR) and the status. A re-run converts an input only when it is new, its
bytes changed (size/mtime differ *and* the hash differs), the version or options changed,
its output name moved, one of its outputs is missing, or it failed last time.

Rows are committed as each file finishes, so a run killed half-way leaves a manifest the
next run resumes from. The manifest is never the only copy of anything: every output is
a file in OUTDIR, and without the manifest the next run simply converts everything.
"""
from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from .batch import FileResult, Job, output_file, sha256_file
from .fingerprint import build_id

MANIFEST_DIR = ".planparse"
MANIFEST_NAME = "manifest.sqlite"
DONE_STATUSES = ("ok", "warn")
MANIFEST_FORMAT = 1  # bumped when the table changes; a manifest of another format is started afresh
SCHEMA = """
CREATE TABLE IF NOT EXISTS inputs (
    path       TEXT PRIMARY KEY,  -- the input, resolved
    size       INTEGER NOT NULL,
    mtime_ns   INTEGER NOT NULL,
    sha256     TEXT,              -- of the bytes converted
    version    TEXT NOT NULL,     -- planparse version that converted it
    options    TEXT NOT NULL,     -- JSON of the options that shape the output
    out_base   TEXT,              -- OUTDIR-relative output name without suffix
    outputs    TEXT NOT NULL,     -- JSON list of OUTDIR-relative output files
    status     TEXT NOT NULL,     -- ok | warn | failed
    error_code TEXT,
    report     TEXT,              -- the file's --report row (output OUTDIR-relative)
    converted  REAL NOT NULL      -- Unix time of the conversion
);
"""


def manifest_path(outdir: Path) -> Path:
    return outdir / MANIFEST_DIR / MANIFEST_NAME


def options_key(formats: list[str], options: dict) -> str:
    """The options that shape a successful output, as a stable JSON string.

    The OCR settings count only when not the defaults (``--ocr auto``, 200 dpi), so the
    keys of archives converted before OCR existed stay valid.

    >>> options_key(["json"], {"max_pages": None, "timeout": 5})
    '{"formats": ["json"], "max_pages": null}'
    >>> options_key(["json"], {"max_pages": None, "encoding": "big5"})
    '{"encoding": "big5", "formats": ["json"], "max_pages": null}'
    >>> options_key(["json"], {"max_pages": None, "ocr": "force", "ocr_dpi": 200})
    '{"formats": ["json"], "max_pages": null, "ocr": "force"}'
    """
    key = {"formats": sorted(formats), "max_pages": options.get("max_pages")}
    if options.get("encoding"):  # --encoding changes the text read (absent: keys of older runs stay valid)
        key["encoding"] = options["encoding"]
    if options.get("ocr") not in (None, "auto"):   # OCR settings count when not the defaults
        key["ocr"] = options["ocr"]
    if options.get("ocr_dpi") not in (None, 200):
        key["ocr_dpi"] = options["ocr_dpi"]
    return json.dumps(key, sort_keys=True)


@dataclass
class Gone:
    """An input recorded in the manifest that no longer exists."""

    path: str
    outputs: list[str]


class Manifest:
    """The manifest of one OUTDIR; use as a context manager."""

    def __init__(self, outdir: Path, options: str):
        self.outdir = outdir
        self.options = options
        path = manifest_path(outdir)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        if self.db.execute("PRAGMA user_version").fetchone()[0] != MANIFEST_FORMAT:  # older layout: start afresh
            self.db.executescript(f"DROP TABLE IF EXISTS inputs; PRAGMA user_version = {MANIFEST_FORMAT};")
        self.db.executescript(SCHEMA)
        self.stats: dict[int, tuple[str, int, int]] = {}  # job index → (key, size, mtime) taken at planning
        self.reports: dict[int, dict] = {}  # job index → the --report row of an unchanged input

    def __enter__(self) -> Manifest:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # ------------------------------------------------------------------ planning
    def split(self, jobs: list[Job], *, force: bool = False) -> tuple[list[Job], list[Job]]:
        """``(to convert, unchanged)`` (``force``: nothing is unchanged); remembers each
        input's size and mtime for :meth:`record`."""
        todo, unchanged = [], []
        for job in jobs:
            if self.is_unchanged(job) and not force:
                unchanged.append(job)
            else:
                todo.append(job)
        self.db.commit()
        return todo, unchanged

    def is_unchanged(self, job: Job) -> bool:
        try:
            stat = job.input.stat()
            key = str(job.input.resolve())
        except OSError:
            return False
        self.stats[job.index] = (key, stat.st_size, stat.st_mtime_ns)
        row = self.db.execute("SELECT size, mtime_ns, sha256, version, options, out_base, outputs, status, report "
                              "FROM inputs WHERE path = ?", (key,)).fetchone()
        if row is None:
            return False
        size, mtime_ns, sha, version, options, out_base, outputs, status, report = row
        self.reports[job.index] = self.replayed(job, report, status)
        if (status not in DONE_STATUSES or version != build_id() or options != self.options
                or out_base != self.relative(job.out_base)):
            return False
        if not all((self.outdir / name).is_file() for name in json.loads(outputs)):
            return False
        if (size, mtime_ns) == (stat.st_size, stat.st_mtime_ns):
            return True
        if size != stat.st_size:
            return False
        try:  # touched but maybe not changed (a copy, a checkout): the bytes decide
            same = sha256_file(job.input) == sha
        except OSError:
            return False
        if same:
            self.db.execute("UPDATE inputs SET mtime_ns = ? WHERE path = ?", (stat.st_mtime_ns, key))
        return same

    def replayed(self, job: Job, report: str | None, status: str) -> dict:
        """The ``--report`` row of an input skipped as unchanged: as its conversion wrote it,
        with this run's names and ``"unchanged": true``."""
        row = json.loads(report) if report else {"status": status}
        row["name"] = str(job.input)
        if row.get("output"):
            row["output"] = str(self.outdir / row["output"])
        row["unchanged"] = True
        return row

    # ------------------------------------------------------------------ recording
    def record(self, job: Job, result: FileResult) -> None:
        """One finished file, committed at once (a killed run keeps what it finished)."""
        if job.index not in self.stats:
            return
        key, size, mtime_ns = self.stats[job.index]
        outputs = [] if result.status == "failed" else self.outputs_of(job, result)
        report = result.report_row()
        report["output"] = self.relative(Path(result.output)) if result.output else None
        self.db.execute(
            "INSERT OR REPLACE INTO inputs (path, size, mtime_ns, sha256, version, options, out_base, outputs, "
            "status, error_code, report, converted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (key, size, mtime_ns, result.sha256, build_id(), self.options, self.relative(job.out_base),
             json.dumps(outputs, ensure_ascii=False), result.status, result.error_code,
             json.dumps(report, ensure_ascii=False, sort_keys=True), time.time()))
        self.db.commit()

    def outputs_of(self, job: Job, result: FileResult) -> list[str]:
        """The output files of a converted job (a dataset file: every record's), OUTDIR-relative."""
        files = [p for p in job.outputs() if p.is_file()]
        if "records" in result.counts and job.out_base is not None:  # NAME.<key>.json … per record
            for fmt in job.formats:
                pattern = output_file(job.out_base.with_name(job.out_base.name + ".*"), fmt).name
                files += [p for p in job.out_base.parent.glob(pattern) if p not in files]
        return sorted(self.path_name(p) for p in files)

    def path_name(self, path: Path) -> str:
        """``path`` relative to OUTDIR, POSIX style (as given when outside OUTDIR)."""
        try:
            return path.relative_to(self.outdir).as_posix()
        except ValueError:
            return str(path)

    def relative(self, path: Path | None) -> str | None:
        return None if path is None else self.path_name(path)

    # ------------------------------------------------------------------ pruning
    def gone(self) -> list[Gone]:
        """Inputs recorded here whose file no longer exists."""
        rows = self.db.execute("SELECT path, outputs FROM inputs ORDER BY path").fetchall()
        return [Gone(path, json.loads(outputs)) for path, outputs in rows if not Path(path).exists()]

    def prune(self, gone: list[Gone]) -> int:
        """Remove the outputs and rows of inputs that are gone (not an output another input now
        writes); the number of files removed."""
        removed = 0
        leaving = {entry.path for entry in gone}
        kept = {name for path, outputs in self.db.execute("SELECT path, outputs FROM inputs")
                if path not in leaving for name in json.loads(outputs)}
        for entry in gone:
            for name in entry.outputs:
                target = self.outdir / name
                if name not in kept and target.is_file():  # an output name now another input's stays
                    target.unlink()
                    removed += 1
            self.db.execute("DELETE FROM inputs WHERE path = ?", (entry.path,))
        self.db.commit()
        return removed
