"""The update suite's shared parts: a known session to start from, and readers of what came back.

    created = base_session(client, target)                # POST, 200, numbers exact
    patched = expect.session_answer(client.update_session(...), "UPDATE-200")
    assert_kept(patched, created, KEPT, clause="UPDATE-PARTIAL", response=...)

Every session starts from ``base_session``: ``steps.new_session`` with callback_url and workflow
sent explicitly besides the four required fields and amount, so that a field a PATCH did not send
has a known, non-null value to keep.
Numbers are read as ``Decimal`` so that 100, 100.0 and Decimal("100") compare equal whichever
AMOUNT-VALUE-TYPE reading the target follows.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from yuno_contracts import Target, YunoClient, bodies, expect, patching, steps

__all__ = [
    "CALLBACK_URL",
    "KEPT",
    "UNKNOWN_SESSION_ID",
    "assert_kept",
    "assert_sent_or_ignored",
    "base_session",
    "field_matches",
    "patch",
    "retrieved_id",
    "same_url",
    "update_text",
]

CALLBACK_URL = "https://www.example.com/callback"
UNKNOWN_SESSION_ID = "00000000-0000-4000-8000-0000000000ff"
"""A well-formed UUID no session is given (ids are random v4 UUIDs); fixed so replay matches."""
KEPT = (
    "merchant_order_id",
    "payment_description",
    "country",
    "callback_url",
    "amount",
    "workflow",
    "installments",
    "customer_id",
    "metadata",
)
"""The session fields a PATCH must leave alone when it does not send them (UPDATE-PARTIAL)."""
FILLER = "yuno-contracts-update-"


def update_text(length: int) -> str:
    """A deterministic string of exactly ``length`` characters, this suite's own."""
    return bodies.text_of(length, FILLER)


def base_session(client: YunoClient, target: Target) -> dict[str, Any]:
    """The suite's base session (``steps.new_session``): the create response, numbers exact."""
    return steps.new_session(client, target, callback_url=CALLBACK_URL, workflow="SDK_CHECKOUT")


def patch(
    client: YunoClient, target: Target, created: dict[str, Any], clause: str, **changes: Any
) -> httpx.Response | None:
    """PATCH ``changes`` in the form the target takes (``harness.patching``): the response, or
    None when the target reads the update body as closed and the change names a field that form
    cannot carry. Then the refusal is held here to what reading closed allows: the documented
    400 (``clause``), and a GET showing the session as it was created."""
    sent = patching.patch_session(client, target, created, **changes)
    if not sent.refused_as_closed:
        return sent.response
    expect.rejected(sent.response, clause)
    got = client.retrieve_session(created["checkout_session"])
    stored = expect.session_answer(got, "RETRIEVE-SESSION")
    where = f"GET after a PATCH of {', '.join(changes)} refused (UPDATE-PARTIAL closed)"
    assert_kept(stored, created, KEPT, clause=clause, response=got, where=where)
    return None


def same_url(observed: Any, sent: str, session_id: str) -> bool:
    """``observed`` is the URL sent, or that URL with ``checkoutSession=<id>`` added (both
    CALLBACK-URL readings)."""
    return observed == sent or expect.is_url_plus_session(sent, observed, session_id)


def field_matches(name: str, observed: Any, expected: Any, session_id: str) -> bool:
    """Whether a session field reads as ``expected`` (callback_url by either reading)."""
    if name == "callback_url" and isinstance(expected, str):
        return same_url(observed, expected, session_id)
    return observed == expected


def assert_kept(
    observed: dict[str, Any],
    created: dict[str, Any],
    fields: tuple[str, ...],
    *,
    clause: str | None = None,
    response: httpx.Response,
    where: str,
) -> None:
    """Every field in ``fields`` reads as in the create response (callback_url as sent)."""
    session_id = created["checkout_session"]
    for name in fields:
        expected = CALLBACK_URL if name == "callback_url" else created.get(name)
        expect.that(
            field_matches(name, observed.get(name), expected, session_id),
            clause,
            f"{name} kept as {json.dumps(expected, default=str)} in the {where}",
            observed.get(name),
            response,
        )


def assert_sent_or_ignored(
    name: str,
    sent: Any,
    created: dict[str, Any],
    patched: dict[str, Any],
    stored: dict[str, Any],
    *,
    clause: str | None = None,
    responses: tuple[httpx.Response, httpx.Response],
) -> None:
    """The field ``name`` sent in a 200 PATCH reads as sent in the answer and in the GET after it.

    amount and payment_description must (every UPDATE-PARTIAL reading updates them); any other
    field may instead read as created in both (reading amount-description, whose update body has
    only those two, may ignore it), but the answer and the GET must tell the same story.
    """
    session_id = created["checkout_session"]
    before = CALLBACK_URL if name == "callback_url" else created.get(name)
    answer, got = responses
    applied = field_matches(name, patched.get(name), sent, session_id)
    ignored = name not in bodies.UPDATED_UNDER_EVERY_READING and field_matches(
        name, patched.get(name), before, session_id
    )
    expected = f"{name} = {json.dumps(sent, default=str)} as sent"
    if name not in bodies.UPDATED_UNDER_EVERY_READING:
        expected += (
            f" (or kept as {json.dumps(before, default=str)}: UPDATE-PARTIAL amount-description)"
        )
    expect.that(
        applied or ignored, clause, f"{expected} in the PATCH answer", patched.get(name), answer
    )
    now = sent if applied else before
    expect.that(
        field_matches(name, stored.get(name), now, session_id),
        clause,
        f"{name} = {json.dumps(now, default=str)} in a GET after the PATCH, as its answer said",
        stored.get(name),
        got,
    )


def retrieved_id(session: dict[str, Any]) -> Any:
    """The session id of a GET answer: its page names it ``id``; ``checkout_session`` also
    accepted (the contract's 200 schema takes either name)."""
    return session.get("id", session.get("checkout_session"))
