"""Under xdist each process pays only for what it runs, and each worker starts with long tests.

- The controller runs no test: it imports neither the HTTP client (httpx), vcrpy nor the fuzzing
  stack. A worker imports httpx and vcrpy with its first test, Schemathesis with its first fuzz
  test (issue 17: start-up that costs each worker only what its tests need).
- ``pytest_plugin.order`` deals the long fuzz tests over the chunks worksteal hands out first:
  every worker's first test is a long one, whatever the number of workers.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# A child pytest that runs one fuzz test per worker, on a loaded machine: its own timeout, not 120 s.
pytestmark = pytest.mark.timeout(330)
HEAVY = ("httpx", "vcr", "schemathesis", "hypothesis")
PROBE = """
import json, os, sys
from pathlib import Path

import pytest

FIRST = {}

def pytest_runtest_logstart(nodeid, location):
    FIRST.setdefault("test", nodeid)

def pytest_runtest_setup(item):
    # What is measured is a worker's first test and what it loaded: the rest need not run.
    if FIRST.get("test") != item.nodeid:
        pytest.skip("start-up probe: only each worker's first test runs")

def pytest_unconfigure(config):
    process = os.environ.get("PYTEST_XDIST_WORKER", "controller")
    loaded = sorted({m.split(".")[0] for m in sys.modules} & set(os.environ["HEAVY"].split()))
    out = Path(os.environ["STARTUP_PROBE_DIR"]) / (process + ".json")
    if process != "controller" or not out.exists():
        out.write_text(json.dumps({"loaded": loaded, "first": FIRST.get("test")}))
"""


def run(tmp_path: Path, workers: int, *paths: str) -> dict[str, dict]:
    """``pytest PATHS --target replay -n WORKERS``; per process, the heavy modules it loaded and
    (on a worker) its first test. Run from an xdist worker, the child must not inherit its
    ``PYTEST_XDIST_*`` variables: its controller would take itself for a worker."""
    (tmp_path / "startup_probe.py").write_text(PROBE, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", *paths, "-q", "-p", "startup_probe",
         "--target", "replay", "--reports-dir", str(tmp_path / "reports"),
         "-n", str(workers), "--dist", "worksteal"],
        cwd=REPO,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("PYTEST_XDIST")},
            "PYTHONPATH": str(tmp_path),
            "STARTUP_PROBE_DIR": str(tmp_path),
            "HEAVY": " ".join(HEAVY),
        },
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return {p.stem: json.loads(p.read_text()) for p in tmp_path.glob("*.json")}


def test_the_controller_imports_no_client_no_vcrpy_no_fuzzing_stack(tmp_path: Path) -> None:
    processes = run(tmp_path, 2, "suites/smoke")
    assert processes["controller"]["loaded"] == [], processes
    workers = [v for k, v in processes.items() if k.startswith("gw")]
    assert len(workers) == 2
    for worker in workers:  # the probe can see them: a worker that ran tests loaded the client
        if worker["first"] is not None:
            assert {"httpx", "vcr"} <= set(worker["loaded"]), processes
        assert "schemathesis" not in worker["loaded"], processes  # no fuzz test in smoke


@pytest.mark.parametrize("workers", [2, 3])
def test_every_worker_starts_with_a_long_fuzz_test(tmp_path: Path, workers: int) -> None:
    processes = run(tmp_path, workers, "suites/fuzz", "suites/smoke", "suites/errors")
    firsts = {k: v["first"] for k, v in processes.items() if k.startswith("gw")}
    assert len(firsts) == workers, processes
    for worker, first in firsts.items():
        assert first and first.startswith("suites/fuzz/"), f"{worker} started with {first}"
        assert "schemathesis" in processes[worker]["loaded"]
