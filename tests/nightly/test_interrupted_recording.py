"""A recording killed with SIGKILL midway leaves a cassette tree ``make test-replay`` accepts:
the manifest check passes and every cassette replays.

The kill lands at a random instant of the recording. It used to fail now and then: a save wrote
the cassette and then its MANIFEST.json entry, and a kill between the two left a cassette the
check refused. A saved cassette now carries its own seal (``recording.seal``) and the check
takes a sealed cassette's word for itself, so no instant is unsafe; the deterministic proof,
a kill at each of a save's write boundaries, is ``tests/recording/test_atomic_save.py``."""

from __future__ import annotations

import contextlib
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
    log = tmp_path / "record.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            record, cwd=ROOT, env=env, start_new_session=True, stdout=out, stderr=out
        )
    deadline = time.monotonic() + 300
    try:
        while recorded_since(manifest, before) < 15 and process.poll() is None:
            assert time.monotonic() < deadline, "the recording saved nothing in 300 s"
            time.sleep(0.05)
        assert process.poll() is None, f"the recording ended first: {log.read_text()[-3000:]}"
    finally:
        with contextlib.suppress(ProcessLookupError):  # the group is gone if it ended first
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
