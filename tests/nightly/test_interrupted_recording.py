"""A recording killed with SIGKILL midway leaves a cassette tree ``make test-replay`` accepts:
every saved cassette's manifest entry is written as it is saved, so the manifest check passes,
and every cassette replays."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from yuno_contracts.catalogue.resources import bundle_root
from yuno_contracts.cli import check_cassettes

ROOT = bundle_root()
SUITES = ["suites/smoke", "suites/create"]

pytestmark = [pytest.mark.timeout(600), pytest.mark.long_running]


def recorded_since(manifest: Path, before: dict[str, str]) -> int:
    """Manifest entries whose hash changed since ``before`` (cassettes re-recorded so far)."""
    try:
        entries = json.loads(manifest.read_text())["cassettes"]
    except (OSError, ValueError):
        return 0
    return sum(1 for rel, entry in entries.items() if entry["sha256"] != before.get(rel))


def test_sigkill_mid_recording_then_the_replay_and_the_manifest_check_pass(
    tmp_path: Path,
) -> None:
    cassettes = tmp_path / "cassettes"
    shutil.copytree(ROOT / "cassettes", cassettes)
    manifest = cassettes / "MANIFEST.json"
    before = {rel: e["sha256"] for rel, e in json.loads(manifest.read_text())["cassettes"].items()}
    record = [
        sys.executable, "-m", "pytest", *SUITES, "--target", "local", "--record-mode", "all",
        "--cassette-dir", str(cassettes), "--reports-dir", str(tmp_path / "reports"),
        "-p", "no:xdist", "-q",
    ]  # fmt: skip
    env = {**os.environ, "FUZZ_EXAMPLES": "8"}
    process = subprocess.Popen(
        record, cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 300
    try:
        while recorded_since(manifest, before) < 15 and process.poll() is None:
            assert time.monotonic() < deadline, "the recording saved nothing in 300 s"
            time.sleep(0.05)
        assert process.poll() is None, "the recording ended before it could be killed"
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the recording and its reference sandbox
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    changed = recorded_since(manifest, before)
    assert 15 <= changed < len(before), changed  # killed midway: some re-recorded, not all

    assert check_cassettes(cassettes) == []  # `yuno-contracts check-cassettes`, the whole tree
    replay = [
        sys.executable, "-m", "pytest", *SUITES, "--target", "replay",
        "--cassette-dir", str(cassettes), "--reports-dir", str(tmp_path / "replay"), "-n", "2",
        "-q",
    ]  # fmt: skip
    done = subprocess.run(replay, cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]
