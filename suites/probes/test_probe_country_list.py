"""Probe COUNTRY-LIST: the 17 listed countries only, or any ISO 3166-1 alpha-2 code."""

from __future__ import annotations

from decimal import Decimal

import pytest
from probe_support import conclude, is_refusal, outcome

from yuno_contracts import Target, YunoClient, bodies


@pytest.mark.clause("LIMIT-COUNTRY-ENUM")
def test_probe_country_list(
    request: pytest.FixtureRequest, client: YunoClient, target: Target
) -> None:
    """DE (ISO 3166-1, not among the 17) with its own currency EUR: accepted or refused."""
    amount = {"currency": "EUR", "value": Decimal("100")}
    response = client.create_session(bodies.session_body(target, country="DE", amount=amount))
    reading = None
    if is_refusal(response):
        reading = "enum-17"
    elif response.status_code == 200:
        reading = "country-reference"
    conclude(request, "COUNTRY-LIST", reading, f"country DE → {outcome(response)}", response)
