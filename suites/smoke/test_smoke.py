"""Smoke: the three behaviours every target must show before the long suites are worth running."""

from __future__ import annotations

import pytest

from yuno_contracts import Target, YunoClient, bodies, error_codes, expect, patching, steps


class TestCreateReturns200:
    """POST /v1/checkout/sessions returns HTTP 200, not 201. (checkout-session-guide.txt)"""

    @pytest.mark.clause("CREATE-200", "CREATE-SESSION-ID")
    def test_create_returns_200_with_a_checkout_session(
        self, client: YunoClient, target: Target
    ) -> None:
        """A valid create is answered 200 with a checkout_session of 36 to 64 characters (a UUID
        in every example; SESSION-ID-FORMAT)."""
        response = client.create_session(bodies.session_body(target))
        expect.status(response, 200, clause="CREATE-200")
        session = expect.json_object(response, clause="CREATE-200")
        expect.that(
            "checkout_session" in session,
            "CREATE-SESSION-ID",
            "a 'checkout_session' key",
            f"keys {sorted(session)}",
            response,
        )
        value = session["checkout_session"]
        expect.that(
            isinstance(value, str) and 36 <= len(value) <= 64,
            "CREATE-SESSION-ID",
            "a string of 36 to 64 characters",
            repr(value),
            response,
        )


class TestPartialUpdate:
    """Update an existing checkout session with this endpoint. Only fields you send will be
    updated. (update-checkout-session.txt)"""

    @pytest.mark.clause("UPDATE-PARTIAL")
    def test_patch_changes_one_field_and_keeps_the_rest(
        self, client: YunoClient, target: Target
    ) -> None:
        """A PATCH of payment_description changes it and keeps amount, country and the id."""
        created = steps.new_session(client, target)
        # the four fields the update page marks required with it, or alone (UPDATE-PARTIAL closed)
        sent = patching.patch_session(
            client, target, created, payment_description="changed by PATCH"
        )
        response = sent.response
        expect.status(response, 200, clause="UPDATE-200")
        updated = expect.json_object(response, clause="UPDATE-200")
        expect.that(
            updated.get("payment_description") == "changed by PATCH",
            "UPDATE-PARTIAL",
            "payment_description 'changed by PATCH'",
            repr(updated.get("payment_description")),
            response,
        )
        for key in ("checkout_session", "merchant_order_id", "country", "amount", "created_at"):
            expect.that(
                updated.get(key) == created.get(key),
                "UPDATE-PARTIAL",
                f"{key} kept as {created.get(key)!r}",
                repr(updated.get(key)),
                response,
            )


class TestMissingCredentials:
    """401 INVALID_CREDENTIALS: Invalid credentials. (create-checkout-session.openapi.md)"""

    @pytest.mark.clause("ERROR-401-INVALID-CREDENTIALS")
    def test_create_without_credentials_is_401(self, client: YunoClient, target: Target) -> None:
        """A create without the two security headers is refused with 401 INVALID_CREDENTIALS."""
        response = client.create_session(bodies.session_body(target), auth="none")
        expect.status(response, 401)
        code = error_codes.error_code_of(response)
        expect.that(code == "INVALID_CREDENTIALS", None, "code INVALID_CREDENTIALS", repr(code))
