"""Update: what a valid PATCH answers (UPDATE-200, UPDATE-ECHO, UPDATE-ID-STABLE,
UPDATE-CREATED-AT-STABLE).

Every PATCH sends the four fields the update page marks required, with their current values,
plus the field under test, so it is valid under every UPDATE-PARTIAL reading but ``closed``; a
target that refuses that form is sent the field alone (``update_support.patch``), and one that
refuses every field but amount and payment_description is held to a refusal that changes nothing.
A sent field other than amount and payment_description may come back unchanged (reading
amount-description), in the answer and in a GET alike.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from update_support import assert_sent_or_ignored, base_session, patch, retrieved_id

from yuno_contracts import Target, YunoClient, expect, patching

METADATA_ARRAY = [{"key": "order", "value": "42"}]
METADATA_OBJECT = {"order": "42"}


class TestUpdateAnswers200:
    """Response 200: the session object, the create response's keys plus used.
    (update-checkout-session.txt)"""

    @pytest.mark.clause("UPDATE-200")
    def test_valid_patch_is_answered_200_with_the_session(
        self, client: YunoClient, target: Target
    ) -> None:
        """A PATCH of payment_description answers 200 with every create key plus used."""
        created = base_session(client, target)
        sent = patching.patch_session(
            client, target, created, payment_description="changed by PATCH"
        )
        response = sent.response
        patched = expect.session_answer(response)
        missing = sorted((set(created) | {"used"}) - set(patched))
        expect.that(
            not missing,
            "UPDATE-200",
            "the create response's keys plus used in the PATCH answer",
            f"missing {', '.join(missing)}",
            response,
        )


ECHO_CASES = [
    pytest.param("payment_description", "changed by PATCH", id="payment_description"),
    pytest.param("merchant_order_id", "yc-order-0002", id="merchant_order_id"),
    pytest.param("country", "EC", id="country"),
    pytest.param("callback_url", "https://www.example.com/updated", id="callback_url"),
    pytest.param("workflow", "SDK_SEAMLESS", id="workflow"),
    pytest.param("amount", {"currency": "USD", "value": Decimal("250")}, id="amount"),
]


class TestUpdateEchoesSentFields:
    """ "country": "BR", "payment_description": "Payment Test", sent and answered alike.
    (update-checkout-session.txt, example)"""

    @pytest.mark.parametrize(("name", "value"), ECHO_CASES)
    @pytest.mark.clause("UPDATE-ECHO")
    def test_sent_field_comes_back_as_sent(
        self, client: YunoClient, target: Target, name: str, value: Any
    ) -> None:
        """The field sent in the PATCH comes back in its answer, and in a GET, as sent (or, for
        a field the amount-description reading does not update, as it was in both)."""
        created = base_session(client, target)
        session_id = created["checkout_session"]
        response = patch(client, target, created, "UPDATE-ECHO", **{name: value})
        if response is None:  # UPDATE-PARTIAL closed: refused, the session as it was (checked)
            return
        patched = expect.session_answer(response)
        got = client.retrieve_session(session_id)
        stored = expect.session_answer(got, "RETRIEVE-SESSION")
        assert_sent_or_ignored(name, value, created, patched, stored, responses=(response, got))

    @pytest.mark.clause("UPDATE-ECHO")
    def test_sent_metadata_comes_back_as_sent(self, client: YunoClient, target: Target) -> None:
        """metadata sent in the array form (or, if the target refuses arrays, in the guide's
        object form: METADATA-SHAPE) comes back as sent (or as created: amount-description)."""
        created = base_session(client, target)
        session_id = created["checkout_session"]
        sent: Any = METADATA_ARRAY
        response = patch(client, target, created, "UPDATE-ECHO", metadata=METADATA_ARRAY)
        if response is None:  # UPDATE-PARTIAL closed: refused, the session as it was (checked)
            return
        if response.status_code == 400:  # the object reading refuses the array form
            as_array = response
            sent = METADATA_OBJECT
            response = patching.patch_session(
                client, target, created, metadata=METADATA_OBJECT
            ).response
            expect.that(
                response.status_code == 200,
                "UPDATE-ECHO",
                "status 200 for metadata sent as an array or, that refused, as an object",
                f"array → {as_array.status_code} {as_array.text[:80]}; object → "
                f"{response.status_code} {response.text[:80]}",
                response,
            )
        patched = expect.session_answer(response)
        got = client.retrieve_session(session_id)
        stored = expect.session_answer(got, "RETRIEVE-SESSION")
        assert_sent_or_ignored(
            "metadata", sent, created, patched, stored, responses=(response, got)
        )


class TestUpdateKeepsIdentity:
    """Update an existing checkout session with this endpoint: the same session, id and
    creation time unchanged. (update-checkout-session.txt)"""

    @pytest.mark.clause("UPDATE-ID-STABLE")
    def test_patch_answer_carries_the_path_id(self, client: YunoClient, target: Target) -> None:
        """The PATCH answer's checkout_session is the id in the path."""
        created = base_session(client, target)
        session_id = created["checkout_session"]
        sent = patching.patch_session(
            client, target, created, payment_description="changed by PATCH"
        )
        response = sent.response
        patched = expect.session_answer(response)
        expect.equal(
            patched.get("checkout_session"), session_id, what="checkout_session", response=response
        )

    @pytest.mark.clause("UPDATE-CREATED-AT-STABLE")
    def test_patch_keeps_created_at(self, client: YunoClient, target: Target) -> None:
        """created_at in the PATCH answer and in a GET afterwards is the create response's."""
        created = base_session(client, target)
        session_id = created["checkout_session"]
        sent = patching.patch_session(
            client, target, created, payment_description="changed by PATCH"
        )
        response = sent.response
        patched = expect.session_answer(response)
        expect.equal(
            patched.get("created_at"),
            created["created_at"],
            what="created_at in the PATCH answer",
            response=response,
        )
        got = client.retrieve_session(session_id)
        stored = expect.session_answer(got, "RETRIEVE-SESSION")
        expect.equal(
            retrieved_id(stored), session_id, "RETRIEVE-SESSION", "the retrieved session id", got
        )
        expect.equal(
            stored.get("created_at"),
            created["created_at"],
            what="created_at in a GET after the PATCH",
            response=got,
        )
