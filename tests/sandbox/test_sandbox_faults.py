"""Each fault switch breaks exactly the behaviour it names: the same requests observe the
documented behaviour with the fault off and something else with it on."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sandbox_helpers import REMOVE, Api, is_uuid, raw_json

from yuno_contracts.sandbox import FAULTS


@dataclass(frozen=True)
class Demo:
    """Requests that observe one documented behaviour, and what they observe when it holds."""

    run: Callable[[Api], Any]
    documented: Any


def _created(api: Api, **changes: Any) -> dict[str, Any]:
    return api.create(api.session_body(**changes)).json()


def _create_status(**changes: Any) -> Callable[[Api], int]:
    return lambda api: api.create(api.session_body(**changes)).status_code


def _create_raw_status(text: str) -> Callable[[Api], int]:
    def run(api: Api) -> int:
        body = raw_json(api.session_body(amount={"currency": "USD", "value": "@v"}), v=text)
        return api.create(body).status_code

    return run


def _after_patch(
    change: dict[str, Any], look: Callable[[dict[str, Any], dict[str, Any]], Any]
) -> Callable[[Api], Any]:
    def run(api: Api) -> Any:
        created = api.create(api.session_body(callback_url="https://example.com")).json()
        session_id = created.get("checkout_session") or created["id"]
        time.sleep(0.001)
        patched = api.patch(session_id, change).json()
        return look(created, patched)

    return run


def _used_after_payment(api: Api) -> Any:
    session_id = api.create_ok()["checkout_session"]
    before = api.get(session_id).json()["used"]
    api.pay_ok(session_id)
    return before, api.get(session_id).json()["used"]


def _second_payment(api: Api) -> tuple[int, int]:
    """A second payment, and a one-time token for it, on a paid session."""
    session_id = api.create_ok()["checkout_session"]
    api.pay_ok(session_id)
    return api.pay(session_id, str(uuid.uuid4())).status_code, api.token(session_id).status_code


def _spent_token_again(api: Api) -> tuple[int, int]:
    """On a session paid with a one-time token: a new token for it, and a second payment that
    reuses the first payment's (spent) token under a new key."""
    session_id = api.create_ok()["checkout_session"]
    token = api.token(session_id).json()["token"]
    body = api.payment_body(session_id, payment_method={"token": token})
    assert api.pay(session_id, str(uuid.uuid4()), body).status_code == 201
    again = api.pay(session_id, str(uuid.uuid4()), body)
    return api.token(session_id).status_code, again.status_code


def _same_key_twice(api: Api) -> Any:
    session_id = api.create_ok()["checkout_session"]
    key = str(uuid.uuid4())
    first, again = api.pay(session_id, key), api.pay(session_id, key)
    return again.status_code, again.status_code == 201 and again.json()["id"] == first.json()["id"]


def _invalid_create(api: Api) -> Any:
    return api.create(api.session_body(country="ZZ")).json()


def _items(count: int) -> list[dict[str, str]]:
    return [{"key": f"k{i}", "value": "v"} for i in range(count)]


DEMOS: dict[str, Demo] = {
    "create-201": Demo(_create_status(), 200),
    "create-no-created-at": Demo(lambda api: "created_at" in _created(api), True),
    "create-renamed-id": Demo(lambda api: "checkout_session" in _created(api), True),
    "create-id-not-uuid": Demo(
        lambda api: is_uuid(_created(api).get("checkout_session", _created(api).get("id"))), True
    ),
    "create-echo-wrong": Demo(lambda api: _created(api)["merchant_order_id"], "1717681150"),
    "create-no-workflow-default": Demo(lambda api: _created(api)["workflow"], "SDK_CHECKOUT"),
    "create-no-installments-default": Demo(
        lambda api: _created(api).get("installments", "absent"), {"plan_id": None, "plan": None}
    ),
    "merchant-order-id-max-256": Demo(_create_status(merchant_order_id="x" * 256), 400),
    "merchant-order-id-min-2": Demo(_create_status(merchant_order_id="xy"), 400),
    "payment-description-max-256": Demo(_create_status(payment_description="x" * 256), 400),
    "payment-description-min-2": Demo(_create_status(payment_description="xy"), 400),
    "callback-url-max-527": Demo(_create_status(callback_url="x" * 527), 400),
    "callback-url-min-2": Demo(_create_status(callback_url="xy"), 400),
    "metadata-121-items": Demo(_create_status(metadata=_items(121)), 400),
    "metadata-key-49": Demo(_create_status(metadata=[{"key": "k" * 49, "value": "v"}]), 400),
    "metadata-value-513": Demo(_create_status(metadata=[{"key": "k", "value": "v" * 513}]), 400),
    "currency-any-length": Demo(_create_status(amount={"currency": "USDD", "value": 1}), 400),
    "currency-not-iso": Demo(_create_status(amount={"currency": "ZZZ", "value": 1}), 400),
    "country-lowercase": Demo(_create_status(country="us"), 400),
    "country-not-in-enum": Demo(_create_status(country="ZZ"), 400),
    "amount-precision-5dp": Demo(_create_raw_status("0.00001"), 400),
    "installment-int32-overflow": Demo(
        _create_status(installments={"plan": [{"installment": 2147483648, "rate": 1}]}), 400
    ),
    "account-id-optional": Demo(_create_status(account_id=REMOVE), 400),
    "merchant-order-id-optional": Demo(_create_status(merchant_order_id=REMOVE), 400),
    "workflow-any": Demo(_create_status(workflow="ANYTHING"), 400),
    "wrong-type-accepted": Demo(_create_status(merchant_order_id=12345), 400),
    "null-required-accepted": Demo(_create_status(country=None), 400),
    "update-resets-unsent": Demo(
        _after_patch({"country": "BR"}, lambda c, p: (p["merchant_order_id"], p["callback_url"])),
        ("1717681150", "https://example.com"),
    ),
    "update-ignores-sent": Demo(_after_patch({"country": "BR"}, lambda c, p: p["country"]), "BR"),
    "update-amount-replace": Demo(
        _after_patch({"amount": {"currency": "COP"}}, lambda c, p: p["amount"]),
        {"currency": "COP", "value": 100},
    ),
    "update-new-id": Demo(
        _after_patch(
            {"country": "BR"}, lambda c, p: p["checkout_session"] == c["checkout_session"]
        ),
        True,
    ),
    "update-created-at-changes": Demo(
        _after_patch({"country": "BR"}, lambda c, p: p["created_at"] == c["created_at"]), True
    ),
    "update-skips-validation": Demo(
        lambda api: api.patch(api.create_ok()["checkout_session"], {"country": "ZZ"}).status_code,
        400,
    ),
    "update-unknown-200": Demo(
        lambda api: api.patch(str(uuid.uuid4()), {"country": "BR"}).status_code, 400
    ),
    "used-never-flips": Demo(_used_after_payment, (False, True)),
    "used-starts-true": Demo(_used_after_payment, (False, True)),
    "second-payment-accepted": Demo(_second_payment, (400, 400)),
    # The token endpoint refuses the paid session either way: only the payment differs.
    "second-payment-accepted-at-payments": Demo(_spent_token_again, (400, 400)),
    "idempotency-ignored": Demo(_same_key_twice, (201, True)),
    "error-body-shape": Demo(lambda api: sorted(_invalid_create(api)), ["code", "messages"]),
    "error-messages-string": Demo(
        lambda api: type(_invalid_create(api)["messages"]).__name__, "list"
    ),
    "error-code-unknown": Demo(lambda api: _invalid_create(api)["code"], "INVALID_REQUEST"),
    "content-type-text": Demo(lambda api: api.create().headers["content-type"], "application/json"),
    "server-error-on-unicode": Demo(_create_status(payment_description="Café para dos"), 200),
    "server-error-on-malformed-json": Demo(lambda api: api.create(b"{nope").status_code, 400),
    "auth-private-key-ignored": Demo(
        lambda api: [
            api.create(auth={"public-api-key": api.auth["public-api-key"], **extra}).status_code
            for extra in ({}, {"private-secret-key": "wrong"})
        ],
        [401, 401],
    ),
    "auth-401-code": Demo(lambda api: api.create(auth={}).json()["code"], "INVALID_CREDENTIALS"),
    "restricted-allowed": Demo(lambda api: api.create(auth=api.restricted).status_code, 403),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_fault(api_for: Callable[..., Api], fault: str) -> None:
    """Off: the documented behaviour. On: something else."""
    demo = DEMOS[fault]
    assert demo.run(api_for()) == demo.documented
    assert demo.run(api_for(faults={fault})) != demo.documented


def test_every_fault_is_demonstrated() -> None:
    """A fault without a demonstration (or a demonstration of no fault) fails here."""
    assert set(DEMOS) == set(FAULTS)


def test_faults_are_off_by_default(api: Api) -> None:
    assert api.settings.faults == frozenset()


def test_second_payment_at_payments_keeps_the_tokens_other_rules(
    api_for: Callable[..., Api],
) -> None:
    """With second-payment-accepted-at-payments on, a token of another session and an unknown
    token are still refused (401 INVALID_TOKEN), and the paid session still gets no new token:
    the switch breaks the second payment at the payments endpoint and nothing else."""
    api = api_for(faults={"second-payment-accepted-at-payments"})
    first, other = api.create_ok()["checkout_session"], api.create_ok()["checkout_session"]
    token = api.token(first).json()["token"]
    paid = api.pay(
        first, str(uuid.uuid4()), api.payment_body(first, payment_method={"token": token})
    )
    assert paid.status_code == 201, paid.text
    assert api.token(first).status_code == 400
    for session_id, sent in ((other, token), (first, str(uuid.uuid4()))):
        body = api.payment_body(session_id, payment_method={"token": sent})
        response = api.pay(session_id, str(uuid.uuid4()), body)
        assert (response.status_code, response.json()["code"]) == (401, "INVALID_TOKEN")
    again = api.pay(
        first, str(uuid.uuid4()), api.payment_body(first, payment_method={"token": token})
    )
    assert again.status_code == 201, again.text
    assert again.json()["id"] != paid.json()["id"]


def test_injected_server_errors_have_the_last_resort_shape(api_for: Callable[..., Api]) -> None:
    response = api_for(faults={"server-error-on-malformed-json"}).create(b"{nope")
    assert response.status_code == 500
    assert response.json() == {"code": "INTERNAL_ERROR", "messages": ["Internal error"]}
