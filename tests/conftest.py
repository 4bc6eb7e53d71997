"""Shared fixtures: the corpora parsed once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
GOLDEN = ROOT / "golden"
GOLD = Path(__file__).resolve().parent / "gold"
SCHEMA = ROOT / "schemas" / "planparse.schema.json"
REAL = Path(__file__).resolve().parent / "real"
HOLDOUT = Path(__file__).resolve().parent / "holdout"
UNSEEN = Path(__file__).resolve().parent / "unseen"
SCANS = Path(__file__).resolve().parent / "scans"     # real scanned notices, read by OCR


def corpora_files() -> list[Path]:
    return sorted(p for p in CORPORA.iterdir() if p.suffix in (".txt", ".pdf", ".html"))


def output_name(path: Path) -> str:
    """The CLI's output name for a corpora file (NAME.EXT.json: corpora holds .txt and .pdf)."""
    return f"{path.name}.json"


@pytest.fixture(scope="session")
def corpora_docs() -> dict[str, object]:
    """``{output name: contract.Document}`` for every corpora document."""
    from planparse.pipeline import parse

    return {output_name(p): parse(p) for p in corpora_files()}


@pytest.fixture(scope="session")
def corpora_outdir(corpora_docs, tmp_path_factory) -> Path:
    """The corpora outputs written as the CLI names them, for the evaluator."""
    out = tmp_path_factory.mktemp("corpora-out")
    for name, doc in corpora_docs.items():
        (out / name).write_text(doc.to_json(), encoding="utf-8")
    return out


@pytest.fixture(scope="session")
def real_outdir(tmp_path_factory) -> Path:
    return converted(REAL, tmp_path_factory)


def converted(folder: Path, tmp_path_factory) -> Path:
    """``folder/docs`` converted by the CLI (its output names, failures left missing)."""
    from planparse.cli import main

    out = tmp_path_factory.mktemp(f"{folder.name}-out")
    main(["parse", str(folder / "docs"), "-o", str(out), "-q", "--jobs", "2"])
    return out


@pytest.fixture(scope="session")
def holdout_outdir(tmp_path_factory) -> Path:
    return converted(HOLDOUT, tmp_path_factory)


@pytest.fixture(scope="session")
def unseen_outdir(tmp_path_factory) -> Path:
    return converted(UNSEEN, tmp_path_factory)


@pytest.fixture(scope="session")
def scans_outdir(tmp_path_factory) -> Path:
    return converted(SCANS, tmp_path_factory)
