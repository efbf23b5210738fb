"""The payment template, ``contracts/payment-template.json``: the one file a partner edits to
suit the providers of a sandbox. It holds two request bodies::

    {"_comment": [...],
     "token":   {...},    POST /v1/checkout/sessions/{checkout_session}/token (the card)
     "payment": {...}}    POST /v1/payments, paying with "{{one_time_token}}"

    template = load_payment_template()
    if template.pays_with_token:                     # the payment uses {{one_time_token}}
        token_request = template.token_body(**values)
    payment = template.payment_body(**values, one_time_token="…")

Yuno's default workflow SDK_CHECKOUT pays with a one-time token created for the session; a
payment without ``{{one_time_token}}`` (the DIRECT path: raw ``card_data``) creates none.

Placeholders are ``{{name}}``. A string that is exactly one placeholder is replaced by the value
itself, so ``"{{amount_value}}"`` becomes the number 100, not "100"; a placeholder inside a
longer string is replaced by ``str(value)``. Keys starting with ``_`` (such as ``_comment``), at
the top of the file or of a body, are notes for the person editing the file and are dropped.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yuno_contracts.catalogue.contract import ContractError
from yuno_contracts.catalogue.resources import contracts_dir

__all__ = [
    "PAYMENT_TEMPLATE_PATH",
    "PLACEHOLDERS",
    "TOKEN_PLACEHOLDER",
    "PaymentTemplate",
    "load_payment_template",
]

PAYMENT_TEMPLATE_PATH = contracts_dir() / "payment-template.json"
TOKEN_PLACEHOLDER = "one_time_token"
"""Filled with the token the session's token request answered; its presence in the payment
body is what makes the harness create that token first."""
PLACEHOLDERS = (
    "checkout_session",
    "account_id",
    "amount_currency",
    "amount_value",
    "country",
    "merchant_order_id",
    TOKEN_PLACEHOLDER,
)
SECTIONS = ("token", "payment")
_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


@dataclass(frozen=True)
class PaymentTemplate:
    """The two bodies of the template, notes dropped, placeholders not yet filled."""

    path: Path
    payment: dict[str, Any]
    token: dict[str, Any] | None

    @property
    def pays_with_token(self) -> bool:
        """Whether the payment uses ``{{one_time_token}}`` (the SDK_CHECKOUT path)."""
        return TOKEN_PLACEHOLDER in _placeholders(self.payment)

    def payment_body(self, **values: Any) -> dict[str, Any]:
        """The payment body with its placeholders filled from ``values``."""
        return self._fill("payment", self.payment, values)

    def token_body(self, **values: Any) -> dict[str, Any]:
        """The token request body with its placeholders filled from ``values``."""
        if self.token is None:
            raise ContractError(
                f'The payment template {self.path} has no "token" object, which the one-time '
                "token request sends; restore it from git."
            )
        return self._fill("token", self.token, values)

    def _fill(self, section: str, body: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        missing = sorted(_placeholders(body) - values.keys())
        if missing:
            names = ", ".join("{{" + name + "}}" for name in missing)
            raise ContractError(
                f'The payment template {self.path} uses {names} in "{section}" but no value '
                "was given."
            )
        return _substitute(body, values)


def load_payment_template(template_path: Path | None = None) -> PaymentTemplate:
    """``contracts/payment-template.json`` (or ``template_path``), read and checked."""
    path = Path(template_path or PAYMENT_TEMPLATE_PATH)
    document = _read(path)
    unknown = sorted(k for k in document if not k.startswith("_") and k not in SECTIONS)
    if unknown:
        raise ContractError(
            f"The payment template {path} has the unknown key {unknown[0]!r}: it holds "
            '"payment" (the payment body) and "token" (the one-time token request); fix it.'
        )
    bodies = {name: document.get(name) for name in SECTIONS}
    for name, body in bodies.items():
        if body is not None and not isinstance(body, dict):
            raise ContractError(f'The payment template {path}: "{name}" must be a JSON object.')
    payment, token = bodies["payment"], bodies["token"]
    if payment is None:
        raise ContractError(
            f'The payment template {path} has no "payment" object (the body of POST '
            "/v1/payments); restore it from git."
        )
    template = PaymentTemplate(path, _without_notes(payment), token and _without_notes(token))
    if template.pays_with_token and token is None:
        raise ContractError(
            f"The payment template {path} pays with {{{{{TOKEN_PLACEHOLDER}}}}} but has no "
            '"token" object to create it with; add one, or pay without the token.'
        )
    return template


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContractError(
            f"The payment template {path} is missing; restore it from git "
            "(the used suite sends it to create a payment)."
        ) from None
    except OSError as exc:
        raise ContractError(
            f"The payment template {path} cannot be read ({exc.strerror})."
        ) from exc
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ContractError(
            f"The payment template {path} is not valid JSON (line {exc.lineno}, column "
            f"{exc.colno}: {exc.msg}); fix the file."
        ) from None
    if not isinstance(document, dict):
        raise ContractError(f"The payment template {path} must hold one JSON object; fix the file.")
    return document


def _without_notes(body: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in body.items() if not key.startswith("_")}


def _substitute(node: Any, values: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        return {key: _substitute(value, values) for key, value in node.items()}
    if isinstance(node, list):
        return [_substitute(item, values) for item in node]
    if isinstance(node, str):
        whole = _PLACEHOLDER.fullmatch(node)
        if whole:
            return copy.deepcopy(values[whole.group(1)])
        return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), node)
    return node


def _placeholders(node: Any) -> set[str]:
    if isinstance(node, dict):
        return set().union(*(_placeholders(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_placeholders(item) for item in node))
    if isinstance(node, str):
        return set(_PLACEHOLDER.findall(node))
    return set()
