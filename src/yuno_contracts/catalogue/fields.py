"""Field lines: what the contract says of one field, in one short line a person reads.

Many clauses quote a schema fragment of the seed's OpenAPI (``required: - merchant_order_id -
payment_description``, ``security: - sec0: [] sec1: []``): verbatim, checked, but unreadable
once flattened onto a page. A clause's ``field`` names where the contract
(``contracts/checkout-sessions.openapi.yaml``) states the same thing, and the partner page shows
the line rendered from it instead::

    field_line("CreateCheckoutSessionRequest.payment_description")
        'payment_description: string, MIN 3, MAX 255, required'
    field_line("#/components/securitySchemes")
        'headers: public-api-key and private-secret-key, both on every request'

A reference is ``Schema.path`` (a component schema, then a dotted path, ``[]`` for an array's
items) or a JSON pointer ``#/…`` (an example, a response's content, the security schemes).
``looks_like_schema_fragment`` tells which quotes need one.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from yuno_contracts.catalogue.contract import ContractError, contract_node, field_schema

__all__ = ["field_line", "field_name", "looks_like_schema_fragment"]

# a YAML key as the seed's flattened schema writes it: an unquoted name, a colon, then a space
# or the end (``required: -``, ``type: string``, ``examples:``); not ``https://`` nor JSON's
# quoted ``"used":``
_YAML_KEY = re.compile(r"(?<![\w\"'])[A-Za-z_][\w.-]*:(?:\s|$)")
ENUM_SHOWN = 20  # a longer enum (ISO 4217's codes) is counted, its first values shown
# a whole schema's field line is named for the body it describes
SCHEMA_NAMES = {
    "CreateCheckoutSessionRequest": "create body",
    "UpdateCheckoutSessionRequest": "update body",
    "Error": "error body",
}
EXAMPLE_KEYS_SHOWN = 4  # an example with more members lists their names only


def looks_like_schema_fragment(quote: str) -> bool:
    """True when ``quote`` is flattened YAML of a schema or an example, not a sentence."""
    return bool(_YAML_KEY.search(quote))


def field_name(ref: str) -> str:
    """The name a field line starts with: the field's path, the schema's name, an example's
    summary, or the last part of a pointer."""
    if not ref.startswith("#/"):
        schema, _, path = ref.partition(".")
        return path or SCHEMA_NAMES.get(schema, schema)
    node = contract_node(ref)
    if isinstance(node, dict) and isinstance(node.get("summary"), str) and "value" in node:
        return node["summary"]
    return "headers" if ref.endswith("/securitySchemes") else "body"


@cache
def field_line(ref: str) -> str:
    """The line the partner page shows for a clause's ``field`` (see the module docstring)."""
    name = field_name(ref)
    if not ref.startswith("#/"):
        schema, _, path = ref.partition(".")
        node = contract_node(f"#/components/schemas/{schema}")
        required = False
        if path:
            node, required = field_schema(node, path, f"schema {schema}")
        return f"{name}: {_schema_text(node, required=required)}"
    node = contract_node(ref)
    if ref.endswith("/securitySchemes"):
        names = [scheme["name"] for scheme in node.values()]
        return f"{name}: {' and '.join(names)}, both on every request"
    if ref.endswith("/content"):
        return f"{name}: {', '.join(node)}"
    if isinstance(node, dict) and "value" in node:
        return f"{name}: {_example_text(node['value'])}"
    if isinstance(node, dict):
        return f"{name}: {_schema_text(node, required=False)}"
    raise ContractError(f"{ref} names nothing a field line can be made of.")


def _schema_text(node: dict[str, Any], *, required: bool) -> str:
    parts = [_type_text(node)]
    if node.get("minLength") is not None:
        parts.append(f"MIN {node['minLength']}")
    if node.get("maxLength") is not None:
        parts.append(f"MAX {node['maxLength']}")
    if node.get("format") not in ("int32", "int64"):  # there the bounds are the type's range
        parts += [f"from {node['minimum']}"] if "minimum" in node else []
        parts += [f"to {node['maximum']}"] if "maximum" in node else []
    if "multipleOf" in node:
        parts.append(f"a multiple of {node.get('x-decimal-multiple-of', node['multipleOf'])}")
    enum = [value for value in node.get("enum", ()) if value is not None]
    if len(enum) > ENUM_SHOWN:
        parts.append(f"one of {len(enum)} values ({', '.join(map(str, enum[:4]))}, …)")
    elif enum:
        parts.append(f"one of {', '.join(map(str, enum))}")
    if node.get("maxItems") is not None:
        parts.append(f"up to {node['maxItems']} items")
    members = node.get("required") or (node.get("items") or {}).get("required")
    if members:
        parts.append(f"requires {', '.join(members)}")
    if "anyOf" in node:
        shapes = [_members(alt) for alt in node["anyOf"] if isinstance(alt, dict)]
        parts.append("one of the shapes " + " | ".join(shapes))
    if "default" in node:
        parts.append(f"default {json.dumps(node['default'])}")
    if required:
        parts.append("required")
    example = (node.get("examples") or [None])[0]
    if isinstance(example, str | int | float) and not enum:
        parts.append(f"e.g. {example}")
    return ", ".join(part for part in parts if part)


def _type_text(node: dict[str, Any]) -> str:
    kinds = node.get("type")
    names = [kinds] if isinstance(kinds, str) else list(kinds or ())
    text = " or ".join(name for name in names if name != "null")
    if node.get("format"):
        text += f" ({node['format']})"
    if text.startswith("array") and isinstance(node.get("items"), dict):
        items = _type_text(node["items"]) or "item"
        text += f" of {items}s" if items.isalpha() else f" of {items}"
    if text.startswith("object") and node.get("properties") and not node.get("required"):
        text += f" with {', '.join(node['properties'])}"
    if "null" in names:
        text += " or null"
    return text


def _members(node: dict[str, Any]) -> str:
    return "{" + ", ".join(node.get("required") or node.get("properties", {})) + "}"


def _example_text(value: Any) -> str:
    if not isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if len(value) > EXAMPLE_KEYS_SHOWN:
        return "a body with " + ", ".join(value)
    return ", ".join(f"{key} {_short(member)}" for key, member in value.items())


def _short(value: Any) -> str:
    if isinstance(value, dict):
        return _members({"properties": value})
    if isinstance(value, list):
        return "[" + ", ".join(_short(item) for item in value) + "]"
    return str(value)
