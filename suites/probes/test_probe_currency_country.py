"""Probe CURRENCY-COUNTRY: any currency with any country, or the country's own currency only."""

from __future__ import annotations

from decimal import Decimal

import pytest
from probe_support import conclude, is_refusal, outcome

from yuno_contracts import Target, YunoClient, bodies


@pytest.mark.clause("LIMIT-CURRENCY-ISO4217")
def test_probe_currency_country(
    request: pytest.FixtureRequest, client: YunoClient, target: Target
) -> None:
    """BR with BRL (its own) must be accepted; BR with USD tells the readings apart."""
    own = client.create_session(bodies.session_body(target, country="BR"))
    usd = {"currency": "USD", "value": Decimal("100")}
    other = client.create_session(bodies.session_body(target, country="BR", amount=usd))
    observed = f"BR/BRL → {outcome(own)}, BR/USD → {outcome(other)}"
    reading = None
    if own.status_code == 200 and other.status_code == 200:
        reading = "free"
    elif own.status_code == 200 and is_refusal(other):
        reading = "local-only"
    conclude(request, "CURRENCY-COUNTRY", reading, observed, other)
