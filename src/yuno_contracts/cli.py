"""The ``yuno-contracts`` command line.

    yuno-contracts run [--target T] [--suite P] [pytest options]  the suites, from any directory
    yuno-contracts manifest [--cassettes DIR]   rebuild cassettes/MANIFEST.json from the cassettes
    yuno-contracts check-cassettes [DIR]        verify every cassette is listed, unchanged and scrubbed
    yuno-contracts trace [--format md|json]     the clause → tests → last result matrix
    yuno-contracts mutation [--fault F] [--suite P]  the suites once per sandbox fault switch
    yuno-contracts readings [--reading S=R] [--suite P]  the suites once per documented reading
    yuno-contracts summary [--reports-dir reports]  reports/summary.md and summary.json
    yuno-contracts drift OLD NEW [--markdown P] [--json P]  compare two cassette sets
    yuno-contracts nightly [--target T] [--into DIR]  record, run live, diff, report (exit 0/1/3)
    yuno-contracts doctor [--target T]          is the account ready for a live run (exit 0/1)
    yuno-contracts live [--target T]            every suite live, no cassettes (exit 0/1/3)
    yuno-contracts sources check [--base-url U] [--update --commit SHA]  Yuno's pages since read

Bad input is one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from yuno_contracts import __version__
from yuno_contracts.core.errors import HarnessError
from yuno_contracts.fuzz.budget import fuzz_budget
from yuno_contracts.recording.cassettes import MANIFEST_NAME, read_manifest, write_manifest

__all__ = ["check_cassettes", "main"]

DEFAULT_CASSETTES = Path("cassettes")
# A credential value in a credential header: what a scrubbed cassette never holds.
LEAK = re.compile(
    r'"(public-api-key|private-secret-key)":\s*\[\s*"(?!<YUNO_)(sandbox_|prod_|pk_|sk_|local_)'
)


def check_cassettes(root: Path) -> list[str]:
    """Problems with the cassettes under ``root``: unlisted, changed or unscrubbed files."""
    problems: list[str] = []
    listed = read_manifest(root)["cassettes"]
    found = {
        p.relative_to(root).as_posix(): p for p in root.rglob("*.json") if p.name != MANIFEST_NAME
    }
    for rel in sorted(set(found) - set(listed)):
        problems.append(
            f"{root / rel} is not in {MANIFEST_NAME}: run `make record` or `yuno-contracts manifest`"
        )
    for rel in sorted(set(listed) - set(found)):
        problems.append(
            f"{MANIFEST_NAME} lists {rel}, which does not exist: run `yuno-contracts manifest`"
        )
    for rel in sorted(set(found) & set(listed)):
        raw = found[rel].read_bytes()
        if hashlib.sha256(raw).hexdigest() != listed[rel].get("sha256"):
            problems.append(
                f"{root / rel} changed since it was recorded: re-record it with `make record`"
            )
        if LEAK.search(raw.decode("utf-8", "replace")):
            problems.append(f"{root / rel} holds a credential value: delete it and re-record")
    return problems


RUN_EPILOG = (
    "Any other option is pytest's and is passed on as it is (-k, --clause, --ambiguity, "
    "--alluredir, --reports-dir, --junitxml, --record-mode, --cassette-dir, --sandbox-fault, …)."
)
WORKERS_HELP = "pytest-xdist worker processes (default {}; 1 runs in this process)"


class OneLineParser(argparse.ArgumentParser):
    """Bad usage is one line naming the problem and where the fix is, then exit 2; no option
    is taken for another by its first letters (``run`` passes pytest's options on)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **{**kwargs, "allow_abbrev": False})

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message}: see {self.prog} --help\n")


def _parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="yuno-contracts", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"yuno-contracts {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    manifest = commands.add_parser("manifest", help="rebuild MANIFEST.json from the cassettes")
    manifest.add_argument(
        "--cassettes",
        type=Path,
        default=DEFAULT_CASSETTES,
        help="the cassette folder (./cassettes)",
    )
    check = commands.add_parser("check-cassettes", help="verify the cassettes against the manifest")
    check.add_argument(
        "cassettes", type=Path, nargs="?", default=DEFAULT_CASSETTES,
        help="the cassette folder (./cassettes)",
    )  # fmt: skip
    trace = commands.add_parser("trace", help="the clause → tests → last result matrix")
    trace.add_argument("paths", nargs="*", default=["suites"], help="suites to collect")
    trace.add_argument(
        "--results", type=Path, default=Path("reports/results.json"),
        help="the last run's results (reports/results.json)",
    )  # fmt: skip
    trace.add_argument(
        "--format", choices=("md", "json"), default="md", help="md (default) or json"
    )
    trace.add_argument("--check", action="store_true", help="exit 1 on a coverage problem")
    mutation = commands.add_parser("mutation", help="run the suites once per sandbox fault switch")
    mutation.add_argument("--fault", action="append", default=[], help="only this switch")
    mutation.add_argument("--suite", action="append", default=[], help="only this suite path")
    mutation.add_argument("--jobs", type=int, default=2, help="runs at a time (default 2)")
    mutation.add_argument(
        "--workers", type=int, default=1, help=WORKERS_HELP.format(1) + ", per run"
    )
    mutation.add_argument("--reports-dir", type=Path, default=Path("reports"), help="./reports")
    readings = commands.add_parser("readings", help="run the suites once per documented reading")
    readings.add_argument("--reading", action="append", default=[], help="only SETTING=READING")
    readings.add_argument("--suite", action="append", default=[], help="only this suite path")
    readings.add_argument("--jobs", type=int, default=2, help="runs at a time (default 2)")
    readings.add_argument("--reports-dir", type=Path, default=Path("reports"), help="./reports")
    summary = commands.add_parser("summary", help="reports/summary.md and summary.json")
    summary.add_argument(
        "--reports-dir",
        type=Path,
        default=Path("reports"),
        help="where results.json is (./reports)",
    )
    summary.add_argument("--terminal", action="store_true", help="print the five-second summary")
    drift = commands.add_parser("drift", help="compare two cassette sets, grouped by clause")
    drift.add_argument("old", type=Path, help="the reference cassettes (e.g. cassettes)")
    drift.add_argument("new", type=Path, help="the new cassettes (e.g. nightly/cassettes-DATE)")
    drift.add_argument("--markdown", type=Path, help="also write the Markdown here")
    drift.add_argument("--json", type=Path, help="also write the JSON here")
    drift.add_argument("--no-clauses", action="store_true", help="skip collecting clause ids")
    target_help = "local | replay | sandbox | an https://…/v1 base URL (default {})"
    nightly = commands.add_parser("nightly", help="record, run live, diff, report")
    nightly.add_argument(
        "--target", default=os.environ.get("NIGHTLY_TARGET", "sandbox"),
        help=target_help.format("$NIGHTLY_TARGET or sandbox"),
    )  # fmt: skip
    nightly.add_argument("--into", type=Path, default=None, help="default nightly/cassettes-DATE")
    nightly.add_argument("--workers", type=int, default=2, help=WORKERS_HELP.format(2))
    nightly.add_argument("--no-report", action="store_true", help="skip make report at the end")
    live = commands.add_parser("live", help="every suite live (no cassettes); exit 0/1/3")
    live.add_argument("--target", default="sandbox", help=target_help.format("sandbox"))
    live.add_argument("--workers", type=int, default=2, help=WORKERS_HELP.format(2))
    sources = commands.add_parser(
        "sources",
        help="have Yuno's cited documents changed (0/1/3)",
        description="Read today's text of every Yuno page the clauses and readings cite and "
        "diff the checkout-session schemas against the copies kept; write reports/sources.md "
        "and sources.json.",
        epilog="exit 0: nothing the suites assert changed (a schema change no clause, reading "
        "or fuzz view rests on is listed, not red); 1: a cited quote is gone, or a schema "
        "change touches a clause, a reading or a fuzz view; 3: the documents cannot be "
        "reached; 2: bad input. Credentials in the base URL are masked in every output.",
    )
    sources.add_argument("action", choices=["check"], help="check")
    sources.add_argument("--base-url", help="where the docs files are (YUNO_SOURCES_BASE_URL)")
    sources.add_argument("--ref", default="main", help="branch or commit to read (main)")
    sources.add_argument("--reports-dir", type=Path, default=Path("reports"), help="./reports")
    sources.add_argument(
        "--update",
        action="store_true",
        help="record --commit for pages whose quotes hold (commit, copy, read_on; last_changed "
        "where the file's text moved)",
    )
    sources.add_argument("--commit", help="with --update: the docs commit a person reviewed")
    doctor = commands.add_parser("doctor", help="is the account ready for a live run")
    doctor.add_argument(
        "--target", default=os.environ.get("NIGHTLY_TARGET", "sandbox"),
        help=target_help.format("$NIGHTLY_TARGET or sandbox"),
    )  # fmt: skip
    run = commands.add_parser(
        "run",
        help="run the suites (installed with the package) against a target, from any folder",
        description="Run the suites against a target; outputs under ./reports.",
        epilog=RUN_EPILOG,
    )
    run.add_argument(
        "--target", default=os.environ.get("YUNO_TARGET", "local"),
        help=target_help.format("$YUNO_TARGET or local"),
    )  # fmt: skip
    run.add_argument(
        "--suite", action="append", default=[], help="only this suite: smoke, create, … or suites/…"
    )
    run.add_argument("--workers", type=int, default=None, help=WORKERS_HELP.format("1"))
    run.add_argument(
        "--no-report",
        action="store_true",
        help="skip summary.md and the partner page (make run builds them with the Allure HTML)",
    )
    return parser


def _nearest_option(parser: argparse.ArgumentParser, command: str, given: str) -> str | None:
    """The option of ``command`` closest to a mistyped ``given`` (``--targt`` → ``--target``)."""
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices[
        command
    ]
    known = [o for a in sub._actions for o in a.option_strings if o.startswith("--")]
    close = difflib.get_close_matches(given.split("=", 1)[0], known, n=1, cutoff=0.75)
    return close[0] if close else None


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "run":
        nearest = _nearest_option(parser, args.command, extra[0])
        hint = (
            f": did you mean {nearest}?"
            if nearest
            else f": see yuno-contracts {args.command} --help"
        )
        print(f"yuno-contracts {args.command}: unknown option {extra[0]}{hint}", file=sys.stderr)
        return 2
    for arg in extra:
        nearest = _nearest_option(parser, "run", arg) if arg.startswith("--") else None
        if nearest and nearest != arg.split("=", 1)[0]:
            print(
                f"yuno-contracts run: unknown option {arg}: did you mean {nearest}?",
                file=sys.stderr,
            )
            return 2
    try:
        if args.command in ("live", "run"):
            fuzz_budget()  # before anything is removed or written (runs.preflight does the rest)
        if args.command == "live":
            from yuno_contracts.runs.nightly import run_live

            return run_live(args.target, workers=args.workers)
        if args.command == "sources":
            from yuno_contracts.sources.command import run_sources

            return run_sources(
                base_url=args.base_url,
                ref=args.ref,
                reports_dir=args.reports_dir,
                update=args.update,
                commit=args.commit,
            )
        if args.command == "doctor":
            from yuno_contracts.runs.doctor import doctor as run_doctor

            return run_doctor(args.target)
        if args.command == "run":
            from yuno_contracts.runs.child import run_here

            return run_here(
                args.target,
                args.suite or ["suites"],
                extra,
                workers=args.workers,
                report=not args.no_report,
            )
        if args.command == "nightly":
            from yuno_contracts.runs.nightly import dated_folder, run_nightly

            into = args.into or dated_folder()
            return run_nightly(args.target, into, workers=args.workers, report=not args.no_report)
        if args.command == "summary":
            from yuno_contracts.reports.summary import terminal_summary, write_summary

            summary = write_summary(args.reports_dir)
            if args.terminal:
                print(terminal_summary(summary, args.reports_dir), end="")
            else:
                written = ", ".join(
                    str(args.reports_dir / n)
                    for n in ("summary.md", "summary.json", "partner.html")
                )
                print(f"summary: {written}")
            return 0
        if args.command == "drift":
            return _drift(args)
        if args.command == "trace":
            return _trace(args)
        if args.command == "mutation":
            return _mutation(args)
        if args.command == "readings":
            return _readings(args)
        if args.command == "manifest":
            result = write_manifest(args.cassettes)
            print(f"{args.cassettes / MANIFEST_NAME}: {result['count']} cassettes")
            return 0
        if not args.cassettes.is_dir():
            print(
                f"yuno-contracts: {args.cassettes} is not a folder of cassettes: "
                "give the cassette folder, e.g. yuno-contracts check-cassettes cassettes",
                file=sys.stderr,
            )
            return 2
        problems = check_cassettes(args.cassettes)
        for problem in problems:
            print(problem, file=sys.stderr)
        if not problems:
            print(f"{args.cassettes}: every cassette listed, unchanged and scrubbed")
        return 1 if problems else 0
    except HarnessError as exc:
        print(f"yuno-contracts: {exc}", file=sys.stderr)
        return 2


def _drift(args: argparse.Namespace) -> int:
    from yuno_contracts.core.files import atomic_write
    from yuno_contracts.reports import drift

    changes = drift.compare(args.old, args.new)
    if changes and not args.no_clauses:
        from yuno_contracts.runs.child import collected_clauses

        try:
            changes = drift.with_clauses(changes, collected_clauses(["suites"]), args.new)
        except HarnessError as exc:
            print(f"yuno-contracts: clause ids not attached: {exc}", file=sys.stderr)
    markdown = drift.render_markdown(changes, args.old, args.new)
    print(markdown, end="")
    if args.markdown:
        atomic_write(args.markdown, markdown)
    if args.json:
        atomic_write(args.json, drift.render_json(changes, args.old, args.new))
    return 1 if changes else 0


def _trace(args: argparse.Namespace) -> int:
    from yuno_contracts.reports import trace as traceability
    from yuno_contracts.runs.child import collected_clauses

    cov, rows, results = traceability.trace(collected_clauses(args.paths), args.results)
    if args.format == "json":
        print(traceability.render_json(rows), end="")
    else:
        print(traceability.render_markdown(rows, results), end="")
    for problem in cov.problems():
        print(problem, file=sys.stderr)
    return 1 if args.check and not cov.ok else 0


def _mutation(args: argparse.Namespace) -> int:
    from yuno_contracts.runs import mutation

    suites = args.suite or mutation.default_suites()
    runs = mutation.run_mutation(args.fault, suites, jobs=args.jobs, workers=args.workers)
    print(mutation.write_reports(runs, suites, args.reports_dir), end="")
    print(f"written: {args.reports_dir / 'mutation.md'}, {args.reports_dir / 'mutation.json'}")
    return 0 if all(run.ok for run in runs) else 1


def _readings(args: argparse.Namespace) -> int:
    from yuno_contracts.runs import readings_matrix as reading_matrix

    suites = args.suite or ["suites"]
    runs = reading_matrix.run_readings(args.reading, suites, jobs=args.jobs)
    print(reading_matrix.write_reports(runs, suites, args.reports_dir), end="")
    written = (
        f"{args.reports_dir / 'readings-matrix.md'}, {args.reports_dir / 'readings-matrix.json'}"
    )
    print(f"written: {written}")
    return 0 if all(run.verdict == "passed" for run in runs) else 1


if __name__ == "__main__":
    raise SystemExit(main())
