"""Probe ALTERNATIVE-VALUE-STRING: alternative_amount.value '140000' as in the min-data example."""

from __future__ import annotations

from decimal import Decimal

import pytest
from probe_support import conclude, is_refusal, outcome

from yuno_contracts import Target, YunoClient, bodies


@pytest.mark.clause("TYPE-ALTERNATIVE-AMOUNT-VALUE")
def test_probe_alternative_value_string(
    request: pytest.FixtureRequest, client: YunoClient, target: Target
) -> None:
    """The string '140000' is refused (reject) or served (accept); the number 140000 is served."""
    as_string = client.create_session(
        bodies.session_body(target, alternative_amount={"currency": "ARS", "value": "140000"})
    )
    as_number = client.create_session(
        bodies.session_body(
            target, alternative_amount={"currency": "ARS", "value": Decimal("140000")}
        )
    )
    observed = (
        f"alternative_amount.value '140000' → {outcome(as_string)}, 140000 → {outcome(as_number)}"
    )
    reading = None
    if as_number.status_code == 200:
        if is_refusal(as_string):
            reading = "reject"
        elif as_string.status_code == 200:
            reading = "accept"
    conclude(request, "ALTERNATIVE-VALUE-STRING", reading, observed, as_string)
