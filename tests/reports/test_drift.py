"""Drift between two recordings of the reference sandbox: none in the same setting, exactly the
reading's difference in another."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from yuno_contracts.catalogue.resources import bundle_root
from yuno_contracts.cli import main
from yuno_contracts.reports.drift import compare

REPO_ROOT = bundle_root()  # the checkout


def record(into: Path, *readings: str) -> Path:
    command = [
        sys.executable, "-m", "pytest", "suites/smoke", "--target", "local",
        "--record-mode", "all", "--cassette-dir", str(into), "--reports-dir", str(into.with_name(into.name + "-reports")),
        "-q", "-p", "no:xdist",
    ]  # fmt: skip
    for reading in readings:
        command += ["--sandbox-reading", reading]
    done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:]
    return into


@pytest.fixture(scope="module")
def recordings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("drift")
    return {
        "first": record(root / "first"),
        "second": record(root / "second"),
        "absent": record(root / "absent", "used_on_create=absent"),
        "opaque-1": record(root / "opaque-1", "session_id=string-36-64"),
        "opaque-2": record(root / "opaque-2", "session_id=string-36-64"),
    }


def test_two_recordings_in_the_same_setting_show_no_drift(recordings: dict[str, Path]) -> None:
    assert compare(recordings["first"], recordings["second"]) == []


def test_new_opaque_session_ids_show_no_drift(recordings: dict[str, Path]) -> None:
    """SESSION-ID-FORMAT string-36-64: ids that are no UUIDs differ per run, and are no drift."""
    assert compare(recordings["opaque-1"], recordings["opaque-2"]) == []


def test_another_reading_shows_exactly_its_difference(recordings: dict[str, Path]) -> None:
    changes = compare(recordings["first"], recordings["absent"])
    assert changes, "the used_on_create=absent recording must differ"
    assert {(c.aspect, c.path, c.old, c.new) for c in changes} == {
        ("field", "$.used", "present", "absent")
    }
    assert all(" POST " in f" {c.interaction} " for c in changes)


def test_the_command_exits_1_on_drift_and_writes_markdown_and_json(
    recordings: dict[str, Path], tmp_path: Path
) -> None:
    md, js = tmp_path / "drift.md", tmp_path / "drift.json"
    args = [str(recordings["first"]), str(recordings["absent"]), "--markdown", str(md)]
    assert main(["drift", *args, "--json", str(js)]) == 1
    data = json.loads(js.read_text())
    assert data["changes"] >= 1
    # grouped by clause: the smoke tests carry CREATE-200 / UPDATE-PARTIAL markers
    assert set(data["by_clause"]) <= {"CREATE-200", "CREATE-SESSION-ID", "UPDATE-PARTIAL"}
    assert "$.used" in md.read_text()
    assert main(["drift", str(recordings["first"]), str(recordings["second"])]) == 0


def test_a_bad_folder_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["drift", "no-such-folder", "cassettes"]) == 2
    assert "not a folder of cassettes" in capsys.readouterr().err
