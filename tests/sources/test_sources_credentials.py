"""A base URL with credentials (``https://user:token@host/…``) is used, never printed: the
terminal lines, reports/sources.md, sources.json and the error lines show ``***@host``."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from yuno_contracts.cli import main
from yuno_contracts.sources.fetch import BASE_URL_ENV, mask_userinfo

SECRET = "s3cret-token"


def _with_userinfo(base_url: str) -> str:
    return base_url.replace("http://", f"http://ci-bot:{SECRET}@")


def _outputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    written = [p.read_text(encoding="utf-8") for p in (tmp_path / "r").glob("sources.*")]
    return "\n".join([captured.out, captured.err, *written])


@pytest.mark.parametrize("how", ["flag", "env"])
def test_a_base_url_with_credentials_is_masked_in_every_output(
    served: tuple[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    how: str,
) -> None:
    base_url, current = served
    page = current / "reference/getting-started/response-codes.mdx"
    page.write_text(page.read_text(encoding="utf-8").replace("Invalid Token.", "Bad token."))
    secret_url = _with_userinfo(base_url)
    args = ["sources", "check", "--reports-dir", str(tmp_path / "r")]
    if how == "flag":
        args += ["--base-url", secret_url]
    else:
        monkeypatch.setenv(BASE_URL_ENV, secret_url)
    assert main(args) == 1  # the files were read through the URL: the change is found
    shown = _outputs(tmp_path, capsys)
    assert SECRET not in shown and "ci-bot" not in shown
    masked = base_url.replace("http://", "http://***@")
    assert json.loads((tmp_path / "r" / "sources.json").read_text())["base_url"] == masked
    assert masked in (tmp_path / "r" / "sources.md").read_text(encoding="utf-8")


def test_the_error_line_of_an_unreachable_server_masks_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as bound:  # bound, never listening: refused at once
        bound.bind(("127.0.0.1", 0))
        port = bound.getsockname()[1]
        url = f"http://ci-bot:{SECRET}@127.0.0.1:{port}"
        assert main(["sources", "check", "--base-url", url, "--reports-dir", str(tmp_path)]) == 3
    err = capsys.readouterr().err
    assert SECRET not in err and f"http://***@127.0.0.1:{port}" in err, err


class _Failing(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(503)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def failing() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Failing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_the_error_line_of_a_failing_server_masks_them(
    failing: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _with_userinfo(failing)
    assert main(["sources", "check", "--base-url", url, "--reports-dir", str(tmp_path)]) == 3
    err = capsys.readouterr().err.strip()
    assert SECRET not in err and "answered HTTP 503" in err, err
    assert err.startswith(f"yuno-contracts sources: {failing.replace('http://', 'http://***@')}/")


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://u:p@host/docs", "https://***@host/docs"),
        ("https://token@host:8443/a@b", "https://***@host:8443/a@b"),
        ("https://u:p@ss@host/x", "https://***@host/x"),  # an unescaped @ in the password
        ("https://host/path@v2", "https://host/path@v2"),  # an @ in the path is no userinfo
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
    ],
)
def test_mask_userinfo(url: str, shown: str) -> None:
    assert mask_userinfo(url) == shown
