"""Request steps: what a test sends to reach the state it checks, each step written once here.

    session = steps.new_session(client, target)                # a session to act on
    response, session = steps.create(client, target, workflow="SDK_SEAMLESS")
    session = steps.created_session(client.create_session(body), "CREATE-MINIMAL-BODY")
    body = steps.payment_for(client, target, session)          # its one-time token first
    response = steps.pay(client, target, session, key=key)     # POST /v1/payments

A step that must succeed judges what came back with ``expect`` under the clause it stands on
(CREATE-200, CREATE-SESSION-ID, PAYMENT-SESSION-TOKEN), so a test that could not
reach its own check names the clause that stopped it (``reports.preconditions`` blocks it there).
A created session is read with numbers exact (``Decimal`` for fractions): 100, 100.0 and 1E+2
compare as the number written. Nothing sent is random: a replayed test sends what it recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from yuno_contracts.harness import expect
from yuno_contracts.harness.bodies import payment_body, pays_with_token, session_body, token_body

if TYPE_CHECKING:
    import httpx

    from yuno_contracts.harness.client import YunoClient
    from yuno_contracts.harness.target import Target

__all__ = [
    "create",
    "created_session",
    "new_session",
    "one_time_token",
    "pay",
    "payment_for",
    "request_token",
    "session_id",
]


# -- a session ---------------------------------------------------------------------------------
def created_session(response: httpx.Response, clause: str = "CREATE-200") -> dict[str, Any]:
    """A create that must have succeeded: status 200, served as a JSON object, both under
    ``clause`` (CREATE-200 by default, which the tests standing on the session require, so
    ``reports.preconditions`` blocks them when it breaks); the session, numbers exact."""
    expect.status(response, 200, clause)
    expect.json_object(response, clause)
    return expect.exact_json(response)


def create(
    client: YunoClient, target: Target, clause: str = "CREATE-200", **overrides: Any
) -> tuple[httpx.Response, dict[str, Any]]:
    """Create a session from ``session_body(target, **overrides)`` that must succeed
    (``created_session``); the response and the session."""
    response = client.create_session(session_body(target, **overrides))
    return response, created_session(response, clause)


def session_id(response: httpx.Response, session: dict[str, Any]) -> str:
    """The created session's checkout_session, a string (CREATE-SESSION-ID)."""
    value = session.get("checkout_session")
    expect.that(
        isinstance(value, str),
        "CREATE-SESSION-ID",
        "a checkout_session string in the create response",
        session,
        response,
    )
    return value


def new_session(client: YunoClient, target: Target, **overrides: Any) -> dict[str, Any]:
    """A precondition: a session to act on, created from ``session_body(target, **overrides)``
    (``create``) with its checkout_session (``session_id``); the create response."""
    response, session = create(client, target, **overrides)
    session_id(response, session)
    return session


# -- paying for it -----------------------------------------------------------------------------
def request_token(client: YunoClient, target: Target, session: dict[str, Any]) -> httpx.Response:
    """POST the template's one-time token request for ``session``; the answer, not judged."""
    return client.create_token(session["checkout_session"], token_body(target, session))


def one_time_token(response: httpx.Response) -> str:
    """A token request answered 201 with a token string (PAYMENT-SESSION-TOKEN); the token."""
    expect.status(response, 201, "PAYMENT-SESSION-TOKEN")
    answer = expect.json_object(response, "PAYMENT-SESSION-TOKEN")
    token = answer.get("token")
    expect.that(
        isinstance(token, str) and bool(token),
        "PAYMENT-SESSION-TOKEN",
        "a token string",
        answer,
        response,
    )
    return token


def payment_for(
    client: YunoClient,
    target: Target,
    session: dict[str, Any],
    *,
    on_token_answer: Callable[[httpx.Response], None] | None = None,
) -> dict[str, Any]:
    """The template's payment body for ``session``. Where it pays with a one-time token
    (SDK_CHECKOUT), the token is requested first (``request_token``, judged by
    ``one_time_token``); ``on_token_answer`` sees that answer before it is judged (the used
    suite skips on a provider's refusal)."""
    if not pays_with_token():
        return payment_body(target, session)
    answer = request_token(client, target, session)
    if on_token_answer is not None:
        on_token_answer(answer)
    return payment_body(target, session, one_time_token(answer))


def pay(
    client: YunoClient,
    target: Target,
    session: dict[str, Any],
    *,
    key: str,
    body: dict[str, Any] | None = None,
    on_token_answer: Callable[[httpx.Response], None] | None = None,
) -> httpx.Response:
    """POST /v1/payments under the X-Idempotency-Key ``key`` with ``body``, by default
    ``payment_for(session)``; the answer, not judged."""
    if body is None:
        body = payment_for(client, target, session, on_token_answer=on_token_answer)
    return client.create_payment(body, idempotency_key=key)
