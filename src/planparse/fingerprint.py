"""What converted an output: the release and the exact code and data it ran.

The manifest of incremental runs compares this, not the version alone: a checkout or an
editable install changes its code and data tables without a new version number, and an
output made by other rules must be made again.
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from . import __version__

PACKAGE = Path(__file__).resolve().parent
SOURCE_SUFFIXES = (".py", ".json", ".txt", ".tsv", ".css", ".js")


@functools.cache
def build_id() -> str:
    """``VERSION+DIGEST``: the version and a digest of the package's code and data files.

    >>> build_id().startswith(__version__ + "+") and len(build_id()) == len(__version__) + 13
    True
    """
    digest = hashlib.sha256()
    for path in sorted(p for p in PACKAGE.rglob("*") if p.suffix in SOURCE_SUFFIXES and "__pycache__" not in p.parts):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"
