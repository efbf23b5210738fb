"""Validation: request bodies parsed and checked against the rule tables of ``rules.py``.

``check`` applies a ``Rule`` to a parsed value and collects every problem as a message that
starts with the field path; ``validate`` raises them as one 400::

    rules = faithful_rules(Readings(), account_id)
    fields = validate(parse_json(b'{"country": "us"}'), rules.create)
    # ApiError 400 INVALID_REQUEST ["account_id: is required", ...,
    #                               "country: must be one of AR, BO, ..., got 'us'"]

Bodies are parsed with ``json.loads(text, parse_float=Decimal)`` so a number keeps the digits it
was written with: "multiple of 0.0001" is judged on those (reading ``decimal``) or as
jsonschema judges floats (reading ``float``). Whatever the bytes, parsing and checking end in
a value or an ``ApiError(400, "INVALID_REQUEST", ...)``, never another exception: invalid
UTF-8, malformed JSON, NaN/Infinity, nesting past the recursion limit, integers past Python's
digit limit, exponents past Decimal's range, numbers past a double's range.
"""

from __future__ import annotations

import json
import re
import sys
from decimal import Decimal
from typing import Any

from yuno_contracts.catalogue.reference import LOCAL_CURRENCY, is_multiple
from yuno_contracts.sandbox.readings import Readings
from yuno_contracts.sandbox.responses import ApiError
from yuno_contracts.sandbox.rules import JsonType, Rule, Rules

__all__ = [
    "FIELD_CODES",
    "INVALID_REQUEST",
    "check",
    "field_code",
    "json_type",
    "local_currency_problem",
    "parse_json",
    "validate",
    "validate_payment",
    "validate_token",
]

INVALID_REQUEST = "INVALID_REQUEST"
NOT_A_FIELD = "is not a field of this request"
MAX_DOUBLE = Decimal(sys.float_info.max)
MAX_MESSAGES = 20
# ERROR-400-CODES, reading field-specific: the catalogue's own code of a field (page
# response-codes), by the path a problem names; the first prefix that fits wins.
FIELD_CODES: tuple[tuple[str, str], ...] = (
    ("amount.currency", "CURRENCY_NOT_ALLOWED"),  # Currency is not allowed for this country.
    ("amount", "INVALID_AMOUNT"),  # Invalid amount for the payment method.
    ("country", "COUNTRY_NOT_SUPPORTED"),  # Country not supported.
    ("account_id", "INVALID_ACCOUNT_ID"),  # Invalid Yuno's account id
    ("customer_id", "CUSTOMER_NOT_FOUND"),  # Customer not found
)


# -- parsing ------------------------------------------------------------------------------------


class _NonFinite(ValueError):
    pass


def _reject_constant(name: str) -> Any:
    raise _NonFinite(f"{name} is not a JSON number")


def parse_json(raw: bytes) -> Any:
    """The JSON value of a request body; ApiError 400 INVALID_REQUEST for anything else."""
    if not raw.strip():
        raise ApiError(400, INVALID_REQUEST, "body: is empty, expected a JSON object")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(
            400, INVALID_REQUEST, f"body: is not valid UTF-8 (byte {exc.start})"
        ) from None
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)
    except RecursionError:
        raise ApiError(400, INVALID_REQUEST, "body: JSON is nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise ApiError(
            400,
            INVALID_REQUEST,
            f"body: is not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})",
        ) from None
    except _NonFinite as exc:
        raise ApiError(400, INVALID_REQUEST, f"body: is not valid JSON ({exc})") from None
    except (ValueError, ArithmeticError):  # int digit limit, Decimal exponent overflow
        raise ApiError(400, INVALID_REQUEST, "body: holds a number too large to read") from None


_NUMBER_RE = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")


# -- checks -------------------------------------------------------------------------------------


def json_type(value: Any) -> str:
    """The JSON type name of a parsed value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, Decimal | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _is_integral(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    if isinstance(value, Decimal):
        try:
            return value.is_finite() and value == value.to_integral_value()
        except ArithmeticError:
            return False
    return False


def _accepts(kind: JsonType, value: Any) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "number":
        return isinstance(value, int | Decimal) and not isinstance(value, bool)
    if kind == "integer":
        return _is_integral(value)
    if kind == "object":
        return isinstance(value, dict)
    if kind == "array":
        return isinstance(value, list)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "numeric-string":
        return isinstance(value, str) and len(value) <= 100 and bool(_NUMBER_RE.fullmatch(value))
    return False


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:40] + "…")
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value) if value.bit_length() < 200 else f"{str(value)[:20]}…"
        return text
    if isinstance(value, Decimal):
        text = str(value)
        return text if len(text) <= 40 else text[:40] + "…"
    return json_type(value)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _check_number(value: Any, rule: Rule, path: str, errors: list[str]) -> None:
    try:
        number = Decimal(value) if isinstance(value, str) else value
    except ArithmeticError:
        errors.append(f"{path}: number out of range, got {_show(value)}")
        return
    if isinstance(number, Decimal) and not number.is_finite():
        errors.append(f"{path}: must be a finite number, got {_show(value)}")
        return
    magnitude = number.copy_abs() if isinstance(number, Decimal) else abs(number)
    if magnitude > MAX_DOUBLE:
        errors.append(f"{path}: number out of range, got {_show(value)}")
        return
    if rule.int_range is not None:
        low, high = rule.int_range
        if not low <= number <= high:
            errors.append(f"{path}: must be an integer from {low} to {high}, got {_show(value)}")
    if rule.multiple_of is not None and not is_multiple(
        number, rule.multiple_of, rule.multiple_mode
    ):
        errors.append(f"{path}: must be a multiple of {rule.multiple_of}, got {_show(value)}")


def _check_string(value: str, rule: Rule, path: str, errors: list[str]) -> None:
    if rule.min_length is not None and len(value) < rule.min_length:
        errors.append(f"{path}: must be at least {rule.min_length} characters, got {len(value)}")
    if rule.max_length is not None and len(value) > rule.max_length:
        errors.append(f"{path}: must be at most {rule.max_length} characters, got {len(value)}")
    if rule.choices is not None:
        candidate = value.upper() if rule.case_insensitive else value
        if candidate not in rule.choices:
            errors.append(f"{path}: must be one of {', '.join(rule.choices)}, got {_show(value)}")
    if rule.format is not None and (problem := rule.format(value)):
        errors.append(f"{path}: {problem}, got {_show(value)}")


def check(value: Any, rule: Rule, path: str, errors: list[str]) -> Any:
    """``value`` checked against ``rule``: problems appended to ``errors``; the kept value back.

    Objects keep only the properties of their rule (unknown fields are ignored); free-key
    objects and arrays keep what their rules accept.
    """
    if value is None:
        if not rule.nullable:
            errors.append(f"{path}: must not be null")
        return None
    kind = next((k for k in rule.types if _accepts(k, value)), None)
    if kind is None:
        expected = " or ".join(rule.types)
        errors.append(f"{path}: must be a {expected}, got {json_type(value)}")
        return None
    if kind in ("number", "integer", "numeric-string"):
        _check_number(value, rule, path, errors)
    elif kind == "string":
        _check_string(value, rule, path, errors)
    elif kind == "array":
        if rule.max_items is not None and len(value) > rule.max_items:
            errors.append(f"{path}: must have at most {rule.max_items} items, got {len(value)}")
            return None
        if rule.items is None:
            return value
        return [check(item, rule.items, f"{path}[{i}]", errors) for i, item in enumerate(value)]
    elif kind == "object":
        return _check_object(value, rule, path, errors)
    return value


def _check_object(value: dict[str, Any], rule: Rule, path: str, errors: list[str]) -> Any:
    if rule.keys is not None and rule.values is not None:
        if rule.max_items is not None and len(value) > rule.max_items:
            errors.append(f"{path}: must have at most {rule.max_items} pairs, got {len(value)}")
            return None
        kept: dict[str, Any] = {}
        for key, item in value.items():
            key_errors: list[str] = []
            check(key, rule.keys, "", key_errors)  # messages as ": must be ..."
            errors.extend(f"{path}: key {_show(key)} {m.removeprefix(': ')}" for m in key_errors)
            kept[key] = check(item, rule.values, f"{path}[{_show(key)}]", errors)
        return kept
    if not rule.properties:
        return value  # an object the sandbox does not look into
    for name in sorted(rule.required - value.keys()):
        errors.append(f"{_join(path, name)}: is required")
    if rule.closed:
        for name in sorted(value.keys() - rule.properties.keys()):
            errors.append(f"{_join(path, name)}: {NOT_A_FIELD}")
    kept = {
        name: check(value[name], sub, _join(path, name), errors)
        for name, sub in rule.properties.items()
        if name in value and not (sub.null_is_absent and value[name] is None)
    }
    if rule.object_check is not None:
        errors.extend(f"{_join(path, problem)}" for problem in rule.object_check(value))
    return kept


def _code_of(path: str) -> str | None:
    for prefix, code in FIELD_CODES:
        if path == prefix or path.startswith((f"{prefix}.", f"{prefix}[")):
            return code
    return None


def field_code(messages: list[str]) -> str:
    """The one field-specific code of the field every problem is about (a problem of a field
    with no code, or a missing field, makes it INVALID_REQUEST, as do problems of two fields)."""
    codes: set[str | None] = set()
    for message in messages:
        path, _, problem = message.partition(": ")
        codes.add(None if problem in ("is required", NOT_A_FIELD) else _code_of(path))
    only = codes.pop() if len(codes) == 1 else None
    return only or INVALID_REQUEST


def validate(value: Any, rule: Rule, path: str = "", field_codes: bool = False) -> Any:
    """The kept value, or ApiError 400 listing every problem found: INVALID_REQUEST, or with
    ``field_codes`` (ERROR-400-CODES field-specific) the code of ``field_code``."""
    errors: list[str] = []
    if not isinstance(value, dict) and rule.types == ("object",):
        raise ApiError(
            400, INVALID_REQUEST, f"{path or 'body'}: must be a JSON object, got {json_type(value)}"
        )
    kept = check(value, rule, path, errors)
    if errors:
        if len(errors) > MAX_MESSAGES:
            errors = [*errors[:MAX_MESSAGES], f"... and {len(errors) - MAX_MESSAGES} more"]
        raise ApiError(400, field_code(errors) if field_codes else INVALID_REQUEST, *errors)
    return kept


def local_currency_problem(readings: Readings, fields: dict[str, Any]) -> str | None:
    """CURRENCY-COUNTRY local-only: the problem of a listed country with another currency."""
    if readings.currency_country != "local-only":
        return None
    local = LOCAL_CURRENCY.get(str(fields.get("country", "")).upper())
    amount = fields.get("amount")
    currency = amount.get("currency") if isinstance(amount, dict) else None
    if local is not None and currency is not None and currency != local:
        return f"amount.currency: {local} only for this country"
    return None


def _card_number(card: dict[str, Any], nested: str, options: Rule, rules: Rules, path: str) -> str:
    if nested in card:  # Yuno's shape: the card data under ``nested``, options beside it
        return validate(card, options, path)[nested]["number"]
    return validate(card, rules.card, path)["number"]  # the flat shape


def validate_token(value: Any, rules: Rules) -> tuple[dict[str, Any], str]:
    """A one-time token body and its card number (card data flat or under ``card.detail``)."""
    kept = validate(value, rules.token)
    card = kept["payment_method"]["card"]
    return kept, _card_number(card, "detail", rules.token_card, rules, "payment_method.card")


def validate_payment(value: Any, rules: Rules) -> tuple[dict[str, Any], str | None]:
    """A payment body and its card number (None when it pays with a one-time token).

    The card data flat in ``payment_method.detail.card`` or under its ``card_data``.
    """
    kept = validate(value, rules.payment)
    method = kept["payment_method"]
    if "token" in method:
        kept["payment_method"] = validate(method, rules.payment_token, "payment_method")
        return kept, None
    method = kept["payment_method"] = validate(method, rules.payment_card, "payment_method")
    card = method["detail"]["card"]
    path = "payment_method.detail.card"
    return kept, _card_number(card, "card_data", rules.payment_card_options, rules, path)
