"""Update and retrieve: finding a session by its id (RETRIEVE-SESSION, UPDATE-UNKNOWN-SESSION,
RETRIEVE-UNKNOWN-SESSION).

An unknown id is answered 400 CHECKOUT_SESSION_NOT_FOUND (the public error catalogue) or 404
with an error body (an older published spec): both readings of UNKNOWN-SESSION are accepted
here; which one the target follows is the probe's to record.
"""

from __future__ import annotations

import httpx
import pytest
from update_support import UNKNOWN_SESSION_ID, base_session, retrieved_id

from yuno_contracts import Target, YunoClient, expect, patching

NOT_FOUND_CODES = ("CHECKOUT_SESSION_NOT_FOUND", "NOT_FOUND")


def assert_not_found(response: httpx.Response, clause: str | None = None) -> None:
    """400 CHECKOUT_SESSION_NOT_FOUND or NOT_FOUND, or 404 with an error body (UNKNOWN-SESSION
    readings)."""
    expect.status(response, (400, 404), clause)
    if response.status_code == 400:
        expect.error(response, 400, clause, codes=NOT_FOUND_CODES)
    else:
        expect.error(response, 404, clause)


class TestRetrieveSession:
    """GET /v1/checkout/sessions/{id} retrieves a session (its example names the id id) and
    carries used. (page:retrieve-session)"""

    @pytest.mark.clause("RETRIEVE-SESSION")
    def test_get_answers_the_session_with_its_id_and_used(
        self, client: YunoClient, target: Target
    ) -> None:
        """200 with the session's id, its fields as created and a used flag."""
        created = base_session(client, target)
        session_id = created["checkout_session"]
        response = client.retrieve_session(session_id)
        stored = expect.session_answer(response)
        expect.equal(retrieved_id(stored), session_id, what="id", response=response)
        expect.that("used" in stored, "RETRIEVE-SESSION", "a used key", sorted(stored), response)
        for name in ("merchant_order_id", "payment_description", "country", "amount"):
            expect.equal(stored.get(name), created.get(name), what=name, response=response)


class TestUnknownSession:
    """CHECKOUT_SESSION_NOT_FOUND ("not found or inactive"); an older published spec listed
    404. (page:response-codes)"""

    @pytest.mark.clause("UPDATE-UNKNOWN-SESSION")
    def test_patch_of_unknown_session_is_refused(self, client: YunoClient, target: Target) -> None:
        """A valid PATCH body for an id no session has: 400 (CHECKOUT_SESSION_NOT_FOUND or
        NOT_FOUND) or 404. The body is in the form the target takes (UPDATE-PARTIAL), asked
        first on a session of its own, so no refusal of the form is taken for the lookup's."""
        created = base_session(client, target)
        form = patching.taken_update_form(client, target, created)
        change = {"payment_description": "changed by PATCH"}
        body = patching.body_in_form(form, target, created, **change)
        assert_not_found(client.update_session(UNKNOWN_SESSION_ID, body))

    @pytest.mark.clause("RETRIEVE-UNKNOWN-SESSION")
    def test_get_of_unknown_session_is_refused(self, client: YunoClient, target: Target) -> None:
        """GET of an id no session has: 400 (CHECKOUT_SESSION_NOT_FOUND or NOT_FOUND) or 404."""
        response = client.retrieve_session(UNKNOWN_SESSION_ID)
        assert_not_found(response)
