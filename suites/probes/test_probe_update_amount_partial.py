"""Probe UPDATE-AMOUNT-PARTIAL: a PATCH amount with value alone is merged or refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from probe_support import conclude, is_refusal, outcome

from yuno_contracts import Target, YunoClient, expect, patching, steps

NEW_VALUE = Decimal("250")


@pytest.mark.clause("UPDATE-AMOUNT-MERGE")
def test_probe_update_amount_partial(
    request: pytest.FixtureRequest, client: YunoClient, target: Target
) -> None:
    """PATCH amount {value: 250} (the four fields with it, or alone to a target that refuses
    them: UPDATE-PARTIAL closed) of a USD 100 session."""
    created = steps.new_session(client, target)
    currency = (created.get("amount") or {}).get("currency")
    response = patching.patch_session(client, target, created, amount={"value": NEW_VALUE}).response
    observed = f"PATCH of amount {{value: 250}} → {outcome(response)}"
    reading = None
    if response.status_code == 200:
        amount = expect.exact_json(response).get("amount")
        observed += f", amount {amount}"
        if amount == {"currency": currency, "value": NEW_VALUE}:
            reading = "merge"
    elif is_refusal(response):
        got = client.retrieve_session(created["checkout_session"])
        stored = expect.exact_json(got).get("amount") if got.status_code == 200 else None
        observed += f"; GET → {outcome(got)}, amount {stored}"
        if stored == created.get("amount"):
            reading = "whole"
    conclude(request, "UPDATE-AMOUNT-PARTIAL", reading, observed, response)
