"""How long the suites take: the offline replay (serial vs ``-n 2``) and the live run.

    .venv/bin/python benchmarks/suite_runs.py [--runs 3]

1. Offline replay of every suite from cassettes/ (``make test``'s replay step without set-up):
   serial and with ``-n 2``; the scaling ratio serial / parallel; seconds per cassette
   interaction (interaction counts from cassettes/MANIFEST.json).
2. The live run against the reference sandbox (``make run`` without set-up and report building):
   every suite, ``-n 2``, the default fuzz budget.
3. The machine's own ceiling for that scaling: one pure-Python busy loop alone, then two at once
   (2 x alone / both at once; 2.0 on two free cores). On a shared VM it is well below 2, and no
   test runner can scale past it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, VENV_BIN, repeat, save, timed

PYTEST = str(VENV_BIN / "pytest")


def pytest_run(*args: str) -> float:
    with tempfile.TemporaryDirectory() as reports:
        return timed([PYTEST, "suites", "-q", "-p", "no:randomly", "--reports-dir", reports, *args])


BUSY_LOOP = "x = 0\nfor i in range(20_000_000):\n    x += i\n"


def cpu_ceiling() -> float:
    """2 x (one busy loop alone) / (two at once): the parallel speed-up the machine allows."""
    alone = timed([sys.executable, "-c", BUSY_LOOP])
    start = time.perf_counter()
    both = [subprocess.Popen([sys.executable, "-c", BUSY_LOOP]) for _ in range(2)]
    for process in both:
        process.wait()
    return 2 * alone / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    manifest = json.loads((ROOT / "cassettes" / "MANIFEST.json").read_text())
    interactions = sum(entry["interactions"] for entry in manifest["cassettes"].values())
    serial = repeat(
        "replay, serial", "s", args.runs, lambda: pytest_run("--target", "replay", "-n", "0")
    )
    parallel = repeat(
        "replay, -n 2",
        "s",
        args.runs,
        lambda: pytest_run("--target", "replay", "-n", "2", "--dist", "worksteal"),
    )
    live = repeat(
        "live, -n 2",
        "s",
        args.runs,
        lambda: pytest_run("--target", "local", "-n", "2", "--dist", "worksteal"),
    )
    ceiling = repeat("cpu ceiling", "x", args.runs, cpu_ceiling)
    scaling = serial.median / parallel.median
    for measure in (serial, parallel, live):
        print(f"{measure.name:16} {measure.cell()}")
    print(
        f"xdist scaling: {scaling:.2f}x; {manifest['count']} cassettes, {interactions} interactions; "
        f"{parallel.median / interactions * 1000:.2f} ms per interaction with -n 2; "
        f"the machine's own ceiling for 2 processes: {ceiling.cell()}"
    )
    save(
        "suite_runs",
        {
            "runs": args.runs,
            "replay_serial": serial.as_dict(),
            "replay_parallel": parallel.as_dict(),
            "live_parallel": live.as_dict(),
            "scaling": scaling,
            "cpu_ceiling": ceiling.as_dict(),
            "cassettes": manifest["count"],
            "interactions": interactions,
            "ms_per_interaction_serial": serial.median / interactions * 1000,
            "ms_per_interaction_parallel": parallel.median / interactions * 1000,
        },
    )


if __name__ == "__main__":
    main()
