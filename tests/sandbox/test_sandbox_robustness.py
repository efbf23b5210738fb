"""Never a 5xx: thousands of malformed requests, generated deterministically, on every endpoint.

Random bytes, truncated JSON, a wrong type at every field path, nesting 100000 deep, a 2 MiB
body, huge numbers, non-UTF-8 and JSON oddities. Every answer must be a 2xx or a 4xx with the
documented error shape; the 5xx count must be zero.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sandbox_helpers import Api, set_path

from yuno_contracts.harness.error_codes import error_shape
from yuno_contracts.sandbox import Readings

SEED = 20240606
WRONG_VALUES: list[Any] = [
    None, True, False, 0, -1, 2**31, 2**64, 1.5, -0.0, "", "x", "x" * 600, "\ud800", "\x00",
    [], {}, [None], {"a": {"b": []}}, ["x"] * 130,
]  # fmt: skip
HUGE_NUMBERS = [
    "1e999999999", "-1e999999999", "1e-999999999", "1e9999999999999999999", "1" * 4300,
    "1" * 5000, "-" + "9" * 4299, "0." + "0" * 20000 + "1", "1" + "0" * 400 + ".5",
    "123456789012345678901234567890.123456789", "2147483648.0", "1E+2", "-0",
]  # fmt: skip
ODDITIES = [
    b"NaN", b'{"amount": {"currency": "USD", "value": NaN}}', b'{"amount": {"value": Infinity}}',
    b'{"amount": {"value": -Infinity}}', b"{,}", b'{"a": 1,}', b"// comment\n{}", b"{'a': 1}",
    b'{"country": "US", "country": 5}', b"\xef\xbb\xbf{}", b'{"merchant_order_id": "\\ud800\\udfff"}',
    b'{"payment_description": "\\u0000\\u0000\\u0000"}', b'{"a": "\\x"}', b"\x00", b"[" * 999,
    b" " * 4096, b"\t\n\r ", b"true", b"null", b"0", b'"x"', b"{}" * 100,
]  # fmt: skip
NON_UTF8 = [
    b'{"country": "\xff\xfe"}', b'{"payment_description": "caf\xe9 caf\xe9"}', b"\xc0\xaf",
    b'{"merchant_order_id": "\xed\xa0\x80abc"}', b"\xff" * 100, b"\x80{}",
]  # fmt: skip


def _paths(value: Any, prefix: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            yield path
            yield from _paths(item, path)
    elif isinstance(value, list):
        for index, item in enumerate(value[:2]):
            path = f"{prefix}[{index}]"
            yield path
            yield from _paths(item, path)


def _numeric_paths(value: Any, prefix: str = "") -> Iterator[str]:
    for path in _paths(value, prefix):
        target: Any = value
        for part in path.replace("]", "").replace("[", ".").split("."):
            target = target[int(part)] if isinstance(target, list) else target[part]
        if isinstance(target, int | float) and not isinstance(target, bool):
            yield path


def malformed(valid: dict[str, Any], rng: random.Random) -> Iterator[bytes]:
    """The malformed bodies for one endpoint whose valid body is ``valid``."""
    for _ in range(120):
        yield rng.randbytes(rng.randint(0, 400))
    text = json.dumps(valid).encode()
    for cut in sorted(rng.sample(range(len(text)), min(80, len(text)))):
        yield text[:cut]
    for path in _paths(valid):
        for wrong in WRONG_VALUES:
            yield json.dumps(set_path(valid, path, wrong)).encode()
    for path in _numeric_paths(valid):
        for number in HUGE_NUMBERS:
            yield json.dumps(set_path(valid, path, "@n")).replace('"@n"', number).encode()
    for path in list(_paths(valid))[:8]:
        yield (
            json.dumps(set_path(valid, path, "@n"))
            .replace('"@n"', "[" * 100000 + "]" * 100000)
            .encode()
        )
    deep = 100000
    yield b"[" * deep + b"]" * deep
    yield b'{"a":' * deep + b"1" + b"}" * deep
    yield b"[" * deep
    yield json.dumps({**valid, "extra": "@n"}).replace('"@n"', "[" * 900 + "]" * 900).encode()
    yield b'{"merchant_order_id": "' + b"x" * (2 << 20) + b'"}'
    yield b" " * (2 << 20)
    yield json.dumps({**valid, "pad": "@n"}).replace('"@n"', "1" * (1 << 20)).encode()
    yield from ODDITIES
    yield from NON_UTF8
    yield json.dumps(valid).encode("utf-16")
    yield json.dumps(valid).encode("utf-32")
    yield json.dumps(valid, ensure_ascii=False).replace("Test", "Tëst").encode("latin-1")


Send = Callable[[Api, bytes], Any]


def _endpoints() -> dict[str, tuple[Callable[[Api], dict[str, Any]], Callable[[Api], Send]]]:
    """name → (the valid body, a sender bound to a fresh session)."""

    def create(api: Api) -> Send:
        return lambda a, body: a.create(body)

    def update(api: Api) -> Send:
        session_id = api.create_ok()["checkout_session"]
        return lambda a, body: a.patch(session_id, body)

    def token(api: Api) -> Send:
        session_id = api.create_ok()["checkout_session"]
        return lambda a, body: a.request(
            "POST", f"/checkout/sessions/{session_id}/token", content=body
        )

    def pay(api: Api) -> Send:
        keys = iter(range(10**9))
        return lambda a, body: a.request(
            "POST",
            "/payments",
            content=body,
            headers={"X-Idempotency-Key": f"rob-{uuid.uuid4()}-{next(keys)}"},
        )

    def retrieve(api: Api) -> Send:
        session_id = api.create_ok()["checkout_session"]
        return lambda a, body: a.request("GET", f"/checkout/sessions/{session_id}", content=body)

    def session_body(api: Api) -> dict[str, Any]:
        return api.session_body(
            customer_id="a577ad8f-08f1-4590-9cf1-e7679b15ee84",
            callback_url="https://www.example.com",
            alternative_amount={"currency": "ARS", "value": 140000},
            metadata=[{"key": "ID", "value": "123456"}],
            workflow="SDK_CHECKOUT",
            installments={"plan_id": "p", "plan": [{"installment": 3, "rate": 1.5}]},
            recurring_payment={
                "regular_billing": {
                    "label": "M",
                    "amount": "9.99",
                    "interval_unit": "month",
                    "interval_count": 1,
                }
            },
        )

    def payment_body(api: Api) -> dict[str, Any]:
        return api.payment_body(api.create_ok()["checkout_session"])

    def token_body(api: Api) -> dict[str, Any]:
        return {"payment_method": {"type": "CARD", "card": {"number": "4111111111111111"}}}

    return {
        "create": (session_body, create),
        "update": (session_body, update),
        "token": (token_body, token),
        "pay": (payment_body, pay),
        "retrieve": (lambda api: {"x": 1}, retrieve),
    }


ENDPOINTS = _endpoints()
VARIANTS = {
    "default-readings": {},
    "other-readings": {field: ids[-1] for field, ids in Readings.choices().items()},
}


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_no_server_error(api_for: Callable[..., Api], endpoint: str, variant: str) -> None:
    """Zero 5xx; every refusal has the error shape of the variant's ERROR-BODY-SHAPE reading."""
    api = api_for(readings=VARIANTS[variant])
    shape = VARIANTS[variant].get("error_body", "messages")
    valid_body, sender = ENDPOINTS[endpoint]
    send = sender(api)
    rng = random.Random(f"{SEED}-{endpoint}")
    count, server_errors, bad_shapes = 0, [], []
    for body in malformed(valid_body(api), rng):
        response = send(api, body)
        count += 1
        if response.status_code >= 500:
            server_errors.append((body[:120], response.status_code, response.text[:200]))
        elif response.status_code >= 400 and error_shape(response.json()) != shape:
            bad_shapes.append((body[:120], response.text[:200]))
    assert count >= 150
    print(f"{endpoint}/{variant}: {count} requests, {len(server_errors)} 5xx")
    assert server_errors == [], f"{len(server_errors)} of {count} requests got a 5xx"
    assert bad_shapes == []


def test_total_volume() -> None:
    """The generators add up to a few thousand requests."""
    rng = random.Random(SEED)
    valid = {"a": {"b": 1, "c": [{"d": "x"}]}, "e": 2.5}
    assert sum(1 for _ in malformed(valid, rng)) > 250
