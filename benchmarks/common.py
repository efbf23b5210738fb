"""Shared pieces of the benchmark scripts: repetitions, median and spread, the machine, results.

Every script measures several repetitions and reports the median and the spread (min-max), and
writes its section as JSON under ``reports/bench/`` so that ``benchmarks/report.py`` can put
them together into ``docs/benchmarks.md``.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "reports" / "bench"
VENV_BIN = Path(sys.executable).parent


@dataclass
class Measure:
    """One quantity measured ``len(samples)`` times."""

    name: str
    unit: str
    samples: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def spread(self) -> tuple[float, float]:
        return min(self.samples), max(self.samples)

    def cell(self, digits: int = 2) -> str:
        low, high = self.spread
        return f"{self.median:.{digits}f} {self.unit} ({low:.{digits}f}-{high:.{digits}f})"

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "median": self.median, "min": self.spread[0], "max": self.spread[1]}


def timed(command: Sequence[str], *, env: dict[str, str] | None = None) -> float:
    """Wall seconds of one run of ``command``; raises with its output if it fails."""
    start = time.perf_counter()
    result = subprocess.run(
        list(command),
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        tail = (result.stdout + result.stderr)[-2000:]
        raise SystemExit(
            f"benchmark command failed ({result.returncode}): {' '.join(command)}\n{tail}"
        )
    return elapsed


def repeat(name: str, unit: str, runs: int, once: Callable[[], float]) -> Measure:
    measure = Measure(name, unit)
    for _ in range(runs):
        measure.samples.append(once())
    return measure


def machine() -> dict[str, str]:
    """What the numbers were measured on."""
    cpus = os.cpu_count() or 0
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        model = platform.processor() or "unknown"
    return {
        "cpus": str(cpus),
        "cpu": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    }


def save(section: str, data: dict[str, Any]) -> Path:
    """Write one section's results to reports/bench/<section>.json (atomically)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{section}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps({"machine": machine(), **data}, indent=2) + "\n")
    tmp.replace(path)
    return path
