"""A fault-injecting HTTP proxy for tests, loopback only: a flaky network in front of a target.

    python tests/apps/faultproxy.py --upstream http://127.0.0.1:8765 --rate 0.2 [--port 0]

Each request is forwarded to the upstream, except that with probability ``rate`` (seeded, so a
test is repeatable) the proxy instead (one of ``--kinds``) answers 429 with ``Retry-After: 1``, answers 503, resets
the connection before forwarding (``reset``), forwards the request and then resets the connection
without passing the answer on (``drop-after``: the target did the work, the client never hears),
or forwards the request only after a delay (``slow``, 2 s by default). ``--pass-first N``
forwards the first N requests untouched (a run's reachability request, before the faults). It prints
``faultproxy listening on http://127.0.0.1:PORT`` once it is ready, and its counts of what it
injected on exit. It refuses a non-loopback address: it is a test tool, never a network service.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import signal
import sys
from collections import Counter
from urllib.parse import urlsplit

import httpx

from yuno_contracts.core.net import is_loopback_host

__all__ = ["FAULT_KINDS", "FaultProxy", "main"]

FAULT_KINDS = ("429", "503", "reset", "drop-after", "slow")
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


class FaultProxy:
    """The proxy's state: the upstream, the fault rate, a seeded chooser and what it did."""

    def __init__(
        self,
        upstream: str,
        rate: float,
        seed: int,
        slow_seconds: float = 2.0,
        kinds: tuple[str, ...] = FAULT_KINDS,
        pass_first: int = 0,
    ) -> None:
        self.upstream = upstream.rstrip("/")
        self.kinds = kinds
        self.rate = rate
        self.random = random.Random(seed)
        self.slow_seconds = slow_seconds
        self.counts: Counter[str] = Counter()
        self.pass_first = pass_first
        self.client = httpx.AsyncClient(timeout=30)

    def choose(self) -> str | None:
        if self.pass_first > 0:  # the run's one reachability request, say, before the faults
            self.pass_first -= 1
            return None
        if self.random.random() >= self.rate:
            return None
        return self.random.choice(self.kinds)

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                request = await _read_request(reader)
                if request is None:
                    break
                fault = self.choose()
                self.counts[fault or "forwarded"] += 1
                if fault == "reset":
                    writer.transport.abort()
                    return
                if fault in ("429", "503"):
                    status = int(fault)
                    body = b'{"code":"SERVICE_UNAVAILABLE","messages":["injected by faultproxy"]}'
                    extra = {"retry-after": "1"} if status == 429 else {}
                    writer.write(
                        _response(status, {"content-type": "application/json", **extra}, body)
                    )
                    await writer.drain()
                    continue
                if fault == "slow":
                    await asyncio.sleep(self.slow_seconds)
                method, target, headers, body = request
                upstream = await self.client.request(
                    method,
                    self.upstream + target,
                    headers={k: v for k, v in headers.items() if k not in HOP_BY_HOP},
                    content=body,
                )
                if fault == "drop-after":
                    writer.transport.abort()
                    return
                out = {k: v for k, v in upstream.headers.items() if k.lower() not in HOP_BY_HOP}
                writer.write(_response(upstream.status_code, out, upstream.content))
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            if not writer.transport.is_closing():
                writer.close()


async def _read_request(
    reader: asyncio.StreamReader,
) -> tuple[str, str, dict[str, str], bytes] | None:
    """One HTTP/1.1 request (Content-Length bodies only, as httpx sends them)."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None
    lines = head.decode("latin-1").split("\r\n")
    method, target, _version = lines[0].split(" ", 2)
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0") or 0)
    body = await reader.readexactly(length) if length else b""
    return method, target, headers, body


def _response(status: int, headers: dict[str, str], body: bytes) -> bytes:
    lines = [f"HTTP/1.1 {status} {_reason(status)}"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    lines += [f"content-length: {len(body)}", "connection: keep-alive", "", ""]
    return "\r\n".join(lines).encode("latin-1") + body


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


async def _serve(args: argparse.Namespace) -> FaultProxy:
    kinds = tuple(args.kinds.split(","))
    proxy = FaultProxy(args.upstream, args.rate, args.seed, args.slow, kinds, args.pass_first)
    server = await asyncio.start_server(proxy.handle, args.host, args.port)
    port = server.sockets[0].getsockname()[1]
    print(f"faultproxy listening on http://{args.host}:{port}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with server:
        await stop.wait()
    await proxy.client.aclose()
    return proxy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="faultproxy", description=__doc__.splitlines()[0])
    parser.add_argument("--upstream", required=True, help="the target's origin, http://host:port")
    parser.add_argument("--rate", type=float, default=0.2, help="share of requests faulted, 0-1")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--slow", type=float, default=2.0, help="seconds of a slow response")
    parser.add_argument("--kinds", default=",".join(FAULT_KINDS), help="faults to draw from")
    parser.add_argument("--pass-first", type=int, default=0, help="forward the first N untouched")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    upstream_host = urlsplit(args.upstream).hostname or ""
    if not (is_loopback_host(args.host) and is_loopback_host(upstream_host)):
        print(
            "faultproxy: loopback only: use 127.0.0.1 for --host and the upstream", file=sys.stderr
        )
        return 2
    unknown = set(args.kinds.split(",")) - set(FAULT_KINDS)
    if unknown:
        print(
            f"faultproxy: unknown --kinds {','.join(sorted(unknown))}: use {FAULT_KINDS}",
            file=sys.stderr,
        )
        return 2
    if not 0 <= args.rate <= 1:
        print(f"faultproxy: --rate {args.rate} is not between 0 and 1", file=sys.stderr)
        return 2
    proxy = asyncio.run(_serve(args))
    print("faultproxy injected: " + ", ".join(f"{k} {v}" for k, v in sorted(proxy.counts.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
