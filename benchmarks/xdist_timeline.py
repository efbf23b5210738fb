"""Where the time of a ``-n 2`` replay goes: start-up, collection, and each worker's share.

    .venv/bin/python benchmarks/xdist_timeline.py [--runs 3]

Runs the offline replay serially and with ``-n 2 --dist worksteal``, with this file loaded as a
pytest plugin (``-p xdist_timeline``) that stamps, in every process, the session start, the end of
collection and each test's start and end. It reports, from the moment pytest was launched: when
tests begin (the fixed start-up cost), how long each worker then runs tests, and the time spent
in tests. Scaling is bounded by (fixed serial + tests) / (fixed parallel + tests / 2).
Written to reports/bench/xdist_timeline.json for report.py.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

STAMPS_ENV = "XDIST_TIMELINE_DIR"


# -- the plugin (loaded into each pytest process) ---------------------------------------------
def _stamp(event: str) -> None:
    folder = os.environ.get(STAMPS_ENV)
    if not folder:
        return
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    with open(Path(folder) / f"{worker}.log", "a", encoding="utf-8") as log:
        log.write(f"{time.time():.4f} {event}\n")


def pytest_sessionstart(session: pytest.Session) -> None:
    _stamp("sessionstart")


def pytest_collection_finish(session: pytest.Session) -> None:
    _stamp("collected")


def pytest_runtest_logstart(nodeid: str, location: object) -> None:
    _stamp("start")


def pytest_runtest_logfinish(nodeid: str, location: object) -> None:
    _stamp("end")


# -- the measurement --------------------------------------------------------------------------
def one_run(workers: int) -> dict[str, Any]:
    from common import ROOT, VENV_BIN

    with tempfile.TemporaryDirectory() as stamps, tempfile.TemporaryDirectory() as reports:
        xdist = ["-n", str(workers), "--dist", "worksteal"] if workers else ["-p", "no:xdist"]
        command = [
            str(VENV_BIN / "pytest"), "suites", "--target", "replay", "-q", "-p", "xdist_timeline",
            "--reports-dir", reports, *xdist,
        ]  # fmt: skip
        env = {
            **os.environ,
            STAMPS_ENV: stamps,
            "FUZZ_EXAMPLES": "8",
            "PYTHONPATH": str(Path(__file__).resolve().parent),
        }
        launched = time.time()
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
        finished = time.time()
        per_process: dict[str, dict[str, float]] = {}
        for log in Path(stamps).glob("*.log"):
            events = [line.split(" ", 1) for line in log.read_text().splitlines()]
            starts = [float(t) for t, e in events if e == "start"]
            ends = [float(t) for t, e in events if e == "end"]
            if not starts:
                continue
            per_process[log.stem] = {
                "first_test_at": min(starts) - launched,
                "last_test_done_at": max(ends) - launched,
                "tests": len(starts),
            }
    return {"wall": finished - launched, "processes": per_process}


def main() -> None:
    from common import save

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    data: dict[str, Any] = {"runs": args.runs}
    for label, workers in (("serial", 0), ("parallel", 2)):
        runs = [one_run(workers) for _ in range(args.runs)]
        best = sorted(runs, key=lambda r: r["wall"])[len(runs) // 2]  # the median run
        data[label] = {
            "wall_median": statistics.median(r["wall"] for r in runs),
            "median_run": best,
        }
    print(json.dumps(data, indent=2))
    save("xdist_timeline", data)


if __name__ == "__main__":
    main()
