"""``python -m pipeline``: run | inspect | ingest | code | graph | demo | audit-disclosure.

Bad input ends every command with exit code 2 and one line ``error: …`` on standard error that names the
file, row or column; ``--verbose`` adds the traceback for unexpected failures.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import Sequence

from pipeline import __version__
from pipeline.errors import InputError
from pipeline.privacy import ScrubFilter, clean_text, scrub_text, scrub_value

log = logging.getLogger("pipeline")


def _configure_logging(quiet: bool, verbose: bool) -> None:
    level = logging.WARNING if quiet else logging.DEBUG if verbose else logging.INFO
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    handler.addFilter(ScrubFilter())      # no log line carries an e-mail address, phone number or name
    root = logging.getLogger("pipeline")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


def _cmd_run(args: argparse.Namespace) -> int:
    from pipeline.config import load_settings
    from pipeline.runner import run

    settings = load_settings(args.config, out=args.out, lang=args.lang)
    if args.edition:
        from dataclasses import replace

        settings = replace(settings, analysis={**settings.analysis, "edition": args.edition})
    written = run(settings)
    log.info("outputs under %s: %d files", settings.out, len(written))
    return 0


def _cmd_inspect(args: argparse.Namespace) -> int:
    from pipeline.config import load_settings
    from pipeline.ingest import inspect_file

    settings = load_settings(args.config) if args.config else None
    # headers, sheet and file names are shown as read: scrubbed like everything else that leaves the pipeline
    info = scrub_value(inspect_file(Path(args.file), spec=args.spec, params=settings.ingest if settings else None))
    if args.json:
        print(json.dumps(info, ensure_ascii=False, default=str))
    else:
        layout = f"encoding {info['encoding']}, delimiter {info['delimiter']!r}" if info.get("encoding") \
            else f"{info.get('format', 'binary')} file"
        print(f"{info['file']}: {info['tool']} export, {layout}, {info.get('header_rows')} header row(s), "
              f"{info['respondents']} respondents")
        if info.get("reading"):
            print(f"  {info['reading']}")
        for q in info["questions"]:
            print(f"  {q['id']:<14} {q['type']:<10} {q['text'][:70]}")
    return 0


def _cmd_ingest(args: argparse.Namespace) -> int:
    from pipeline.config import load_settings
    from pipeline.runner import ingest_one

    settings = load_settings(args.config)
    report = ingest_one(Path(args.file), Path(args.out), settings, spec=args.spec)
    log.info("%s: %d rows in, %d accepted, %d rejected, %d duplicates", report["file"], report["rows_in"],
             report["accepted"], report["rejected"], report["duplicates"])
    return 0


def _cmd_code(args: argparse.Namespace) -> int:
    from pipeline.config import load_settings
    from pipeline.runner import code_one

    settings = load_settings(args.config)
    explanations = code_one(Path(args.file), Path(args.out), settings, text_column=args.text_column,
                            id_column=args.id_column, taxonomy=args.taxonomy, explain=args.explain)
    for line in explanations:
        print(line)
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from pipeline import io as pio
    from pipeline.config import DEMO_DIR
    from pipeline.demo import demo_files

    if args.companies < 1:
        raise InputError(f"--companies {args.companies}: give a positive number of companies")
    out = Path(args.out) if args.out else DEMO_DIR
    out.mkdir(parents=True, exist_ok=True)
    files = demo_files(companies=args.companies, seed=args.seed)
    for name, data in sorted(files.items()):
        pio.write_bytes_atomic(out / name, data)
    log.info("wrote %d demo files to %s", len(files), out)
    return 0


def _cmd_audit(args: argparse.Namespace) -> int:
    """Exit 0 when every hidden cell of the run is protected (and, in the public edition, no count of
    1..min_count-1, base under min_base or segment cell of 0, its whole base or 1..min_count-1 short of it is
    published), 1 when not."""
    from pipeline.disclosure import audit_run

    ranges, small, params, whole = audit_run(Path(args.outdir))
    edition, interval = params.get("edition", "steering"), int(params["protection_interval"])
    narrow = ranges[~ranges["is_protected"]]
    for row in ranges.itertuples():
        if args.all or not row.is_protected:
            mark = "ok" if row.is_protected else "NARROW"
            print(f"{mark:<6} {row.cell}: {row.low:g}..{row.high:g} (width {row.width:g}, needs {row.required:g})")
    for row in small.itertuples():
        print(f"SMALL  {row.table} row {row.row + 2} {row.column} = {row.value:g} published "
              f"(min_count {params['min_count']}, min_base {params['min_base']})")
    for row in whole.itertuples():
        print(f"{row.mark:<6} {row.what}")
    print(f"{args.outdir}: {edition} edition, {len(ranges)} hidden cells, {len(narrow)} narrower than "
          f"{interval} companies, {len(small)} small published figures"
          + (f", {len(whole)} figures telling the answer of every company of a segment, or of all but one or two"
             if len(whole) else ""))
    return 1 if len(narrow) or len(small) or len(whole) else 0


def _cmd_graph(args: argparse.Namespace) -> int:
    from pipeline.stages import GRAPH

    if args.format == "mermaid":
        print(GRAPH.mermaid())
    else:
        for s in GRAPH.order():
            reads = ", ".join(dict.fromkeys(s.inputs.values())) or "-"
            returns = ", ".join(s.outputs)
            print(f"{s.name} ({s.label}): {reads} -> {returns}")
    return 0


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line (the usage itself is what --help prints)."""

    def error(self, message: str):
        self.exit(2, f"error: {message} ({self.prog} --help lists what it takes)\n")


def parser() -> argparse.ArgumentParser:
    """The command-line parser (each subcommand has its own --help)."""
    # The flags go before or after the command. The command's copies default to SUPPRESS: argparse would
    # otherwise let the subcommand's False overwrite a --quiet given before the command.
    common = _Parser(add_help=False)
    common.add_argument("--quiet", action="store_true", default=argparse.SUPPRESS,
                        help="print warnings and errors only")
    common.add_argument("--verbose", action="store_true", default=argparse.SUPPRESS,
                        help="print debugging detail and tracebacks")

    top = _Parser(prog="python -m pipeline", description=__doc__.splitlines()[0])
    top.add_argument("--quiet", action="store_true", help="print warnings and errors only")
    top.add_argument("--verbose", action="store_true", help="print debugging detail and tracebacks")
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("run", parents=[common], help="run every stage (no config = the bundled demo)",
                       description="Run every stage: ingest, code, analyse, charts, reports.")
    p.add_argument("--config", metavar="FILE", help="project TOML file (default: raw/demo/project.toml)")
    p.add_argument("--out", metavar="DIR", help="output root: DIR/processed, DIR/figures, DIR/reports "
                                               "(default: the repository root)")
    p.add_argument("--lang", choices=("fi", "sv", "en"), help="report language (default fi, or the config's)")
    p.add_argument("--edition", choices=("steering", "public"),
                   help="steering (default): survey totals in full, segment cells under the disclosure rules; "
                        "public: every count of 1-2 companies and base under 5 hidden, reports named "
                        "summary-public.*; give a public run its own --out")
    p.set_defaults(func=_cmd_run)

    p = sub.add_parser("inspect", parents=[common], help="say what a survey export is and how it is read",
                       description="Detect the tool, encoding, delimiter, header rows and question types.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--spec", metavar="YAML", help="questionnaire spec that names or overrides questions")
    p.add_argument("--config", metavar="FILE", help="project TOML file whose [ingest] settings apply")
    p.set_defaults(func=_cmd_inspect)

    p = sub.add_parser("ingest", parents=[common], help="one export into tidy tables",
                       description="Read one export into respondents.parquet, answers.parquet, "
                                   "questions.parquet, rejected.csv and ingest_report.json.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--out", metavar="DIR", required=True)
    p.add_argument("--spec", metavar="YAML", help="questionnaire spec that names or overrides questions")
    p.add_argument("--config", metavar="FILE", help="project TOML file whose [ingest] settings apply")
    p.set_defaults(func=_cmd_ingest)

    p = sub.add_parser("code", parents=[common], help="free text to themes",
                       description="Code a column of free text into themes; writes id,theme,themes,confidence.")
    p.add_argument("file", metavar="FILE", help="CSV or XLSX file with a text column")
    p.add_argument("--text-column", required=True, metavar="COL")
    p.add_argument("--id-column", metavar="COL", help="identifier column (default: row number)")
    p.add_argument("--taxonomy", default="needs", metavar="needs|feedback|PATH")
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--explain", action="store_true", help="print each answer's lemmas and deciding terms")
    p.add_argument("--config", metavar="FILE", help="project TOML file whose [coding] settings apply")
    p.set_defaults(func=_cmd_code)

    p = sub.add_parser("graph", parents=[common], help="print the stage graph (what is computed from what)",
                       description="Print the declared stages in run order, or the graph as a Mermaid diagram.")
    p.add_argument("--format", choices=("text", "mermaid"), default="text")
    p.set_defaults(func=_cmd_graph)

    p = sub.add_parser("audit-disclosure", parents=[common],
                       help="the range an attacker can infer for every hidden cell of a run",
                       description="Read a run's published tables (OUTDIR/processed) and print, per hidden cell, "
                                   "the range of values consistent with every published figure. Exit 1 when a "
                                   "range is narrower than the protection interval, or (public edition) a count "
                                   "of 1..min_count-1 or a base under min_base is published; 2 for bad input.")
    p.add_argument("outdir", metavar="OUTDIR", help="the output folder of a run (holding processed/)")
    p.add_argument("--all", action="store_true", help="print every hidden cell, not only the narrow ones")
    p.set_defaults(func=_cmd_audit)

    p = sub.add_parser("demo", parents=[common], help="write the deterministic demo inputs",
                       description="Write the bundled demo's inputs (default: raw/demo/).")
    p.add_argument("--out", metavar="DIR")
    p.add_argument("--companies", type=int, default=26)
    p.add_argument("--seed", type=int, default=2022)
    p.set_defaults(func=_cmd_demo)
    return top


def _check_path_names(args: argparse.Namespace) -> None:
    """Refuse a path on the command line whose name is not valid text (bytes that are no UTF-8: the name would
    break every table, digest and report that shows it)."""
    for option in ("file", "out", "config", "spec", "outdir", "taxonomy"):
        value = getattr(args, option, None)
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                shown = value.encode("utf-8", "replace").decode("utf-8")
                label = option.upper() if option in ("file", "outdir") else f"--{option}"
                raise InputError(f"{shown}: the name of this path ({label}) is not valid UTF-8 text; rename it "
                                 f"(or the folder it is in) with plain letters") from None


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv``, run the command, and turn bad input into exit code 2 and one line."""
    args = parser().parse_args(argv)
    _configure_logging(args.quiet, args.verbose)
    try:
        _check_path_names(args)
        return args.func(args)
    except InputError as exc:
        print(f"error: {' '.join(str(exc).split())}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader of our output went away (`… | head`): not an error; stdout goes nowhere from here on
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, never a traceback
        if args.verbose:
            # the cause for whoever fixes it, then the same one line and exit code as without --verbose (QA
            # round 31: --verbose turned exit 2 into Python's exit 1)
            import traceback

            traceback.print_exc(file=sys.stderr)
        if isinstance(exc, OSError) and exc.filename is not None:
            # a folder that cannot be written (read-only, another user's, a full disk), a file that cannot be read
            print(f"error: {scrub_value(str(exc.filename))}: {exc.strerror or type(exc).__name__}; check that the "
                  f"folder can be written (or the file read) and that the disk has room, or choose another --out",
                  file=sys.stderr)
            return 2
        target = getattr(args, "file", None) or getattr(args, "config", None) or getattr(args, "outdir", None) \
            or "run"
        detail = " ".join(str(exc).split())[:300]
        # the unexpected error may quote a value or a path that holds a person's name: scrubbed like the log
        # not a message of ours about the input: say so, so that a bug does not read as the user's mistake
        print(f"error: {scrub_value(str(target))}: unexpected {type(exc).__name__}: {scrub_text(clean_text(detail))} "
              f"(probably a fault of the pipeline, not of your files: rerun with --verbose for details and report "
              f"it)", file=sys.stderr)
        return 2
