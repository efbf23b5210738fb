"""Payments: a payment references its session, one per session, keyed for idempotency, and a
one-time token can be created for a session (PAYMENT-REFERENCES-SESSION,
PAYMENT-ONE-PER-SESSION, PAYMENT-IDEMPOTENCY, PAYMENT-SESSION-TOKEN).

A second payment on a paid session is tried twice: with a new one-time token (a target may
refuse it at the token request) and with the first payment's spent token (which reaches the
payments endpoint, whose own one-per-session rule would otherwise never be exercised).

Each payment is ``contracts/payment-template.json`` filled from the session. By default it takes
Yuno's SDK_CHECKOUT path: a one-time token for the session first (the template's "token" body),
then the payment with ``payment_method.token``; a template whose payment has no
``{{one_time_token}}`` pays by the DIRECT path (raw card data) and creates no token. Each payment
carries its own X-Idempotency-Key (derived from the test id, the session and a label), except
where the test repeats a key on purpose.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from used_support import pay, payment_key, payment_request

from yuno_contracts import Target, YunoClient, bodies, expect, steps


class TestPaymentReferencesSession:
    """A payment references a session: POST /v1/payments with "checkout": {"session": "<id>"}
    and an X-Idempotency-Key header; success is 201. (page:create-payment)"""

    @pytest.mark.clause("PAYMENT-REFERENCES-SESSION")
    def test_payment_for_an_unused_session_is_answered_201(
        self, request: pytest.FixtureRequest, client: YunoClient, target: Target
    ) -> None:
        """The template's payment for a fresh session is answered 201 with a JSON object."""
        created = steps.new_session(client, target)
        response = pay(client, target, created, key=payment_key(request, created, "first"))
        expect.status(response, 201)
        expect.json_object(response)


def second_payment(
    client: YunoClient, target: Target, session: dict[str, Any], key: str
) -> httpx.Response:
    """A second payment attempt on a paid session: where the template pays with a one-time token,
    a new token first (the first one is spent). A refused token request is the session refusing
    the attempt; otherwise the payment's answer."""
    if not bodies.pays_with_token():
        return pay(client, target, session, key=key)
    minted = steps.request_token(client, target, session)
    if 400 <= minted.status_code < 500:
        return minted
    body = bodies.payment_body(target, session, steps.one_time_token(minted))
    return pay(client, target, session, key=key, body=body)


def refused(second: httpx.Response, what: str) -> None:
    """The second attempt on a paid session is refused with a 4xx (PAYMENT-ONE-PER-SESSION).

    Which refusal is not asserted: the session's (400 INVALID_STATUS, "Only one payment is
    supported per each checkout session") and the one-time token's (401 INVALID_TOKEN or
    TOKEN_IN_USE, a token "cannot be reused") are both documented; an acceptance is under
    neither."""
    expect.that(
        400 <= second.status_code < 500,
        "PAYMENT-ONE-PER-SESSION",
        f"{what} refused with a 4xx",
        f"{second.status_code} {second.text[:120]}",
        second,
    )


class TestOnePaymentPerSession:
    """Only one payment is supported per each checkout session. (page:session-object;
    checkout-session-guide.txt, Cardinality: one per checkout session)"""

    @pytest.mark.clause("PAYMENT-ONE-PER-SESSION", "PAYMENT-IDEMPOTENCY")
    def test_second_payment_with_a_new_key_is_refused(
        self, request: pytest.FixtureRequest, client: YunoClient, target: Target
    ) -> None:
        """A second payment for the same session, under a fresh key (and with a new one-time
        token where the template pays with one), is refused with a 4xx: the token request or
        the payment (which of the two refuses is not documented)."""
        created = steps.new_session(client, target)
        first = pay(client, target, created, key=payment_key(request, created, "first"))
        expect.status(first, 201, "PAYMENT-REFERENCES-SESSION")
        second = second_payment(client, target, created, payment_key(request, created, "second"))
        refused(second, "the second payment of a session (or its token request)")

    @pytest.mark.clause("PAYMENT-ONE-PER-SESSION", "PAYMENT-IDEMPOTENCY")
    def test_second_payment_with_the_first_payments_token_is_refused(
        self, request: pytest.FixtureRequest, client: YunoClient, target: Target
    ) -> None:
        """The first payment's body sent again under a fresh key: where the template pays with a
        one-time token, that token (spent by the first payment) again, so the attempt reaches
        POST /v1/payments itself even where the token endpoint refuses a paid session a new
        token. Refused with a 4xx, for the spent token or for the used session (both
        documented, which one is not asserted)."""
        created = steps.new_session(client, target)
        body = payment_request(client, target, created)
        first = pay(client, target, created, key=payment_key(request, created, "first"), body=body)
        expect.status(first, 201, "PAYMENT-REFERENCES-SESSION")
        again = payment_key(request, created, "second-same-body")
        second = pay(client, target, created, key=again, body=body)
        refused(second, "the second payment of a session (the first payment's token again)")


class TestIdempotencyKey:
    """POST /v1/payments with an X-Idempotency-Key header: a key per payment attempt, so that a
    retry does not duplicate it. (page:create-payment)"""

    @pytest.mark.clause("PAYMENT-IDEMPOTENCY", "PAYMENT-ONE-PER-SESSION")
    def test_repeated_key_returns_the_same_payment(
        self, request: pytest.FixtureRequest, client: YunoClient, target: Target
    ) -> None:
        """The same payment sent again under the same key (the same body, its one-time token
        included: a retry) answers 2xx with the same payment, not a refusal for a second payment
        of the session."""
        created = steps.new_session(client, target)
        key = payment_key(request, created, "first")
        body = payment_request(client, target, created)
        first = pay(client, target, created, key=key, body=body)
        expect.status(first, 201, "PAYMENT-REFERENCES-SESSION")
        original = expect.exact_json(first)
        again = pay(client, target, created, key=key, body=body)
        expect.status(again, (200, 201), "PAYMENT-IDEMPOTENCY")
        repeated = expect.json_object(again, "PAYMENT-IDEMPOTENCY")
        if isinstance(original, dict) and "id" in original:
            expect.equal(
                repeated.get("id"), original["id"], "PAYMENT-IDEMPOTENCY", "payment id", again
            )
        else:
            expect.equal(
                expect.exact_json(again), original, "PAYMENT-IDEMPOTENCY", "payment", again
            )


class TestSessionToken:
    """A one-time token can be created with POST /v1/checkout/sessions/{id}/token (201).
    (page:token-sdk-checkout)"""

    @pytest.mark.clause("PAYMENT-SESSION-TOKEN")
    def test_token_for_an_existing_session_is_answered_201(
        self, client: YunoClient, target: Target
    ) -> None:
        """The template's card token request for a fresh session: 201 with a token string."""
        created = steps.new_session(client, target)
        steps.one_time_token(steps.request_token(client, target, created))
