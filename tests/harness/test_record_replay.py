"""Record and replay end to end: a real pytest run records from a real sandbox over loopback,
then replays offline. Scrubbing, staleness, corruption and interrupted recordings included."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest
from harness_helpers import CANARY, Suite

pytestmark = pytest.mark.timeout(180)


def record(suite: Suite, base_url: str, *extra: str) -> None:
    result = suite.run("--target", base_url, "--record-mode", "all", *extra, env=CANARY)
    assert result.returncode == 0, result.stdout + result.stderr


def all_text_under(*folders: Path) -> str:
    return "\n".join(
        p.read_bytes().decode("utf-8", "replace")
        for folder in folders
        if folder.exists()
        for p in folder.rglob("*")
        if p.is_file()
    )


def test_no_canary_secret_reaches_cassettes_or_reports(suite: Suite, canary_sandbox: str) -> None:
    reports = suite.root / "reports"
    record(suite, canary_sandbox, "--alluredir", str(reports / "allure-results"))
    written = all_text_under(suite.cassettes, reports)
    assert suite.cassette.is_file() and (reports / "allure-results").is_dir()
    for name, value in CANARY.items():
        assert value not in written, f"{name} leaked into a written file"
    # the placeholders stand where the secrets were, and the run did attach exchanges
    assert "<YUNO_PUBLIC_API_KEY>" in written and "<YUNO_ACCOUNT_ID>" in written
    assert "curl" in all_text_under(reports)


def test_a_recording_replays_offline_on_any_port(suite: Suite, canary_sandbox: str) -> None:
    record(suite, canary_sandbox)
    manifest = json.loads((suite.cassettes / "MANIFEST.json").read_text())
    entry = manifest["cassettes"]["test_flow/test_round_trip.json"]
    assert entry["target"] == "url" and entry["interactions"] == 3
    result = suite.run("--target", "replay")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


def test_a_changed_request_says_the_cassette_is_stale(suite: Suite, canary_sandbox: str) -> None:
    record(suite, canary_sandbox)
    result = suite.run("--target", "replay", env={"FLOW_DESCRIPTION": "second version"})
    assert result.returncode == 1
    assert "ReplayMismatchError: stale cassette cassettes/" in result.stdout or (
        "ReplayMismatchError: stale cassette " in result.stdout
    )
    assert "POST /v1/checkout/sessions" in result.stdout
    assert "re-record with `make record TARGET=local`" in result.stdout
    assert "Traceback" not in result.stdout and "raise " not in result.stdout


def test_a_missing_cassette_says_how_to_record_it(suite: Suite) -> None:
    result = suite.run("--target", "replay")
    assert result.returncode == 1
    assert "MissingCassetteError: no cassette" in result.stdout
    assert "record it with `make record TARGET=local`" in result.stdout


def test_a_corrupt_cassette_is_named(suite: Suite) -> None:
    suite.cassette.parent.mkdir(parents=True)
    suite.cassette.write_text('{"interactions": [ truncated')
    result = suite.run("--target", "replay")
    assert result.returncode == 1
    assert f"CorruptCassetteError: corrupt cassette {suite.cassette}" in result.stdout
    assert "Traceback" not in result.stdout


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_a_recording_killed_midway_leaves_the_old_cassette_byte_identical(
    suite: Suite, canary_sandbox: str, sig: signal.Signals
) -> None:
    record(suite, canary_sandbox)
    before = suite.cassette.read_bytes()
    marker = suite.root / "paused"
    process = suite.popen(
        "--target",
        canary_sandbox,
        "--record-mode",
        "all",
        env={**CANARY, "FLOW_PAUSE_MARKER": str(marker), "FLOW_DESCRIPTION": "other"},
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert process.poll() is None, "the recording ended before it paused"
        assert time.monotonic() < deadline, "the recording never paused"
        time.sleep(0.05)
    os.kill(process.pid, sig)
    process.wait(timeout=60)
    assert suite.cassette.read_bytes() == before
    assert [p.name for p in suite.cassette.parent.iterdir()] == [suite.cassette.name]


class TestTargetErrorsAreOneLine:
    """A bad target or a missing credential: one line naming it, exit 4, no traceback."""

    @pytest.mark.parametrize(
        ("args", "env", "expected"),
        [
            (["--target", "nope"], {}, "ERROR: unknown target 'nope': use replay, local, sandbox"),
            (
                ["--target", "sandbox"],
                {"YUNO_PUBLIC_API_KEY": ""},
                "ERROR: YUNO_PUBLIC_API_KEY is not set",
            ),
            (
                ["--target", "https://api.y.uno/v1"],
                CANARY,
                "ERROR: refusing production host api.y.uno",
            ),
            (
                ["--target", "replay", "--record-mode", "all"],
                {},
                "ERROR: --record-mode all needs a live target",
            ),
            (["--target", "local", "--sandbox-reading", "workflow=nope"], {}, "ERROR: "),
        ],
        ids=["unknown-target", "missing-key", "production-host", "record-replay", "bad-reading"],
    )
    def test_one_line(
        self, suite: Suite, args: list[str], env: dict[str, str], expected: str
    ) -> None:
        result = suite.run(*args, env=env)
        assert result.returncode == 4, result.stdout + result.stderr
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith(expected), result.stderr
        assert "Traceback" not in result.stderr + result.stdout
