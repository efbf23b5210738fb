"""The client: auth headers per request, exact JSON numbers, every exchange kept and masked."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import httpx
import pytest

from yuno_contracts.core.errors import TargetUnavailableError
from yuno_contracts.harness.client import YunoClient
from yuno_contracts.harness.retry import RetryPolicy
from yuno_contracts.harness.target import Credentials, Target

TARGET = Target(
    kind="url",
    base_url="https://partner.example/v1",
    credentials=Credentials("sandbox_pub_SECRET1", "sandbox_priv_SECRET2", "acc-SECRET3"),
    restricted=Credentials("sandbox_rpub_SECRET4", "sandbox_rpriv_SECRET5"),
)


def echo_transport(seen: list[httpx.Request]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        body = json.loads(request.content) if request.content else {}
        return httpx.Response(200, json={"echo": body, "account": "acc-SECRET3"})

    return httpx.MockTransport(handler)


def test_requests_go_to_the_base_url_with_both_security_headers() -> None:
    seen: list[httpx.Request] = []
    with YunoClient(TARGET, transport=echo_transport(seen)) as client:
        client.create_session({"country": "US"})
    assert str(seen[0].url) == "https://partner.example/v1/checkout/sessions"
    assert seen[0].headers["public-api-key"] == "sandbox_pub_SECRET1"
    assert seen[0].headers["private-secret-key"] == "sandbox_priv_SECRET2"
    assert seen[0].headers["content-type"] == "application/json"


@pytest.mark.parametrize(
    ("auth", "expected"),
    [
        ("none", None),
        ("restricted", "sandbox_rpub_SECRET4"),
        (Credentials("other-pub", "other-priv"), "other-pub"),
    ],
)
def test_auth_is_chosen_per_request(auth: object, expected: str | None) -> None:
    seen: list[httpx.Request] = []
    with YunoClient(TARGET, transport=echo_transport(seen)) as client:
        client.retrieve_session("abc", auth=auth)  # type: ignore[arg-type]
    assert seen[0].headers.get("public-api-key") == expected


def test_decimal_amounts_are_sent_exactly_as_written() -> None:
    seen: list[httpx.Request] = []
    with YunoClient(TARGET, transport=echo_transport(seen)) as client:
        client.create_session({"amount": {"value": Decimal("0.00001")}, "n": Decimal("10.50")})
    assert seen[0].content == b'{"amount":{"value":0.00001},"n":10.50}'


def test_payments_carry_an_idempotency_key() -> None:
    seen: list[httpx.Request] = []
    with YunoClient(TARGET, transport=echo_transport(seen)) as client:
        client.create_payment({"x": 1}, idempotency_key="key-1")
        client.create_payment({"x": 1})
    assert seen[0].headers["x-idempotency-key"] == "key-1"
    assert len(seen[1].headers["x-idempotency-key"]) == 36


def test_exchanges_are_kept_with_every_secret_masked() -> None:
    seen: list[httpx.Request] = []
    with YunoClient(TARGET, transport=echo_transport(seen)) as client:
        client.update_session("s-1", {"account_id": "acc-SECRET3", "country": "BR"})
        client.request("GET", "checkout/sessions/s-1", auth="restricted")
    assert [e.summary() for e in client.exchanges] == [
        "PATCH /v1/checkout/sessions/s-1 → 200",
        "GET /v1/checkout/sessions/s-1 → 200",
    ]
    dumped = json.dumps([e.as_dict() for e in client.exchanges]) + "".join(
        e.curl() for e in client.exchanges
    )
    assert not re.search(r"SECRET\d", dumped)
    assert "<YUNO_ACCOUNT_ID>" in dumped and "<YUNO_PUBLIC_API_KEY>" in dumped


def test_the_curl_line_repeats_the_request() -> None:
    with YunoClient(TARGET, transport=echo_transport([])) as client:
        client.create_session({"country": "US"})
    curl = client.exchanges[0].curl()
    assert curl.startswith("curl -sS -X POST '<YUNO_BASE_URL>/checkout/sessions'")
    assert "-H 'public-api-key: <YUNO_PUBLIC_API_KEY>'" in curl
    assert """--data-raw '{"country":"US"}'""" in curl


def test_a_transport_error_is_kept_and_raised() -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    policy = RetryPolicy(retries=2, base_wait=0.0)
    client = YunoClient(TARGET, transport=httpx.MockTransport(fail), retry=policy)
    with client, pytest.raises(TargetUnavailableError, match=r"^target unavailable: ConnectError"):
        client.retrieve_session("x")
    assert client.exchanges[0].error == "ConnectError: refused"
    assert client.exchanges[0].attempts == 3
