"""Probe USED-DEFAULT: what a new session says about used (false, absent; true is not accepted)."""

from __future__ import annotations

import pytest
from probe_support import conclude, outcome

from yuno_contracts.harness import expect
from yuno_contracts.harness.bodies import session_body
from yuno_contracts.harness.client import YunoClient
from yuno_contracts.harness.target import Target

MISSING = object()


@pytest.mark.clause("USED-FALSE-ON-NEW")
def test_probe_used_default(
    request: pytest.FixtureRequest, client: YunoClient, target: Target
) -> None:
    """The create response's used: false, or absent (then GET says false); true fails."""
    response = client.create_session(session_body(target))
    expect.status(response, 200, clause="CREATE-200")
    created = expect.json_object(response, clause="CREATE-200")
    used = created.get("used", MISSING)
    observed = f"create → used {'absent' if used is MISSING else repr(used)}"
    reading = None
    if used is False:
        reading = "false"
    elif used is True:
        reading = "true-default"
    elif used is MISSING:
        retrieved = client.retrieve_session(created["checkout_session"])
        stored = expect.body(retrieved)
        later = stored.get("used", MISSING) if isinstance(stored, dict) else MISSING
        observed += (
            f"; GET → {outcome(retrieved)}, used {'absent' if later is MISSING else repr(later)}"
        )
        if retrieved.status_code == 200 and later is False:
            reading = "absent"
        elif retrieved.status_code == 200 and later is True:
            reading = "true-default"
    conclude(request, "USED-DEFAULT", reading, observed, response)
