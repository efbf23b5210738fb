"""How long the suites take: the offline replay (serial vs ``-n 2``) and the live run.

    .venv/bin/python benchmarks/suite_runs.py [--runs 3]

1. Offline replay of every suite from cassettes/ (``make test``'s replay step without set-up):
   serial and with ``-n 2``; the scaling ratio serial / parallel; seconds per cassette
   interaction (interaction counts from cassettes/MANIFEST.json).
2. The live run against the reference sandbox (``make run`` without set-up and report building):
   every suite, ``-n 2``, the default fuzz budget.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, VENV_BIN, repeat, save, timed

PYTEST = str(VENV_BIN / "pytest")


def pytest_run(*args: str) -> float:
    with tempfile.TemporaryDirectory() as reports:
        return timed([PYTEST, "suites", "-q", "-p", "no:randomly", "--reports-dir", reports, *args])


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
        "replay, -n 2", "s", args.runs, lambda: pytest_run("--target", "replay", "-n", "2")
    )
    live = repeat("live, -n 2", "s", args.runs, lambda: pytest_run("--target", "local", "-n", "2"))
    scaling = serial.median / parallel.median
    for measure in (serial, parallel, live):
        print(f"{measure.name:16} {measure.cell()}")
    print(
        f"xdist scaling: {scaling:.2f}x; {manifest['count']} cassettes, {interactions} interactions; "
        f"{parallel.median / interactions * 1000:.2f} ms per interaction with -n 2"
    )
    save(
        "suite_runs",
        {
            "runs": args.runs,
            "replay_serial": serial.as_dict(),
            "replay_parallel": parallel.as_dict(),
            "live_parallel": live.as_dict(),
            "scaling": scaling,
            "cassettes": manifest["count"],
            "interactions": interactions,
            "ms_per_interaction_serial": serial.median / interactions * 1000,
            "ms_per_interaction_parallel": parallel.median / interactions * 1000,
        },
    )


if __name__ == "__main__":
    main()
