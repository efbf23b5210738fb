"""Outputs go where the working directory says, never next to the installed source.

A copy of the checkout whose environment's editable install points at the original records and
reports into the copy; the original's ``reports/`` and ``cassettes/`` stay byte-identical.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from yuno_contracts.catalogue.resources import bundle_root

ORIGINAL = bundle_root()
pytestmark = pytest.mark.timeout(300)


# The browser tests (tests/reports) save their screenshots in the checkout's reports/ while
# this test runs beside them under xdist: not outputs of the run in the copy, so not compared.
OTHER_TESTS_SCREENSHOTS = ("partner-browser.png", "report-browser.png")


def tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name not in OTHER_TESTS_SCREENSHOTS
    }


def test_a_run_in_a_copy_leaves_the_original_untouched(tmp_path: Path) -> None:
    if not (ORIGINAL / ".git").exists():
        pytest.skip("needs a git checkout to copy")
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ORIGINAL, capture_output=True, text=True, check=True
    ).stdout.split()
    copy = tmp_path / "copy"
    for rel in tracked:
        if (ORIGINAL / rel).is_file():
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ORIGINAL / rel, copy / rel)
    before = {name: tree_digest(ORIGINAL / name) for name in ("reports", "cassettes")}
    env = {k: v for k, v in os.environ.items() if not k.startswith(("YUNO_", "PYTEST_XDIST"))}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "suites/smoke", "--target", "local",
         "--record-mode", "all", "-q", "-p", "no:xdist"],
        cwd=copy, env=env, capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    after = {name: tree_digest(ORIGINAL / name) for name in ("reports", "cassettes")}
    assert after == before, "the run in the copy wrote into the original's reports/ or cassettes/"
    assert (copy / "reports" / "results.json").is_file()
    assert (copy / "cassettes" / "MANIFEST.json").is_file()
    recorded = tree_digest(copy / "cassettes")
    assert any(rel.startswith("smoke/") for rel in recorded)
