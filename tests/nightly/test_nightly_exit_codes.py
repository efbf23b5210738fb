"""make nightly's exit codes: 1 contract failure, 3 target unavailable only, 0 all held."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from yuno_contracts.cli import main
from yuno_contracts.runs.nightly import EXIT_CONTRACT, EXIT_OK, EXIT_UNAVAILABLE, verdict


def results(tmp_path: Path, name: str, *outcomes: str) -> Path:
    path = tmp_path / name
    tests = {
        f"t::{i}": {"outcome": o, "clauses": [], "message": None} for i, o in enumerate(outcomes)
    }
    path.write_text(json.dumps({"tests": tests}))
    return path


def test_verdicts(tmp_path: Path) -> None:
    ok = results(tmp_path, "ok.json", "passed", "skipped")
    failed = results(tmp_path, "failed.json", "passed", "failed", "broken")
    broken = results(tmp_path, "broken.json", "passed", "broken")
    assert verdict(ok) == EXIT_OK
    assert verdict(ok, failed) == EXIT_CONTRACT
    assert verdict(ok, broken) == EXIT_UNAVAILABLE
    assert verdict(tmp_path / "missing.json") == EXIT_UNAVAILABLE  # nothing ran: nothing judged


def test_the_nightly_never_records_into_cassettes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["nightly", "--target", "local", "--into", "cassettes/tonight"]) == 2
    assert "inside cassettes/" in capsys.readouterr().err
