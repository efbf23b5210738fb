"""The used suite's shared parts: a fresh session, a payment that consumes it, and readers.

    created = steps.new_session(client, target)
    response = pay(client, target, created, key=payment_key(request, created, "first"))

The payment is ``contracts/payment-template.json`` (edit it for your sandbox's providers), filled
from the session just created. By default it follows Yuno's SDK_CHECKOUT path: a one-time token
is created for the session (POST /v1/checkout/sessions/{id}/token with the template's "token"
body), then the payment pays with it (``payment_method.token``). A template whose payment has no
``{{one_time_token}}`` (the DIRECT path, raw card data) creates no token. Either request refused
for the target's provider configuration skips the test with the reason.

The payment's ``X-Idempotency-Key`` is a UUID derived from the test id, the session id and a
label: the same on every replay of a cassette (the session id comes from it), fresh for every
real run (the session id is new), never random.
"""

from __future__ import annotations

import uuid
from functools import partial
from typing import Any

import httpx
import pytest

from yuno_contracts import error_codes, expect, steps

__all__ = [
    "TERMINAL_STATUSES",
    "paid_terminal",
    "pay",
    "payment_key",
    "payment_request",
    "skip_for_configuration",
    "skip_token_refusal",
]

KEY_NAMESPACE = uuid.UUID("5d6c3a52-8f0e-4b7e-9a47-2f4a9f1b7c10")
"""The uuid5 namespace of this suite's idempotency keys (any fixed UUID will do)."""
TERMINAL_STATUSES = frozenset({"SUCCEEDED", "DECLINED", "REJECTED", "ERROR", "CANCELED", "EXPIRED"})
"""Payment statuses after which the session is complete ("once the payment reaches a terminal
status", checkout-session-guide.txt)."""


SESSION_CODES = frozenset(
    {"CHECKOUT_SESSION_NOT_FOUND", "INVALID_STATUS", "NOT_FOUND", "INVALID_TOKEN", "TOKEN_IN_USE"}
)
"""Refusals that speak of the session or of the one-time token just created for it (the
catalogue's INVALID_TOKEN, TOKEN_IN_USE), not of the providers: a contract failure."""


def payment_key(request: pytest.FixtureRequest, session: dict[str, Any], label: str) -> str:
    """A deterministic X-Idempotency-Key (a UUID) for this test, session and attempt label."""
    name = f"{request.node.nodeid}|{session['checkout_session']}|{label}"
    return str(uuid.uuid5(KEY_NAMESPACE, name))


def skip_for_configuration(response: httpx.Response, what: str = "payment") -> None:
    """Skips with the reason when the target refused the template's ``what`` with a 4xx that is
    neither 401 nor a code about the session: most likely its provider configuration."""
    code = error_codes.error_code_of(response)
    if (
        400 <= response.status_code < 500
        and response.status_code != 401
        and code not in SESSION_CODES
    ):
        pytest.skip(
            f"the target refused the template's {what} ({response.status_code} {code}): most "
            "likely its provider configuration; adjust contracts/payment-template.json to the "
            "providers of this sandbox"
        )


def skip_token_refusal(answer: httpx.Response) -> None:
    """This suite's policy for the one-time token request: a refusal for the provider
    configuration skips (``skip_for_configuration``)."""
    skip_for_configuration(answer, "token request")


# The harness's payment steps under this suite's token policy (``skip_token_refusal``):
# ``payment_request(client, target, session)``, the payment body, its token requested first;
# ``pay(client, target, session, key=…, body=None)``, POST /v1/payments (``steps.pay``).
payment_request = partial(steps.payment_for, on_token_answer=skip_token_refusal)
pay = partial(steps.pay, on_token_answer=skip_token_refusal)


def paid_terminal(response: httpx.Response) -> dict[str, Any]:
    """The 201 payment (PAYMENT-REFERENCES-SESSION); skips with the reason when the target
    refused it for its provider configuration or its status is not terminal, since the documents
    tie ``used`` to a terminal status only."""
    skip_for_configuration(response)
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
