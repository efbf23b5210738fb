"""Live runs through the fault-injecting proxy: retries absorb a flaky network, a dead target
ends the run as "target unavailable" (broken), never as contract failures, in bounded time."""

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
from yuno_contracts.sandbox import SandboxProcess, SandboxSettings

REPO_ROOT = bundle_root()  # the checkout
FAULTPROXY = Path(__file__).resolve().parents[1] / "apps" / "faultproxy.py"

pytestmark = pytest.mark.timeout(300)


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxProcess]:
    with SandboxProcess(SandboxSettings.generate()) as process:
        yield process


class Proxy:
    def __init__(self, upstream: str, rate: float, kinds: str = "429,503,reset,slow") -> None:
        origin = upstream.rsplit("/v1", 1)[0]
        command = [
            sys.executable, str(FAULTPROXY), "--upstream", origin,
            "--rate", str(rate), "--kinds", kinds, "--slow", "0.5", "--seed", "7",
        ]  # fmt: skip
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line.startswith("faultproxy listening on "), line
        self.base_url = line.split(" on ", 1)[1].strip() + "/v1"

    def stop(self) -> str:
        self.process.terminate()
        out, _ = self.process.communicate(timeout=20)
        return out


def run_live(base_url: str, sandbox: SandboxProcess, reports: Path, *suites: str) -> float:
    settings = sandbox.settings
    env = {
        **os.environ,
        "YUNO_PUBLIC_API_KEY": settings.public_api_key,
        "YUNO_PRIVATE_SECRET_KEY": settings.private_secret_key,
        "YUNO_ACCOUNT_ID": settings.account_id,
        "YUNO_RESTRICTED_PUBLIC_API_KEY": settings.restricted_public_api_key,
        "YUNO_RESTRICTED_PRIVATE_SECRET_KEY": settings.restricted_private_secret_key,
        "YUNO_RETRIES": "6",
        "YUNO_RETRY_MAX_WAIT": "1",
    }
    command = [
        sys.executable, "-m", "pytest", *suites, "--target", base_url, "-p", "no:xdist", "-q",
        "--reports-dir", str(reports), "--alluredir", str(reports / "allure-results"),
    ]  # fmt: skip
    start = time.monotonic()
    subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    return time.monotonic() - start


def outcomes(reports: Path) -> dict[str, list[str]]:
    tests = json.loads((reports / "results.json").read_text())["tests"]
    by: dict[str, list[str]] = {}
    for nodeid, entry in tests.items():
        by.setdefault(entry["outcome"], []).append(f"{nodeid}: {entry['message']}")
    return by


def test_at_20_percent_injected_faults_the_run_still_passes(
    sandbox: SandboxProcess, tmp_path: Path
) -> None:
    proxy = Proxy(sandbox.base_url, rate=0.2)
    try:
        run_live(proxy.base_url, sandbox, tmp_path, "suites/smoke", "suites/probes")
    finally:
        injected = proxy.stop()
    seen = outcomes(tmp_path)
    assert "failed" not in seen and "broken" not in seen, seen
    assert len(seen["passed"]) >= 10
    # the proxy really did inject faults of each kind on this run
    counts = dict(part.rsplit(" ", 1) for part in injected.split(": ", 1)[1].split(", "))
    assert {"429", "503", "reset", "slow"} <= set(counts), injected


def test_at_100_percent_the_run_ends_target_unavailable_in_bounded_time(
    sandbox: SandboxProcess, tmp_path: Path
) -> None:
    proxy = Proxy(sandbox.base_url, rate=1.0, kinds="429,503,reset")
    try:
        elapsed = run_live(proxy.base_url, sandbox, tmp_path, "suites/smoke", "suites/probes")
    finally:
        proxy.stop()
    seen = outcomes(tmp_path)
    assert set(seen) == {"broken"}, {k: v[:2] for k, v in seen.items()}
    assert all("target unavailable" in line for line in seen["broken"]), seen["broken"][:3]
    assert elapsed < 120, f"the run took {elapsed:.0f} s"
    results = list((tmp_path / "allure-results").glob("*-result.json"))
    statuses = {json.loads(p.read_text())["status"] for p in results}
    assert statuses == {"broken"}  # Allure shows them as broken, not failed


def test_the_proxy_refuses_a_non_loopback_address() -> None:
    done = subprocess.run(
        [sys.executable, str(FAULTPROXY), "--upstream", "http://10.0.0.1:80"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2 and "loopback only" in done.stderr
