"""Output names: where the outputs of each input go inside OUTDIR (README "Output names").

The rules, in the order :func:`output_names` applies them:

1. An input's name is its stem (``通知.pdf`` → ``通知``); two inputs of one folder with the
   same stem keep their suffix (``通知.pdf``, ``通知.txt``).
2. One folder given: its tree is mirrored in OUTDIR. Several folders given: each is
   mirrored under its own name (``OUTDIR/2023/…``, ``OUTDIR/2024/…``), or under as many
   trailing path parts as tell two same-named folders apart (``a/docs``, ``b/docs``) — never
   merged flat, so no name depends on the order of the arguments.
3. A name is made safe (:func:`safe_name`): no separator, control character or leading dot;
   a name over :data:`MAX_NAME_BYTES` is shortened to head + hash + tail, so names that
   differ only at their end (``…_附件一``, ``…_附件二``) stay different and recognisable.
4. ``planparse-batch`` is reserved for the batch workbook (``--to xlsx`` over several
   files): an input of that stem keeps its suffix (``planparse-batch.txt.xlsx``).
5. A name still taken (the same file name given twice from two places) gets ``~2``, ``~3``
   … in the order of the inputs' full paths.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from pathlib import Path

_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")
# NAME_MAX is 255 bytes; keep room for ".pdf.json", "~N", ".units.csv" and the
# ".NAME.XXXXXXXX.tmp" of atomic writes.
MAX_NAME_BYTES = 100
HASH_CHARS = 8
BATCH_WORKBOOK_STEM = "planparse-batch"


def _cut(data: bytes, size: int, *, from_end: bool = False) -> str:
    """At most ``size`` bytes of UTF-8 ``data`` (its start, or its end), whole characters only."""
    piece = data[len(data) - size:] if from_end else data[:size]
    return piece.decode("utf-8", "ignore")


def shorten(name: str, limit: int = MAX_NAME_BYTES) -> str:
    """``name`` within ``limit`` bytes of UTF-8: head + ``~`` + a hash of the whole name +
    ``~`` + tail, so both ends stay readable and names differing anywhere stay different.

    >>> title = "某某市人民政府办公室关于印发某某市推进数字经济高质量发展三年行动计划的通知"
    >>> one, two = shorten(title + "_附件一"), shorten(title + "_附件二")
    >>> one.endswith("_附件一"), two.endswith("_附件二"), one != two, len(one.encode()) <= MAX_NAME_BYTES
    (True, True, True, True)
    >>> shorten("short")
    'short'
    """
    data = name.encode("utf-8")
    if len(data) <= limit:
        return name
    digest = hashlib.sha256(data).hexdigest()[:HASH_CHARS]
    room = limit - HASH_CHARS - 2
    tail = _cut(data, room // 2, from_end=True)
    head = _cut(data, room - len(tail.encode("utf-8")))
    return f"{head}~{digest}~{tail}"


def safe_name(name: str) -> str:
    """A file name that cannot leave its folder: no separators or control characters,
    never ``.``/``..``/hidden, at most :data:`MAX_NAME_BYTES` bytes (:func:`shorten`).

    >>> safe_name("../a:b"), safe_name(".hidden"), safe_name("")
    ('__a_b', '_hidden', '_')
    """
    cleaned = _UNSAFE_NAME.sub("_", name).strip()
    if cleaned.startswith("."):
        cleaned = "_" + cleaned.lstrip(".")
    return shorten(cleaned) or "_"


def safe_parts(parts: tuple[str, ...]) -> Path:
    """A relative folder path made of safe names (:func:`safe_name` on each part)."""
    return Path(*[safe_name(part) for part in parts])


def folder_prefixes(folders: list[Path]) -> dict[Path, Path]:
    """Where each given folder is mirrored in OUTDIR: nowhere extra for one folder (its tree
    goes straight into OUTDIR, as always), else under its own name — or as many trailing
    path parts as make it unique among the folders given — whatever their order.

    >>> prefixes = folder_prefixes([Path("/d/2024/docs"), Path("/d/2023/docs"), Path("/d/extra")])
    >>> [str(prefixes[Path(p)]) for p in ("/d/2024/docs", "/d/2023/docs", "/d/extra")]
    ['2024/docs', '2023/docs', 'extra']
    >>> folder_prefixes([Path("/d/only")])
    {PosixPath('/d/only'): PosixPath('.')}
    """
    resolved = {folder: folder.resolve() for folder in folders}
    distinct = sorted(set(resolved.values()))
    if len(distinct) <= 1:
        return {folder: Path() for folder in folders}
    tails: dict[Path, tuple[str, ...]] = {}
    for path in distinct:
        parts = path.parts[1:] or ("_",)  # the root folder has no name of its own
        for size in range(1, len(parts) + 1):
            tail = parts[-size:]
            if all(other == path or other.parts[1:][-size:] != tail for other in distinct):
                break
        tails[path] = tail
    return {folder: safe_parts(tails[resolved[folder]]) for folder in folders}


def output_names(found: list[tuple[Path, Path, int]], reserve_workbook: bool = False) -> list[Path]:
    """The output base (relative to OUTDIR, without format suffix) of each discovered
    ``(file, subfolder, index of the given input)``, by the rules of this module.

    >>> in_one_folder = [(Path("a/通知.pdf"), Path(), 0), (Path("a/通知.txt"), Path(), 0)]
    >>> [str(p) for p in output_names(in_one_folder)]
    ['通知.pdf', '通知.txt']
    >>> given_as_files = [(Path("b/通知.txt"), Path(), 1), (Path("a/通知.txt"), Path(), 0)]
    >>> [str(p) for p in output_names(given_as_files)]
    ['通知~2', '通知']
    >>> [str(p) for p in output_names([(Path("planparse-batch.txt"), Path(), 0)], reserve_workbook=True)]
    ['planparse-batch.txt']
    """
    reserved = BATCH_WORKBOOK_STEM.casefold() if reserve_workbook else None
    groups: dict[tuple[int, Path, str], list[int]] = defaultdict(list)
    for i, (path, sub, root) in enumerate(found):
        groups[(root, sub, safe_name(path.stem).casefold())].append(i)
    names: dict[int, str] = {}
    for (_root, _sub, stem), members in groups.items():
        keep_suffix = len(members) > 1 or stem == reserved
        for i in members:
            path = found[i][0]
            names[i] = safe_name(path.name) if keep_suffix else safe_name(path.stem)
    taken: set[tuple[Path, str]] = {(found[i][1], reserved) for i in range(len(found))} if reserved else set()
    bases: dict[int, Path] = {}
    # clashes left (one file name from two places) are numbered by full path, not argument order
    for i in sorted(range(len(found)), key=lambda k: (str(found[k][1]), names[k].casefold(), str(found[k][0].resolve()))):
        sub = found[i][1]
        name, n = names[i], 1
        while (sub, name.casefold()) in taken:
            n += 1
            name = f"{names[i]}~{n}"
        taken.add((sub, name.casefold()))
        bases[i] = sub / name
    return [bases[i] for i in range(len(found))]
