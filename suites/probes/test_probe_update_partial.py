"""Probe UPDATE-PARTIAL: which fields a PATCH needs, and which it updates.

A one-field PATCH of payment_description tells ``required-four`` (refused; applied once the four
fields come with it) from the other three. A one-field PATCH of merchant_order_id then tells
``partial`` (applied) from ``amount-description`` (answered 200 and ignored: the sandbox-tested
update body has only amount and payment_description) and from ``closed`` (refused: that body's
other fields are not accepted at all).
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from probe_support import conclude, is_refusal, outcome

from yuno_contracts import Target, YunoClient, bodies, expect, steps

NEW_DESCRIPTION = "changed by the partial-update probe"
NEW_ORDER_ID = "yc-probe-partial-0002"
KEPT = ("checkout_session", "merchant_order_id", "country", "amount", "created_at", "workflow")


def _changed(answer: httpx.Response, before: dict[str, Any], sent: str) -> list[str]:
    """The KEPT fields other than ``sent`` whose value the 200 ``answer`` changed."""
    after = expect.body(answer)
    after = after if isinstance(after, dict) else {}
    return [key for key in KEPT if key != sent and after.get(key) != before.get(key)]


def _value(answer: httpx.Response, name: str) -> Any:
    body = expect.body(answer)
    return body.get(name) if isinstance(body, dict) else None


@pytest.mark.clause("UPDATE-PARTIAL", "UPDATE-REQUIRED-FOUR")
def test_probe_update_partial(
    request: pytest.FixtureRequest, client: YunoClient, target: Target
) -> None:
    """PATCH payment_description alone (with the four if refused), then merchant_order_id alone."""
    created = steps.new_session(client, target)
    session_id = created["checkout_session"]
    alone = client.update_session(session_id, {"payment_description": NEW_DESCRIPTION})
    observed = f"PATCH of payment_description alone → {outcome(alone)}"
    reading = None
    if alone.status_code == 200:
        changed = _changed(alone, created, "payment_description")
        if _value(alone, "payment_description") != NEW_DESCRIPTION:
            observed += f", payment_description {_value(alone, 'payment_description')!r}"
        elif changed:
            observed += f", fields not sent changed: {', '.join(changed)}"
        else:
            reading = _which_fields(client, session_id, created)
            observed += f"; PATCH of merchant_order_id alone → {reading[1]}"
            reading = reading[0]
    elif is_refusal(alone):
        four = client.update_session(
            session_id, bodies.update_body(target, created, payment_description=NEW_DESCRIPTION)
        )
        observed += f"; with the four required fields → {outcome(four)}"
        if four.status_code == 200:
            reading = "required-four"
    conclude(request, "UPDATE-PARTIAL", reading, observed, alone)


def _which_fields(
    client: YunoClient, session_id: str, created: dict[str, Any]
) -> tuple[str | None, str]:
    """partial if a merchant_order_id sent alone is applied, amount-description if ignored,
    closed if refused (and the session keeps its merchant_order_id)."""
    order = client.update_session(session_id, {"merchant_order_id": NEW_ORDER_ID})
    seen = outcome(order)
    if is_refusal(order):
        got = client.retrieve_session(session_id)
        kept = _value(got, "merchant_order_id") if got.status_code == 200 else None
        if kept == created.get("merchant_order_id"):
            return "closed", f"{seen}; GET → {outcome(got)}, merchant_order_id kept"
        return None, f"{seen}; GET → {outcome(got)}, merchant_order_id {kept!r}"
    if order.status_code != 200:
        return None, seen
    changed = _changed(order, created, "merchant_order_id")
    value = _value(order, "merchant_order_id")
    if changed:
        return None, f"{seen}, fields not sent changed: {', '.join(changed)}"
    if value == NEW_ORDER_ID:
        return "partial", f"{seen}, applied"
    if value == created.get("merchant_order_id"):
        return "amount-description", f"{seen}, ignored (kept {value!r})"
    return None, f"{seen}, merchant_order_id {value!r}"
