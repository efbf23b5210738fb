"""The save rule of a cassette, whatever the test made of the interruption: a test that swallowed
a ``KeyboardInterrupt`` or a "target unavailable" (as a test library may, on its way to another
error) still never saves; one that ran through saves. Real HTTP over loopback, real vcrpy."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from yuno_contracts.core.errors import TargetUnavailableError
from yuno_contracts.harness.client import YunoClient
from yuno_contracts.harness.retry import RateLimiter, RetryPolicy
from yuno_contracts.harness.target import Credentials, Target
from yuno_contracts.recording.cassettes import read_manifest, use_cassette


@pytest.fixture
def target() -> Iterator[Target]:
    """A loopback server: ``/gone`` closes the connection unanswered, anything else is 200."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.endswith("/gone"):
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield Target(
            kind="url",
            base_url=f"http://127.0.0.1:{httpd.server_port}/v1",
            credentials=Credentials("sandbox_pk", "sandbox_sk", "1111"),
            restricted=None,
            description="loopback",
        )
    finally:
        httpd.shutdown()
        httpd.server_close()


def run_test(target: Target, root: Path, body: str) -> Path:
    """One 'test' recording into ``root``: ``body`` says what happens after its first answer."""
    cassette = root / "smoke" / "t" / "T.test.json"
    retry = RetryPolicy(retries=0)
    with (
        use_cassette(cassette, target, record_mode="all", manifest_root=root) as recording,
        YunoClient(target, retry=retry, limiter=RateLimiter(None)) as client,
    ):
        client.request("GET", "checkout/sessions/ok")
        if body == "swallowed-sigint":
            try:
                os.kill(os.getpid(), signal.SIGINT)
                signal.sigtimedwait([], 0)  # a point where the handler runs
            except KeyboardInterrupt:
                pass
        elif body == "swallowed-unavailable":
            with contextlib.suppress(TargetUnavailableError):
                client.request("GET", "checkout/sessions/gone")
        recording.keep = True  # the test "ran to its end", as far as pytest could tell
    return cassette


@pytest.mark.parametrize("body", ["swallowed-sigint", "swallowed-unavailable"])
def test_a_test_cut_short_never_saves_even_when_it_swallowed_the_cut(
    target: Target, tmp_path: Path, body: str
) -> None:
    cassette = run_test(target, tmp_path, body)
    assert not cassette.exists() and read_manifest(tmp_path)["count"] == 0


def test_the_control_a_test_that_ran_through_saves(target: Target, tmp_path: Path) -> None:
    cassette = run_test(target, tmp_path, "through")
    assert cassette.is_file() and read_manifest(tmp_path)["count"] == 1
