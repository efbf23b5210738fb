"""``Patch.refused_as_closed`` excuses a refusal only where reading closed explains it: a change
the closed form cannot carry. A change of amount or payment_description sent alone is one a
closed target must take, so its refusal is no excuse."""

from __future__ import annotations

import httpx
import pytest

from yuno_contracts.harness.patching import Patch


def _refused() -> httpx.Response:
    return httpx.Response(400, json={"code": "INVALID_REQUEST", "messages": ["Invalid request."]})


@pytest.mark.parametrize(
    ("body", "form", "excused"),
    [
        ({"merchant_order_id": "abc"}, "closed", True),
        ({"country": "EC", "amount": {"currency": "USD", "value": 1}}, "closed", True),
        ({"payment_description": "x" * 255}, "closed", False),
        ({"amount": {"currency": "USD", "value": 250}}, "closed", False),
        ({"merchant_order_id": "abc", "payment_description": "abc"}, "four", False),
    ],
    ids=["other-field", "country-with-amount", "description-alone", "amount-alone", "four-form"],
)
def test_a_refusal_is_excused_only_for_what_closed_cannot_carry(
    body: dict[str, object], form: str, excused: bool
) -> None:
    patch = Patch(response=_refused(), body=body, form=form)  # type: ignore[arg-type]
    assert patch.refused_as_closed is excused
