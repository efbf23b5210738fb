"""``make nightly``: record a fresh set, run everything live, diff, report; exit codes that tell
a contract failure from a target that was not there.

    yuno-contracts nightly [--target sandbox] [--into nightly/cassettes-YYYY-MM-DD]

0. ``yuno-contracts doctor`` (a live target only): a target a run could not judge stops here,
   with the doctor's lines, instead of a wall of red;
1. every suite live against the target, recording into a dated folder (never ``cassettes/``);
2. the fuzz suite live again at the nightly budget (``FUZZ_EXAMPLES=nightly``);
3. drift: ``cassettes/`` → the dated folder, into ``reports/drift.md`` / ``drift.json``
   (informational: against Yuno's sandbox some drift from the reference-sandbox cassettes is
   expected; read it, don't gate on it);
4. the summary and the Allure report with history (``make report``).

``yuno-contracts live`` (``make live``) is step 1 without cassettes, with the same exit codes.

Exit codes: 0 every contract clause held; 1 a contract test failed; 3 no contract failure but
some tests could not judge (target unavailable, a broken harness step); 2 bad usage.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from yuno_contracts.core.errors import HarnessError
from yuno_contracts.core.files import ensure_folder
from yuno_contracts.reports.verdicts import NOT_RUN, outcome_verdict
from yuno_contracts.runs.child import (
    PYTEST_USAGE_ERROR,
    no_results,
    pytest_command,
    suite_paths,
    worker_options,
)
from yuno_contracts.runs.outputs import StagedOutputs
from yuno_contracts.runs.preflight import preflight

__all__ = [
    "EXIT_CONTRACT",
    "EXIT_OK",
    "EXIT_UNAVAILABLE",
    "announce",
    "run_live",
    "run_nightly",
    "verdict",
]

EXIT_OK, EXIT_CONTRACT, EXIT_USAGE, EXIT_UNAVAILABLE = 0, 1, 2, 3
MEANINGS = {
    EXIT_OK: "every clause held",
    EXIT_CONTRACT: "contract failures: see reports/summary.md",
    EXIT_UNAVAILABLE: "no contract failure, but some tests could not judge (target unavailable)",
}


def dated_folder(today: dt.date | None = None) -> Path:
    return Path("nightly") / f"cassettes-{(today or dt.date.today()).isoformat()}"


def verdict(*results_files: Path) -> int:
    """The nightly exit code from one or more ``results.json`` files (the verdict of every test
    outcome, as ``reports.verdicts`` gives a clause's)."""
    outcomes: list[str] = []
    for path in results_files:
        if path.exists():
            tests = json.loads(path.read_text(encoding="utf-8")).get("tests", {})
            outcomes += [entry["outcome"] for entry in tests.values()]
    return {"failed": EXIT_CONTRACT, "broken": EXIT_UNAVAILABLE, NOT_RUN: EXIT_UNAVAILABLE}.get(
        outcome_verdict(outcomes), EXIT_OK
    )


def _pytest(args: list[str], env: dict[str, str]) -> int:
    print("$ pytest " + " ".join(args), flush=True)
    return subprocess.run(pytest_command(args), env=env).returncode


def run_nightly(target: str, into: Path, *, workers: int = 2, report: bool = True) -> int:
    into = into.absolute()
    committed = Path("cassettes").resolve()
    if into.resolve() == committed or committed in into.resolve().parents:
        raise HarnessError(f"{into} is inside cassettes/: the nightly records into its own folder")
    if target != "local":
        from yuno_contracts.runs.doctor import doctor

        if doctor(target) != 0:
            print(f"nightly: exit {EXIT_UNAVAILABLE}: stopped before the run: fix what doctor says")
            return EXIT_UNAVAILABLE
    reports = Path("reports").absolute()
    reports = ensure_folder(Path("reports").absolute(), "or run from another directory")
    allure = reports / "allure-results"
    shutil.rmtree(allure, ignore_errors=True)
    env = dict(os.environ)
    common = [
        "--target",
        target,
        "-n",
        str(workers),
        "--dist",
        "worksteal",
        "-q",
        "--alluredir",
        str(allure),
    ]
    code = _pytest(
        [*suite_paths(["suites"]), *common, "--record-mode", "all", "--cassette-dir", str(into)],
        {**env, "FUZZ_EXAMPLES": env.get("FUZZ_CASSETTE_EXAMPLES", "8")},
    )
    if code == PYTEST_USAGE_ERROR:
        return EXIT_USAGE
    fuzz_reports = reports / "nightly-fuzz"
    code = _pytest(
        [*suite_paths(["suites/fuzz"]), *common, "--reports-dir", str(fuzz_reports)],
        {**env, "FUZZ_EXAMPLES": env.get("FUZZ_EXAMPLES_NIGHTLY", "nightly")},
    )
    if code == PYTEST_USAGE_ERROR:
        return EXIT_USAGE
    if into.is_dir():
        drift = [
            sys.executable, "-m", "yuno_contracts.cli", "drift", "cassettes", str(into),
            "--markdown", str(reports / "drift.md"), "--json", str(reports / "drift.json"),
        ]  # fmt: skip
        with open(reports / "drift.log", "w", encoding="utf-8") as log:
            subprocess.run(drift, stdout=log, stderr=subprocess.STDOUT)
        print(f"drift: {reports / 'drift.md'}")
    if report:
        subprocess.run(["make", "--no-print-directory", "report"])
    return announce("nightly", verdict(reports / "results.json", fuzz_reports / "results.json"))


def announce(run: str, outcome: int) -> int:
    """Print the verdict line (``nightly: exit 3: …``) and return the exit code."""
    print(f"{run}: exit {outcome}: {MEANINGS[outcome]}", flush=True)
    return outcome


def run_live(target: str, *, workers: int = 2, reports: Path = Path("reports")) -> int:
    """Every suite live against ``target`` (no cassettes), Allure results; exit 0 / 1 / 3 / 2.

    Nothing is removed or written before the configuration is checked (``preflight``) and the
    target has answered one request (the child's plugin); the previous results stay whole until
    this run has its own.
    """
    staged = StagedOutputs(reports, reports / "allure-results")
    preflight(target, reports=staged.reports, alluredir=staged.alluredir)
    args = [
        *suite_paths(["suites"]), "--target", target, *worker_options(workers),
        "-q", "--reports-dir", str(staged.reports), "--alluredir", str(staged.prepare()),
    ]  # fmt: skip
    code = subprocess.run(pytest_command(args)).returncode
    if not staged.settle():
        return no_results(code, "live")
    return announce("live", verdict(staged.results))
