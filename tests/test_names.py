"""Output names (README "Output names", issue 16): several folders mirrored under their own
names, long names shortened with their distinguishing tail kept, the batch workbook never
overwriting a document's output."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from planparse.naming import MAX_NAME_BYTES, shorten

from .test_cli import TEXTS, run

LONG_TITLE = "某某市人民政府办公室关于印发某某市推进数字经济高质量发展三年行动计划（2024—2026年）的通知"


def outputs(out: Path, pattern: str = "*.json") -> list[str]:
    return sorted(str(p.relative_to(out)) for p in out.rglob(pattern))


def sha_of(path: Path) -> str:
    return json.loads(path.read_text(encoding="utf-8"))["source"]["sha256"]


def test_several_folders_are_mirrored_under_their_names_whatever_the_order(tmp_path):
    for folder, text in (("2023", TEXTS[0]), ("2024", TEXTS[1])):
        (tmp_path / folder / "sub").mkdir(parents=True)
        shutil.copy(text, tmp_path / folder / "notice.txt")
        shutil.copy(text, tmp_path / folder / "sub" / "deep.txt")
    forward = run("parse", tmp_path / "2023", tmp_path / "2024", "-o", tmp_path / "fwd", "-q")
    backward = run("parse", tmp_path / "2024", tmp_path / "2023", "-o", tmp_path / "bwd", "-q")
    assert forward[0] == backward[0] == 0
    expected = ["2023/notice.json", "2023/sub/deep.json", "2024/notice.json", "2024/sub/deep.json"]
    assert outputs(tmp_path / "fwd") == outputs(tmp_path / "bwd") == expected
    for name in expected:  # the same file lands in the same place in both runs
        assert sha_of(tmp_path / "fwd" / name) == sha_of(tmp_path / "bwd" / name)


def test_same_named_folders_keep_the_parts_that_tell_them_apart(tmp_path):
    for year, text in (("2023", TEXTS[0]), ("2024", TEXTS[1])):
        (tmp_path / year / "docs").mkdir(parents=True)
        shutil.copy(text, tmp_path / year / "docs" / "notice.txt")
    code, _, err = run("parse", tmp_path / "2024" / "docs", tmp_path / "2023" / "docs", "-o", tmp_path / "out", "-q")
    assert code == 0, err
    assert outputs(tmp_path / "out") == ["2023/docs/notice.json", "2024/docs/notice.json"]


def test_one_folder_and_files_keep_todays_flat_names(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(TEXTS[0], src / "a.txt")
    shutil.copy(TEXTS[1], tmp_path / "b.txt")
    code, _, _ = run("parse", src, tmp_path / "b.txt", "-o", tmp_path / "out", "-q")
    assert code == 0
    assert outputs(tmp_path / "out") == ["a.json", "b.json"]


def test_same_file_name_given_twice_is_numbered_by_path_not_argument_order(tmp_path):
    for folder, text in (("a", TEXTS[0]), ("b", TEXTS[1])):
        (tmp_path / folder).mkdir()
        shutil.copy(text, tmp_path / folder / "notice.txt")
    first, second = tmp_path / "a" / "notice.txt", tmp_path / "b" / "notice.txt"
    assert run("parse", first, second, "-o", tmp_path / "fwd", "-q")[0] == 0
    assert run("parse", second, first, "-o", tmp_path / "bwd", "-q")[0] == 0
    for out in (tmp_path / "fwd", tmp_path / "bwd"):
        assert outputs(out) == ["notice.json", "notice~2.json"]
        assert sha_of(out / "notice.json") == sha_of(tmp_path / "fwd" / "notice.json")


def test_long_names_keep_their_distinguishing_tail(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for suffix, text in (("_附件一", TEXTS[0]), ("_附件二", TEXTS[1])):
        shutil.copy(text, src / f"{LONG_TITLE}{suffix}.txt")
    assert len(f"{LONG_TITLE}_附件一".encode()) > MAX_NAME_BYTES
    code, _, err = run("parse", src, "-o", tmp_path / "out", "-q", "--to", "json,csv")
    assert code == 0, err
    names = outputs(tmp_path / "out")
    assert len(names) == 2
    assert sorted(name[-len("_附件一.json"):] for name in names) == ["_附件一.json", "_附件二.json"]
    assert all(name.startswith(LONG_TITLE[:10]) for name in names)
    assert all(len(p.name.encode()) <= 255 for p in (tmp_path / "out").iterdir())
    again = run("parse", src, "-o", tmp_path / "again", "-q")  # deterministic
    assert again[0] == 0 and outputs(tmp_path / "again") == names


def test_shorten_is_deterministic_and_within_the_limit():
    names = [LONG_TITLE * 2 + tail for tail in ("_附件一", "_附件二", "a", "b")]
    short = [shorten(name) for name in names]
    assert short == [shorten(name) for name in names]
    assert len(set(short)) == len(names)
    assert all(len(s.encode()) <= MAX_NAME_BYTES for s in short)
    assert shorten(LONG_TITLE[:20]) == LONG_TITLE[:20]


def test_batch_workbook_never_overwrites_a_documents_output(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(TEXTS[0], src / "planparse-batch.txt")
    shutil.copy(TEXTS[1], src / "other.txt")
    code, _, err = run("parse", src, "-o", tmp_path / "out", "-q", "--to", "json,xlsx")
    assert code == 0, err
    out = tmp_path / "out"
    assert outputs(out, "*.xlsx") == ["other.xlsx", "planparse-batch.txt.xlsx", "planparse-batch.xlsx"]
    from openpyxl import load_workbook

    document = load_workbook(out / "planparse-batch.txt.xlsx", read_only=True)
    batch = load_workbook(out / "planparse-batch.xlsx", read_only=True)
    assert len(batch.sheetnames) > len(document.sheetnames)  # a sheet per document + summary
    assert sha_of(out / "planparse-batch.txt.json") != sha_of(out / "other.json")
