"""Update: a field sent in a PATCH is held to the create rules (UPDATE-VALIDATES).

Each case sends the four required fields with their current values plus one field set to a
value the create page allows or forbids: lengths on both sides of each boundary, an enumeration,
a currency, the 0.0001 step and a type. A refused PATCH must leave the session as it was.
Only values on which every documented reading agrees are sent (WORKFLOW-VALUES,
MULTIPLE-OF-READING). A field other than amount and payment_description is not updated at all
under UPDATE-PARTIAL amount-description, so its invalid value may also be answered 200 and
ignored; it must never be stored.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from update_support import KEPT, assert_kept, base_session, update_text

from yuno_contracts.harness import expect
from yuno_contracts.harness.bodies import UPDATED_UNDER_EVERY_READING, update_body
from yuno_contracts.harness.client import YunoClient
from yuno_contracts.harness.expect import session_answer
from yuno_contracts.harness.target import Target

URL_PREFIX = "https://www.example.com/"


def url_of(length: int) -> str:
    """A deterministic callback URL of exactly ``length`` characters."""
    return URL_PREFIX + update_text(length - len(URL_PREFIX))


REFUSED = [
    pytest.param("merchant_order_id", update_text(2), id="merchant_order_id-2-chars-refused"),
    pytest.param("merchant_order_id", update_text(256), id="merchant_order_id-256-chars-refused"),
    pytest.param("payment_description", update_text(2), id="payment_description-2-chars-refused"),
    pytest.param(
        "payment_description", update_text(256), id="payment_description-256-chars-refused"
    ),
    pytest.param("callback_url", url_of(527), id="callback_url-527-chars-refused"),
    pytest.param("country", "ZZ", id="country-ZZ-refused"),
    pytest.param("workflow", "NOT_A_WORKFLOW", id="workflow-NOT_A_WORKFLOW-refused"),
    pytest.param(
        "amount", {"currency": "ZZZ", "value": Decimal("100")}, id="amount-currency-ZZZ-refused"
    ),
    pytest.param(
        "amount",
        {"currency": "USD", "value": Decimal("100.00005")},
        id="amount-value-100.00005-refused",
    ),
    pytest.param("merchant_order_id", 12345, id="merchant_order_id-number-refused"),
]

ACCEPTED = [
    pytest.param("merchant_order_id", update_text(3), id="merchant_order_id-3-chars-accepted"),
    pytest.param("merchant_order_id", update_text(255), id="merchant_order_id-255-chars-accepted"),
    pytest.param("payment_description", update_text(3), id="payment_description-3-chars-accepted"),
    pytest.param(
        "payment_description", update_text(255), id="payment_description-255-chars-accepted"
    ),
    pytest.param("callback_url", url_of(526), id="callback_url-526-chars-accepted"),
    pytest.param(
        "amount",
        {"currency": "USD", "value": Decimal("100.0001")},
        id="amount-value-100.0001-accepted",
    ),
]


class TestUpdateValidatesSentFields:
    """merchant_order_id: The unique identifier of the customer's order (MAX 255; MIN 3); the
    other fields as on create. (update-checkout-session.txt)"""

    @pytest.mark.parametrize(("name", "value"), REFUSED)
    @pytest.mark.clause("UPDATE-VALIDATES")
    def test_invalid_value_is_refused_and_changes_nothing(
        self, client: YunoClient, target: Target, name: str, value: Any
    ) -> None:
        """Refused with the documented 400 (or, for a field amount-description does not update,
        ignored with 200); a GET afterwards shows the session as created."""
        created = base_session(client, target)
        session_id = created["checkout_session"]
        response = client.update_session(session_id, update_body(target, created, **{name: value}))
        if response.status_code == 200 and name not in UPDATED_UNDER_EVERY_READING:
            patched = session_answer(response)  # amount-description: the field is not updated
            assert_kept(patched, created, KEPT, response=response, where="PATCH answer (ignored)")
            where = "GET after the PATCH that ignored it"
        else:
            expect.rejected(response, fields=[name])
            where = "GET after the refused PATCH"
        got = client.retrieve_session(session_id)
        stored = session_answer(got, "RETRIEVE-SESSION")
        assert_kept(stored, created, KEPT, response=got, where=where)

    @pytest.mark.parametrize(("name", "value"), ACCEPTED)
    @pytest.mark.clause("UPDATE-VALIDATES")
    def test_valid_boundary_value_is_accepted(
        self, client: YunoClient, target: Target, name: str, value: Any
    ) -> None:
        """A value at the edge of what the create page allows is answered 200."""
        created = base_session(client, target)
        response = client.update_session(
            created["checkout_session"], update_body(target, created, **{name: value})
        )
        session_answer(response)
