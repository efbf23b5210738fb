"""The used suite's shared parts: a fresh session, a payment that consumes it, and readers.

    created = new_session(client, target)
    response = pay(client, target, created, key=payment_key(request, created, "first"))

The payment body is ``contracts/payment-template.json`` (edit it for your sandbox's providers),
filled from the session just created. Its ``X-Idempotency-Key`` is a UUID derived from the test
id, the session id and a label: the same on every replay of a cassette (the session id comes
from it), fresh for every real run (the session id is new), never random.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from yuno_contracts.harness import expect
from yuno_contracts.harness.bodies import payment_body
from yuno_contracts.harness.client import YunoClient
from yuno_contracts.harness.target import Target

__all__ = [
    "TERMINAL_STATUSES",
    "paid_terminal",
    "pay",
    "payment_key",
]

KEY_NAMESPACE = uuid.UUID("5d6c3a52-8f0e-4b7e-9a47-2f4a9f1b7c10")
"""The uuid5 namespace of this suite's idempotency keys (any fixed UUID will do)."""
TERMINAL_STATUSES = frozenset({"SUCCEEDED", "DECLINED", "REJECTED", "ERROR", "CANCELED", "EXPIRED"})
"""Payment statuses after which the session is complete ("once the payment reaches a terminal
status", checkout-session-guide.txt)."""


SESSION_CODES = frozenset({"CHECKOUT_SESSION_NOT_FOUND", "INVALID_STATUS", "NOT_FOUND"})
"""Refusals of a payment that speak of its session, not of the providers: a contract failure."""


def payment_key(request: pytest.FixtureRequest, session: dict[str, Any], label: str) -> str:
    """A deterministic X-Idempotency-Key (a UUID) for this test, session and attempt label."""
    name = f"{request.node.nodeid}|{session['checkout_session']}|{label}"
    return str(uuid.uuid5(KEY_NAMESPACE, name))


def pay(client: YunoClient, target: Target, session: dict[str, Any], *, key: str) -> httpx.Response:
    """POST /v1/payments with the payment template filled from ``session``."""
    return client.create_payment(payment_body(target, session), idempotency_key=key)


def paid_terminal(response: httpx.Response) -> dict[str, Any]:
    """The 201 payment (PAYMENT-REFERENCES-SESSION); skips with the reason when its status is not
    terminal, since the documents tie ``used`` to a terminal status only."""
    refusal = expect.body(response)
    code = expect.error_code(refusal)
    if (
        400 <= response.status_code < 500
        and response.status_code != 401
        and code not in SESSION_CODES
    ):
        pytest.skip(
            f"the target refused the template's payment ({response.status_code} {code}): most "
            "likely its provider configuration; adjust contracts/payment-template.json to the "
            "providers of this sandbox"
        )
    expect.status(response, 201, "PAYMENT-REFERENCES-SESSION")
    payment = expect.json_object(response, "PAYMENT-REFERENCES-SESSION")
    # PAYMENT-STATUS-FIELD: top-level status (create-payment) or payment_status.status
    # (sandbox-tested).
    nested = payment.get("payment_status")
    status = payment.get("status") or (nested.get("status") if isinstance(nested, dict) else None)
    if status not in TERMINAL_STATUSES:
        pytest.skip(
            f"the template's payment ended {status!r}, not a terminal status; adjust "
            "contracts/payment-template.json to the providers of this sandbox"
        )
    return payment
