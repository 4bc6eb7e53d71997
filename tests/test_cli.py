"""The command line: exit codes, output naming, stdout mode, stderr hygiene, lazy imports."""
from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from planparse import __version__
from planparse.cli import main
from tests.helpers import output_names

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted((ROOT / "corpora").glob("*.txt"))
PLANPARSE = Path(sys.executable).parent / "planparse"


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


def test_version():
    code, out, _ = run("--version")
    assert code == 0 and out.strip() == f"planparse {__version__}"


def test_schema_is_json():
    code, out, _ = run("schema")
    assert code == 0
    schema = json.loads(out)
    assert "items" in schema["properties"]


@pytest.mark.parametrize("argv", [
    [],
    ["parse"],
    ["parse", "x.txt"],                        # no -o
    ["parse", "/no/such/file.txt", "-o", "out"],
    ["parse", str(TEXTS[0]), "-o", "out", "--to", "docx"],
    ["parse", str(TEXTS[0]), "-o", "out", "--jobs", "x"],
    ["frobnicate"],
    ["parse", str(TEXTS[0]), str(TEXTS[1]), "-o", "-"],  # stdout takes one input
])
def test_usage_errors_exit_2(argv, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(*argv)
    assert code == 2
    assert out == "" and "Traceback" not in err and err.strip()


def test_empty_folder_is_a_usage_error(tmp_path):
    (tmp_path / "notes.xlsx").write_bytes(b"x")
    (tmp_path / ".hidden").write_bytes(b"x")
    code, _, err = run("parse", tmp_path, "-o", tmp_path / "out")
    assert code == 2 and "no input files" in err


def test_folder_input_is_mirrored(tmp_path):
    src = tmp_path / "in"
    (src / "a" / "b").mkdir(parents=True)
    shutil.copy(TEXTS[0], src / "top.txt")
    shutil.copy(TEXTS[1], src / "a" / "b" / "deep.txt")
    code, _, _ = run("parse", src, "-o", tmp_path / "out", "-q")
    assert code == 0
    assert sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*.json")) == [
        "a/b/deep.json", "top.json"]


def test_same_name_in_one_folder_keeps_the_extension(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(TEXTS[0], src / "notice.txt")
    (src / "notice.html").write_text(f"<html><body><pre>{TEXTS[1].read_text(encoding='utf-8')}</pre></body></html>",
                                     encoding="utf-8")
    shutil.copy(TEXTS[2], src / "other.txt")
    code, _, err = run("parse", src, "-o", tmp_path / "out", "-q")
    assert code == 0, err
    assert output_names(tmp_path / "out") == ["notice.html.json", "notice.txt.json", "other.json"]


def test_same_name_from_two_folders_does_not_overwrite(tmp_path):
    """Issue 16: several folders are mirrored under their own names (were merged flat with ~2)."""
    for folder, text in (("one", TEXTS[0]), ("two", TEXTS[1])):
        (tmp_path / folder).mkdir()
        shutil.copy(text, tmp_path / folder / "notice.txt")
    code, _, _ = run("parse", tmp_path / "one", tmp_path / "two", "-o", tmp_path / "out", "-q")
    assert code == 0
    names = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*.json"))
    assert names == ["one/notice.json", "two/notice.json"]
    assert json.loads((tmp_path / "out" / "two" / "notice.json").read_text(encoding="utf-8"))["source"]["sha256"] != \
        json.loads((tmp_path / "out" / "one" / "notice.json").read_text(encoding="utf-8"))["source"]["sha256"]


def test_a_file_given_twice_runs_once(tmp_path):
    code, _, _err = run("parse", TEXTS[0], TEXTS[0], "-o", tmp_path / "out")
    assert code == 0 and output_names(tmp_path / "out") == [f"{TEXTS[0].stem}.json"]


def test_stdout_mode_writes_one_json_document(tmp_path):
    code, out, _err = run("parse", TEXTS[0], "-o", "-")
    assert code == 0
    doc = json.loads(out)
    assert doc["source"]["name"] == TEXTS[0].name
    assert out.count('"schema_version"') == 1


def test_stdout_mode_failure_writes_nothing_to_stdout(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = run("parse", empty, "-o", "-")
    assert code == 1 and out == "" and "empty.txt" in err


def test_status_lines_and_summary_on_stderr(tmp_path):
    code, out, err = run("parse", *TEXTS[:2], "-o", tmp_path / "out")
    assert code == 0 and out == ""
    lines = err.strip().splitlines()
    assert [line.split()[0] for line in lines[:2]] == ["ok", "ok"]
    assert all(any(t.name in line for line in lines) for t in TEXTS[:2])
    assert lines[-1].startswith("planparse: 2 converted, 0 failed")


def test_quiet_prints_nothing_on_success(tmp_path):
    code, out, err = run("parse", *TEXTS[:2], "-o", tmp_path / "out", "-q")
    assert code == 0 and out == "" and err == ""


def test_real_process_stderr_has_no_library_noise(tmp_path):
    """jieba's "Building prefix dict" log and any warnings must not reach the user."""
    proc = subprocess.run([str(PLANPARSE), "parse", str(TEXTS[0]), str(TEXTS[1]), "-o", str(tmp_path / "out")],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    noise = [line for line in proc.stderr.splitlines() if not line.startswith(("ok ", "planparse: "))]
    assert noise == [], noise
    assert "prefix dict" not in proc.stderr and "Warning" not in proc.stderr


@pytest.mark.parametrize("argv", [["--version"], ["schema"], ["eval", "--gold", "tests/eval/gold", "--pred", "tests/eval/pred"]])
def test_light_commands_do_not_import_heavy_libraries(argv):
    code = (
        "import sys, io, contextlib\n"
        "from planparse.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main({argv!r}) == 0\n"
        "heavy = [m for m in ('spacy', 'pdfplumber', 'pdfminer', 'jieba', 'opencc', 'charset_normalizer') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert proc.stdout.strip() == "[]"


def test_a_file_without_outline_warns_and_strict_makes_it_fail(tmp_path):
    """Issue 16: "ok" with 0 items hid a failed conversion; -q hid which file it was."""
    (tmp_path / "note.txt").write_text("这是一段没有编号的文字。\n" * 3, encoding="utf-8")
    shutil.copy(TEXTS[0], tmp_path / "good.txt")
    code, _, err = run("parse", tmp_path, "-o", tmp_path / "out", "-q")
    lines = err.strip().splitlines()
    assert code == 0 and len(lines) == 2
    assert lines[0].startswith("WARN    ") and "note.txt" in lines[0] and "no numbered outline" in lines[0]
    assert lines[1].startswith("planparse: 2 converted (1 with a warning), 0 failed")
    code, _, _ = run("parse", tmp_path / "note.txt", "-o", tmp_path / "out", "--strict")
    assert code == 1 and (tmp_path / "out" / "note.json").is_file()


def test_a_folder_scan_says_what_it_skipped(tmp_path):
    shutil.copy(TEXTS[0], tmp_path / "good.txt")
    for name in ("a.xlsx", "b.xlsx", "c.py"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    code, _, err = run("parse", tmp_path, "-o", tmp_path / "out")
    assert code == 0 and "skipped 3 files (.xlsx ×2, .py ×1)" in err


def test_xlsx_output_is_byte_identical_across_runs(tmp_path):
    import time as clock

    run("parse", TEXTS[0], "-o", tmp_path / "a", "--to", "xlsx", "-q")
    clock.sleep(1.1)  # a second later: no clock may reach the bytes
    run("parse", TEXTS[0], "-o", tmp_path / "b", "--to", "xlsx", "-q")
    name = f"{TEXTS[0].stem}.xlsx"
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_eval_with_no_matching_prediction_fails(tmp_path):
    (tmp_path / "pred").mkdir()
    code, _, err = run("eval", "--gold", ROOT / "tests" / "gold", "--pred", tmp_path / "pred")
    assert code == 1 and "no prediction" in err


def test_report_streams_to_stdout_pipes_and_files_without_a_rename(tmp_path):
    """Issue 16: --report went through a temp file and a rename (replacing /dev/stdout)."""
    code, out, _ = run("parse", TEXTS[0], TEXTS[1], "-o", tmp_path / "out", "-q", "--report", "-")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [Path(r["name"]).name for r in rows] == [TEXTS[0].name, TEXTS[1].name]
    link = tmp_path / "report-link.jsonl"
    target = tmp_path / "target.jsonl"
    target.write_text("", encoding="utf-8")
    link.symlink_to(target)
    assert run("parse", TEXTS[0], "-o", tmp_path / "out", "-q", "--report", link)[0] == 0
    assert link.is_symlink() and len(target.read_text(encoding="utf-8").splitlines()) == 1
    code, _, err = run("parse", TEXTS[0], "-o", tmp_path / "out2", "--report", tmp_path / "no" / "dir" / "r.jsonl")
    assert code == 2 and "--report" in err and not (tmp_path / "out2").exists()  # refused before any parsing


def test_an_unwritable_outdir_is_refused_before_parsing(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = run("parse", TEXTS[0], "-o", blocker / "out")
    assert code == 2 and "cannot write there" in err


def test_every_error_code_is_in_the_help_and_the_readme():
    """One list (batch.ERROR_CODES): the CLI help prints it, README must name each code."""
    from planparse.batch import ERROR_CODES

    _, out, _ = run("parse", "--help")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [code for code in ERROR_CODES if code not in out] == []
    assert [code for code in ERROR_CODES if f"`{code}`" not in readme] == []
