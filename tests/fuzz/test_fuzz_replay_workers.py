"""The fuzz replay is deterministic: the same outcome serially, under -n 2 and under -n 4, twice.

Each fuzz test (one per view and Schemathesis phase) replays its own cassette from cassettes/;
which worker runs it, and what that worker ran before, must not change a single request.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BUDGET = "8"  # the budget cassettes/ was recorded with (FUZZ_CASSETTE_EXAMPLES in the Makefile)
WORKERS = (
    ["-p", "no:xdist"],
    ["-n", "2", "--dist", "worksteal"],
    ["-n", "4", "--dist", "worksteal"],
)
OUTCOME = re.compile(r"^(PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS) (suites/fuzz/\S+)", re.M)


def replay(workers: list[str], reports: Path) -> tuple[int, list[tuple[str, str]]]:
    """Exit status and the sorted (outcome, test id) pairs of one replay of the fuzz suite."""
    command = [
        sys.executable, "-m", "pytest", "suites/fuzz", "--target", "replay", "-q", "-rA",
        "--reports-dir", str(reports), *workers,
    ]  # fmt: skip
    done = subprocess.run(
        command,
        cwd=REPO,
        env={**os.environ, "FUZZ_EXAMPLES": BUDGET},
        capture_output=True,
        text=True,
        timeout=600,
    )
    outcomes = sorted((o, t) for o, t in OUTCOME.findall(done.stdout))
    return done.returncode, outcomes


@pytest.mark.long_running
@pytest.mark.timeout(900)
def test_replay_outcome_is_the_same_on_any_number_of_workers_twice(tmp_path: Path) -> None:
    runs = {}
    for round_ in (1, 2):
        for workers in WORKERS:
            label = f"{' '.join(workers)} (run {round_})"
            runs[label] = replay(workers, tmp_path / f"r{len(runs)}")
    first_label, (status, outcomes) = next(iter(runs.items()))
    assert status == 0, f"{first_label}: the replay failed: {outcomes}"
    assert len(outcomes) >= 9 and all(o == "PASSED" for o, _ in outcomes), outcomes
    for label, result in runs.items():
        assert result == (status, outcomes), f"{label} differs from {first_label}: {result}"
