"""Update: fields not sent keep their values (UPDATE-PARTIAL, UPDATE-AMOUNT-MERGE,
UPDATE-REQUIRED-FOUR).

The partial-update tests send the four fields the update page marks required with their current
values plus the one field under test (or, to a target that refuses that form, the field alone:
``update_support.patch``), and check every other field in the PATCH answer and in a GET
afterwards (UPDATE-PARTIAL). The required-four tests leave one of the four out: the target may
refuse that with 400 (readings required-four and closed) or apply it as a partial update
(readings partial and amount-description); each test finds out which from the answer and holds
the target to that reading. An amount sent in part is merged (UPDATE-AMOUNT-PARTIAL merge) or refused as a
whole, the session unchanged (reading whole).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from update_support import KEPT, assert_kept, base_session, patch, retrieved_id

from yuno_contracts import Target, YunoClient, bodies, expect

PARTIAL_CASES = [
    pytest.param("payment_description", "changed by PATCH", id="payment_description-sent"),
    pytest.param("merchant_order_id", "yc-order-0002", id="merchant_order_id-sent"),
    pytest.param("country", "EC", id="country-sent"),
    pytest.param("callback_url", "https://www.example.com/updated", id="callback_url-sent"),
    pytest.param("workflow", "SDK_SEAMLESS", id="workflow-sent"),
    pytest.param("amount", {"currency": "USD", "value": Decimal("250")}, id="amount-sent"),
]


NEW_AMOUNT = {"currency": "USD", "value": Decimal("250")}


class TestUnsentFieldsKeepTheirValues:
    """Update an existing checkout session with this endpoint. Only fields you send will be
    updated. (update-checkout-session.txt)"""

    @pytest.mark.parametrize(("name", "value"), PARTIAL_CASES)
    @pytest.mark.clause("UPDATE-PARTIAL")
    def test_fields_not_sent_are_kept(
        self, client: YunoClient, target: Target, name: str, value: Any
    ) -> None:
        """Every field but the one sent reads as created, in the PATCH answer and in a GET."""
        created = base_session(client, target)
        session_id = created["checkout_session"]
        unsent = tuple(key for key in KEPT if key != name)
        response = patch(client, target, created, "UPDATE-PARTIAL", **{name: value})
        if response is None:  # UPDATE-PARTIAL closed: refused, the session as it was (checked)
            return
        patched = expect.session_answer(response)
        assert_kept(patched, created, unsent, response=response, where="PATCH answer")
        got = client.retrieve_session(session_id)
        stored = expect.session_answer(got, "RETRIEVE-SESSION")
        assert_kept(stored, created, unsent, response=got, where="GET after the PATCH")


AMOUNT_CASES = [
    # A new currency is sent with the country that lists it (CURRENCY-COUNTRY's local-only).
    pytest.param(
        {"currency": "BRL"},
        {"currency": "BRL", "value": Decimal("100")},
        "BR",
        id="amount-currency-only-keeps-value",
    ),
    pytest.param(
        {"value": Decimal("250")},
        {"currency": "USD", "value": Decimal("250")},
        None,  # the stored US
        id="amount-value-only-keeps-currency",
    ),
]


class TestAmountIsMerged:
    """ "amount": { "currency": "ARS" } sent, "amount": { "currency": "ARS", "value": 100 }
    answered. (update-checkout-session.txt, example)"""

    @pytest.mark.parametrize(("sent", "expected", "country"), AMOUNT_CASES)
    @pytest.mark.clause("UPDATE-AMOUNT-MERGE")
    def test_amount_sent_in_part_is_merged(
        self,
        client: YunoClient,
        target: Target,
        sent: dict[str, Any],
        expected: dict[str, Any],
        country: str | None,
    ) -> None:
        """The amount key sent changes, the one not sent keeps its stored value (PATCH, GET); or
        the partial amount is refused with 400 and the session keeps its amount (reading whole)."""
        created = base_session(client, target)
        session_id = created["checkout_session"]
        changes: dict[str, Any] = (
            {"amount": sent} if country is None else {"amount": sent, "country": country}
        )
        response = patch(client, target, created, "UPDATE-AMOUNT-MERGE", **changes)
        if response is None:  # UPDATE-PARTIAL closed: refused, the session as it was (checked)
            return
        if response.status_code != 200:  # UPDATE-AMOUNT-PARTIAL whole: amount needs both keys
            expect.rejected(response)
            got = client.retrieve_session(session_id)
            stored = expect.session_answer(got, "RETRIEVE-SESSION")
            assert_kept(stored, created, KEPT, response=got, where="GET after the refused PATCH")
            return
        patched = expect.session_answer(response)
        expect.equal(
            patched.get("amount"), expected, what="amount in the PATCH answer", response=response
        )
        got = client.retrieve_session(session_id)
        stored = expect.session_answer(got, "RETRIEVE-SESSION")
        expect.equal(
            stored.get("amount"), expected, what="amount in a GET after the PATCH", response=got
        )


class TestRequiredFour:
    """merchant_order_id, payment_description, country, account_id: required, yet "Only
    fields you send will be updated". (update-checkout-session.txt, UPDATE-PARTIAL)"""

    @pytest.mark.parametrize(
        "left_out",
        [pytest.param(name, id=f"{name}-left-out") for name in bodies.REQUIRED_ON_UPDATE],
    )
    @pytest.mark.clause("UPDATE-REQUIRED-FOUR", "UPDATE-PARTIAL")
    def test_patch_without_one_of_the_four(
        self, client: YunoClient, target: Target, left_out: str
    ) -> None:
        """Refused with 400 and nothing changes, or applied with the field left out kept."""
        created = base_session(client, target)
        session_id = created["checkout_session"]
        # amount: a field every UPDATE-PARTIAL reading updates, sent whole (UPDATE-AMOUNT-PARTIAL)
        body = bodies.update_body(target, created, amount=NEW_AMOUNT)
        del body[left_out]
        response = client.update_session(session_id, body)
        if response.status_code == 200:  # readings partial, amount-description: applied
            patched = expect.session_answer(response, "UPDATE-REQUIRED-FOUR")
            expect.equal(
                patched.get("amount"),
                NEW_AMOUNT,
                "UPDATE-REQUIRED-FOUR",
                "amount",
                response,
            )
            unsent = tuple(key for key in KEPT if key != "amount")
            assert_kept(
                patched,
                created,
                unsent,
                clause="UPDATE-PARTIAL",
                response=response,
                where=f"PATCH answer without {left_out}",
            )
            return
        # readings required-four, closed: refused with the documented 400, the session as it was
        expect.rejected(response, "UPDATE-REQUIRED-FOUR")
        got = client.retrieve_session(session_id)
        stored = expect.session_answer(got, "RETRIEVE-SESSION")
        expect.equal(retrieved_id(stored), session_id, "RETRIEVE-SESSION", "the session id", got)
        expect.equal(
            stored.get("amount"),
            created.get("amount"),
            "UPDATE-REQUIRED-FOUR",
            "amount unchanged after the refused PATCH",
            got,
        )
