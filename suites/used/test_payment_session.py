"""Payments: a payment references its session, one per session, keyed for idempotency, and a
one-time token can be created for a session (PAYMENT-REFERENCES-SESSION,
PAYMENT-ONE-PER-SESSION, PAYMENT-IDEMPOTENCY, PAYMENT-SESSION-TOKEN).

Each payment is ``contracts/payment-template.json`` filled from the session; each carries its own
X-Idempotency-Key (derived from the test id, the session and a label), except where the test
repeats a key on purpose.
"""

from __future__ import annotations

import pytest
from used_support import pay, payment_key

from yuno_contracts.harness import expect
from yuno_contracts.harness.bodies import token_body
from yuno_contracts.harness.client import YunoClient, session_path
from yuno_contracts.harness.expect import new_session
from yuno_contracts.harness.target import Target


class TestPaymentReferencesSession:
    """A payment references a session: POST /v1/payments with "checkout": {"session": "<id>"}
    and an X-Idempotency-Key header; success is 201. (page:create-payment)"""

    @pytest.mark.clause("PAYMENT-REFERENCES-SESSION")
    def test_payment_for_an_unused_session_is_answered_201(
        self, request: pytest.FixtureRequest, client: YunoClient, target: Target
    ) -> None:
        """The template's payment for a fresh session is answered 201 with a JSON object."""
        created = new_session(client, target)
        response = pay(client, target, created, key=payment_key(request, created, "first"))
        expect.status(response, 201)
        expect.json_object(response)


class TestOnePaymentPerSession:
    """Only one payment is supported per each checkout session. (page:session-object;
    checkout-session-guide.txt, Cardinality: one per checkout session)"""

    @pytest.mark.clause("PAYMENT-ONE-PER-SESSION", "PAYMENT-IDEMPOTENCY")
    def test_second_payment_with_a_new_key_is_refused(
        self, request: pytest.FixtureRequest, client: YunoClient, target: Target
    ) -> None:
        """A second payment for the same session, under a fresh key, is not answered 2xx."""
        created = new_session(client, target)
        first = pay(client, target, created, key=payment_key(request, created, "first"))
        expect.status(first, 201, "PAYMENT-REFERENCES-SESSION")
        second = pay(client, target, created, key=payment_key(request, created, "second"))
        expect.that(
            400 <= second.status_code < 500,
            "PAYMENT-ONE-PER-SESSION",
            "the second payment of a session refused with a 4xx",
            f"{second.status_code} {second.text[:120]}",
            second,
        )


class TestIdempotencyKey:
    """POST /v1/payments with an X-Idempotency-Key header: a key per payment attempt, so that a
    retry does not duplicate it. (page:create-payment)"""

    @pytest.mark.clause("PAYMENT-IDEMPOTENCY", "PAYMENT-ONE-PER-SESSION")
    def test_repeated_key_returns_the_same_payment(
        self, request: pytest.FixtureRequest, client: YunoClient, target: Target
    ) -> None:
        """The same payment sent again under the same key answers 2xx with the same payment,
        not a refusal for a second payment of the session."""
        created = new_session(client, target)
        key = payment_key(request, created, "first")
        first = pay(client, target, created, key=key)
        expect.status(first, 201, "PAYMENT-REFERENCES-SESSION")
        original = expect.exact_json(first)
        again = pay(client, target, created, key=key)
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
        """A card token for a fresh session: 201 with a token string."""
        created = new_session(client, target)
        response = client.request(
            "POST",
            session_path(created["checkout_session"], "/token"),
            json=token_body(target),
        )
        expect.status(response, 201)
        body = expect.json_object(response)
        expect.that(
            isinstance(body.get("token"), str) and bool(body.get("token")),
            "PAYMENT-SESSION-TOKEN",
            "a token string",
            body,
            response,
        )
