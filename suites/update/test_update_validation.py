"""Update: a field sent in a PATCH is held to the create rules (UPDATE-VALIDATES).

Each case sends the four required fields with their current values plus one field set to a
value the create page allows or forbids: lengths on both sides of each boundary, an enumeration,
a currency, the 0.0001 step and a type. A refused PATCH must leave the session as it was. A
target that refuses the four-field form (UPDATE-PARTIAL closed) gets each case in its own form:
an amount or payment_description change alone (``harness.patching``), so its refusal is judged
for the value; another field cannot be sent to it in a form it takes, and is refused either way.
The cases are data (contracts/cases/sessions.yaml, UPDATE-VALIDATES), each proven against every
documented reading by tests/catalogue/test_case_verdicts.py. A field other than amount and
payment_description is not updated at all under UPDATE-PARTIAL amount-description (the case says
``unless`` that reading), so its invalid value may also be answered 200 and ignored; it must
never be stored.
"""

from __future__ import annotations

from typing import Any

import pytest
from update_support import KEPT, assert_kept, base_session, patch

from yuno_contracts import BodyCase, Target, YunoClient, cases_of, expect, patching


def update_cases(valid: bool) -> list[Any]:
    """The UPDATE-VALIDATES cases of contracts/cases/sessions.yaml, accepted or refused."""
    return [
        pytest.param(case, id=case.id.removeprefix("patch-"))
        for case in cases_of("UPDATE-VALIDATES")
        if case.valid is valid
    ]


class TestUpdateValidatesSentFields:
    """merchant_order_id: The unique identifier of the customer's order (MAX 255; MIN 3); the
    other fields as on create. (update-checkout-session.txt)"""

    @pytest.mark.parametrize("case", update_cases(valid=False))
    @pytest.mark.clause("UPDATE-VALIDATES")
    def test_invalid_value_is_refused_and_changes_nothing(
        self, client: YunoClient, target: Target, case: BodyCase
    ) -> None:
        """Refused with the documented 400 (or, for a field amount-description does not update,
        ignored with 200); a GET afterwards shows the session as created."""
        created = base_session(client, target)
        session_id = created["checkout_session"]
        changes = case.changes(target.credentials.account_id)
        (name,) = changes
        # in the target's form: to a closed target an amount / payment_description change goes
        # alone, so its refusal is for the value, not for the four fields
        response = patching.patch_session(client, target, created, **changes).response
        if response.status_code == 200 and case.unless:
            # amount-description: the field is not updated
            patched = expect.session_answer(response)
            assert_kept(patched, created, KEPT, response=response, where="PATCH answer (ignored)")
            where = "GET after the PATCH that ignored it"
        else:
            expect.rejected(response, fields=[name])
            where = "GET after the refused PATCH"
        got = client.retrieve_session(session_id)
        stored = expect.session_answer(got, "RETRIEVE-SESSION")
        assert_kept(stored, created, KEPT, response=got, where=where)

    @pytest.mark.parametrize("case", update_cases(valid=True))
    @pytest.mark.clause("UPDATE-VALIDATES")
    def test_valid_boundary_value_is_accepted(
        self, client: YunoClient, target: Target, case: BodyCase
    ) -> None:
        """A value at the edge of what the create page allows is answered 200 (to a target that
        reads the update body as closed: sent alone, or, for a field other than amount and
        payment_description, refused without a change: ``update_support.patch``)."""
        created = base_session(client, target)
        changes = case.changes(target.credentials.account_id)
        response = patch(client, target, created, "UPDATE-VALIDATES", **changes)
        if response is not None:
            expect.session_answer(response)
