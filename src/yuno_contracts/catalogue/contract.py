"""The contract document, as data.

    load_contract()                      the OpenAPI document (a fresh copy, parsed once)
    contract_hash()                      sha256 of the document's bytes, first 16 hex digits
    request_schema("createCheckoutSession")
                                         that operation's JSON request schema, local $refs inlined
    field_limits("metadata[].key")       a field's minLength / maxLength / enum / maxItems
    contract_node("#/components/schemas/Error")
                                         the node a JSON pointer names, local $refs inlined

The payment template (``contracts/payment-template.json``) is read by ``payment_template``.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from yuno_contracts.catalogue.resources import contracts_dir
from yuno_contracts.core.errors import HarnessError
from yuno_contracts.core.yamldata import safe_load

__all__ = [
    "CONTRACT_PATH",
    "ContractError",
    "FieldLimits",
    "contract_hash",
    "contract_node",
    "field_limits",
    "field_schema",
    "inline_refs",
    "load_contract",
    "operation",
    "request_schema",
]

CONTRACT_PATH = contracts_dir() / "checkout-sessions.openapi.yaml"
_HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


class ContractError(HarnessError):
    """The contract document or the payment template cannot be used."""


@cache
def _parsed(path: Path) -> dict[str, Any]:
    try:
        document = safe_load(path.read_bytes())
    except OSError as exc:
        raise ContractError(
            f"The contract document {path} cannot be read ({exc.strerror}); restore it from git."
        ) from exc
    except yaml.YAMLError as exc:
        raise ContractError(
            f"The contract document {path} is not valid YAML ({_one_line(exc)}); fix it."
        ) from exc
    if not isinstance(document, dict) or "paths" not in document:
        raise ContractError(f"The contract document {path} is not an OpenAPI document; fix it.")
    return document


def load_contract(path: Path | None = None) -> dict[str, Any]:
    """The contract document as a dict; parsed once per path, a fresh copy on every call."""
    return copy.deepcopy(_parsed(Path(path or CONTRACT_PATH)))


def contract_hash(path: Path | None = None) -> str:
    """The first 16 hex digits of the sha256 of the document's bytes (cassette provenance)."""
    return hashlib.sha256(Path(path or CONTRACT_PATH).read_bytes()).hexdigest()[:16]


def operation(operation_id: str, path: Path | None = None) -> tuple[str, str, dict[str, Any]]:
    """``(method, path template, operation object)`` of the operation with this operationId."""
    document = load_contract(path)
    for template, item in document.get("paths", {}).items():
        for method in _HTTP_METHODS:
            op = item.get(method)
            if isinstance(op, dict) and op.get("operationId") == operation_id:
                return method.upper(), template, op
    known = ", ".join(sorted(_operation_ids(document)))
    raise ContractError(f"The contract has no operation {operation_id!r} (it has: {known}).")


def request_schema(operation_id: str, path: Path | None = None) -> dict[str, Any]:
    """The ``application/json`` request schema of an operation, every local ``$ref`` inlined."""
    document = load_contract(path)
    _, template, op = operation(operation_id, path)
    body = op.get("requestBody", {})
    if "$ref" in body:
        body = _pointer(document, body["$ref"])
    try:
        schema = body["content"]["application/json"]["schema"]
    except (KeyError, TypeError):
        raise ContractError(
            f"The operation {operation_id!r} ({template}) has no JSON request body in the contract."
        ) from None
    return inline_refs(schema, document)


@dataclass(frozen=True)
class FieldLimits:
    """The limits the contract gives one request field (None where it gives none)."""

    min_length: int | None
    max_length: int | None
    enum: tuple[str, ...] | None
    max_items: int | None


def field_limits(field: str, operation_id: str = "createCheckoutSession") -> FieldLimits:
    """The limits of ``field`` in an operation's request schema: a dotted path, ``[]`` for an
    array's items (``"merchant_order_id"``, ``"metadata[].key"``,
    ``"recurring_payment.regular_billing.interval_unit"``)."""
    node, _ = field_schema(request_schema(operation_id), field, f"{operation_id} request")
    enum = node.get("enum")
    return FieldLimits(
        min_length=node.get("minLength"),
        max_length=node.get("maxLength"),
        enum=None if enum is None else tuple(enum),
        max_items=node.get("maxItems"),
    )


def field_schema(schema: dict[str, Any], field: str, where: str) -> tuple[dict[str, Any], bool]:
    """The schema of ``field`` (a dotted path, ``[]`` for an array's items) inside ``schema``
    (``$refs`` inlined), and whether the object holding it lists it as required."""
    node, required = schema, False
    for part in field.replace("[]", ".[]").split("."):
        if part == "[]":
            child, required = node.get("items"), False
        else:
            child = node.get("properties", {}).get(part)
            required = part in node.get("required", ())
        if not isinstance(child, dict):
            raise ContractError(f"The contract's {where} has no field {field!r}.")
        node = child
    return node, required


def contract_node(ref: str, path: Path | None = None) -> Any:
    """The node a local JSON pointer (``#/components/schemas/Error``) names, $refs inlined."""
    document = load_contract(path)
    return inline_refs(_pointer(document, ref), document)


def inline_refs(node: Any, document: dict[str, Any], _seen: tuple[str, ...] = ()) -> Any:
    """A copy of ``node`` with every local ``$ref`` replaced by its target (siblings kept)."""
    if isinstance(node, list):
        return [inline_refs(item, document, _seen) for item in node]
    if not isinstance(node, dict):
        return node
    if isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        if ref in _seen:
            raise ContractError(f"The contract's $ref {ref} is circular; it cannot be inlined.")
        target = inline_refs(_pointer(document, ref), document, (*_seen, ref))
        siblings = {k: inline_refs(v, document, _seen) for k, v in node.items() if k != "$ref"}
        return {**target, **siblings} if isinstance(target, dict) else target
    return {key: inline_refs(value, document, _seen) for key, value in node.items()}


def _pointer(document: dict[str, Any], ref: str) -> Any:
    if not ref.startswith("#/"):
        raise ContractError(f"The contract's $ref {ref} is not local; only '#/…' refs are used.")
    node: Any = document
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        try:
            node = node[int(part)] if isinstance(node, list) else node[part]
        except (KeyError, IndexError, ValueError, TypeError):
            raise ContractError(f"The contract's $ref {ref} points nowhere; fix it.") from None
    return node


def _operation_ids(document: dict[str, Any]) -> set[str]:
    return {
        op["operationId"]
        for item in document.get("paths", {}).values()
        for method in _HTTP_METHODS
        if isinstance(op := item.get(method), dict) and "operationId" in op
    }


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())
