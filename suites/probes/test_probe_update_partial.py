"""Probe UPDATE-PARTIAL: a one-field PATCH is applied (partial) or needs the four fields."""

from __future__ import annotations

import pytest
from probe_support import conclude, is_refusal, outcome

from yuno_contracts.harness import expect
from yuno_contracts.harness.bodies import session_body, update_body
from yuno_contracts.harness.client import YunoClient
from yuno_contracts.harness.target import Target

NEW_DESCRIPTION = "changed by the partial-update probe"
KEPT = ("checkout_session", "merchant_order_id", "country", "amount", "created_at", "workflow")


@pytest.mark.clause("UPDATE-PARTIAL", "UPDATE-REQUIRED-FOUR")
def test_probe_update_partial(
    request: pytest.FixtureRequest, client: YunoClient, target: Target
) -> None:
    """PATCH payment_description alone; if refused, the same change with the four fields."""
    created_response = client.create_session(session_body(target))
    expect.status(created_response, 200, clause="CREATE-200")
    created = expect.json_object(created_response, clause="CREATE-200")
    session_id = created["checkout_session"]
    alone = client.update_session(session_id, {"payment_description": NEW_DESCRIPTION})
    observed = f"PATCH of payment_description alone → {outcome(alone)}"
    reading = None
    if alone.status_code == 200:
        updated = expect.body(alone)
        updated = updated if isinstance(updated, dict) else {}
        changed = [key for key in KEPT if updated.get(key) != created.get(key)]
        if updated.get("payment_description") != NEW_DESCRIPTION:
            observed += f", payment_description {updated.get('payment_description')!r}"
        elif changed:
            observed += f", fields not sent changed: {', '.join(changed)}"
        else:
            reading = "partial"
    elif is_refusal(alone):
        four = client.update_session(
            session_id, update_body(target, created, payment_description=NEW_DESCRIPTION)
        )
        observed += f"; with the four required fields → {outcome(four)}"
        if four.status_code == 200:
            reading = "required-four"
    conclude(request, "UPDATE-PARTIAL", reading, observed, alone)
