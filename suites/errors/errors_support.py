"""The errors suite's shared parts: one valid request per endpoint, sent with any credentials.

An error test changes exactly one thing about a request the target would otherwise serve (the
credentials, the body, the method), so that the documented error is the only answer that fits:

    call = valid_call(client, target, "update")      # creates the session it needs first
    response = send(client, call, auth="none")       # → 401 INVALID_CREDENTIALS

Everything sent is deterministic (ids come from earlier responses), so cassettes replay.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import httpx

from yuno_contracts.catalogue.contract import load_payment_template
from yuno_contracts.harness import expect
from yuno_contracts.harness.bodies import session_body, update_body
from yuno_contracts.harness.client import AuthChoice, YunoClient
from yuno_contracts.harness.target import Target

__all__ = [
    "ENDPOINTS",
    "TEST_CARD",
    "WRONG_PRIVATE_SECRET_KEY",
    "WRONG_PUBLIC_API_KEY",
    "Call",
    "Endpoint",
    "created_session",
    "documented_error",
    "send",
    "valid_call",
]

Endpoint = Literal["create", "update", "retrieve", "payments", "token"]
ENDPOINTS: tuple[Endpoint, ...] = ("create", "update", "retrieve", "payments", "token")

# Keys no target issues: deterministic, so a recorded request replays; not secrets.
WRONG_PUBLIC_API_KEY = "yc-wrong-public-api-key-0000"
WRONG_PRIVATE_SECRET_KEY = "yc-wrong-private-secret-key-0000"
TEST_CARD = "4111111111111111"  # Yuno's sandbox test card (DESIGN.md §4)


@dataclass(frozen=True)
class Call:
    """One request, ready to send with any credentials."""

    method: str
    path: str
    json: Any = None
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.method} /{self.path}"


def documented_error(
    response: httpx.Response, status: int, clause: str, codes: frozenset[str] | set[str]
) -> dict[str, Any]:
    """A documented error: ``status`` and a code from ``codes`` (``clause``), served as JSON
    (RESPONSE-JSON) in a documented shape (ERROR-BODY-SHAPE); the rule is ``expect``'s."""
    expect.status(response, status, clause)
    expect.json_object(response, "RESPONSE-JSON")
    body = expect.error(response, status, "ERROR-BODY-SHAPE")
    expect.error(response, status, clause, codes)
    return body


def created_session(client: YunoClient, target: Target) -> dict[str, Any]:
    """A new session created with the target's own key pair (a precondition, CREATE-200)."""
    return expect.created_session(client.create_session(session_body(target)))


def token_body(target: Target) -> dict[str, Any]:
    """A one-time token request for the sandbox test card."""
    card = {
        "number": TEST_CARD,
        "expiration_month": 12,
        "expiration_year": 2030,
        "security_code": "123",
        "holder_name": "JOHN DOE",
    }
    return {
        "account_id": target.credentials.account_id,
        "payment_method": {"type": "CARD", "card": {"save": False, "detail": card}},
    }


def payment_body(target: Target, session: dict[str, Any]) -> dict[str, Any]:
    """The payment of ``contracts/payment-template.json`` for ``session``."""
    amount = session.get("amount") or {}
    return load_payment_template(
        checkout_session=session["checkout_session"],
        account_id=target.credentials.account_id,
        amount_currency=amount.get("currency", "USD"),
        amount_value=amount.get("value", 100),
        country=session.get("country", "US"),
        merchant_order_id=session.get("merchant_order_id", "yc-order-0001"),
    )


def valid_call(client: YunoClient, target: Target, endpoint: Endpoint) -> Call:
    """A request to ``endpoint`` that the target's own key pair would have served.

    Every endpoint but create needs a session: it is created here, with the target's pair.
    """
    if endpoint == "create":
        return Call("POST", "checkout/sessions", session_body(target))
    session = created_session(client, target)
    session_id = session["checkout_session"]
    if endpoint == "update":
        body = update_body(target, session, payment_description="changed by the errors suite")
        return Call("PATCH", f"checkout/sessions/{session_id}", body)
    if endpoint == "retrieve":
        return Call("GET", f"checkout/sessions/{session_id}")
    if endpoint == "token":
        return Call("POST", f"checkout/sessions/{session_id}/token", token_body(target))
    # A fresh idempotency key per payment, derived from the session: no randomness sent.
    headers = {"X-Idempotency-Key": f"yc-errors-{session_id}"}
    return Call("POST", "payments", payment_body(target, session), headers)


def send(
    client: YunoClient,
    call: Call,
    *,
    auth: AuthChoice = "default",
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    """Send ``call`` with the ``auth`` pair (see ``YunoClient.request``) and extra ``headers``."""
    return client.request(
        call.method,
        call.path,
        json=call.json,
        headers={**call.headers, **(headers or {})},
        auth=auth,
    )
