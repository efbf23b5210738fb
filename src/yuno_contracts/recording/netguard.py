"""A socket guard: while it is on, connections may only go to loopback.

``make test`` replays with it on, so an offline run can prove it opened no connection to
anything but this machine. A blocked attempt raises ``NetworkBlockedError`` before any packet
leaves; nothing is resolved or sent.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from yuno_contracts.core.net import is_loopback_host

__all__ = ["NetworkBlockedError", "block_non_loopback", "is_loopback_address"]


class NetworkBlockedError(OSError):
    """A connection to a non-loopback address was attempted while the guard was on."""


def is_loopback_address(address: Any) -> bool:
    """True for loopback IP addresses, ``localhost`` and Unix socket paths."""
    if isinstance(address, str | bytes):  # AF_UNIX path
        return True
    if not isinstance(address, tuple) or not address:
        return False
    # a host name other than localhost: resolving it would already be network traffic
    return is_loopback_host(str(address[0]))


@contextmanager
def block_non_loopback(
    on_block: Callable[[Any], None] | None = None,
    socket_class: type[socket.socket] = socket.socket,
) -> Iterator[list[Any]]:
    """Refuse non-loopback connections inside the block; yields the list of refused addresses."""
    refused: list[Any] = []
    real_connect, real_connect_ex = socket_class.connect, socket_class.connect_ex

    def check(address: Any) -> None:
        if not is_loopback_address(address):
            refused.append(address)
            if on_block:
                on_block(address)
            raise NetworkBlockedError(
                f"network blocked: connection to {address!r} refused (offline run: loopback only)"
            )

    def connect(self: socket.socket, address: Any) -> None:
        check(address)
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        check(address)
        return real_connect_ex(self, address)

    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        # A name lookup is itself traffic to a resolver: only loopback names are looked up.
        name = host.decode() if isinstance(host, bytes) else host
        if name is not None and not is_loopback_address((name, 0)):
            check((name, args[0] if args else 0))
        return real_getaddrinfo(host, *args, **kwargs)

    socket_class.connect = connect  # type: ignore[method-assign]
    socket_class.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = getaddrinfo
    try:
        yield refused
    finally:
        socket_class.connect = real_connect  # type: ignore[method-assign]
        socket_class.connect_ex = real_connect_ex  # type: ignore[method-assign]
        socket.getaddrinfo = real_getaddrinfo
