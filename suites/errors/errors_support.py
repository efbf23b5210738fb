"""The errors suite's shared parts: one valid request per endpoint, sent with any credentials.

An error test changes exactly one thing about a request the target would otherwise serve (the
credentials, the body, the method), so that the documented error is the only answer that fits:

    call = valid_call(client, target, "update")      # creates the session it needs first
    response = send(client, call, auth="none")       # → 401 INVALID_CREDENTIALS

Everything sent is deterministic (ids come from earlier responses), so cassettes replay.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, Literal

import httpx

from yuno_contracts import AuthChoice, Target, YunoClient, bodies, session_path, steps

__all__ = [
    "ENDPOINTS",
    "WRONG_PRIVATE_SECRET_KEY",
    "WRONG_PUBLIC_API_KEY",
    "Call",
    "Endpoint",
    "send",
    "valid_call",
]

Endpoint = Literal["create", "update", "retrieve", "payments", "token"]
ENDPOINTS: tuple[Endpoint, ...] = ("create", "update", "retrieve", "payments", "token")

# Keys no target issues: deterministic, so a recorded request replays; not secrets.
WRONG_PUBLIC_API_KEY = "yc-wrong-public-api-key-0000"
WRONG_PRIVATE_SECRET_KEY = "yc-wrong-private-secret-key-0000"


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


def valid_call(client: YunoClient, target: Target, endpoint: Endpoint) -> Call:
    """A request to ``endpoint`` that the target's own key pair would have served.

    Every endpoint but create needs a session: it is created here, with the target's pair (and,
    for a payment, the session's one-time token where the template pays with one).
    """
    if endpoint == "create":
        return Call("POST", "checkout/sessions", bodies.session_body(target))
    session = steps.new_session(client, target)
    session_id = session["checkout_session"]
    if endpoint == "update":
        body = bodies.update_body(
            target, session, payment_description="changed by the errors suite"
        )
        return Call("PATCH", session_path(session_id), body)
    if endpoint == "retrieve":
        return Call("GET", session_path(session_id))
    if endpoint == "token":
        return Call("POST", session_path(session_id, "/token"), bodies.token_body(target, session))
    # A fresh idempotency key per payment, a UUID as the authentication page asks, derived from
    # the session: no randomness sent. The payment's one-time token (the template's default
    # SDK_CHECKOUT path) is created here too, with the target's pair.
    headers = {"X-Idempotency-Key": str(uuid.uuid5(uuid.NAMESPACE_URL, f"yc-errors/{session_id}"))}
    return Call("POST", "payments", steps.payment_for(client, target, session), headers)


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
