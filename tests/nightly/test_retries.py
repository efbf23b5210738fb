"""Retries: which requests are repeated, how long the client waits, and when it gives up."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest

from yuno_contracts.core.errors import TargetUnavailableError
from yuno_contracts.harness.client import YunoClient
from yuno_contracts.harness.retry import RetryPolicy
from yuno_contracts.harness.target import Credentials, Target

TARGET = Target(
    kind="url",
    base_url="http://127.0.0.1:9/v1",
    credentials=Credentials("sandbox_pk", "sandbox_sk", "11111111-1111-4111-8111-111111111111"),
    restricted=None,
    description="a mock transport",
)


def scripted(*answers: int | type[Exception]) -> tuple[httpx.MockTransport, list[httpx.Request]]:
    """A transport answering the scripted statuses (or raising) in order, then 200."""
    seen: list[httpx.Request] = []
    queue: Iterator[int | type[Exception]] = iter(answers)

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = next(queue, 200)
        if isinstance(answer, type):
            raise answer("injected", request=request)
        headers = {"retry-after": "2"} if answer == 429 else {}
        return httpx.Response(answer, json={"code": "X", "messages": []}, headers=headers)

    return httpx.MockTransport(handle), seen


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    slept: list[float] = []
    monkeypatch.setattr("yuno_contracts.harness.client.time.sleep", slept.append)
    return slept


def client_for(transport: httpx.MockTransport, **policy: int) -> YunoClient:
    return YunoClient(TARGET, transport=transport, retry=RetryPolicy(**policy))


def test_a_gateway_error_is_retried_and_the_answer_kept(waits: list[float]) -> None:
    transport, seen = scripted(503, 502)
    with client_for(transport) as client:
        assert client.update_session("s", {"country": "BR"}).status_code == 200
    assert len(seen) == 3 and client.exchanges[0].attempts == 3
    assert "(after 3 attempts)" in client.exchanges[0].summary()
    assert len(waits) == 2 and all(0 <= w <= 8 for w in waits)


def test_retry_after_is_honoured(waits: list[float]) -> None:
    transport, _ = scripted(429)
    with client_for(transport) as client:
        client.retrieve_session("s")
    assert waits == [2.0]


def test_a_retried_create_is_recorded_as_such(waits: list[float]) -> None:
    transport, seen = scripted(httpx.ConnectError)
    with client_for(transport) as client:
        client.create_session({"country": "US"})
    assert len(seen) == 2
    assert client.exchanges[0].note and "retried create" in client.exchanges[0].note


@pytest.mark.parametrize(
    ("send", "expected_attempts"),
    [
        (lambda c: c.request("POST", "checkout/sessions/s/token", json={}), 1),
        (lambda c: c.request("POST", "payments", json={}), 1),  # no idempotency key
        (lambda c: c.create_payment({}, idempotency_key="k-1"), 4),
    ],
    ids=["token-not-retried", "payment-without-key-not-retried", "payment-with-key-retried"],
)
def test_only_requests_safe_to_repeat_are_retried(
    waits: list[float], send: Callable[[YunoClient], httpx.Response], expected_attempts: int
) -> None:
    transport, seen = scripted(503, 503, 503, 503)
    with client_for(transport) as client, pytest.raises(TargetUnavailableError, match="HTTP 503"):
        send(client)
    assert len(seen) == expected_attempts


def test_a_client_error_is_an_answer_not_a_retry(waits: list[float]) -> None:
    transport, seen = scripted(400, 500)
    with client_for(transport) as client:
        assert client.retrieve_session("s").status_code == 400
    assert len(seen) == 1 and waits == []


def test_the_circuit_opens_after_consecutive_unavailable_requests(waits: list[float]) -> None:
    transport, seen = scripted(*[httpx.ConnectError] * 50)
    with client_for(transport, retries=1, breaker=3) as client:
        for _ in range(3):
            with pytest.raises(TargetUnavailableError):
                client.retrieve_session("s")
        sent = len(seen)
        with pytest.raises(TargetUnavailableError, match="3 requests in a row"):
            client.retrieve_session("s")
    assert len(seen) == sent == 6  # the fourth request was never sent


def test_bad_settings_are_one_line_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    from yuno_contracts.core.errors import HarnessError

    monkeypatch.setenv("YUNO_RETRIES", "many")
    with pytest.raises(HarnessError, match="YUNO_RETRIES='many' is not a number"):
        RetryPolicy.from_env()
