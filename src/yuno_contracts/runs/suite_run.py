"""One child ``pytest`` run of the suites against the reference sandbox, and what it found.

The child writes ``results.json`` like every suite run (``pytest_plugin.recorder``); this module
reads it back: the same table of outcomes the summary and the trace read, never parsed output.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from yuno_contracts.runs.child import pytest_command, suite_paths

__all__ = ["SuiteRun", "run_suites"]


@dataclass
class SuiteRun:
    """What one child ``pytest`` run of the suites reported (its ``results.json``)."""

    seconds: float = 0.0
    exit: int = -1
    counts: dict[str, int] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    errored: dict[str, str] = field(default_factory=dict)
    reports_dir: Path | None = None
    problem: str = ""
    fuzz_statuses: dict[str, int] = field(default_factory=dict)
    """Answers to the fuzz suite's generated requests, by status (empty without suites/fuzz)."""

    @property
    def fuzz_requests(self) -> int:
        return sum(self.fuzz_statuses.values())

    @property
    def fuzz_server_errors(self) -> int:
        return sum(n for status, n in self.fuzz_statuses.items() if int(status) >= 500)


def run_suites(
    suites: Sequence[str], options: Sequence[str], workdir: Path, name: str, workers: int = 1
) -> SuiteRun:
    """``pytest <suites> --target local <options>`` in a child process; reports under workdir."""
    reports_dir = workdir / name
    command = pytest_command([
        *suite_paths(suites),
        "--target", "local", "-q", "--reports-dir", str(reports_dir),
        "-o", "console_output_style=classic",
    ])  # fmt: skip
    command += ["-n", str(workers), "--dist", "worksteal"] if workers > 1 else ["-p", "no:xdist"]
    command += list(options)
    env = {**os.environ, "YUNO_TARGET": "local"}
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=workdir)
    result = SuiteRun(
        seconds=time.perf_counter() - start, reports_dir=reports_dir, exit=done.returncode
    )
    output = reports_dir / "results.json"
    if not output.exists():
        tail = (done.stdout + done.stderr).strip().splitlines()[-3:]
        result.problem = f"pytest exited {done.returncode} without results: " + " | ".join(tail)
        return result
    tests = json.loads(output.read_text(encoding="utf-8"))["tests"]
    result.counts = {"passed": 0, "failed": 0, "skipped": 0, "error": 0}
    for nodeid, entry in tests.items():
        outcome = entry["outcome"]
        message = (entry.get("message") or "")[:300]
        if outcome == "failed":
            result.failed[nodeid] = message
        elif outcome == "broken":
            result.errored[nodeid] = message
        result.counts["error" if outcome == "broken" else outcome] += 1
        for status, count in entry.get("fuzz_statuses", {}).items():
            result.fuzz_statuses[status] = result.fuzz_statuses.get(status, 0) + int(count)
    result.fuzz_statuses = dict(sorted(result.fuzz_statuses.items()))
    return result
