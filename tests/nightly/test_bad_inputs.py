"""Bad input is one line naming the problem and the fix: never a traceback, never INTERNALERROR."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from yuno_contracts.catalogue.resources import bundle_root

ROOT = bundle_root()
MAKE_ERROR = re.compile(r"make(\[\d+\])?: \*\*\* ")
PYTEST = [sys.executable, "-m", "pytest", "-p", "no:xdist", "-q", "--target", "replay"]


def run(command: list[str], cwd: Path = ROOT, **env: str) -> tuple[int, list[str]]:
    done = subprocess.run(
        command, cwd=cwd, env={**os.environ, **env}, capture_output=True, text=True, timeout=300
    )
    text = done.stdout + done.stderr
    assert "Traceback" not in text and "INTERNALERROR" not in text, text[-3000:]
    # make adds its own "make: *** [Makefile:N: serve] Error 2" ("make[1]: ***" when nested)
    lines = [line for line in text.splitlines() if line.strip() and not MAKE_ERROR.match(line)]
    return done.returncode, lines


def test_a_fuzz_budget_that_is_not_a_number() -> None:
    code, lines = run([*PYTEST, "suites/fuzz"], FUZZ_EXAMPLES="abc")
    assert code == 4 and len(lines) == 1, lines
    assert "FUZZ_EXAMPLES='abc' is not a budget" in lines[0] and "set it to" in lines[0]


def test_reports_being_a_file(tmp_path: Path) -> None:
    (tmp_path / "reports").write_text("not a folder")
    code, lines = run([*PYTEST, "--rootdir", str(ROOT), str(ROOT / "suites/smoke")], tmp_path)
    assert code == 4 and len(lines) == 1, lines
    assert "reports is a file, not a folder" in lines[0] and "--reports-dir" in lines[0]


def test_reports_being_a_file_under_yuno_contracts_live(tmp_path: Path) -> None:
    (tmp_path / "reports").write_text("not a folder")
    command = [sys.executable, "-m", "yuno_contracts.cli", "live", "--target", "replay"]
    code, lines = run(command, tmp_path)
    assert code == 2 and len(lines) == 1, lines
    assert "is a file, not a folder" in lines[0]


@pytest.mark.parametrize("option", ["--reports-dir", "--alluredir"])
def test_an_output_folder_that_cannot_be_made(option: str, tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("")
    for folder in (tmp_path / "blocker" / "out", Path("/proc/no-such-dir/out")):
        code, lines = run([*PYTEST, "suites/smoke", option, str(folder)])
        assert code == 4 and len(lines) == 1, lines
        assert f"cannot write into {folder}" in lines[0] and option in lines[0], lines


def test_check_cassettes_on_a_folder_that_does_not_exist() -> None:
    code, lines = run(
        [sys.executable, "-m", "yuno_contracts.cli", "check-cassettes", "/nonexistent"]
    )
    assert code == 2 and len(lines) == 1, lines
    assert "/nonexistent is not a folder of cassettes" in lines[0] and "give" in lines[0]


@pytest.mark.parametrize("port", ["abc", "99999", "-1"])
def test_make_serve_with_a_port_that_is_not_one(port: str) -> None:
    code, lines = run(["make", "--no-print-directory", "serve", f"PORT={port}"])
    assert code == 2 and len(lines) == 1, lines
    assert f"PORT={port} is not a port number: use make serve PORT=8765" in lines[0]
