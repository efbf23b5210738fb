"""Probe MULTIPLE-OF-READING: "a multiple of 0.0001" judged on the decimal as written or as float."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest
from probe_support import conclude, is_refusal, outcome

from yuno_contracts import Target, YunoClient, bodies


@pytest.mark.clause("LIMIT-AMOUNT-PRECISION")
def test_probe_multiple_of(
    request: pytest.FixtureRequest, client: YunoClient, target: Target
) -> None:
    """0.3 is accepted (decimal) or refused (float); 0.00005 is refused under both."""

    def create(value: str) -> httpx.Response:
        amount = {"currency": "USD", "value": Decimal(value)}
        return client.create_session(bodies.session_body(target, amount=amount))

    tenths, too_fine = create("0.3"), create("0.00005")
    observed = f"amount.value 0.3 → {outcome(tenths)}, 0.00005 → {outcome(too_fine)}"
    reading = None
    if is_refusal(too_fine):
        if tenths.status_code == 200:
            reading = "decimal"
        elif is_refusal(tenths):
            reading = "float"
    conclude(request, "MULTIPLE-OF-READING", reading, observed, tenths)
