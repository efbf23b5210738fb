"""The fuzz suite bites: against the reference sandbox with a fault switch on, it fails.

Each case runs one fuzz test in a child pytest against a faulty sandbox (small budget) and
expects a failure naming the clause the fault breaks, with a curl line to reproduce it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BUDGET = "8"
# each test is a child pytest fuzzing at the CI budget: up to its subprocess timeout, not 120 s
pytestmark = pytest.mark.timeout(630)


def run_fuzz(
    test: str, *options: str, tmp_path: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``pytest suites/fuzz/<file> -k <test>`` in a child process; reports go to ``tmp_path``.

    ``test`` is ``file.py::Class::test`` (Schemathesis adds ``[METHOD /path]`` to the ids, so
    the test is chosen with ``-k``), a file, or "" for the whole fuzz suite.
    """
    file, _, name = test.partition("::")
    select = ["-k", name.rsplit("::", 1)[-1]] if name else []
    command = [
        sys.executable, "-m", "pytest", f"suites/fuzz/{file}", *select, "-q", "-p", "no:xdist",
        "--reports-dir", str(tmp_path), *options,
    ]  # fmt: skip
    return subprocess.run(
        command,
        cwd=REPO,
        env={**os.environ, "FUZZ_EXAMPLES": BUDGET, **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.parametrize(
    ("fault", "test", "clause"),
    [
        pytest.param(
            "update-resets-unsent",
            "test_fuzz_update.py::TestFuzzUpdateAcceptsValidBodies::test_valid_updates_change_only_what_they_send",
            "UPDATE-PARTIAL",
            id="update-resets-unsent",
        ),
        pytest.param(
            "server-error-on-unicode",
            "test_fuzz_create.py::TestFuzzCreateAcceptsValidBodies::test_valid_bodies_are_accepted",
            "ERROR-400-INVALID-REQUEST",
            id="server-error-on-unicode",
        ),
        pytest.param(
            "merchant-order-id-max-256",
            "test_fuzz_create.py::TestFuzzCreateRefusesInvalidBodies::test_invalid_boundary_bodies_are_refused",
            "ERROR-400-INVALID-REQUEST",
            id="merchant-order-id-max-256",
        ),
        pytest.param(
            "update-created-at-changes",
            "test_fuzz_update.py::TestFuzzUpdateAcceptsValidBodies::test_valid_updates_change_only_what_they_send",
            "UPDATE-CREATED-AT-STABLE",
            id="update-created-at-changes",
        ),
        pytest.param(
            "auth-private-key-ignored",
            "test_fuzz_create.py::TestFuzzCreateAcceptsValidBodies::test_valid_bodies_are_accepted",
            "AUTH-BOTH-HEADERS",
            id="auth-private-key-ignored",
        ),
    ],
)
def test_a_fault_makes_the_fuzz_suite_fail(
    fault: str, test: str, clause: str, tmp_path: Path
) -> None:
    """With the fault on, the fuzz test fails, names the clause and gives a curl repro."""
    result = run_fuzz(test, "--target", "local", "--sandbox-fault", fault, tmp_path=tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 1, f"expected the fuzz test to fail with {fault}:\n{output[-2000:]}"
    assert f"{clause}:" in output, f"expected clause {clause} in the failure:\n{output[-2000:]}"
    assert "reproduce: curl -X " in output, output[-2000:]
    if clause == "AUTH-BOTH-HEADERS":  # a stateless check: its failing example fails again
        assert "FlakyFailure" not in output, output[-2000:]
    assert "<YUNO_PUBLIC_API_KEY>" not in output or "[Filtered]" in output
    # the clause reaches results.json as data (the check's typed violation), not read from text
    tests = json.loads((tmp_path / "results.json").read_text())["tests"]
    failed = [entry for entry in tests.values() if entry["outcome"] == "failed"]
    assert failed and all(entry.get("violated") for entry in failed), failed
    assert any(clause in entry["violated"] for entry in failed), failed


def test_faithful_sandbox_passes(tmp_path: Path) -> None:
    """The same tests against the faithful sandbox pass (the failures above are the faults')."""
    result = run_fuzz("", "--target", "local", tmp_path=tmp_path)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
