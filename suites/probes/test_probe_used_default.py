"""Probe USED-DEFAULT: what a new session says about used (false, absent; true is not accepted)."""

from __future__ import annotations

import pytest
from probe_support import conclude, outcome

from yuno_contracts import Target, YunoClient, expect, steps

MISSING = object()


@pytest.mark.clause("USED-FALSE-ON-NEW")
def test_probe_used_default(
    request: pytest.FixtureRequest, client: YunoClient, target: Target
) -> None:
    """The create response's used: false, or absent (then GET says false); true fails."""
    response, created = steps.create(client, target)
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
