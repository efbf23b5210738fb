"""Probe USED-UPDATE: a PATCH of a session whose payment succeeded, refused with 400 or 409."""

from __future__ import annotations

import pytest
from probe_support import conclude, outcome

from yuno_contracts import Target, YunoClient, error_codes, expect, patching, steps


@pytest.mark.clause("UPDATE-USED-SESSION", "PAYMENT-REFERENCES-SESSION")
def test_probe_used_update(
    request: pytest.FixtureRequest, client: YunoClient, target: Target
) -> None:
    """Create, pay with the payment template (its one-time token first, where it pays with one),
    then PATCH: 400 or 409 with an error body."""
    created = steps.new_session(client, target)
    session_id = created["checkout_session"]
    form = patching.update_form(client, target, created)  # the PATCH form it takes (UPDATE-PARTIAL)
    # its one-time token first, by default; the key fresh per session, not random
    payment = steps.pay(client, target, created, key=f"yc-probe-used-update-{session_id}")
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
        session_id, patching.body_in_form(form or "four", target, created, **change)
    )
    observed = f"PATCH after a SUCCEEDED payment → {outcome(patched)}"
    reading = None
    if patched.status_code in (400, 409) and error_codes.error_code_of(patched) is not None:
        reading = str(patched.status_code)
    elif 400 <= patched.status_code < 500:
        observed += " (refused, but with an undocumented status or no error body)"
    conclude(request, "USED-UPDATE", reading, observed, patched)
