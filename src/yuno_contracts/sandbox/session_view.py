"""Views: how a stored session looks in a response, per the readings.

The create response (seed examples)::

    {"merchant_order_id", "checkout_session", "country", "payment_description",
     "customer_id", "callback_url", "amount": {"currency", "value"}, "created_at",
     "metadata", "workflow", "installments": {"plan_id", "plan"}, "used"}

PATCH and GET answer the same shape, always with ``used``. ``account_id``,
``alternative_amount``, ``recurring_payment`` and ``return_url`` are stored, never shown.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from yuno_contracts.sandbox.readings import Readings
from yuno_contracts.sandbox.store import Session

__all__ = ["amount_value", "callback_url", "session_view"]


def amount_value(value: Any, readings: Readings) -> Any:
    """``amount.value`` as answered: as sent, or a whole number as an integer (reading)."""
    if readings.amount_value == "integer" and isinstance(value, Decimal) and value.is_finite():
        try:
            if value == value.to_integral_value():
                return int(value)
        except ArithmeticError:  # pragma: no cover - finite values in double range
            return value
    return value


def callback_url(url: Any, session_id: str, readings: Readings) -> Any:
    """``callback_url`` as answered: as sent, or with ``checkoutSession=<id>`` (reading).

    The parameter goes before any ``#fragment``, after ``&`` if the URL has a query already.
    """
    if url is None or readings.callback_url == "echo" or not isinstance(url, str):
        return url
    base, hash_, fragment = url.partition("#")
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}checkoutSession={session_id}{hash_}{fragment}"


def _amount(amount: Any, readings: Readings) -> Any:
    if not isinstance(amount, dict):
        return None
    return {
        "currency": amount.get("currency"),
        "value": amount_value(amount.get("value"), readings),
    }


def _installments(fields: dict[str, Any]) -> Any:
    if "installments" not in fields:
        return {"plan_id": None, "plan": None}
    sent = fields["installments"]
    if not isinstance(sent, dict):
        return None
    return {"plan_id": sent.get("plan_id"), "plan": sent.get("plan")}


def session_view(
    session: Session, readings: Readings, *, on_create: bool = False
) -> dict[str, Any]:
    """The session as answered; ``on_create`` applies the create-only readings."""
    fields = session.fields
    view: dict[str, Any] = {
        "merchant_order_id": fields.get("merchant_order_id"),
        "checkout_session": session.id,
        "country": fields.get("country"),
        "payment_description": fields.get("payment_description"),
        "customer_id": fields.get("customer_id"),
        "callback_url": callback_url(fields.get("callback_url"), session.id, readings),
        "amount": _amount(fields.get("amount"), readings),
        "created_at": session.created_at,
        "metadata": fields.get("metadata"),
        "workflow": fields.get("workflow"),
        "installments": _installments(fields),
        "used": session.used,
    }
    if on_create and readings.used_on_create == "absent":
        del view["used"]
    return view
