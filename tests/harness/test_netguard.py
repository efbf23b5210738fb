"""The offline guard: only loopback connections while it is on, checked without sending a packet."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from yuno_contracts.recording.netguard import (
    NetworkBlockedError,
    block_non_loopback,
    is_loopback_address,
)


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        (("127.0.0.1", 80), True),
        (("127.8.9.10", 80), True),
        (("::1", 80, 0, 0), True),
        (("localhost", 80), True),
        ("/tmp/some.sock", True),
        (("192.0.2.1", 443), False),
        (("10.0.0.1", 443), False),
        (("api-sandbox.y.uno", 443), False),
    ],
)
def test_loopback_addresses(address: Any, expected: bool) -> None:
    assert is_loopback_address(address) is expected


class RecordingSocket(socket.socket):
    """A socket whose real connect only records the address (so a broken guard sends nothing)."""

    attempts: list[Any] = []

    def connect(self, address: Any) -> None:  # type: ignore[override]
        RecordingSocket.attempts.append(address)

    def connect_ex(self, address: Any) -> int:  # type: ignore[override]
        RecordingSocket.attempts.append(address)
        return 0


def test_a_non_loopback_connect_is_refused_before_it_happens() -> None:
    RecordingSocket.attempts = []
    with block_non_loopback(socket_class=RecordingSocket) as refused:
        sock = RecordingSocket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            with pytest.raises(NetworkBlockedError, match="loopback only"):
                sock.connect(("192.0.2.1", 443))
            with pytest.raises(NetworkBlockedError):
                sock.connect_ex(("192.0.2.1", 443))
            sock.connect(("127.0.0.1", 9))
        finally:
            sock.close()
    assert RecordingSocket.attempts == [("127.0.0.1", 9)]
    assert refused == [("192.0.2.1", 443), ("192.0.2.1", 443)]


def test_name_lookups_other_than_loopback_are_refused() -> None:
    with block_non_loopback(socket_class=RecordingSocket), pytest.raises(NetworkBlockedError):
        socket.getaddrinfo("api-sandbox.y.uno", 443)


def test_loopback_traffic_still_works_under_the_guard() -> None:
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    try:
        with block_non_loopback():
            with socket.create_connection(("127.0.0.1", port), timeout=5):
                pass
            with socket.create_connection(("localhost", port), timeout=5):
                pass
    finally:
        server.close()


def test_the_guard_is_removed_afterwards() -> None:
    before = socket.socket.connect
    with block_non_loopback():
        assert socket.socket.connect is not before
    assert socket.socket.connect is before
