"""Helpers for the robustness tests: the bad-input generator and an in-process CLI runner."""
from __future__ import annotations

import contextlib
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT / "corpora"
GOOD_TEXTS = sorted(CORPORA.glob("*.txt"))[:2]




@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    def failed_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("FAILED")]


def run_cli(*argv) -> Run:
    """``planparse ARGV`` in this process, stdout and stderr captured."""
    from planparse.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return Run(code, out.getvalue(), err.getvalue())


def copy_good_texts(folder: Path) -> list[Path]:
    """Two corpora texts (known good inputs) copied into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy(p, folder / p.name)) for p in GOOD_TEXTS]


def leftovers(folder: Path) -> list[Path]:
    """Temporary files an interrupted or failed write could leave behind (the manifest of
    incremental runs, OUTDIR/.planparse, is no leftover)."""
    from planparse.manifest import MANIFEST_DIR

    return [p for p in folder.rglob("*") if (p.name.endswith(".tmp") or p.name.startswith("."))
            and p.relative_to(folder).parts[0] != MANIFEST_DIR]


def hold_up_parsing(monkeypatch, name: str, hold) -> None:
    """Make ``planparse.pipeline.parse_all`` run ``hold()`` (a sleep, a stretch of C) before
    parsing the input called ``name``; every other input parses as usual."""
    import planparse.pipeline as pipeline

    real_parse = pipeline.parse_all

    def held(path, **kw):
        if Path(path).name == name:
            hold()
        return real_parse(path, **kw)

    monkeypatch.setattr(pipeline, "parse_all", held)
