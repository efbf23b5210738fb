"""Used: a session whose payment reached a terminal status can no longer be updated
(UPDATE-USED-SESSION).

The refusal's status is not documented: the public catalogue has 400 INVALID_STATUS, an older
spec listed 409 (USED-UPDATE). Any 4xx with the documented error body refuses the update; which
code the target uses is the probe's to record. The session must be left as it was.
"""

from __future__ import annotations

import pytest
from used_support import paid_terminal, pay, payment_key

from yuno_contracts import Target, YunoClient, expect, patching, steps

NEW_DESCRIPTION = "changed after the payment"


class TestUsedSessionIsNotUpdated:
    """Yuno marks the session as completed once the payment reaches a terminal status; an
    older spec answered 409 (checkout-session-guide.txt, decisions.md)."""

    @pytest.mark.clause("UPDATE-USED-SESSION")
    def test_patch_after_payment_is_refused_and_changes_nothing(
        self, request: pytest.FixtureRequest, client: YunoClient, target: Target
    ) -> None:
        """A valid PATCH after the payment: a 4xx error body; GET still shows the old values."""
        created = steps.new_session(client, target)
        session_id = created["checkout_session"]
        # the PATCH form this target takes, asked while the session is new (UPDATE-PARTIAL)
        form = patching.taken_update_form(client, target, created)
        paid_terminal(pay(client, target, created, key=payment_key(request, created, "first")))
        body = patching.body_in_form(form, target, created, payment_description=NEW_DESCRIPTION)
        response = client.update_session(session_id, body)
        expect.that(
            400 <= response.status_code < 500,
            "UPDATE-USED-SESSION",
            "the PATCH of a used session refused with a 4xx (400 or 409 documented)",
            f"{response.status_code} {response.text[:120]}",
            response,
        )
        expect.error(response, response.status_code)
        got = client.retrieve_session(session_id)
        stored = expect.session_answer(got, "RETRIEVE-SESSION")
        expect.equal(
            stored.get("payment_description"),
            created.get("payment_description"),
            what="payment_description unchanged after the refused PATCH",
            response=got,
        )
