"""The committed cassettes are listed, unchanged and scrubbed; the check itself can fail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from yuno_contracts.cli import check_cassettes, main
from yuno_contracts.recording.cassettes import write_manifest

COMMITTED = Path(__file__).resolve().parents[2] / "cassettes"


def test_the_committed_cassettes_pass_the_check() -> None:
    assert check_cassettes(COMMITTED) == []


def test_the_committed_cassettes_were_recorded_from_the_reference_sandbox() -> None:
    manifest = json.loads((COMMITTED / "MANIFEST.json").read_text())
    assert manifest["count"] > 0
    assert {entry["target"] for entry in manifest["cassettes"].values()} == {"local"}


@pytest.fixture
def cassettes(tmp_path: Path) -> Path:
    cassette = tmp_path / "smoke" / "a.json"
    cassette.parent.mkdir(parents=True)
    cassette.write_text(json.dumps({"interactions": [], "provenance": {"target": "local"}}))
    write_manifest(tmp_path)
    return tmp_path


def test_an_edited_cassette_is_reported(cassettes: Path) -> None:
    (cassettes / "smoke" / "a.json").write_text('{"interactions": []}')
    assert check_cassettes(cassettes) == [
        f"{cassettes}/smoke/a.json changed since it was recorded: re-record it with `make record`"
    ]


def test_an_unlisted_cassette_is_reported(cassettes: Path) -> None:
    (cassettes / "smoke" / "b.json").write_text('{"interactions": []}')
    assert "is not in MANIFEST.json" in check_cassettes(cassettes)[0]


def test_a_credential_value_is_reported(cassettes: Path) -> None:
    leaked = {"interactions": [{"request": {"headers": {"public-api-key": ["sandbox_abc"]}}}]}
    (cassettes / "smoke" / "a.json").write_text(json.dumps(leaked))
    write_manifest(cassettes)
    assert check_cassettes(cassettes) == [
        f"{cassettes}/smoke/a.json holds a credential value: delete it and re-record"
    ]


def test_the_command_exits_non_zero_with_one_line_per_problem(
    cassettes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check-cassettes", str(cassettes)]) == 0
    (cassettes / "smoke" / "a.json").write_text("{}")
    assert main(["check-cassettes", str(cassettes)]) == 1
    assert capsys.readouterr().err.count("\n") == 1
