"""The retry rule over real loopback HTTP: a 429 waits (``Retry-After``, at most the cap) and is
sent again whatever the method; a 503 or a dropped connection is repeated only where a repetition
is safe. A scripted server answers each request from its script and records what arrived."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from yuno_contracts.core.errors import TargetUnavailableError
from yuno_contracts.harness.client import YunoClient
from yuno_contracts.harness.retry import RateLimiter, RetryPolicy, transport_stats
from yuno_contracts.harness.target import Credentials, Target

OK = b'{"id": "9b1f0c3e-0000-4000-8000-000000000001"}'


class Script:
    """What the server answers, in order: a status (429 carries ``Retry-After``), or "drop"
    (the connection closed without an answer); 200 once the script is used up."""

    def __init__(self, *answers: int | str, retry_after: str = "1") -> None:
        self.answers = list(answers)
        self.retry_after = retry_after
        self.arrived: list[str] = []


@pytest.fixture
def server() -> Iterator[tuple[str, Callable[[Script], None]]]:
    current: dict[str, Script] = {"script": Script()}

    class Handler(BaseHTTPRequestHandler):
        def answer(self) -> None:
            script = current["script"]
            length = int(self.headers.get("content-length") or 0)
            self.rfile.read(length)
            script.arrived.append(f"{self.command} {self.path}")
            answer = script.answers.pop(0) if script.answers else 200
            if answer == "drop":
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            body = OK if answer == 200 else b'{"code": "BUSY", "messages": []}'
            self.send_response(int(answer))
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            if answer == 429:
                self.send_header("retry-after", script.retry_after)
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = answer

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/v1", lambda s: current.update(script=s)
    finally:
        httpd.shutdown()
        httpd.server_close()


def client(base_url: str, **policy: float) -> YunoClient:
    target = Target(
        kind="url",
        base_url=base_url,
        credentials=Credentials("sandbox_pk", "sandbox_sk", "11111111-1111-4111-8111-111111111111"),
        restricted=None,
        description="a scripted loopback server",
    )
    retry = RetryPolicy(base_wait=0.01, **policy)  # type: ignore[arg-type]
    return YunoClient(target, retry=retry, limiter=RateLimiter(None))


SENDS: dict[str, Callable[[YunoClient], httpx.Response]] = {
    "token": lambda c: c.create_token("s-1", {"payment_method": {"type": "CARD"}}),
    "payment-without-key": lambda c: c.request("POST", "payments", json={"amount": 1}),
    "payment-with-key": lambda c: c.create_payment({"amount": 1}, idempotency_key="k-1"),
    "create": lambda c: c.create_session({"country": "US"}),
    "update": lambda c: c.update_session("s-1", {"country": "BR"}),
    "retrieve": lambda c: c.retrieve_session("s-1"),
    "fuzz-put": lambda c: c.request("PUT", "checkout/sessions/s-1", json={}),
    "fuzz-delete": lambda c: c.request("DELETE", "checkout/sessions/s-1"),
}
UNSAFE = ["token", "payment-without-key", "fuzz-put", "fuzz-delete"]


@pytest.mark.parametrize("send", SENDS.values(), ids=SENDS.keys())
def test_a_429_waits_its_retry_after_and_is_sent_again_whatever_the_method(
    server: tuple[str, Callable[[Script], None]], send: Callable[[YunoClient], httpx.Response]
) -> None:
    base_url, use = server
    script = Script(429, retry_after="1")
    use(script)
    waited = transport_stats().waited
    with client(base_url, max_wait=8) as yuno:
        assert send(yuno).status_code == 200
    assert len(script.arrived) == 2 and script.arrived[0] == script.arrived[1]
    assert yuno.exchanges[0].attempts == 2
    assert transport_stats().waited - waited == pytest.approx(1.0)  # Retry-After: 1


def test_a_retry_after_longer_than_the_cap_waits_the_cap(
    server: tuple[str, Callable[[Script], None]],
) -> None:
    base_url, use = server
    use(script := Script(429, 429, retry_after="3600"))
    waited = transport_stats().waited
    with client(base_url, max_wait=0.25) as yuno:
        assert SENDS["token"](yuno).status_code == 200
    assert len(script.arrived) == 3
    assert transport_stats().waited - waited == pytest.approx(0.5)  # twice the cap, not an hour


def test_a_429_that_never_ends_is_target_unavailable_after_the_retries(
    server: tuple[str, Callable[[Script], None]],
) -> None:
    base_url, use = server
    use(script := Script(*[429] * 10, retry_after="0"))
    with client(base_url, retries=3) as yuno, pytest.raises(TargetUnavailableError, match="429"):
        SENDS["token"](yuno)
    assert len(script.arrived) == 4


@pytest.mark.parametrize("fault", [503, 502, "drop"])
@pytest.mark.parametrize("name", SENDS.keys())
def test_a_5xx_or_a_dropped_connection_is_repeated_only_where_safe(
    server: tuple[str, Callable[[Script], None]], name: str, fault: int | str
) -> None:
    base_url, use = server
    use(script := Script(fault))
    with client(base_url) as yuno:
        if name in UNSAFE:
            with pytest.raises(TargetUnavailableError, match="target unavailable"):
                SENDS[name](yuno)
            assert len(script.arrived) == 1
        else:
            assert SENDS[name](yuno).status_code == 200
            assert len(script.arrived) == 2


@pytest.mark.parametrize(("fault", "noted"), [(429, False), (503, True)])
def test_a_create_is_marked_retried_only_when_an_earlier_attempt_may_have_made_a_session(
    server: tuple[str, Callable[[Script], None]], fault: int, noted: bool
) -> None:
    base_url, use = server
    use(Script(fault, retry_after="0"))
    with client(base_url) as yuno:
        SENDS["create"](yuno)
    assert yuno.exchanges[0].attempts == 2
    assert (yuno.exchanges[0].note is not None) is noted
