"""Running the sandbox: in this thread (``serve``), a daemon thread or a child process.

    with SandboxThread() as sandbox:           # fast, in-process (tests)
        httpx.get(f"{sandbox.base_url}/checkout/sessions/x", headers=...)
    with SandboxProcess(settings) as sandbox:  # a real separate process
        ...

Each binds its loopback socket itself (port 0 → a free port, no race) and reports the base URL
``http://127.0.0.1:<port>/v1``. Settings reach a child process through the
``YUNO_SANDBOX_CONFIG`` environment variable, never its command line (they hold keys).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO, NoReturn, Self

import uvicorn

from yuno_contracts.core.net import is_loopback_host
from yuno_contracts.sandbox.app import create_app
from yuno_contracts.sandbox.settings import ENV_CONFIG, SandboxSettings
from yuno_contracts.sandbox.store import Store

__all__ = ["SandboxProcess", "SandboxStartError", "SandboxThread", "bind", "serve"]

START_TIMEOUT = 15.0
STOP_TIMEOUT = 5.0


class SandboxStartError(RuntimeError):
    """The sandbox did not become ready."""


def bind(host: str = "127.0.0.1", port: int = 0) -> socket.socket:
    """A listening TCP socket on ``host:port`` (port 0: a free one, chosen by the kernel)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY on accepted sockets only then, and
    # without it every response stalls ~40 ms (Nagle against the client's delayed ACK).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def base_url_of(sock: socket.socket) -> str:
    """``http://<host>:<port>/v1`` for a bound socket."""
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/v1"


def _server(settings: SandboxSettings, store: Store | None = None) -> uvicorn.Server:
    config = uvicorn.Config(
        create_app(settings, store),
        log_level="warning",
        access_log=False,
        lifespan="off",
        timeout_graceful_shutdown=2,
    )
    return uvicorn.Server(config)


def serve(
    settings: SandboxSettings,
    host: str = "127.0.0.1",
    port: int = 0,
    ready: Callable[[str], None] | None = None,
) -> None:
    """Serve the sandbox in this thread until stopped (SIGINT/SIGTERM when in the main thread).

    The socket is bound first, then ``ready(base_url)`` is called, then uvicorn runs on it:
    connections made after ``ready`` wait in the socket's backlog, none is refused.
    """
    sock = bind(host, port)
    try:
        if ready is not None:
            ready(base_url_of(sock))
        _server(settings).run(sockets=[sock])
    finally:
        sock.close()


class SandboxThread:
    """The sandbox in a daemon thread of this process (fast; for tests).

    ``.base_url``, ``.settings``, ``.store`` (the live state), ``.stop()``.
    """

    def __init__(
        self,
        settings: SandboxSettings | None = None,
        *,
        store: Store | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        timeout: float = START_TIMEOUT,
    ) -> None:
        self.settings = settings or SandboxSettings.generate()
        self.store = store or Store()
        self.host, self.port, self.timeout = host, port, timeout
        self.base_url = ""
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None

    def start(self) -> Self:
        """Start serving; SandboxStartError if not ready within ``timeout`` seconds."""
        assert self._thread is None, "SandboxThread already started"
        self._socket = bind(self.host, self.port)
        self.base_url = base_url_of(self._socket)
        self._server = _server(self.settings, self.store)
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [self._socket]},
            name=f"sandbox {self.base_url}",
            daemon=True,
        )
        self._thread.start()
        deadline = time.monotonic() + self.timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise SandboxStartError(
                    f"sandbox thread on {self.base_url} failed to start within {self.timeout}s"
                )
            time.sleep(0.005)
        return self

    def request_stop(self) -> None:
        """Ask the server to stop, without waiting (see ``stop``)."""
        if self._server is not None:
            self._server.should_exit = True

    def stop(self) -> None:
        """Stop serving and wait for the thread (at most 5 s)."""
        self.request_stop()
        if self._thread is not None:
            self._thread.join(STOP_TIMEOUT)
        if self._socket is not None:
            self._socket.close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _tail(path: Path, limit: int = 2000) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return ""
    return text[-limit:].strip()


class SandboxProcess:
    """The sandbox in a child process: ``python -m yuno_contracts.sandbox --ready-json``.

    ``.base_url``, ``.settings``, ``.pid``, ``.stop()`` (terminate, kill after 5 s).
    """

    def __init__(
        self,
        settings: SandboxSettings | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        timeout: float = START_TIMEOUT,
        python: str = sys.executable,
    ) -> None:
        self.settings = settings or SandboxSettings.generate()
        self.host, self.port, self.timeout, self.python = host, port, timeout, python
        self.base_url = ""
        self._process: subprocess.Popen[bytes] | None = None
        self._dir: tempfile.TemporaryDirectory[str] | None = None
        self._out: IO[bytes] | None = None
        self._err: IO[bytes] | None = None

    @property
    def pid(self) -> int | None:
        """The child's process id, None before start."""
        return self._process.pid if self._process else None

    def start(self) -> Self:
        """Start the child and wait for its ready line; SandboxStartError if it does not come."""
        assert self._process is None, "SandboxProcess already started"
        self._dir = tempfile.TemporaryDirectory(prefix="yuno-sandbox-")
        out_path, err_path = Path(self._dir.name, "stdout"), Path(self._dir.name, "stderr")
        self._out, self._err = out_path.open("wb"), err_path.open("wb")
        command = [self.python, "-m", "yuno_contracts.sandbox", "--ready-json"]
        command += ["--host", self.host, "--port", str(self.port)]
        if not is_loopback_host(self.host):
            command.append("--allow-non-loopback")
        env = {**os.environ, ENV_CONFIG: self.settings.to_json()}
        self._process = subprocess.Popen(
            command, env=env, stdin=subprocess.DEVNULL, stdout=self._out, stderr=self._err
        )
        deadline = time.monotonic() + self.timeout
        while True:
            line = out_path.read_bytes().partition(b"\n")
            if line[1]:
                try:
                    self.base_url = json.loads(line[0])["base_url"]
                except (ValueError, KeyError, TypeError):
                    self._fail(f"wrote {line[0][:200]!r} instead of its ready line", err_path)
                return self
            code = self._process.poll()
            if code is not None:
                self._fail(f"exited with status {code} before it was ready", err_path)
            if time.monotonic() > deadline:
                self._fail(f"was not ready within {self.timeout}s", err_path)
            time.sleep(0.02)

    def _fail(self, why: str, err_path: Path) -> NoReturn:
        self._terminate()
        tail = _tail(err_path) or "(empty)"
        self.stop()
        raise SandboxStartError(f"sandbox process {why}; its stderr ends: {tail}")

    def _terminate(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()

    def stop(self) -> None:
        """Terminate the child, kill it if it has not exited 5 s later; clean up."""
        self._terminate()
        for stream in (self._out, self._err):
            if stream is not None:
                stream.close()
        if self._dir is not None:
            self._dir.cleanup()
            self._dir = None

    @property
    def stderr_tail(self) -> str:
        """The end of the child's stderr (while running)."""
        return _tail(Path(self._dir.name, "stderr")) if self._dir else ""

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
