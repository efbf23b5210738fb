"""Probe USED-UPDATE: a PATCH of a session whose payment succeeded, refused with 400 or 409."""

from __future__ import annotations

import pytest
from probe_support import conclude, error_code, outcome

from yuno_contracts.harness import expect
from yuno_contracts.harness.bodies import session_body
from yuno_contracts.harness.client import YunoClient
from yuno_contracts.harness.patching import body_in_form, update_form
from yuno_contracts.harness.target import Target


@pytest.mark.clause("UPDATE-USED-SESSION", "PAYMENT-REFERENCES-SESSION")
def test_probe_used_update(
    request: pytest.FixtureRequest, client: YunoClient, target: Target
) -> None:
    """Create, pay with the payment template (its one-time token first, where it pays with one),
    then PATCH: 400 or 409 with an error body."""
    created_response = client.create_session(session_body(target))
    expect.status(created_response, 200, clause="CREATE-200")
    created = expect.json_object(created_response, clause="CREATE-200")
    session_id = created["checkout_session"]
    form = update_form(client, target, created)  # the PATCH form it takes (UPDATE-PARTIAL)
    payment = client.create_payment(
        expect.payment_for(client, target, created),  # its one-time token first, by default
        idempotency_key=f"yc-probe-used-update-{session_id}",  # fresh per session, not random
    )
    expect.status(payment, 201, clause="PAYMENT-REFERENCES-SESSION")
    paid = expect.body(payment)
    status = paid.get("status") if isinstance(paid, dict) else None
    if status != "SUCCEEDED":
        pytest.skip(
            f"USED-UPDATE not observable: the template's payment ended {status!r}, not SUCCEEDED; "
            "adjust contracts/payment-template.json to the providers of this sandbox"
        )
    change = {"payment_description": "after the payment"}
    patched = client.update_session(
        session_id, body_in_form(form or "four", target, created, **change)
    )
    observed = f"PATCH after a SUCCEEDED payment → {outcome(patched)}"
    reading = None
    if patched.status_code in (400, 409) and error_code(patched) is not None:
        reading = str(patched.status_code)
    elif 400 <= patched.status_code < 500:
        observed += " (refused, but with an undocumented status or no error body)"
    conclude(request, "USED-UPDATE", reading, observed, patched)
