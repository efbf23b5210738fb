"""Request bodies for the suites: valid by every documented reading, and deterministic.

Deterministic values matter: a replayed test must send the same bodies it recorded, so nothing
here is random. Amounts are ``Decimal`` so that they reach the server exactly as written.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from yuno_contracts.catalogue.payment_template import TOKEN_PLACEHOLDER, load_payment_template
from yuno_contracts.catalogue.reference import LOCAL_CURRENCY, local_amount
from yuno_contracts.harness.target import Target

__all__ = [
    "REGULAR_BILLING",
    "REQUIRED_ON_UPDATE",
    "TRIAL_BILLING",
    "UPDATED_UNDER_EVERY_READING",
    "payment_body",
    "pays_with_token",
    "session_body",
    "text_of",
    "token_body",
    "update_body",
]

# The update page marks these four required although "only fields you send will be updated";
# partial-update tests send them with their current values (UPDATE-PARTIAL).
REQUIRED_ON_UPDATE = ("merchant_order_id", "payment_description", "country", "account_id")
# The fields every UPDATE-PARTIAL reading has a PATCH apply: the sandbox-tested update body
# (reading amount-description) has only these two; any other field sent may be ignored there.
UPDATED_UNDER_EVERY_READING = ("amount", "payment_description")

# A valid regular and trial billing of recurring_payment (the create page's schema); copy before
# changing one.
REGULAR_BILLING: dict[str, Any] = {
    "label": "Monthly",
    "amount": "9.99",
    "interval_unit": "month",
    "interval_count": 1,
}
TRIAL_BILLING: dict[str, Any] = {
    "label": "Free trial",
    "amount": "0.00",
    "interval_unit": "month",
    "interval_count": 1,
}


def text_of(length: int, filler: str = "yuno-contracts-") -> str:
    """A deterministic string of exactly ``length`` characters: ``filler`` repeated."""
    return (filler * (length // len(filler) + 1))[:length]


def session_body(target: Target, **overrides: Any) -> dict[str, Any]:
    """A create body that every documented reading accepts; ``overrides`` replace top-level keys.

    A key overridden with ``...`` (Ellipsis) is removed from the body. A listed ``country``
    without an ``amount`` gets the country's own currency (CURRENCY-COUNTRY: no other pair is
    valid under every reading), value 100.
    """
    body: dict[str, Any] = {
        "account_id": target.credentials.account_id,
        "merchant_order_id": "yc-order-0001",
        "payment_description": "yuno-contracts test order",
        "country": "US",
        "amount": {"currency": "USD", "value": Decimal("100")},
    }
    country = overrides.get("country")
    if "amount" not in overrides and isinstance(country, str) and country in LOCAL_CURRENCY:
        body["amount"] = local_amount(country)
    for key, value in overrides.items():
        if value is ...:
            body.pop(key, None)
        else:
            body[key] = value
    return body


def update_body(target: Target, current: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A PATCH body: the four fields the update page marks required, as stored, plus ``changes``."""
    body = {key: copy.deepcopy(current[key]) for key in REQUIRED_ON_UPDATE if key in current}
    body["account_id"] = target.credentials.account_id
    body.update(changes)
    return body


def _values(target: Target, session: dict[str, Any]) -> dict[str, Any]:
    """The template's placeholders from ``session`` (a create or GET answer)."""
    amount = session.get("amount") or {}
    return {
        "checkout_session": session["checkout_session"],
        "account_id": target.credentials.account_id,
        "amount_currency": amount.get("currency", "USD"),
        "amount_value": amount.get("value", 100),
        "country": session.get("country", "US"),
        "merchant_order_id": session.get("merchant_order_id", "yc-order-0001"),
    }


def pays_with_token() -> bool:
    """Whether the template's payment uses ``{{one_time_token}}``: the token is created first."""
    return load_payment_template().pays_with_token


def token_body(target: Target, session: dict[str, Any]) -> dict[str, Any]:
    """The one-time token request of ``contracts/payment-template.json``, filled from
    ``session``: the body of POST /v1/checkout/sessions/{checkout_session}/token."""
    return load_payment_template().token_body(**_values(target, session))


def payment_body(
    target: Target, session: dict[str, Any], one_time_token: str | None = None
) -> dict[str, Any]:
    """The payment of ``contracts/payment-template.json`` (the one editable template), filled
    from ``session`` and, where it pays with one, the session's ``one_time_token``."""
    values = _values(target, session)
    if one_time_token is not None:
        values[TOKEN_PLACEHOLDER] = one_time_token
    return load_payment_template().payment_body(**values)
