"""The live run against a sandbox far away: the reference sandbox at 150 ms latency, -n 1..8.

    .venv/bin/python benchmarks/live_latency.py [--runs 1] [--latency 150ms] [--workers 1,2,4,8]

Each request waits the latency (``--sandbox-latency``, an asyncio wait, so concurrent requests
overlap), so the wall time is about latency x requests / workers: it should fall close to
linearly with the workers, until a client-side rate limit (``YUNO_MAX_RPS``, where set) caps it.
Results: reports/bench/live_latency.json, rendered by ``benchmarks/report.py`` in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import VENV_BIN, repeat, save, timed

PYTEST = str(VENV_BIN / "pytest")


def live_run(latency: str, workers: int, suites: str) -> float:
    spread = ["-p", "no:xdist"] if workers == 1 else ["-n", str(workers), "--dist", "worksteal"]
    with tempfile.TemporaryDirectory() as reports:
        return timed(
            [PYTEST, suites, "-q", "--target", "local", "--sandbox-latency", latency,
             "--reports-dir", reports, *spread]
        )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--latency", default="150ms")
    parser.add_argument("--workers", default="1,2,4,8")
    parser.add_argument("--suites", default="suites")
    args = parser.parse_args()
    counts = [int(n) for n in args.workers.split(",")]
    measures = {
        n: repeat(f"live {args.latency}, -n {n}", "s", args.runs,
                  lambda n=n: live_run(args.latency, n, args.suites))
        for n in counts
    }  # fmt: skip
    base = measures[counts[0]].median
    for measure in measures.values():
        print(f"{measure.name:24} {measure.cell()}  speed-up {base / measure.median:.2f}x")
    save(
        "live_latency",
        {
            "runs": args.runs,
            "latency": args.latency,
            "suites": args.suites,
            "max_rps": os.environ.get("YUNO_MAX_RPS", ""),
            "by_workers": {str(n): m.as_dict() for n, m in measures.items()},
        },
    )


if __name__ == "__main__":
    main()
