"""A made-up archive for the Dask, incremental and bench runs: corpora notices and their
degraded variants (:mod:`tests.tools.degrade`), each seed giving other damage, so every
file is a distinct document.

``python tests/tools/archive_batch.py OUTDIR COUNT [--pdf]`` writes COUNT text files
(``NNNN_<stem>.<variant>-<seed>.txt``, the originals first) and, with ``--pdf``, the
corpora PDFs as well.
"""
from __future__ import annotations

import itertools
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT / "corpora"


def make_batch(folder: Path, count: int, *, pdfs: bool = False) -> list[Path]:
    """``count`` text documents in ``folder`` (+ the corpora PDFs with ``pdfs``), sorted."""
    from tests.tools.degrade import VARIANTS, degrade

    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(CORPORA.glob("*.txt"))
    texts = {path: path.read_text(encoding="utf-8") for path in sources}
    written: list[Path] = []
    for path in sources[:count]:
        written.append(Path(shutil.copy(path, folder / path.name)))
    for seed in itertools.count():
        for variant in VARIANTS:
            for path in sources:
                if len(written) >= count:
                    break
                target = folder / f"{path.stem}.{variant}-{seed}.txt"
                target.write_text(degrade(texts[path], variant, seed), encoding="utf-8")
                written.append(target)
        if len(written) >= count:
            break
    if pdfs:
        written += [Path(shutil.copy(path, folder / path.name)) for path in sorted(CORPORA.glob("*.pdf"))]
    return sorted(written)


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print("usage: archive_batch.py OUTDIR COUNT [--pdf]", file=sys.stderr)
        return 2
    made = make_batch(Path(argv[0]), int(argv[1]), pdfs="--pdf" in argv[2:])
    print(f"{len(made)} files in {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
