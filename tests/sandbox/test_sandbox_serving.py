"""Starting and stopping the sandbox: thread, child process and the command line."""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sandbox_helpers import client

from yuno_contracts.sandbox import Readings, SandboxProcess, SandboxSettings, SandboxThread
from yuno_contracts.sandbox.serving import SandboxStartError, base_url_of, bind
from yuno_contracts.sandbox.settings import ENV_CONFIG

CLI = [sys.executable, "-m", "yuno_contracts.sandbox"]


def _auth(settings: SandboxSettings) -> dict[str, str]:
    return {
        "public-api-key": settings.public_api_key,
        "private-secret-key": settings.private_secret_key,
    }


def _run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, timeout=30, env=env, check=False
    )


class TestSandboxThread:
    def test_start_and_stop(self) -> None:
        with SandboxThread() as sandbox:
            assert sandbox.base_url.startswith("http://127.0.0.1:")
            assert sandbox.base_url.endswith("/v1")
            with client(sandbox.base_url) as http:
                assert http.get("/nope").status_code == 404
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"{sandbox.base_url}/nope", timeout=2)


class TestSandboxProcess:
    def test_settings_reach_the_child(self) -> None:
        settings = SandboxSettings.generate(readings=Readings(unknown_session="404"))
        with SandboxProcess(settings) as sandbox:
            assert sandbox.settings is settings
            with client(sandbox.base_url) as http:
                unknown = http.get("/checkout/sessions/x", headers=_auth(settings))
                assert unknown.status_code == 404
                assert http.get("/checkout/sessions/x").status_code == 401
            pid = sandbox.pid
            assert pid is not None
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)

    def test_keys_not_on_the_command_line(self) -> None:
        settings = SandboxSettings.generate()
        with SandboxProcess(settings) as sandbox:
            cmdline = Path(f"/proc/{sandbox.pid}/cmdline").read_bytes().decode()
            assert settings.private_secret_key not in cmdline
            assert settings.public_api_key not in cmdline

    def test_child_that_exits(self, tmp_path: Path) -> None:
        fake = tmp_path / "python"
        fake.write_text("#!/bin/sh\necho 'no such thing' >&2\nexit 3\n")
        fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
        with pytest.raises(SandboxStartError, match=r"exited with status 3.*no such thing"):
            SandboxProcess(python=str(fake)).start()

    def test_child_that_never_gets_ready(self, tmp_path: Path) -> None:
        fake = tmp_path / "python"
        fake.write_text("#!/bin/sh\necho 'starting...' >&2\nexec sleep 30\n")
        fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
        started = time.monotonic()
        with pytest.raises(SandboxStartError, match=r"not ready within 0.5s.*starting"):
            SandboxProcess(python=str(fake), timeout=0.5).start()
        assert time.monotonic() - started < 5


def test_bind_and_base_url() -> None:
    """``serve`` binds its socket first (port 0: a free one); end to end in TestCommandLine."""
    sock = bind("127.0.0.1", 0)
    try:
        assert base_url_of(sock) == f"http://127.0.0.1:{sock.getsockname()[1]}/v1"
    finally:
        sock.close()


class TestCommandLine:
    @pytest.mark.parametrize(
        ("args", "words"),
        [
            pytest.param(["--fault", "nope"], ["unknown fault 'nope'"], id="fault"),
            pytest.param(
                ["--reading", "workflow=sdk"], ["workflow", "openapi, guide"], id="reading"
            ),
            pytest.param(["--reading", "nope=1"], ["unknown reading 'nope'"], id="reading-key"),
            pytest.param(
                ["--host", "0.0.0.0"], ["non-loopback", "--allow-non-loopback"], id="host"
            ),
            pytest.param(["--port", "70000"], ["port 70000"], id="port"),
            pytest.param(["--nope"], ["unrecognized arguments"], id="option"),
        ],
    )
    def test_bad_arguments_exit_2_with_one_line(self, args: list[str], words: list[str]) -> None:
        result = _run_cli(*args)
        assert result.returncode == 2
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert "Traceback" not in result.stderr
        for word in words:
            assert word in lines[0]

    def test_bad_config_env_exit_2(self) -> None:
        result = _run_cli(env={**os.environ, ENV_CONFIG: "{"})
        assert result.returncode == 2
        assert ENV_CONFIG in result.stderr and len(result.stderr.strip().splitlines()) == 1

    def test_banner_and_ctrl_c(self) -> None:
        settings = SandboxSettings.generate()
        env = {**os.environ, ENV_CONFIG: settings.to_json()}
        child = subprocess.Popen(
            [*CLI, "--port", "0", "--fault", "create-201", "--reading", "workflow=guide"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        try:
            assert child.stdout is not None
            lines = []
            for line in child.stdout:
                lines.append(line.rstrip("\n"))
                if line.startswith("Ctrl-C"):
                    break
            banner = "\n".join(lines)
            base_url = banner.split("export YUNO_BASE_URL=")[1].split()[0]
            assert f"export YUNO_PUBLIC_API_KEY={settings.public_api_key}" in banner
            assert f"export YUNO_PRIVATE_SECRET_KEY={settings.private_secret_key}" in banner
            assert f"export YUNO_ACCOUNT_ID={settings.account_id}" in banner
            assert re.search(r"export YUNO_CUSTOMER_ID=[0-9a-f-]{36}\n", banner + "\n")
            assert f"YUNO_RESTRICTED_PUBLIC_API_KEY={settings.restricted_public_api_key}" in banner
            assert "YUNO_RESTRICTED_PRIVATE_SECRET_KEY=" in banner
            assert "workflow = guide" in banner
            assert "FAULTS ON" in banner and "create-201" in banner
            body = {
                "account_id": settings.account_id,
                "merchant_order_id": "abc",
                "payment_description": "abc",
                "country": "US",
                "amount": {"currency": "USD", "value": 1},
            }
            response = httpx.post(
                f"{base_url}/checkout/sessions", json=body, headers=_auth(settings), timeout=5
            )
            assert response.status_code == 201  # the fault is on
            child.send_signal(signal.SIGINT)
            assert child.wait(10) == 0
            assert child.stderr is not None
            assert "Traceback" not in child.stderr.read()
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()

    def test_ready_json_is_the_only_stdout(self) -> None:
        child = subprocess.Popen(
            [*CLI, "--port", "0", "--ready-json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env={k: v for k, v in os.environ.items() if k != ENV_CONFIG},
        )
        try:
            assert child.stdout is not None
            ready = json.loads(child.stdout.readline())
            assert set(ready) == {"base_url"}
            assert httpx.get(f"{ready['base_url']}/nope", timeout=5).status_code == 404
            child.terminate()
            child.wait(10)
            assert child.stdout.read() == ""
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
