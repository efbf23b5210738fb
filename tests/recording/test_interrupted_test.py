"""A test cut short while it records keeps the cassette it found, whatever the interruption did
to the target first: SIGINT to the recording's whole process group (what ``make record`` gets
from a terminal's Ctrl-C), alone or after the target vanished.

The recording (a child pytest, ``--record-mode all``) talks to the reference sandbox through a
trigger proxy in this process. On the test's n-th request the proxy makes the interruption
happen, in order, while that request waits for its answer: the target vanishes (every
connection, this one included, is closed without an answer), then SIGINT goes to the child's
process group. The moment is a request's arrival, not a sleep, so the cut always falls inside
the test. A third cut only makes the target vanish: the test ends broken. The control runs the same recording uninterrupted and sees the cassette rewritten.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from yuno_contracts.catalogue.resources import bundle_root
from yuno_contracts.cli import check_cassettes
from yuno_contracts.sandbox import SandboxProcess, SandboxSettings

ROOT = bundle_root()
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}
HAND_WRITTEN = (
    "suites/smoke/test_smoke.py::TestPartialUpdate::test_patch_changes_one_field_and_keeps_the_rest"
)
STATEFUL = (
    "suites/fuzz/test_fuzz_stateful.py::TestFuzzSessionLifecycle::"
    "test_create_update_retrieve_sequences"
)
NEVER = 10**9

pytestmark = [pytest.mark.timeout(600), pytest.mark.long_running]


class TriggerProxy:
    """Forwards to ``upstream``; on request number ``cut_at`` does what the cut asks."""

    def __init__(self, upstream: str, cut_at: int, vanish: bool, interrupt: bool) -> None:
        self.upstream = upstream
        self.cut_at = cut_at
        self.vanish = vanish
        self.interrupt = interrupt
        self.group: int | None = None  # the recording's process group
        self.seen = 0
        self.vanished = False
        self.lock = threading.Lock()
        self.http = httpx.Client(timeout=30)
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def handle_one(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                with proxy.lock:
                    proxy.seen += 1
                    cut = proxy.seen == proxy.cut_at
                    if cut and proxy.vanish:
                        proxy.vanished = True
                    vanished = proxy.vanished
                if cut and vanished:  # the target is gone before any interrupt arrives
                    self.connection.shutdown(socket.SHUT_RDWR)
                if cut and proxy.interrupt and proxy.group is not None:
                    os.killpg(proxy.group, signal.SIGINT)
                if vanished:
                    self.close_connection = True
                    if not cut:
                        self.connection.shutdown(socket.SHUT_RDWR)
                    return
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                answer = proxy.http.request(
                    self.command, proxy.upstream + self.path, headers=headers, content=body
                )
                self.send_response(answer.status_code)
                for name, value in answer.headers.items():
                    if name.lower() not in HOP_BY_HOP and name.lower() != "content-encoding":
                        self.send_header(name, value)
                self.send_header("content-length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = handle_one

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base_url = f"http://127.0.0.1:{self.server.server_port}/v1"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.http.close()


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxProcess]:
    with SandboxProcess(SandboxSettings.generate()) as process:
        yield process


def record(
    sandbox: SandboxProcess,
    tmp_path: Path,
    nodeid: str,
    cut_at: int,
    vanish: bool,
    interrupt: bool = True,
) -> tuple[Path, bytes, subprocess.CompletedProcess[bytes], int]:
    """Re-record ``nodeid`` into a copy of its committed cassette tree, cut at ``cut_at``."""
    cassettes = tmp_path / "cassettes"
    suite = nodeid.split("/")[1]
    shutil.copytree(ROOT / "cassettes" / suite, cassettes / suite)
    entries = json.loads((ROOT / "cassettes" / "MANIFEST.json").read_text())["cassettes"]
    mine = {rel: entry for rel, entry in entries.items() if rel.startswith(f"{suite}/")}
    (cassettes / "MANIFEST.json").write_text(json.dumps({"cassettes": mine, "count": len(mine)}))
    file_part, _, rest = nodeid.partition("::")
    cassette = cassettes.joinpath(
        *Path(file_part).with_suffix("").parts[1:], rest.replace("::", ".") + ".json"
    )
    before = cassette.read_bytes()
    origin = sandbox.base_url.rsplit("/v1", 1)[0]
    proxy = TriggerProxy(origin, cut_at, vanish, interrupt)
    settings = sandbox.settings
    env = {
        **os.environ,
        **settings.client_env(),
        "FUZZ_EXAMPLES": "8",
        "YUNO_RETRY_MAX_WAIT": "0.2",
    }
    command = [
        sys.executable, "-m", "pytest", nodeid, "--target", proxy.base_url, "-p", "no:xdist",
        "-p", "no:randomly", "--record-mode", "all", "--cassette-dir", str(cassettes),
        "--reports-dir", str(tmp_path / "reports"), "-q",
    ]  # fmt: skip
    child = subprocess.Popen(
        command, cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    proxy.group = child.pid  # start_new_session: the child leads its own process group
    try:
        out, _ = child.communicate(timeout=400)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
        proxy.close()
    done = subprocess.CompletedProcess(command, child.returncode, out)
    return cassette, before, done, proxy.seen


@pytest.mark.parametrize(
    ("vanish", "interrupt"),
    [(False, True), (True, True), (True, False)],
    ids=["sigint", "target-vanishes-then-sigint", "target-vanishes"],
)
@pytest.mark.parametrize(
    ("nodeid", "cut_at"), [(HAND_WRITTEN, 2), (STATEFUL, 15)], ids=["hand-written", "stateful"]
)
def test_a_test_cut_short_keeps_the_cassette_it_found(
    sandbox: SandboxProcess, tmp_path: Path, nodeid: str, cut_at: int, vanish: bool, interrupt: bool
) -> None:
    cassette, before, done, seen = record(sandbox, tmp_path, nodeid, cut_at, vanish, interrupt)
    output = done.stdout.decode(errors="replace")[-3000:]
    assert seen >= cut_at, output  # the cut happened, inside the test
    assert done.returncode != 0, output  # the run was interrupted, or its test broken
    assert cassette.read_bytes() == before, output  # the old cassette, byte for byte
    assert check_cassettes(cassette.parents[2]) == []


@pytest.mark.parametrize("nodeid", [HAND_WRITTEN, STATEFUL], ids=["hand-written", "stateful"])
def test_the_control_an_uninterrupted_recording_rewrites_the_cassette(
    sandbox: SandboxProcess, tmp_path: Path, nodeid: str
) -> None:
    cassette, before, done, seen = record(sandbox, tmp_path, nodeid, NEVER, vanish=False)
    assert done.returncode == 0, done.stdout.decode(errors="replace")[-3000:]
    assert seen > 15 if nodeid == STATEFUL else seen >= 2
    assert cassette.read_bytes() != before
    assert check_cassettes(cassette.parents[2]) == []
