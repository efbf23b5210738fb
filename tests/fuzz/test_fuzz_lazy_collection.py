"""Collecting the suites loads no fuzzing stack: an xdist worker that runs no fuzz test never
imports Schemathesis or Hypothesis (issue 17: start-up that costs a worker only what it runs)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PROBE = """
import sys

def pytest_collection_finish(session):
    stack = sorted(m for m in sys.modules if m.split(".")[0] in ("schemathesis", "hypothesis"))
    print(f"collected {len(session.items)}; fuzzing-stack modules loaded: {len(stack)}")
"""


def collect(tmp_path: Path, *options: str) -> str:
    """``pytest suites --collect-only`` with a probe plugin counting the loaded fuzzing modules."""
    (tmp_path / "stack_probe.py").write_text(PROBE, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "suites", "--collect-only", "-q", "-p", "stack_probe",
         "--target", "replay", "--reports-dir", str(tmp_path / "reports"), *options],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return result.stdout


def test_collecting_every_suite_imports_no_fuzzing_stack(tmp_path: Path) -> None:
    out = collect(tmp_path)
    assert "fuzzing-stack modules loaded: 0" in out, out[-500:]
    assert "suites/fuzz/test_fuzz_create.py" in out  # the fuzz tests were collected


def test_the_probe_sees_the_stack_when_it_is_loaded(tmp_path: Path) -> None:
    """The check can fail: with Schemathesis' pytest plugin loaded, the probe counts it."""
    out = collect(tmp_path, "-p", "schemathesis.pytest.plugin")
    assert "fuzzing-stack modules loaded: 0" not in out, out[-500:]
