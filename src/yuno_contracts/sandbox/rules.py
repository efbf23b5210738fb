"""Rules: the field rules of the Checkout Sessions API as data, one table per request body.

``faithful_rules(readings, account_id)`` gives the tables of one sandbox: the create body,
the PATCH body, the token body and the payment body. A ``Rule`` says what one JSON value must
be (JSON types, lengths, enum, format, integer range, multiple-of, properties, required); the
readings choose entries of these tables, and ``faults.apply_faults`` then breaks some::

    rules = faithful_rules(Readings(), account_id)
    rules.create.properties["country"].choices    # ("AR", "BO", ..., "UY")

``validation.check`` applies them.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from rfc3986_validator import validate_rfc3986

from yuno_contracts.catalogue.reference import (
    CURRENCIES,
    CURRENCY_DIGITS,
    ISO_COUNTRIES,
    countries,
    is_multiple,
)
from yuno_contracts.sandbox.readings import Readings

__all__ = [
    "COUNTRIES",
    "INTERVAL_UNITS",
    "WORKFLOWS",
    "Format",
    "JsonType",
    "Rule",
    "Rules",
    "faithful_rules",
    "is_letters",
    "iso_4217",
    "uuid_format",
]

COUNTRIES: tuple[str, ...] = countries()
WORKFLOWS: dict[str, tuple[str, ...]] = {
    "openapi": ("SDK_CHECKOUT", "CHECKOUT", "SDK_SEAMLESS"),
    "guide": ("SDK_CHECKOUT", "SDK_LITE", "SDK_SEAMLESS", "SDK_HEADLESS", "DIRECT"),
}
INTERVAL_UNITS: tuple[str, ...] = ("year", "month", "day", "hour", "minute")
INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)
AMOUNT_STEP = Decimal("0.0001")

JsonType = Literal["string", "number", "integer", "object", "array", "boolean", "numeric-string"]
Format = Callable[[str], str | None]
"""A string format check: the problem as a phrase ("must be a UUID ..."), or None if fine."""


@dataclass(frozen=True)
class Rule:
    """What one JSON value must be. Empty constraints are not checked."""

    types: tuple[JsonType, ...]
    nullable: bool = False
    null_is_absent: bool = False
    """A null value of this property is taken as the property not sent (NULLABLE-OPTIONALS
    null-allowed): it is accepted and dropped, never stored."""
    min_length: int | None = None
    max_length: int | None = None
    choices: tuple[str, ...] | None = None
    case_insensitive: bool = False
    format: Format | None = None
    int_range: tuple[int, int] | None = None
    multiple_of: Decimal | None = None
    multiple_mode: Literal["decimal", "float"] = "decimal"
    properties: Mapping[str, Rule] = field(default_factory=dict)
    required: frozenset[str] = frozenset()
    closed: bool = False
    """An object that refuses a property its rule does not name (UPDATE-PARTIAL closed), where
    every other object drops such a property unread."""
    items: Rule | None = None
    max_items: int | None = None
    keys: Rule | None = None
    """For an object of free keys (metadata as an object): the rule of each key."""
    values: Rule | None = None
    """For an object of free keys: the rule of each value."""
    object_check: Callable[[Mapping[str, Any]], list[str]] | None = None
    """For an object: a rule across its members (problems as "member: phrase")."""


def uuid_format(value: str) -> str | None:
    """A UUID in its 36-character form (8-4-4-4-12 hex digits)."""
    if _UUID_RE.fullmatch(value):
        return None
    return "must be a UUID (36 characters)"


_HEX = "[0-9a-fA-F]"
_UUID_RE = re.compile(f"{_HEX}{{8}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{12}}")


# NULLABLE-OPTIONALS null-allowed: the optional fields Yuno's own code may send as null.
NULLABLE_FIELDS = (
    "customer_id",
    "callback_url",
    "alternative_amount",
    "workflow",
    "installments",
    "metadata",
)


def _uri(value: str) -> str | None:
    """CALLBACK-URL-FORMAT uri: an RFC 3986 URI (scheme and all)."""
    return None if validate_rfc3986(value, rule="URI") else "must be a URI (RFC 3986)"


def _currency_digits(value: Mapping[str, Any]) -> list[str]:
    """CURRENCY-DECIMALS currency-digits: no more decimals than the currency's digits."""
    currency = value.get("currency")
    digits = CURRENCY_DIGITS.get(currency) if isinstance(currency, str) else None
    amount = value.get("value")
    if digits is None or not isinstance(amount, int | Decimal) or isinstance(amount, bool):
        return []
    step = Decimal(1).scaleb(-digits)
    if isinstance(amount, Decimal) and not amount.is_finite():
        return []
    if is_multiple(amount, step, "decimal"):
        return []
    return [f"value: must have at most {digits} decimals for {value.get('currency')}"]


def is_letters(value: str, length: int | None = None) -> bool:
    """Capital ASCII letters only (``length`` of them, when given)."""
    return value.isascii() and value.isalpha() and value.isupper() and length in (None, len(value))


def _digits(value: str) -> str | None:
    return None if value.isascii() and value.isdigit() else "must be digits only"


def iso_4217(value: str) -> str | None:
    """A currency code of ISO 4217."""
    return None if value in CURRENCIES else "must be an ISO 4217 code (3 letters)"


def _account_format(account_id: str) -> Format:
    def check_account(value: str) -> str | None:
        if problem := uuid_format(value):
            return problem
        if value.lower() != account_id.lower():
            return "is not the account of these credentials"
        return None

    return check_account


@dataclass(frozen=True)
class Rules:
    """The rule tables of one sandbox.

    Cards come in two shapes, both accepted: Yuno's (the card data nested under
    ``card.detail`` for a token, ``detail.card.card_data`` for a payment, beside ``save`` /
    ``capture`` / ``installments``) and the flat one (the card data fields directly in
    ``card`` / ``detail.card``).
    """

    create: Rule
    update: Rule
    token: Rule
    token_card: Rule
    """A token's ``payment_method.card`` in Yuno's shape (card data under ``detail``)."""
    card: Rule
    """The card data: number, expiration, security code, holder name."""
    payment: Rule
    payment_card: Rule
    """A payment's card ``payment_method`` (``detail.card`` checked by the next two)."""
    payment_card_options: Rule
    """A payment's ``detail.card`` in Yuno's shape (card data under ``card_data``)."""
    payment_token: Rule
    """A payment's ``payment_method`` paying with a one-time token."""


def faithful_rules(readings: Readings, account_id: str) -> Rules:
    """The rule tables for these readings, with no fault; ``account_id`` is the provisioned one.

    ``faults.apply_faults`` breaks entries of them, one small function per fault switch.
    """

    def text(low: int | None = None, high: int | None = None, **kw: Any) -> Rule:
        return Rule(("string",), min_length=low, max_length=high, **kw)

    def obj(required: tuple[str, ...] = (), **properties: Rule) -> Rule:
        return Rule(("object",), properties=properties, required=frozenset(required))

    def number(step: Decimal | None = None, types: tuple[JsonType, ...] = ("number",)) -> Rule:
        return Rule(types, multiple_of=step, multiple_mode=readings.multiple_of)

    int32 = Rule(("integer",), int_range=INT32)
    step = AMOUNT_STEP
    currency = text(format=iso_4217)
    account = text(format=_account_format(account_id))
    nullable = readings.nullable == "null-allowed"

    listed = ISO_COUNTRIES if readings.country_list == "country-reference" else COUNTRIES
    country = text(choices=listed)
    workflow = text(choices=WORKFLOWS[readings.workflow])

    meta_key = text(None, 48)
    meta_value = text(None, 512)
    item_fields = ("key", "value") if readings.metadata_items == "required" else ()
    if readings.metadata == "object":
        metadata = Rule(("object",), keys=meta_key, values=meta_value, max_items=120)
    elif readings.metadata == "union":  # both documented shapes, each with its limit of 120
        item = obj(item_fields, key=meta_key, value=meta_value)
        metadata = Rule(
            ("array", "object"), items=item, keys=meta_key, values=meta_value, max_items=120
        )
    else:
        limit = 50 if readings.metadata == "array-50" else 120
        item = obj(item_fields, key=meta_key, value=meta_value)
        metadata = Rule(("array",), items=item, max_items=limit)

    installments = obj(
        plan_id=text(),
        plan=Rule(
            ("array",),
            items=obj(("installment", "rate"), installment=int32, rate=number()),
        ),
    )
    billing = obj(
        ("label", "amount", "interval_unit", "interval_count"),
        label=text(),
        amount=text(),
        interval_unit=text(choices=INTERVAL_UNITS),
        interval_count=int32,
    )
    recurring_payment = obj(
        description=text(),
        management_url=text(),
        billing_agreement=text(),
        regular_billing=billing,
        trial_billing=billing,
    )
    alt_types: tuple[JsonType, ...] = ("number",)
    if readings.alternative_value_string == "accept":
        alt_types = ("number", "numeric-string")
    amount = obj(("currency", "value"), currency=currency, value=number(step))
    if readings.currency_decimals == "currency-digits":
        amount = dataclasses.replace(amount, object_check=_currency_digits)
    alternative_amount = obj(
        ("currency", "value"),
        currency=dataclasses.replace(currency, nullable=True),
        value=number(step, alt_types),
    )

    session_fields: dict[str, Rule] = {
        "merchant_order_id": text(3, 255),
        "payment_description": text(3, 255),
        "country": country,
        "account_id": account,
        "customer_id": text(format=uuid_format) if readings.customer_id == "uuid" else text(36, 64),
        "callback_url": text(
            3, 526, format=_uri if readings.callback_url_format == "uri" else None
        ),
        "return_url": text(),
        "amount": amount,
        "alternative_amount": alternative_amount,
        "metadata": metadata,
        "workflow": workflow,
        "installments": installments,
        "recurring_payment": recurring_payment,
    }
    if readings.return_url == "undefined":
        session_fields.pop("return_url")  # not a field: dropped unread, like any unknown one
    if nullable:
        for name in NULLABLE_FIELDS:
            session_fields[name] = dataclasses.replace(
                session_fields[name], nullable=True, null_is_absent=True
            )
    required = {"merchant_order_id", "payment_description", "country", "account_id"}
    if readings.amount_required == "required":
        required.add("amount")
    create = Rule(("object",), properties=session_fields, required=frozenset(required))

    # PATCH: amount and alternative_amount may come in part and are merged into the stored ones
    # (UPDATE-AMOUNT-PARTIAL merge; whole keeps both keys required).
    update_fields = dict(session_fields)
    update_fields.pop("return_url", None)  # the update page has no return_url
    if readings.update_amount == "merge":
        update_fields["amount"] = dataclasses.replace(amount, required=frozenset())
        update_fields["alternative_amount"] = dataclasses.replace(
            update_fields["alternative_amount"], required=frozenset()
        )
    four = ("merchant_order_id", "payment_description", "country", "account_id")
    if readings.update in ("amount-description", "closed"):
        # The sandbox-tested UpdateCheckoutSessionRequest: amount and payment_description only,
        # none required; any other field sent is dropped unread, like every unknown field
        # (amount-description), or refused (closed).
        update_fields = {name: update_fields[name] for name in ("amount", "payment_description")}
    update = Rule(
        ("object",),
        properties=update_fields,
        required=frozenset(four if readings.update == "required-four" else ()),
        closed=readings.update == "closed",
    )

    card = obj(
        ("number",),
        number=text(12, 19, format=_digits),
        expiration_month=Rule(("integer",), int_range=(1, 12)),
        expiration_year=Rule(("integer",), int_range=(0, 9999)),
        security_code=text(3, 4, format=_digits),
        holder_name=text(1, 255),
        type=text(),
    )
    card_or_options = Rule(("object",))  # the card data, or options around it: see below
    token = obj(
        ("payment_method",),
        account_id=account,
        payment_method=obj(("type", "card"), type=text(choices=("CARD",)), card=card_or_options),
    )
    token_card = obj(("detail",), save=Rule(("boolean",)), installments=int32, detail=card)
    payment = obj(
        (
            "checkout",
            "amount",
            "country",
            "merchant_order_id",
            "description",
            "account_id",
            "payment_method",
        ),
        checkout=obj(("session",), session=text(1, 64)),
        amount=obj(("currency", "value"), currency=currency, value=number(step)),
        country=text(choices=COUNTRIES),
        merchant_order_id=text(3, 255),
        description=text(1, 255),
        account_id=account,
        customer_payer=Rule(("object",)),  # kept, not looked into
        payment_method=Rule(("object",)),  # a card or a token: see payment_card, payment_token
    )
    payment_card = obj(
        ("type", "detail"),
        type=text(choices=("CARD",)),
        detail=obj(("card",), card=card_or_options),
    )
    payment_card_options = obj(
        ("card_data",), capture=Rule(("boolean",)), installments=int32, card_data=card
    )
    payment_token = obj(("token",), type=text(), token=text(1, 64))
    return Rules(
        create=create,
        update=update,
        token=token,
        token_card=token_card,
        card=card,
        payment=payment,
        payment_card=payment_card,
        payment_card_options=payment_card_options,
        payment_token=payment_token,
    )
