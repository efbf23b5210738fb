"""The suite's own kill rate: run the documented suites once per fault switch of the sandbox.

Each fault switch (``yuno_contracts.sandbox.faults.FAULTS``) makes the reference sandbox break
exactly one documented behaviour. A switch is *killed* when at least one test fails against the
sandbox with it on, and *survives* when every test passes: a surviving switch is a missing test.
The faithful run (no switch) must pass, or the kills prove nothing.

Each run is a real ``pytest`` subprocess against its own reference sandbox on loopback; runs go
``--jobs`` at a time (default 2, one per core, each run serial: cheaper than xdist's start-up for
short runs). Outcomes come from each run's ``results.json`` (``runs.suite_run``), not from
parsing output::

    yuno-contracts mutation                           # every switch, suites/ minus suites/fuzz
    yuno-contracts mutation --fault create-201 --suite suites/smoke
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from yuno_contracts.catalogue.resources import suites_dir
from yuno_contracts.core.errors import HarnessError
from yuno_contracts.core.files import atomic_write
from yuno_contracts.reports.tables import markdown_table
from yuno_contracts.runs.child import suite_paths
from yuno_contracts.runs.suite_run import SuiteRun, run_suites
from yuno_contracts.sandbox.faults import FAULTS

__all__ = ["Run", "SuiteRun", "default_suites", "render_markdown", "run_mutation", "run_suites"]

FAITHFUL = "(none: faithful sandbox)"
SHOWN = 4


# -- running ----------------------------------------------------------------------------------
@dataclass
class Run:
    """One suite run against the sandbox with at most one fault switch on."""

    fault: str | None
    description: str
    seconds: float = 0.0
    exit: int = -1
    counts: dict[str, int] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    errored: dict[str, str] = field(default_factory=dict)
    problem: str = ""

    @property
    def verdict(self) -> str:
        if self.problem:
            return "broken"
        if self.fault is None:
            return "passed" if not (self.failed or self.errored) else "FAILED"
        if self.failed:
            return "killed"
        return "broken" if self.errored else "SURVIVED"

    @property
    def ok(self) -> bool:
        return self.verdict in ("passed", "killed")


def default_suites() -> list[str]:
    """The documented suites: every folder of suites/ except the fuzzing."""
    root = suites_dir()
    return sorted(
        f"suites/{p.name}"
        for p in root.iterdir()
        if p.is_dir() and p.name != "fuzz" and not p.name.startswith((".", "_"))
    )


def _run_one(fault: str | None, suites: Sequence[str], workdir: Path, workers: int) -> Run:
    options = ["--sandbox-fault", fault] if fault else []
    done = run_suites(suites, options, workdir, fault or "faithful", workers)
    return Run(
        fault,
        FAULTS[fault] if fault else FAITHFUL,
        seconds=done.seconds,
        exit=done.exit,
        counts=done.counts,
        failed=done.failed,
        errored=done.errored,
        problem=done.problem,
    )


def run_mutation(
    faults: Sequence[str] | None = None,
    suites: Sequence[str] | None = None,
    *,
    jobs: int = 2,
    workers: int = 1,
) -> list[Run]:
    """The faithful run first in the list, then one run per fault (all faults by default)."""
    chosen = list(faults) if faults else list(FAULTS)
    unknown = [f for f in chosen if f not in FAULTS]
    if unknown:
        raise HarnessError(
            f"unknown fault switch {', '.join(unknown)}: choose from {', '.join(FAULTS)}"
        )
    paths = list(suites) if suites else default_suites()
    suite_paths(paths)  # one line naming a suite that is not there
    with (
        tempfile.TemporaryDirectory(prefix="yuno-mutation-") as tmp,
        ThreadPoolExecutor(max_workers=max(1, jobs)) as pool,
    ):
        futures = [
            pool.submit(_run_one, fault, paths, Path(tmp), workers) for fault in [None, *chosen]
        ]
        return [future.result() for future in futures]


# -- the matrix -------------------------------------------------------------------------------
def _tests(run: Run) -> str:
    ids = [nodeid.split("::", 1)[-1] for nodeid in (run.failed or run.errored)]
    shown = ", ".join(f"`{i}`" for i in ids[:SHOWN])
    return shown + (f" … +{len(ids) - SHOWN} more" if len(ids) > SHOWN else "")


def render_markdown(runs: Sequence[Run], suites: Sequence[str]) -> str:
    killed = sum(1 for r in runs if r.fault and r.verdict == "killed")
    total = sum(1 for r in runs if r.fault)
    lines = [
        "# Mutation matrix: fault switch → killed or survived",
        "",
        f"Suites: {', '.join(suites)}. Killed {killed} of {total} switches.",
        "",
    ]
    rows = []
    for run in runs:
        detail = run.problem or _tests(run)
        if run.fault is None:
            c = run.counts
            detail = detail or f"{c.get('passed', 0)} passed, {c.get('skipped', 0)} skipped"
        count = len(run.failed or run.errored)
        verdict = f"{run.verdict} ({count})" if count else run.verdict
        rows.append((run.fault or "none", run.description, verdict, detail, f"{run.seconds:.1f}"))
    lines += markdown_table(("switch", "breaks", "verdict", "failing tests", "s"), rows)
    return "\n".join(lines) + "\n"


def write_reports(runs: Sequence[Run], suites: Sequence[str], reports_dir: Path) -> str:
    """Write mutation.md and mutation.json under ``reports_dir``; return the Markdown."""
    markdown = render_markdown(runs, suites)
    atomic_write(reports_dir / "mutation.md", markdown)
    payload = {"suites": list(suites), "runs": [asdict(r) | {"verdict": r.verdict} for r in runs]}
    atomic_write(reports_dir / "mutation.json", json.dumps(payload, indent=2) + "\n")
    return markdown
