"""Every limit the seeds state is in the request schemas exactly, and nothing else is.

The tables below are transcribed from the seeds (create-checkout-session.openapi.md and
update-checkout-session.txt): "(MAX n; MIN m)" → maxLength/minLength, "UUID, 36 chars" →
36..36 + format uuid, "up to 120 metadata objects" → maxItems. Changing, adding or removing a
limit in the document fails a test here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from yuno_contracts.catalogue.contract import ContractError, field_limits, request_schema
from yuno_contracts.catalogue.reference import CURRENCIES

COUNTRIES = [
    "AR", "BO", "BR", "CL", "CO", "CR", "EC", "SV", "GT",
    "HN", "MX", "NI", "PA", "PY", "PE", "US", "UY",
]  # fmt: skip
UUID_36 = {"format": "uuid", "minLength": 36, "maxLength": 36}
# "(MAX 3; MIN 3; ISO 4217)": the contract lists ISO 4217's codes (catalogue.reference.CURRENCIES).
ISO_4217 = {"minLength": 3, "maxLength": 3, "enum": sorted(CURRENCIES)}
NULLABLE_ISO_4217 = {**ISO_4217, "enum": [*sorted(CURRENCIES), None]}
DECIMAL = {"format": "float", "multipleOf": 0.0001, "x-decimal-multiple-of": "0.0001"}
INTERVAL_UNITS = {"enum": ["year", "month", "day", "hour", "minute"]}
LIMIT_KEYWORDS = {
    "minLength", "maxLength", "pattern", "enum", "const", "format",
    "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties",
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
    "x-decimal-multiple-of",
}  # fmt: skip

CREATE_LIMITS: dict[str, dict[str, Any]] = {
    "customer_id": UUID_36,
    "merchant_order_id": {"minLength": 3, "maxLength": 255},
    "payment_description": {"minLength": 3, "maxLength": 255},
    "callback_url": {"minLength": 3, "maxLength": 526},
    "country": {"minLength": 2, "maxLength": 2, "enum": COUNTRIES},
    "account_id": UUID_36,
    "amount.currency": ISO_4217,
    "amount.value": DECIMAL,
    "alternative_amount.currency": NULLABLE_ISO_4217,
    "alternative_amount.value": DECIMAL,
    "metadata": {"maxItems": 120},
    "metadata[].key": {"maxLength": 48},
    "metadata[].value": {"maxLength": 512},
    "workflow": {"enum": ["SDK_CHECKOUT", "CHECKOUT", "SDK_SEAMLESS"]},
    "installments.plan[].installment": {
        "format": "int32",
        "minimum": -2147483648,
        "maximum": 2147483647,
    },
    "installments.plan[].rate": {"format": "float"},
    "recurring_payment.regular_billing.interval_unit": INTERVAL_UNITS,
    "recurring_payment.trial_billing.interval_unit": INTERVAL_UNITS,
}
# The update page lists the same fields without recurring_payment (and the guide's return_url).
UPDATE_LIMITS = {k: v for k, v in CREATE_LIMITS.items() if not k.startswith("recurring_payment")}
LIMITS = {"createCheckoutSession": CREATE_LIMITS, "updateCheckoutSession": UPDATE_LIMITS}

FOUR = ["merchant_order_id", "payment_description", "country", "account_id"]
BILLING = ["label", "amount", "interval_unit", "interval_count"]
CREATE_REQUIRED = {
    "": FOUR,
    "amount": ["currency", "value"],
    "alternative_amount": ["currency", "value"],
    "metadata[]": ["key", "value"],
    "installments.plan[]": ["installment", "rate"],
    "recurring_payment.regular_billing": BILLING,
    "recurring_payment.trial_billing": BILLING,
}
UPDATE_REQUIRED = {
    "": FOUR,
    "metadata[]": ["key", "value"],
    "installments.plan[]": ["installment", "rate"],
}
REQUIRED = {"createCheckoutSession": CREATE_REQUIRED, "updateCheckoutSession": UPDATE_REQUIRED}

TYPES = {
    "customer_id": "string",
    "merchant_order_id": "string",
    "payment_description": "string",
    "callback_url": "string",
    "country": "string",
    "account_id": "string",
    "amount": "object",
    "amount.currency": "string",
    "amount.value": "number",
    "alternative_amount": "object",
    "alternative_amount.currency": ["string", "null"],
    "alternative_amount.value": "number",
    "metadata": "array",
    "metadata[]": "object",
    "metadata[].key": "string",
    "metadata[].value": "string",
    "workflow": "string",
    "installments": "object",
    "installments.plan_id": "string",
    "installments.plan": "array",
    "installments.plan[].installment": "integer",
    "installments.plan[].rate": "number",
}

UPDATE_FIELDS = {
    "merchant_order_id", "payment_description", "country", "account_id", "customer_id",
    "callback_url", "amount", "alternative_amount", "metadata", "workflow", "installments",
}  # fmt: skip
CREATE_FIELDS = UPDATE_FIELDS | {"recurring_payment", "return_url"}


def nodes(schema: dict[str, Any], path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """(dotted path, schema) of every node: properties by name, array items as ``[]``."""
    yield path, schema
    for name, child in schema.get("properties", {}).items():
        yield from nodes(child, f"{path}.{name}" if path else name)
    if isinstance(schema.get("items"), dict):
        yield from nodes(schema["items"], f"{path}[]")
    for keyword in ("anyOf", "oneOf"):
        assert keyword not in schema, f"{path}: the request schemas stay flat ({keyword})"
    # allOf only for the readings' hooks: empty rules the overlays of contracts/readings/ fill
    for member in schema.get("allOf", ()):
        assert set(member) == {"description", "x-ambiguity"} | set(member) & {"required"}, (
            f"{path}: allOf holds only the readings' hooks (rules with no fields of their own)"
        )


def node_at(operation_id: str, path: str) -> dict[str, Any]:
    found = dict(nodes(request_schema(operation_id)))
    assert path in found, f"{operation_id} has no field {path}"
    return found[path]


def limits_of(node: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in node.items() if key in LIMIT_KEYWORDS}


ROWS = [(op, path) for op, table in LIMITS.items() for path in table]


@pytest.mark.parametrize(("operation_id", "path"), ROWS, ids=[f"{o}:{p}" for o, p in ROWS])
def test_limit_is_exactly_as_the_seed_states(operation_id, path):
    assert limits_of(node_at(operation_id, path)) == LIMITS[operation_id][path]


@pytest.mark.parametrize("operation_id", LIMITS)
def test_no_limit_outside_the_table(operation_id):
    limited = {path for path, node in nodes(request_schema(operation_id)) if limits_of(node)}
    assert limited == set(LIMITS[operation_id])


@pytest.mark.parametrize("operation_id", REQUIRED)
def test_required_lists_are_exactly_the_seeds(operation_id):
    found = {
        path: [*node.get("required", []), *required_by_hooks]
        for path, node in nodes(request_schema(operation_id))
        if (required_by_hooks := [r for m in node.get("allOf", ()) for r in m.get("required", ())])
        or "required" in node
    }
    assert found == REQUIRED[operation_id]


@pytest.mark.parametrize("operation_id", LIMITS)
def test_field_types_are_the_seeds(operation_id):
    for path, expected in TYPES.items():
        assert node_at(operation_id, path)["type"] == expected, path


def test_each_operation_has_the_fields_of_its_page():
    assert set(request_schema("createCheckoutSession")["properties"]) == CREATE_FIELDS
    assert set(request_schema("updateCheckoutSession")["properties"]) == UPDATE_FIELDS


def test_recurring_payment_is_the_seeds():
    recurring = node_at("createCheckoutSession", "recurring_payment")
    assert set(recurring["properties"]) == {
        "description", "management_url", "billing_agreement", "regular_billing", "trial_billing",
    }  # fmt: skip
    for cycle in ("regular_billing", "trial_billing"):
        props = recurring["properties"][cycle]["properties"]
        assert props["amount"]["type"] == "string"
        assert props["interval_count"]["type"] == "integer"


# ---------------------------------------------------------------- validating bodies


def create_validator(validator_for):
    return validator_for(request_schema("createCheckoutSession"))


def examples(contract, operation_id, method, path):
    media = contract["paths"][path][method]["requestBody"]["content"]["application/json"]
    return {name: example["value"] for name, example in media["examples"].items()}


def test_the_seed_create_examples_validate(contract, validator_for):
    found = examples(contract, "createCheckoutSession", "post", "/checkout/sessions")
    assert set(found) == {"full-data", "min-data", "alternative-currency-omitted"}
    validator = create_validator(validator_for)
    for name, body in found.items():
        assert not [e.message for e in validator.iter_errors(body)], name


def test_the_seed_update_example_validates(contract, validator_for):
    found = examples(
        contract, "updateCheckoutSession", "patch", "/checkout/sessions/{checkout_session}"
    )
    body = found["seed"]
    assert body["amount"] == {"currency": "ARS"}
    assert validator_for(request_schema("updateCheckoutSession")).is_valid(body)
    # the same partial amount is not a valid create body: create requires currency and value
    assert not create_validator(validator_for).is_valid(body)


VALID = {
    "account_id": "00000000-0000-4000-8000-000000000001",
    "merchant_order_id": "abc",
    "payment_description": "abc",
    "country": "CO",
}


@pytest.mark.parametrize(
    ("change", "valid"),
    [
        ({}, True),
        ({"merchant_order_id": "ab"}, False),
        ({"merchant_order_id": "x" * 255}, True),
        ({"merchant_order_id": "x" * 256}, False),
        ({"payment_description": "x" * 256}, False),
        ({"callback_url": "x" * 526}, True),
        ({"callback_url": "x" * 527}, False),
        ({"country": "XX"}, False),
        ({"account_id": "not-a-uuid-but-thirty-six-characters"}, False),
        ({"amount": {"currency": "COP", "value": 0.3}}, True),  # a float-division false alarm
        ({"amount": {"currency": "COP", "value": 0.00030000000000000003}}, False),
        ({"amount": {"currency": "COP", "value": 1.00005}}, False),
        ({"amount": {"currency": "COPX", "value": 1}}, False),
        ({"amount": {"currency": "COP"}}, False),
        ({"alternative_amount": {"currency": None, "value": 2}}, True),
        ({"alternative_amount": {"currency": "USD", "value": "2"}}, False),
        ({"metadata": [{"key": "k" * 48, "value": "v" * 512}] * 120}, True),
        ({"metadata": [{"key": "k", "value": "v"}] * 121}, False),
        ({"metadata": [{"key": "k" * 49, "value": "v"}]}, False),
        ({"metadata": [{"key": "k", "value": "v" * 513}]}, False),
        ({"metadata": {"k": "v"}}, False),
        ({"workflow": "SDK_LITE"}, False),
        ({"installments": {"plan": [{"installment": 2147483647, "rate": 1.5}]}}, True),
        ({"installments": {"plan": [{"installment": 2147483648, "rate": 1.5}]}}, False),
        ({"installments": {"plan": [{"installment": 3}]}}, False),
        ({"additional_data": {"anything": True}}, True),
    ],
)
def test_create_schema_accepts_and_refuses(validator_for, change, valid):
    assert create_validator(validator_for).is_valid({**VALID, **change}) is valid


@pytest.mark.parametrize("missing", FOUR)
def test_create_refuses_a_missing_required_field(validator_for, missing):
    body = {k: v for k, v in VALID.items() if k != missing}
    assert not create_validator(validator_for).is_valid(body)


def test_float_multiple_of_is_why_the_decimal_reading_is_used():
    """The stock keyword divides floats: it refuses 0.3, which the contract accepts."""
    from jsonschema import Draft202012Validator

    value = node_at("createCheckoutSession", "amount.value")
    assert not Draft202012Validator(value).is_valid(0.3)
    assert Draft202012Validator(value).is_valid(8000)  # the seed examples are not affected


DERIVED = ("minLength", "maxLength", "enum", "maxItems")
DERIVED_ROWS = [(op, path) for op, path in ROWS if any(key in LIMITS[op][path] for key in DERIVED)]


@pytest.mark.parametrize(
    ("operation_id", "path"), DERIVED_ROWS, ids=[f"{o}:{p}" for o, p in DERIVED_ROWS]
)
def test_field_limits_the_suites_derive_are_the_seed_numbers(operation_id, path):
    """The suites build boundary and enum cases from ``field_limits``: the seed's numbers."""
    seed = LIMITS[operation_id][path]
    limits = field_limits(path, operation_id)
    assert limits.min_length == seed.get("minLength")
    assert limits.max_length == seed.get("maxLength")
    assert limits.enum == (tuple(seed["enum"]) if "enum" in seed else None)
    assert limits.max_items == seed.get("maxItems")


def test_field_limits_of_an_unknown_field_is_one_line_naming_it():
    with pytest.raises(
        ContractError, match=r"^The contract's createCheckoutSession request has no field 'nope'\.$"
    ):
        field_limits("nope")
