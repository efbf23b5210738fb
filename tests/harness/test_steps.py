"""The request steps: what each sends, and the clause a step that did not succeed names."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal

import httpx
import pytest

from yuno_contracts.harness import steps
from yuno_contracts.harness.client import YunoClient
from yuno_contracts.harness.target import Credentials, Target
from yuno_contracts.harness.violation import ContractViolation

TARGET = Target(
    kind="url",
    base_url="https://partner.example/v1",
    credentials=Credentials("sandbox_pub_1", "sandbox_priv_2", "acc-3"),
)
SESSION = {
    "checkout_session": "9b3c1e52-6a8f-4e0b-9d1e-2f4c5a6b7c8d",
    "merchant_order_id": "yc-1",
    "country": "US",
    "amount": {"currency": "USD", "value": 100.5},
}
JSON = {"content-type": "application/json"}


def serving(
    seen: list[httpx.Request], answer: Callable[[httpx.Request], httpx.Response]
) -> YunoClient:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer(request)

    return YunoClient(TARGET, transport=httpx.MockTransport(handler))


def session_answer(request: httpx.Request) -> httpx.Response:
    if request.url.path.endswith("/token"):
        return httpx.Response(201, json={"token": "tok-1"})
    if request.url.path.endswith("/payments"):
        return httpx.Response(201, json={"id": "pay-1", "status": "SUCCEEDED"})
    return httpx.Response(200, content=json.dumps(SESSION).encode(), headers=JSON)


def test_new_session_sends_one_create_and_reads_numbers_exactly() -> None:
    seen: list[httpx.Request] = []
    with serving(seen, session_answer) as client:
        session = steps.new_session(client, TARGET, country="BR")
    assert [(r.method, r.url.path) for r in seen] == [("POST", "/v1/checkout/sessions")]
    assert json.loads(seen[0].content)["country"] == "BR"
    assert session["amount"]["value"] == Decimal("100.5")
    assert isinstance(session["amount"]["value"], Decimal)


@pytest.mark.parametrize(
    ("response", "clause"),
    [
        (httpx.Response(201, json=SESSION), "CREATE-200"),
        (httpx.Response(200, text="ok", headers={"content-type": "text/plain"}), "CREATE-200"),
        (httpx.Response(200, json={**SESSION, "checkout_session": 7}), "CREATE-SESSION-ID"),
    ],
    ids=["status", "not-json", "no-id-string"],
)
def test_a_create_that_did_not_succeed_names_the_clause_it_broke(
    response: httpx.Response, clause: str
) -> None:
    with (
        serving([], lambda _: response) as client,
        pytest.raises(ContractViolation) as raised,
    ):
        steps.new_session(client, TARGET)
    assert raised.value.clause == clause


def test_create_names_the_callers_clause_for_the_status() -> None:
    with (
        serving([], lambda _: httpx.Response(400, json={"code": "X"})) as client,
        pytest.raises(ContractViolation) as raised,
    ):
        steps.create(client, TARGET, "CREATE-ECHO-METADATA")
    assert raised.value.clause == "CREATE-ECHO-METADATA"


def test_pay_requests_the_token_first_and_pays_with_it() -> None:
    seen: list[httpx.Request] = []
    with serving(seen, session_answer) as client:
        answer = steps.pay(client, TARGET, SESSION, key="key-1")
    assert answer.status_code == 201
    assert [r.url.path for r in seen] == [
        f"/v1/checkout/sessions/{SESSION['checkout_session']}/token",
        "/v1/payments",
    ]
    assert seen[1].headers["x-idempotency-key"] == "key-1"
    assert json.loads(seen[1].content)["payment_method"]["token"] == "tok-1"


def test_pay_with_a_body_sends_that_body_alone() -> None:
    seen: list[httpx.Request] = []
    with serving(seen, session_answer) as client:
        steps.pay(client, TARGET, SESSION, key="key-2", body={"again": True})
    assert [r.url.path for r in seen] == ["/v1/payments"]
    assert json.loads(seen[0].content) == {"again": True}


def test_the_token_answer_is_seen_before_it_is_judged() -> None:
    seen: list[httpx.Request] = []
    looked: list[int] = []

    def refused(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(400, json={"code": "INVALID_REQUEST", "messages": []})

    with (
        YunoClient(TARGET, transport=httpx.MockTransport(refused)) as client,
        pytest.raises(ContractViolation) as raised,
    ):
        steps.payment_for(
            client, TARGET, SESSION, on_token_answer=lambda a: looked.append(a.status_code)
        )
    assert looked == [400]
    assert raised.value.clause == "PAYMENT-SESSION-TOKEN"
    assert len(seen) == 1
