"""Readings: the sandbox's choice for each ambiguity of contracts/ambiguities.yaml.

The seeds contradict each other in a few places. The sandbox follows one documented reading per
ambiguity, chosen here, so a suite can be shown to pass against every reading::

    Readings()                                   # the defaults below
    Readings.from_pairs(["workflow=guide", "unknown_session=404"])
    Readings.choices()["metadata"]   # ("array-120", "array-50", "object", "union")
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args, get_type_hints

__all__ = ["AMBIGUITY_IDS", "PRESETS", "Readings"]

# Each setting's ambiguity in contracts/ambiguities.yaml; its values are that entry's reading ids.
AMBIGUITY_IDS = {
    "workflow": "WORKFLOW-VALUES",
    "metadata": "METADATA-SHAPE",
    "callback_url": "CALLBACK-URL",
    "amount_required": "AMOUNT-REQUIRED",
    "update": "UPDATE-PARTIAL",
    "used_on_create": "USED-DEFAULT",
    "amount_value": "AMOUNT-VALUE-TYPE",
    "alternative_value_string": "ALTERNATIVE-VALUE-STRING",
    "unknown_session": "UNKNOWN-SESSION",
    "used_update": "USED-UPDATE",
    "multiple_of": "MULTIPLE-OF-READING",
    "country_list": "COUNTRY-LIST",
    "currency_country": "CURRENCY-COUNTRY",
    "error_body": "ERROR-BODY-SHAPE",
    "update_amount": "UPDATE-AMOUNT-PARTIAL",
    "session_id": "SESSION-ID-FORMAT",
    "error_codes": "ERROR-400-CODES",
    "customer_id": "CUSTOMER-ID-FORMAT",
    "callback_url_format": "CALLBACK-URL-FORMAT",
    "metadata_items": "METADATA-ITEM-FIELDS",
    "currency_decimals": "CURRENCY-DECIMALS",
    "nullable": "NULLABLE-OPTIONALS",
    "return_url": "RETURN-URL-FIELD",
}

WorkflowReading = Literal["openapi", "guide"]
MetadataReading = Literal["array-120", "array-50", "object", "union"]
CallbackUrlReading = Literal["echo", "append-session"]
AmountRequiredReading = Literal["required", "optional"]
UpdateReading = Literal["partial", "required-four", "amount-description", "closed"]
UsedOnCreateReading = Literal["false", "absent"]
AmountValueReading = Literal["echo", "integer"]
AlternativeValueStringReading = Literal["reject", "accept"]
UnknownSessionReading = Literal["400", "404", "400-not-found"]
UsedUpdateReading = Literal["400", "409"]
MultipleOfReading = Literal["decimal", "float"]
CountryListReading = Literal["enum-17", "country-reference"]
CurrencyCountryReading = Literal["free", "local-only"]
ErrorBodyReading = Literal["messages", "message-details", "error-envelope"]
UpdateAmountReading = Literal["merge", "whole"]
SessionIdReading = Literal["uuid", "string-36-64"]
ErrorCodesReading = Literal["generic", "field-specific"]
CustomerIdReading = Literal["uuid", "string-36-64"]
CallbackUrlFormatReading = Literal["string-3-526", "uri"]
MetadataItemsReading = Literal["required", "optional"]
CurrencyDecimalsReading = Literal["step-4-decimals", "currency-digits"]
NullableReading = Literal["not-null", "null-allowed"]
ReturnUrlReading = Literal["guide", "undefined"]

# The two combined settings (``preset=lenient`` / ``preset=strict``): for each request-side
# ambiguity the reading that accepts most, or refuses most (tests/sandbox checks them against
# the overlays of contracts/readings/).
PRESETS: dict[str, dict[str, str]] = {
    "lenient": {
        "workflow": "guide",
        "metadata": "union",
        "amount_required": "optional",
        "update": "amount-description",
        "multiple_of": "decimal",
        "alternative_value_string": "accept",
        "country_list": "country-reference",
        "currency_country": "free",
        "update_amount": "merge",
        "customer_id": "string-36-64",
        "callback_url_format": "string-3-526",
        "metadata_items": "optional",
        "currency_decimals": "step-4-decimals",
        "nullable": "null-allowed",
        "return_url": "undefined",
    },
    "strict": {
        "workflow": "openapi",
        "metadata": "array-50",
        "amount_required": "required",
        "update": "required-four",
        "multiple_of": "float",
        "alternative_value_string": "reject",
        "country_list": "enum-17",
        "currency_country": "local-only",
        "update_amount": "whole",
        "customer_id": "uuid",
        "callback_url_format": "uri",
        "metadata_items": "required",
        "currency_decimals": "currency-digits",
        "nullable": "not-null",
        "return_url": "guide",
    },
}


@dataclass(frozen=True)
class Readings:
    """One documented reading per ambiguity; each default is the first id of its field."""

    workflow: WorkflowReading = "openapi"
    """openapi: SDK_CHECKOUT, CHECKOUT, SDK_SEAMLESS. guide: SDK_CHECKOUT, SDK_LITE,
    SDK_SEAMLESS, SDK_HEADLESS, DIRECT."""
    metadata: MetadataReading = "array-120"
    """array-120 / array-50: an array of {key, value}, at most 120 / 50 items, key ≤ 48,
    value ≤ 512. object: a JSON object of string → string, ≤ 120 pairs, echoed as sent.
    union: either shape (a target that accepts both documented shapes)."""
    callback_url: CallbackUrlReading = "echo"
    """echo: callback_url comes back as sent. append-session: with ?checkoutSession=<id>."""
    amount_required: AmountRequiredReading = "required"
    """required (guide): create without amount → 400. optional (OpenAPI): amount null."""
    update: UpdateReading = "partial"
    """partial: PATCH takes any subset. required-four: PATCH needs merchant_order_id,
    payment_description, country and account_id. amount-description: PATCH needs nothing and
    updates only amount and payment_description (other fields sent are ignored). closed: the
    same two fields, and a body with any other field is refused (400 INVALID_REQUEST). Fields
    not sent keep their values."""
    used_on_create: UsedOnCreateReading = "false"
    """false: the create response carries "used": false. absent: it has no used key."""
    amount_value: AmountValueReading = "echo"
    """echo: amount.value as sent (10.5, 100.0). integer: whole values as integers (100)."""
    alternative_value_string: AlternativeValueStringReading = "reject"
    """reject: alternative_amount.value must be a number. accept: a numeric string too."""
    unknown_session: UnknownSessionReading = "400"
    """400 or 404, both with code CHECKOUT_SESSION_NOT_FOUND; 400-not-found: 400 with the
    catalogue's generic NOT_FOUND."""
    used_update: UsedUpdateReading = "400"
    """400 or 409, both with code INVALID_STATUS, for a PATCH of a used session."""
    multiple_of: MultipleOfReading = "decimal"
    """decimal: "multiple of 0.0001" judged on the number as written. float: as jsonschema
    judges floats (0.3 is rejected)."""
    country_list: CountryListReading = "enum-17"
    """enum-17: the contract's 17 countries. country-reference: any ISO 3166-1 alpha-2 code."""
    currency_country: CurrencyCountryReading = "free"
    """free: any ISO 4217 currency with any country. local-only: a listed country takes only
    its own currency (catalogue.reference.LOCAL_CURRENCY), else 400 CURRENCY_NOT_ALLOWED, on
    create and on PATCH (judged on the session as the PATCH would leave it)."""
    error_body: ErrorBodyReading = "messages"
    """messages: {code, messages: [str]}. message-details: {code, message, details: {}}.
    error-envelope: {error: {code, message, details: [{field, message, code}]}}."""
    update_amount: UpdateAmountReading = "merge"
    """merge: a PATCH amount (or alternative_amount) with currency or value alone is merged into
    the stored one. whole: it needs both, else 400."""
    session_id: SessionIdReading = "uuid"
    """uuid: new session ids are UUIDs (36 characters). string-36-64: opaque strings of 36 to 64
    characters that are no UUID (``cs_`` and 48 hex digits, 51 characters)."""
    error_codes: ErrorCodesReading = "generic"
    """generic: a refused create or PATCH body gets INVALID_REQUEST. field-specific: when every
    problem is about one field that has a code of its own in the catalogue, that code (country
    → COUNTRY_NOT_SUPPORTED, amount.currency → CURRENCY_NOT_ALLOWED, amount → INVALID_AMOUNT,
    account_id → INVALID_ACCOUNT_ID, customer_id → CUSTOMER_NOT_FOUND), else INVALID_REQUEST."""

    customer_id: CustomerIdReading = "uuid"
    """uuid: customer_id is a UUID. string-36-64: any string of 36 to 64 characters."""
    callback_url_format: CallbackUrlFormatReading = "string-3-526"
    """string-3-526: any string of 3 to 526 characters. uri: an RFC 3986 URI of that length."""
    metadata_items: MetadataItemsReading = "required"
    """required: each metadata item needs key and value. optional: either may be left out."""
    currency_decimals: CurrencyDecimalsReading = "step-4-decimals"
    """step-4-decimals: any multiple of 0.0001. currency-digits: no more decimals than the
    currency's digits (catalogue.reference.CURRENCY_DIGITS)."""
    nullable: NullableReading = "not-null"
    """not-null: null is refused for every field. null-allowed: customer_id, callback_url,
    alternative_amount, workflow, installments and metadata may be null (as if not sent)."""
    return_url: ReturnUrlReading = "guide"
    """guide: return_url must be a string. undefined: return_url is ignored, whatever its value."""

    def __post_init__(self) -> None:
        for name, allowed in self.choices().items():
            value = getattr(self, name)
            if value not in allowed:
                raise ValueError(f"reading {name}={value!r} is not one of {', '.join(allowed)}")

    @classmethod
    def choices(cls) -> dict[str, tuple[str, ...]]:
        """Each reading's field name → its allowed ids, the default first."""
        hints = get_type_hints(cls)
        return {f.name: tuple(get_args(hints[f.name])) for f in dataclasses.fields(cls)}

    @classmethod
    def from_pairs(cls, pairs: Iterable[str], base: Readings | None = None) -> Readings:
        """Readings from ``key=value`` strings, on top of ``base`` (the defaults if None)."""
        choices = cls.choices()
        changes: dict[str, str] = {}
        for pair in pairs:
            key, sep, value = pair.partition("=")
            key, value = key.strip(), value.strip()
            if not sep:
                raise ValueError(f"reading {pair!r} is not of the form key=value")
            if key == "preset":
                if value not in PRESETS:
                    raise ValueError(f"preset {value!r} is not one of {', '.join(PRESETS)}")
                changes.update(PRESETS[value])
                continue
            if key not in choices:
                raise ValueError(f"unknown reading {key!r}; known readings: {', '.join(choices)}")
            if value not in choices[key]:
                raise ValueError(f"reading {key}={value!r} is not one of {', '.join(choices[key])}")
            changes[key] = value
        return dataclasses.replace(base or cls(), **changes)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Readings:
        """Readings from a mapping of field → id (missing fields take their default)."""
        return cls.from_pairs(f"{key}={value}" for key, value in data.items())

    def to_dict(self) -> dict[str, str]:
        """Field → id, every field."""
        return dataclasses.asdict(self)

    def changed(self) -> dict[str, str]:
        """Only the fields that differ from the defaults."""
        default = type(self)()
        return {k: v for k, v in self.to_dict().items() if getattr(default, k) != v}
