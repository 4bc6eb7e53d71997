"""Command line: ``planparse parse|export|eval|schema``.

Exit codes (also in ``--help`` and README):
  0  every input converted
  1  some inputs failed (every other input was still converted)
  2  usage error (bad option, no input files, missing path)
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import textwrap
import time
from pathlib import Path

from . import __version__
from .batch import (
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT,
    ERROR_CODES,
    FileResult,
    display_name,
    plan_jobs,
    run_jobs,
    skipped_summary,
)
from .model import UsageError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

EPILOG = """exit codes:
  0  every input converted
  1  some inputs failed (each failure is one line on stderr; all others converted)
  2  usage error

per-file status (stderr line and --report): ok; warn (converted, but doubtful: no outline in
a long text, much undecodable text — the line says why and what to try; exit 1 with --strict);
or failed with an error code:
{codes}
A failed file leaves no output behind (an older output of the same name is removed).
""".format(codes=textwrap.fill(" ".join(ERROR_CODES), width=88, initial_indent="  ", subsequent_indent="  "))


class ArgumentParser(argparse.ArgumentParser):
    def error(self, message):  # argparse exits itself; we want exit 2 via main()
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(prog="planparse", description="Chinese government plan notices → structured JSON.",
                            epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"planparse {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("parse", help="convert files or folders to JSON (and CSV/XLSX/HTML)", epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files (.pdf .txt .html .htm) or folders (recursive)")
    p.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="output folder, or - for stdout (one input)")
    p.add_argument("--to", default="json", metavar="FORMATS", help="comma list of json,csv,xlsx,html,parquet (default "
                   "json); parquet adds OUTDIR/documents.parquet and OUTDIR/tasks.parquet of every JSON output")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N", help="parallel worker processes (default 1; "
                   "with --scheduler local: the number of Dask workers, default one per core)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="run the conversions on a Dask cluster: tcp://HOST:PORT of "
                   "its scheduler, or local for a cluster on this machine (pip install 'planparse[dask]')")
    p.add_argument("--force", action="store_true", help="convert every input, even those unchanged since the last "
                   "run into OUTDIR (OUTDIR/.planparse/manifest.sqlite)")
    p.add_argument("--prune", action="store_true", help="remove the outputs of inputs converted into OUTDIR before "
                   "that no longer exist")
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                   help=f"per-file time limit (default {DEFAULT_TIMEOUT:g}; 0: none); files run in worker processes, "
                        "so a file stuck inside a library is killed and fails alone [timeout]")
    p.add_argument("--encoding", metavar="NAME", help="decode text inputs (text, HTML, Markdown, dataset files) as NAME "
                   "(gb18030, gbk, big5, utf-8, utf-16 …) when detection gets it wrong; PDF/DOCX/OFD ignore it")
    p.add_argument("--max-pages", type=int, default=None, metavar="N", help="reject PDFs with more pages")
    p.add_argument("--ocr", choices=("auto", "off", "force"), default="auto",
                   help="OCR of PDF pages: auto (default) reads scanned pages without a usable text layer, "
                   "force reads every page from its image, off never (scans fail with no_text_layer)")
    p.add_argument("--ocr-dpi", type=int, default=200, metavar="DPI", help="resolution pages are rendered at for "
                   "OCR (default 200; 300 for small print, slower)")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, metavar="N",
                   help=f"reject inputs larger than N bytes (default {DEFAULT_MAX_BYTES})")
    p.add_argument("--report", metavar="FILE", help="one JSON line per input (status, counts, error), written as "
                   "each file finishes; - for stdout")
    p.add_argument("-q", "--quiet", action="store_true", help="only the lines of files that failed or warn; no progress bar")
    p.add_argument("--strict", action="store_true", help="exit 1 when a file converts with a warning (status warn)")
    p.add_argument("--debug", action="store_true", help="show tracebacks of unexpected errors")

    e = sub.add_parser("export", help="write CSV/XLSX/HTML from JSON files already parsed")
    e.add_argument("inputs", nargs="+", metavar="JSON")
    e.add_argument("--to", required=True, metavar="FORMATS", help="comma list of csv,xlsx,html")
    e.add_argument("-o", "--output", metavar="OUTDIR", help="output folder (default: beside each JSON)")

    v = sub.add_parser("eval", help="accuracy of predictions against gold annotations")
    v.add_argument("--gold", required=True, type=Path, metavar="DIR")
    v.add_argument("--pred", required=True, type=Path, metavar="DIR")
    v.add_argument("--json", action="store_true", help="machine-readable summary")
    v.add_argument("--expect", default="", metavar="VARIANTS", help="comma list of variants every gold needs")
    v.add_argument("--show-errors", type=int, default=0, metavar="N", help="print up to N mismatches per file")
    v.add_argument("--forms", type=Path, metavar="FORMS.json",
                   help='figures per input form too: {"form": ["document name", ...]}')

    sub.add_parser("schema", help="print the JSON Schema of the output")
    return parser


def parse_formats(text: str, allowed: tuple[str, ...]) -> list[str]:
    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    unknown = [f for f in formats if f not in allowed]
    if unknown or not formats:
        raise UsageError(f"--to: unknown format(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(allowed)}")
    return formats


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status (callable from tests)."""
    parser = build_parser()
    try:
        try:
            args = parser.parse_args(argv)
        except SystemExit as done:  # --help / --version: a return value, not an exit, for callers
            return done.code if isinstance(done.code, int) else EXIT_OK
        if args.command is None:
            parser.print_help(sys.stderr)
            return EXIT_USAGE
        return COMMANDS[args.command](args)
    except UsageError as err:
        print(f"planparse: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("planparse: interrupted", file=sys.stderr)
        return 130


def cmd_parse(args) -> int:
    from .export import FORMATS

    formats = parse_formats(args.to, FORMATS + ("parquet",))
    check_limits(args)
    to_stdout = args.output == "-"
    parquet = "parquet" in formats
    if parquet:
        from .dataset import require_pyarrow

        require_pyarrow()
        formats = [f for f in formats if f != "parquet"] or ["json"]
        if "json" not in formats:  # the tables are built from the JSON outputs
            formats.insert(0, "json")
    if not to_stdout and Path(args.output).exists() and not Path(args.output).is_dir():
        raise UsageError(f"-o {args.output}: exists and is not a folder")
    skipped: list[Path] = []
    jobs = plan_jobs([Path(i) for i in args.inputs], None if to_stdout else Path(args.output), formats, skipped)
    if skipped and not args.quiet:
        print(f"planparse: skipped {skipped_summary(skipped)}: not a notice planparse reads "
              "(PDF, DOCX, OFD, text, HTML, Markdown, dataset records)", file=sys.stderr)
    if not jobs:
        found = f" (skipped {skipped_summary(skipped)})" if skipped else ""
        raise UsageError("no input files (PDF, DOCX, OFD, text, HTML, Markdown, dataset records) found in "
                         + " ".join(args.inputs) + found)
    if to_stdout and (len(jobs) != 1 or formats != ["json"] or parquet):
        raise UsageError("-o - writes JSON to stdout and takes exactly one input file")
    if to_stdout and (args.scheduler or args.prune):
        raise UsageError(f"-o - converts one file here; {'--scheduler' if args.scheduler else '--prune'} needs an OUTDIR")
    options = {"timeout": file_timeout(args.timeout), "max_pages": args.max_pages, "max_bytes": args.max_bytes,
               "debug": args.debug, "stdout": to_stdout, "encoding": args.encoding,
               "ocr": args.ocr, "ocr_dpi": args.ocr_dpi}
    if args.report == "-" and to_stdout:
        raise UsageError("--report - and -o - both write to stdout; give the report a file")
    started = time.perf_counter()
    signal.signal(signal.SIGTERM, stop_on_terminate)  # `kill` stops a batch as Ctrl-C does
    with report_sink(args.report) as report, contextlib.ExitStack() as stack:
        manifest, unchanged = None, []
        if not to_stdout:
            check_writable(Path(args.output))
            manifest = stack.enter_context(open_manifest(Path(args.output), formats, options))
            all_jobs = jobs
            jobs, unchanged = manifest.split(jobs, force=args.force)
            if unchanged and not args.quiet:
                print(f"planparse: skipped {len(unchanged)} unchanged (converted before with the same build and "
                      "options; --force converts them again)", file=sys.stderr)
            for job in unchanged if report is not None else ():  # still one --report line per input
                report.write(json.dumps(manifest.reports[job.index], ensure_ascii=False, sort_keys=True) + "\n")
        runner = stack.enter_context(cluster_runner(args)) if args.scheduler and jobs else None
        line_echo = echo_doubtful if args.quiet else echo_result

        def echo(result: FileResult, write=None) -> None:
            line_echo(result, write)
            if report is not None:  # streamed: every finished file's line survives an interrupt
                report.write(json.dumps(result.report_row(), ensure_ascii=False, sort_keys=True) + "\n")
                report.flush()

        finished: list[FileResult] = []

        by_index = {job.index: job for job in jobs}

        def counted(result: FileResult, write=None) -> None:
            finished.append(result)
            if manifest is not None:
                manifest.record(by_index[result.index], result)
            echo(result, write)

        try:
            results = run_jobs(jobs, options, workers=args.jobs or 1, progress=not args.quiet and len(jobs) > 1,
                               echo=counted, runner=runner) if jobs else []
        except KeyboardInterrupt:
            n_failed = sum(r.status == "failed" for r in finished)
            print(f"planparse: interrupted: {len(finished) - n_failed} converted, {n_failed} failed, "
                  f"{len(jobs) - len(finished)} not converted, {time.perf_counter() - started:.1f} s", file=sys.stderr)
            return 130
        if manifest is not None:
            finish_outdir(manifest, all_jobs, args, parquet)
    failed = [r for r in results if r.status == "failed"]
    warned = [r for r in results if r.status == "warn"]
    if not args.quiet or failed or warned:
        doubtful = f" ({len(warned)} with a warning)" if warned else ""
        print(f"planparse: {len(results) - len(failed)} converted{doubtful}, {len(failed)} failed, "
              f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
    # an unchanged input keeps the status it converted with: --strict still fails on its warning
    reports = manifest.reports if manifest is not None else {}
    warned_before = [job for job in unchanged if reports[job.index].get("status") == "warn"]
    if args.strict and warned_before:
        print(f"planparse: {len(warned_before)} unchanged input{'s' if len(warned_before) != 1 else ''} converted "
              "with a warning before (--strict)", file=sys.stderr)
    return EXIT_FAILED if failed or (args.strict and (warned or warned_before)) else EXIT_OK


@contextlib.contextmanager
def open_manifest(outdir: Path, formats: list[str], options: dict):
    """OUTDIR's manifest (incremental runs); an unreadable one is a usage error, not a traceback."""
    import sqlite3

    from .manifest import Manifest, manifest_path, options_key

    try:
        manifest = Manifest(outdir, options_key(formats, options))
    except (sqlite3.Error, OSError) as err:
        raise UsageError(f"-o {outdir}: cannot use its manifest {manifest_path(outdir)} ({err}); delete it "
                         "to convert everything again") from None
    with manifest:
        yield manifest


@contextlib.contextmanager
def cluster_runner(args):
    """``--scheduler``: connected (and the workers' version checked) before any file is sent."""
    from .batch_dask import DaskRunner, close_cluster, open_cluster

    client, cluster = open_cluster(args.scheduler, args.jobs)
    try:
        yield DaskRunner(client, args.scheduler)
    finally:
        close_cluster(client, cluster)


def finish_outdir(manifest, jobs: list, args, parquet: bool) -> None:
    """After a run: prune (or mention) inputs that are gone, rebuild the Parquet tables."""
    given = {str(job.input.resolve()) for job in jobs}
    gone = [entry for entry in manifest.gone() if entry.path not in given]
    if gone and args.prune:
        removed = manifest.prune(gone)
        if not args.quiet:
            print(f"planparse: pruned {len(gone)} input{'s' if len(gone) != 1 else ''} that are gone "
                  f"({removed} output file{'s' if removed != 1 else ''} removed)", file=sys.stderr)
    elif gone and not args.quiet:
        print(f"planparse: {len(gone)} input{'s' if len(gone) != 1 else ''} converted before no longer exist; "
              "their outputs stay (--prune removes them)", file=sys.stderr)
    if parquet:
        from .dataset import DOCUMENTS_FILE, TASKS_FILE, build_dataset

        documents, tasks = build_dataset(manifest.outdir)
        if not args.quiet:
            print(f"planparse: {manifest.outdir / DOCUMENTS_FILE} ({documents} documents), "
                  f"{manifest.outdir / TASKS_FILE} ({tasks} tasks)", file=sys.stderr)


def check_limits(args) -> None:
    """Numeric options must be positive (0 would silently mean "no limit" or "no work"),
    except ``--timeout 0``, which is documented to mean "no time limit"; ``--encoding``
    must name a text codec."""
    for flag, value in (("--jobs", args.jobs), ("--max-pages", args.max_pages), ("--max-bytes", args.max_bytes),
                        ("--ocr-dpi", getattr(args, "ocr_dpi", None))):
        if value is not None and value <= 0:
            raise UsageError(f"{flag} must be a positive number, not {value}")
    if args.timeout is not None and args.timeout < 0:
        raise UsageError(f"--timeout must be a number of seconds (0: no limit), not {args.timeout}")
    if args.encoding is not None:
        from .ingest.decode import text_encoding

        try:
            text_encoding(args.encoding)
        except ValueError as err:
            raise UsageError(f"--encoding: {err}") from None


def file_timeout(given: float | None) -> float | None:
    """The per-file limit in seconds: :data:`DEFAULT_TIMEOUT` unless ``--timeout`` says
    otherwise; ``--timeout 0`` means none (None).

    >>> file_timeout(None) == DEFAULT_TIMEOUT, file_timeout(0), file_timeout(2.5)
    (True, None, 2.5)
    """
    if given is None:
        return DEFAULT_TIMEOUT
    return given or None


def echo_doubtful(result: FileResult, write=None) -> None:
    """``-q``: only the files that failed or deserve a look."""
    if result.status != "ok":
        echo_result(result, write)


def echo_result(result: FileResult, write=None) -> None:
    """One status line per file on stderr (through tqdm when a bar is shown)."""
    if result.status == "ok":
        line = f"ok      {display_name(result.input)}  →  {display_name(result.output or '-')}  ({result.summary})"
    elif result.status == "warn":
        line = (f"WARN    {display_name(result.input)}  →  {display_name(result.output or '-')}  ({result.summary}): "
                f"{result.reason}")
    else:
        line = f"FAILED  {display_name(result.input)}: {result.error} [{result.error_code}]"
        if result.traceback:
            line += "\n" + result.traceback.rstrip()
    (write or (lambda s: print(s, file=sys.stderr)))(line)


def stop_on_terminate(signum, frame) -> None:
    """SIGTERM: the same orderly stop as Ctrl-C (finished files kept, exit 130)."""
    raise KeyboardInterrupt


def check_writable(outdir: Path) -> None:
    """OUTDIR must take files before any parsing starts (not after an hour of work)."""
    import tempfile

    try:
        outdir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=outdir, prefix=".planparse-check-"):
            pass
    except OSError as err:
        raise UsageError(f"-o {outdir}: cannot write there ({err.strerror or err})") from None


@contextlib.contextmanager
def report_sink(target: str | None):
    """Where ``--report`` lines go, written as each file finishes: stdout for ``-``, else the
    path opened for writing as it is (a file, ``/dev/stdout``, a pipe) — never replaced by a
    rename. A path that cannot be opened is a usage error before any file is parsed."""
    if target is None:
        yield None
        return
    if target == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    try:
        handle = open(target, "w", encoding="utf-8")  # noqa: SIM115 (closed below, after the batch)
    except OSError as err:
        raise UsageError(f"--report {target}: cannot write it ({err.strerror or err})") from None
    try:
        yield handle
    finally:
        handle.close()


def cmd_export(args) -> int:
    from . import contract
    from .export import export_files

    formats = parse_formats(args.to, ("csv", "xlsx", "html"))
    status = EXIT_OK
    for name in args.inputs:
        path = Path(name)
        try:
            doc = contract.Document.model_validate_json(path.read_bytes())
        except (OSError, ValueError) as err:
            print(f"FAILED  {path}: not a planparse JSON file ({str(err).splitlines()[0]})", file=sys.stderr)
            status = EXIT_FAILED
            continue
        base = (Path(args.output) / path.stem) if args.output else path.with_suffix("")
        base.parent.mkdir(parents=True, exist_ok=True)
        written = export_files(doc, base, formats)
        print(f"ok      {path}  →  {', '.join(str(w) for w in written)}", file=sys.stderr)
    return status


def cmd_eval(args) -> int:
    from .evaluate import evaluate, format_table, load_forms, summary_json

    for folder in (args.gold, args.pred):
        if not folder.is_dir():
            raise UsageError(f"not a folder: {folder}")
    expect = [v.strip() for v in args.expect.split(",") if v.strip()]
    forms = None
    if args.forms is not None:
        try:
            forms = load_forms(args.forms)
        except (OSError, ValueError) as err:
            raise UsageError(f"--forms: {err}") from None
    summary = evaluate(args.gold, args.pred, expect, forms)
    if summary["n_gold"] == 0:
        raise UsageError(f"no gold *.json in {args.gold}")
    print(summary_json(summary) if args.json else format_table(summary, args.show_errors))
    if summary["n_gold"] and not summary["n_ok"] and not summary["n_fail"]:
        print(f"planparse eval: no prediction in {args.pred} matches a gold name in {args.gold}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def cmd_schema(args) -> int:
    from .contract import json_schema_text

    sys.stdout.write(json_schema_text())
    return EXIT_OK


COMMANDS = {"parse": cmd_parse, "export": cmd_export, "eval": cmd_eval, "schema": cmd_schema}


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    sys.exit(main())
