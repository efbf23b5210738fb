"""The live run against a sandbox far away: the reference sandbox at 150 ms latency, -n 1..8.

    .venv/bin/python benchmarks/live_latency.py [--runs 1] [--latency 150ms] [--workers 1,2,4,8]

Each request waits the latency (``--sandbox-latency``, an asyncio wait, so concurrent requests
overlap), so the wall time is about latency x requests / workers: it should fall close to
linearly with the workers, until a client-side rate limit (``YUNO_MAX_RPS``, where set) caps it,
or the machine's cores do: every worker is a Python process that imports and collects the suites
(and the fuzzing stack for its fuzz tests) on the same cores, so the CPU seconds of each run (the
pytest processes and the sandbox, from ``getrusage``) are measured beside its wall time.
Results: reports/bench/live_latency.json, rendered by ``benchmarks/report.py`` in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import VENV_BIN, repeat, save, timed

PYTEST = str(VENV_BIN / "pytest")


def cpu_of_children() -> float:
    """User + system seconds of every finished child process (and theirs) so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def live_run(latency: str, workers: int, suites: str, cpu: list[float]) -> float:
    """Wall seconds of one live run; its CPU seconds are appended to ``cpu``."""
    spread = ["-p", "no:xdist"] if workers == 1 else ["-n", str(workers), "--dist", "worksteal"]
    with tempfile.TemporaryDirectory() as reports:
        before = cpu_of_children()
        wall = timed(
            [PYTEST, suites, "-q", "--target", "local", "--sandbox-latency", latency,
             "--reports-dir", reports, *spread]
        )  # fmt: skip
        cpu.append(cpu_of_children() - before)
        return wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--latency", default="150ms")
    parser.add_argument("--workers", default="1,2,4,8")
    parser.add_argument("--suites", default="suites")
    args = parser.parse_args()
    counts = [int(n) for n in args.workers.split(",")]
    cpu: dict[int, list[float]] = {n: [] for n in counts}
    measures = {
        n: repeat(f"live {args.latency}, -n {n}", "s", args.runs,
                  lambda n=n: live_run(args.latency, n, args.suites, cpu[n]))
        for n in counts
    }  # fmt: skip
    base = measures[counts[0]].median
    cores = os.cpu_count() or 1
    for n, measure in measures.items():
        busy = statistics.median(cpu[n]) / (cores * measure.median)
        print(
            f"{measure.name:24} {measure.cell()}  speed-up {base / measure.median:.2f}x  "
            f"CPU {statistics.median(cpu[n]):.1f} s ({busy:.0%} of {cores} cores)"
        )
    save(
        "live_latency",
        {
            "runs": args.runs,
            "latency": args.latency,
            "suites": args.suites,
            "max_rps": os.environ.get("YUNO_MAX_RPS", ""),
            "by_workers": {str(n): m.as_dict() for n, m in measures.items()},
            "cpu_seconds": {str(n): statistics.median(cpu[n]) for n in counts},
            "cores": cores,
        },
    )


if __name__ == "__main__":
    main()
