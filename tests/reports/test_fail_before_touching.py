"""Fail before you touch anything (issue 22, points 2 and 3).

Every configuration check (credentials, base URL, fuzz budget, the target answering one request)
runs before any output is removed or written: a run stopped by one leaves the previous
``results.json``, Allure results and partner page byte for byte, prints one line with the fix,
and exits 2 (bad input) or 3 (the target did not answer), in seconds.
"""

from __future__ import annotations

import http.server
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from yuno_contracts.catalogue.resources import bundle_root
from yuno_contracts.harness.reachable import unreachable
from yuno_contracts.harness.target import REPLAY_CREDENTIALS, Target
from yuno_contracts.runs.outputs import StagedOutputs

ROOT = bundle_root()
CLI = [sys.executable, "-m", "yuno_contracts.cli"]
CREDENTIALS = {
    "YUNO_PUBLIC_API_KEY": "sandbox_public",
    "YUNO_PRIVATE_SECRET_KEY": "sandbox_private",
    "YUNO_ACCOUNT_ID": "00000000-0000-4000-8000-000000000001",
}
PREVIOUS = {
    "results.json": '{"tests": {"t::a": {"outcome": "passed", "clauses": ["CREATE-200"]}}}\n',
    "readings.json": "{}\n",
    "partner.html": "<p>the previous run</p>\n",
    "allure-results/previous-result.json": '{"status": "passed"}\n',
}


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def previous_run(folder: Path) -> Path:
    reports = folder / "reports"
    for name, text in PREVIOUS.items():
        (reports / name).parent.mkdir(parents=True, exist_ok=True)
        (reports / name).write_text(text)
    return reports


def snapshot(reports: Path) -> dict[str, bytes]:
    return {p.relative_to(reports).as_posix(): p.read_bytes() for p in reports.rglob("*")
            if p.is_file()}  # fmt: skip


def run(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, list[str], float]:
    start = time.monotonic()
    done = subprocess.run(
        command, cwd=cwd, env={**os.environ, **env}, capture_output=True, text=True, timeout=120
    )
    lines = [
        line
        for line in (done.stdout + done.stderr).splitlines()
        if line.strip() and not line.startswith("make")
    ]
    return done.returncode, lines, time.monotonic() - start


BAD_INPUTS = {
    "missing credential": (
        ["live", "--target", "sandbox"],
        {**CREDENTIALS, "YUNO_PUBLIC_API_KEY": ""},
        "YUNO_PUBLIC_API_KEY is not set",
    ),
    "base URL without /v1": (
        ["live", "--target", "sandbox"],
        {**CREDENTIALS, "YUNO_BASE_URL": "http://127.0.0.1:9"},
        "does not end in /v1",
    ),
    "fuzz budget": (
        ["run", "--target", "local", "--alluredir", "reports/allure-results"],
        {"FUZZ_EXAMPLES": "lots"},
        "FUZZ_EXAMPLES='lots' is not a budget",
    ),
    "fuzz budget, live": (
        ["live", "--target", "sandbox"],
        {**CREDENTIALS, "FUZZ_EXAMPLES": "lots"},
        "FUZZ_EXAMPLES='lots' is not a budget",
    ),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_stops_the_run_before_any_output_is_touched(case: str, tmp_path: Path) -> None:
    args, env, expected = BAD_INPUTS[case]
    before = snapshot(previous_run(tmp_path))
    code, lines, _ = run([*CLI, *args], tmp_path, env)
    assert code == 2 and len(lines) == 1, lines
    assert expected in lines[0]
    assert snapshot(tmp_path / "reports") == before


def test_make_run_with_a_bad_budget_keeps_the_last_report(tmp_path: Path) -> None:
    """``FUZZ_EXAMPLES=lots make run``: one line, the previous reports whole, no stale advice."""
    for name in ("Makefile", "pyproject.toml", "uv.lock", ".venv", ".tools"):
        (tmp_path / name).symlink_to(ROOT / name)
    before = snapshot(previous_run(tmp_path))
    code, lines, _ = run(
        ["make", "--no-print-directory", "run"], tmp_path, {"FUZZ_EXAMPLES": "lots"}
    )
    assert code == 2 and len(lines) == 1, lines
    assert "FUZZ_EXAMPLES='lots' is not a budget" in lines[0]
    assert snapshot(tmp_path / "reports") == before


def test_a_target_that_does_not_answer_stops_the_run_in_seconds_with_exit_3(
    tmp_path: Path,
) -> None:
    before = snapshot(previous_run(tmp_path))
    env = {**CREDENTIALS, "YUNO_BASE_URL": f"http://127.0.0.1:{closed_port()}/v1"}
    code, lines, seconds = run([*CLI, "live", "--target", "sandbox"], tmp_path, env)
    assert code == 3 and len(lines) == 1, lines
    assert "target unavailable" in lines[0] and "YUNO_BASE_URL" in lines[0]
    assert seconds < 30, f"{seconds:.0f} s"
    assert snapshot(tmp_path / "reports") == before


def test_pytest_itself_stops_at_a_target_that_does_not_answer(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{closed_port()}/v1"
    command = [
        sys.executable, "-m", "pytest", "--rootdir", str(ROOT), "-p", "yuno_contracts.pytest_plugin",
        str(ROOT / "suites"), "--target", url, "-q", "-p", "no:xdist",
    ]  # fmt: skip
    code, lines, seconds = run(command, tmp_path, CREDENTIALS)
    assert code == 3 and len(lines) == 1, lines
    assert "target unavailable" in lines[0]
    assert seconds < 30 and not (tmp_path / "reports").exists()


class _Answers(http.server.BaseHTTPRequestHandler):
    status = 503
    seen: list[str]

    def do_GET(self) -> None:
        self.seen.append(self.path)
        self.send_response(self.status)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[type[_Answers], Target]]:
    handler = type("Handler", (_Answers,), {"seen": []})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    yield handler, Target(kind="url", base_url=base, credentials=REPLAY_CREDENTIALS)
    httpd.shutdown()


def test_any_answer_below_500_is_reachable(server: tuple[type[_Answers], Target]) -> None:
    handler, target = server
    handler.status = 404
    assert unreachable(target) is None
    assert len(handler.seen) == 1 and handler.seen[0].startswith("/v1/checkout/sessions/")


def test_a_gateway_error_is_asked_again_then_named(server: tuple[type[_Answers], Target]) -> None:
    handler, target = server
    handler.status = 503
    problem = unreachable(target)
    assert problem is not None and "answered HTTP 503" in problem
    assert len(handler.seen) == 3


def test_allure_results_are_replaced_only_by_a_run_with_its_own_results(tmp_path: Path) -> None:
    reports = previous_run(tmp_path)
    staged = StagedOutputs(reports, reports / "allure-results")
    partial = staged.prepare()
    assert partial is not None and partial != staged.alluredir
    partial.mkdir()
    (partial / "new-result.json").write_text("{}")
    assert staged.settle() is False  # no results.json of its own: the old results stand
    assert sorted(p.name for p in (reports / "allure-results").iterdir()) == [
        "previous-result.json"
    ]
    assert not partial.exists()
    staged = StagedOutputs(reports, reports / "allure-results")
    partial = staged.prepare()
    assert partial is not None
    partial.mkdir()
    (partial / "new-result.json").write_text("{}")
    tmp = reports / ".results.json.tmp"
    tmp.write_text('{"tests": {}}')
    tmp.replace(reports / "results.json")  # as atomic_write does
    assert staged.settle() is True
    assert [p.name for p in (reports / "allure-results").iterdir()] == ["new-result.json"]
