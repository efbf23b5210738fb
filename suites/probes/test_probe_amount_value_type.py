"""Probe AMOUNT-VALUE-TYPE: the response amount.value as sent, or as the schema's integer."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from probe_support import conclude, outcome

from yuno_contracts import Target, YunoClient, bodies, expect

FRACTIONAL = Decimal("100.5")
WHOLE_WRITTEN_AS_FRACTION = Decimal("100.0")


def returned_value(client: YunoClient, target: Target, value: Decimal) -> tuple[Any, str]:
    """The create response's amount.value, exactly as written (int or Decimal), and a summary."""
    response = client.create_session(
        bodies.session_body(target, amount={"currency": "USD", "value": value})
    )
    body = expect.body(response)
    amount = body.get("amount") if isinstance(body, dict) else None
    returned = amount.get("value") if isinstance(amount, dict) else None
    if response.status_code != 200:
        returned = None
    return returned, f"value {value} → {outcome(response)}, amount.value {returned!s}"


def is_json_integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@pytest.mark.clause("CREATE-ECHO-AMOUNT")
def test_probe_amount_value_type(
    request: pytest.FixtureRequest, client: YunoClient, target: Target
) -> None:
    """100.5 and 100.0 sent: given back as sent (echo), or as JSON integers (integer).

    100.5 given back as an integer is the integer reading. 100.5 given back as sent is the echo
    reading, unless 100.0 comes back as the integer literal 100 (whole values typed integer).
    """
    fractional, seen_fractional = returned_value(client, target, FRACTIONAL)
    whole, seen_whole = returned_value(client, target, WHOLE_WRITTEN_AS_FRACTION)
    observed = f"{seen_fractional}; {seen_whole}"
    reading = None
    whole_ok = isinstance(whole, int | Decimal) and whole == 100
    if whole_ok and is_json_integer(fractional):
        reading = "integer"
    elif whole_ok and isinstance(fractional, Decimal) and fractional == FRACTIONAL:
        reading = "integer" if is_json_integer(whole) else "echo"
    conclude(request, "AMOUNT-VALUE-TYPE", reading, observed)
