"""Live runs through the fault-injecting proxy (tests/apps/faultproxy.py), every suite and the fuzz
suite included: retries absorb a flaky network, a dead target ends the run as "target
unavailable" (broken), never as contract failures, in bounded time, and no cassette keeps a
fault."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from yuno_contracts.catalogue.resources import bundle_root
from yuno_contracts.cli import check_cassettes
from yuno_contracts.harness.retry import RETRYABLE_STATUSES
from yuno_contracts.runs.nightly import EXIT_UNAVAILABLE, verdict
from yuno_contracts.sandbox import SandboxProcess, SandboxSettings

FAULTPROXY = Path(__file__).resolve().parents[1] / "apps" / "faultproxy.py"
ALL_KINDS = "429,503,reset,drop-after,slow"

pytestmark = [pytest.mark.timeout(600), pytest.mark.long_running]


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxProcess]:
    with SandboxProcess(SandboxSettings.generate()) as process:
        yield process


class Proxy:
    def __init__(
        self, upstream: str, rate: float, kinds: str = ALL_KINDS, pass_first: int = 0
    ) -> None:
        origin = upstream.rsplit("/v1", 1)[0]
        command = [
            sys.executable, str(FAULTPROXY), "--upstream", origin,
            "--rate", str(rate), "--kinds", kinds, "--slow", "2", "--seed", "7",
            "--pass-first", str(pass_first),
        ]  # fmt: skip
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line.startswith("faultproxy listening on "), line
        self.base_url = line.split(" on ", 1)[1].strip() + "/v1"

    def stop(self) -> dict[str, int]:
        self.process.terminate()
        out, _ = self.process.communicate(timeout=20)
        counts = out.rsplit("faultproxy injected: ", 1)[1].strip()
        return {kind: int(n) for kind, n in (part.rsplit(" ", 1) for part in counts.split(", "))}


def live_env(sandbox: SandboxProcess, **extra: str) -> dict[str, str]:
    settings = sandbox.settings
    return {
        **os.environ,
        **settings.client_env(),
        "FUZZ_EXAMPLES": "4",  # the smallest budget whose sequences reach update and retrieve
        "YUNO_RETRY_MAX_WAIT": "1",
        **extra,
    }


def outcomes(reports: Path) -> dict[str, list[str]]:
    tests = json.loads((reports / "results.json").read_text())["tests"]
    by: dict[str, list[str]] = {}
    for nodeid, entry in tests.items():
        by.setdefault(entry["outcome"], []).append(f"{nodeid}: {entry['message']}")
    return by


def faulty_cassettes(root: Path) -> list[str]:
    """Cassettes holding an answer the proxy made up, or a status the client retries."""
    found = []
    for path in root.rglob("*.json"):
        if path.name == "MANIFEST.json":
            continue
        data = json.loads(path.read_text())
        for interaction in data["interactions"]:
            response = interaction["response"]
            body = str(response.get("body", ""))
            if response["status"]["code"] in RETRYABLE_STATUSES or "faultproxy" in body:
                found.append(f"{path}: {response['status']['code']}")
    return found


def test_at_20_percent_faults_every_suite_passes_and_no_cassette_keeps_a_fault(
    sandbox: SandboxProcess, tmp_path: Path
) -> None:
    proxy = Proxy(sandbox.base_url, rate=0.2)
    cassettes, reports = tmp_path / "cassettes", tmp_path / "reports"
    command = [
        sys.executable, "-m", "pytest", "suites", "--target", proxy.base_url, "-n", "2", "-q",
        "--record-mode", "all", "--cassette-dir", str(cassettes), "--reports-dir", str(reports),
    ]  # fmt: skip
    try:
        done = subprocess.run(
            command,
            cwd=bundle_root(),
            env=live_env(sandbox, YUNO_RETRIES="6"),
            capture_output=True,
            text=True,
        )
    finally:
        injected = proxy.stop()
    seen = outcomes(reports)
    assert "failed" not in seen, seen["failed"][:5]
    assert verdict(reports / "results.json") in (0, EXIT_UNAVAILABLE), done.stdout[-2000:]
    assert done.returncode in (0, 1), done.stdout[-2000:]  # 1 only with broken tests
    assert any("fuzz" in line for line in seen["passed"])  # the fuzz suite ran through it too
    assert {"429", "503", "reset", "drop-after", "slow"} <= set(injected), injected
    transport = json.loads((reports / "results.json").read_text())["transport"]
    assert transport["retried"] > 0, transport
    assert len(list(cassettes.rglob("*.json"))) > 100
    assert faulty_cassettes(cassettes) == []
    assert check_cassettes(cassettes) == []  # the manifest agrees with every cassette


def test_at_100_percent_faults_the_run_ends_broken_in_bounded_time_with_exit_3(
    sandbox: SandboxProcess, tmp_path: Path
) -> None:
    # the target answers the run's reachability request, then nothing: a target lost mid-run
    proxy = Proxy(sandbox.base_url, rate=1.0, kinds="429,503,reset,drop-after", pass_first=1)
    command = [
        sys.executable, "-m", "yuno_contracts.cli", "live", "--target", proxy.base_url,
    ]  # fmt: skip
    start = time.monotonic()
    try:
        done = subprocess.run(
            command,
            cwd=tmp_path,
            env=live_env(sandbox, YUNO_RETRIES="2"),
            capture_output=True,
            text=True,
            timeout=500,
        )
    finally:
        proxy.stop()
    elapsed = time.monotonic() - start
    assert done.returncode == EXIT_UNAVAILABLE, done.stdout[-2000:] + done.stderr[-2000:]
    assert "live: exit 3" in done.stdout
    seen = outcomes(tmp_path / "reports")
    assert "failed" not in seen, seen["failed"][:5]
    assert set(seen) <= {"broken", "skipped", "passed"}, list(seen)
    assert all("target unavailable" in line for line in seen["broken"]), seen["broken"][:3]
    # every test that sends a request is affected; the few that pass never reach the network
    assert len(seen["broken"]) > 10 * len(seen.get("passed", []))
    assert any("suites/fuzz" in line for line in seen["broken"]), {
        k: [x for x in v if "fuzz" in x][:3] for k, v in seen.items()
    }
    assert elapsed < 400, f"the run took {elapsed:.0f} s"
    results = list((tmp_path / "reports" / "allure-results").glob("*-result.json"))
    statuses = {json.loads(p.read_text())["status"] for p in results}
    assert "failed" not in statuses  # Allure shows them as broken, not failed


def test_the_proxy_refuses_a_non_loopback_address() -> None:
    done = subprocess.run(
        [sys.executable, str(FAULTPROXY), "--upstream", "http://10.0.0.1:80"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2 and "loopback only" in done.stderr
