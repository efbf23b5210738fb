"""Probe AMOUNT-REQUIRED: whether a create without amount is refused (guide) or served (OpenAPI)."""

from __future__ import annotations

import pytest
from probe_support import conclude, is_refusal, outcome

from yuno_contracts import Target, YunoClient, bodies


@pytest.mark.clause("REQUIRED-AMOUNT")
def test_probe_amount_required(
    request: pytest.FixtureRequest, client: YunoClient, target: Target
) -> None:
    """A create without amount is either refused with 400 or answered 200."""
    response = client.create_session(bodies.session_body(target, amount=...))
    reading = None
    if is_refusal(response):
        reading = "required"
    elif response.status_code == 200:
        reading = "optional"
    observed = f"create without amount → {outcome(response)}"
    conclude(request, "AMOUNT-REQUIRED", reading, observed, response)
