"""Smoke: the three behaviours every target must show before the long suites are worth running."""

from __future__ import annotations

import pytest

from yuno_contracts.harness import expect
from yuno_contracts.harness.bodies import session_body
from yuno_contracts.harness.client import YunoClient
from yuno_contracts.harness.patching import patch_session
from yuno_contracts.harness.target import Target


class TestCreateReturns200:
    """POST /v1/checkout/sessions returns HTTP 200, not 201. (checkout-session-guide.txt)"""

    @pytest.mark.clause("CREATE-200", "CREATE-SESSION-ID")
    def test_create_returns_200_with_a_checkout_session(
        self, client: YunoClient, target: Target
    ) -> None:
        """A valid create is answered 200 with a checkout_session of 36 to 64 characters (a UUID
        in every example; SESSION-ID-FORMAT)."""
        response = client.create_session(session_body(target))
        assert response.status_code == 200, (
            f"CREATE-200: expected status 200, observed {response.status_code}: {response.text[:200]}"
        )
        session = response.json()
        assert "checkout_session" in session, (
            f"CREATE-SESSION-ID: expected a 'checkout_session' key, observed keys {sorted(session)}"
        )
        value = session["checkout_session"]
        assert isinstance(value, str) and 36 <= len(value) <= 64, (
            f"CREATE-SESSION-ID: expected a string of 36 to 64 characters, observed {value!r}"
        )


class TestPartialUpdate:
    """Update an existing checkout session with this endpoint. Only fields you send will be
    updated. (update-checkout-session.txt)"""

    @pytest.mark.clause("UPDATE-PARTIAL")
    def test_patch_changes_one_field_and_keeps_the_rest(
        self, client: YunoClient, target: Target
    ) -> None:
        """A PATCH of payment_description changes it and keeps amount, country and the id."""
        created = client.create_session(session_body(target)).json()
        # the four fields the update page marks required with it, or alone (UPDATE-PARTIAL closed)
        sent = patch_session(client, target, created, payment_description="changed by PATCH")
        response = sent.response
        assert response.status_code == 200, (
            f"UPDATE-200: expected status 200, observed {response.status_code}: {response.text[:200]}"
        )
        updated = response.json()
        assert updated["payment_description"] == "changed by PATCH", (
            "UPDATE-PARTIAL: expected payment_description 'changed by PATCH', "
            f"observed {updated.get('payment_description')!r}"
        )
        for key in ("checkout_session", "merchant_order_id", "country", "amount", "created_at"):
            assert updated.get(key) == created.get(key), (
                f"UPDATE-PARTIAL: expected {key} kept as {created.get(key)!r}, observed {updated.get(key)!r}"
            )


class TestMissingCredentials:
    """401 INVALID_CREDENTIALS: Invalid credentials. (create-checkout-session.openapi.md)"""

    @pytest.mark.clause("ERROR-401-INVALID-CREDENTIALS")
    def test_create_without_credentials_is_401(self, client: YunoClient, target: Target) -> None:
        """A create without the two security headers is refused with 401 INVALID_CREDENTIALS."""
        response = client.create_session(session_body(target), auth="none")
        assert response.status_code == 401, (
            f"ERROR-401-INVALID-CREDENTIALS: expected status 401, observed {response.status_code}"
        )
        code = expect.error_code(response.json())
        assert code == "INVALID_CREDENTIALS", (
            f"ERROR-401-INVALID-CREDENTIALS: expected code INVALID_CREDENTIALS, observed {code!r}"
        )
