"""A structural diff of the checkout-session schemas of Yuno's OpenAPI files (deepdiff).

Each checkout-session operation's request body and response schemas, ``$ref`` resolved, are
flattened to one record per field (``amount.value``, ``metadata[].key``) holding the constraints a
clause can assert: type, limits (keywords, and the description's "(MAX n; MIN n)"), format, pattern, enum, nullable, and whether it is required. Two
versions are compared with DeepDiff; each difference is one ``SpecChange``::

    spec_changes("create", old_text, new_text)
    # [SpecChange(spec='create', operation='POST /checkout/sessions', side='request',
    #             field='country', what='enum removed', ...)]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from deepdiff import DeepDiff

__all__ = ["SPEC_FILES", "SpecChange", "flatten_operations", "spec_changes"]

# The OpenAPI files the contract and the readings rest on, by the name the report uses.
SPEC_FILES = {
    "openapi/checkout-sessions/create-checkout-session.json": "create",
    "openapi/checkout-sessions/update-checkout-session.json": "update",
    "openapi/checkout-sessions/retrieve-checkout-session.json": "retrieve",
    "openapi/yuno_sandbox_tested.json": "sandbox-tested",
}
CONSTRAINTS = (
    "type",
    "format",
    "pattern",
    "enum",
    "nullable",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
)
# Yuno states most limits in the description, "(MAX 255; MIN 3)", not as schema keywords
DOCUMENTED_LIMITS = {
    "MAX (description)": re.compile(r"\bMAX\s*(\d+)"),
    "MIN (description)": re.compile(r"\bMIN\s*(\d+)"),
}
METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class SpecChange:
    spec: str
    operation: str
    side: str  # "request" or "response <code>"
    field: str
    what: str

    @property
    def leaf(self) -> str:
        """The field's own name (``value`` for ``amount.value``)."""
        return self.field.replace("[]", "").rsplit(".", 1)[-1]

    def __str__(self) -> str:
        return f"{self.spec} spec, {self.operation} {self.side}: `{self.field}` {self.what}"


def _resolve(node: Any, root: dict[str, Any], seen: frozenset[str] = frozenset()) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            if ref in seen:
                return {"$ref": ref}
            target: Any = root
            for part in ref[2:].split("/"):
                target = target.get(part, {}) if isinstance(target, dict) else {}
            return _resolve(target, root, seen | {ref})
        return {key: _resolve(value, root, seen) for key, value in node.items()}
    if isinstance(node, list):
        return [_resolve(item, root, seen) for item in node]
    return node


def _fields(schema: Any, prefix: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if not isinstance(schema, dict):
        return
    parts = [schema, *schema.get("allOf", []), *schema.get("oneOf", []), *schema.get("anyOf", [])]
    required = {
        name for part in parts if isinstance(part, dict) for name in part.get("required", [])
    }
    for part in parts:
        if not isinstance(part, dict):
            continue
        for name, sub in (part.get("properties") or {}).items():
            key = f"{prefix}{name}"
            record = {c: sub[c] for c in CONSTRAINTS if isinstance(sub, dict) and c in sub}
            description = sub.get("description") if isinstance(sub, dict) else None
            for word, pattern in DOCUMENTED_LIMITS.items():
                found = pattern.search(description) if isinstance(description, str) else None
                if found:
                    record[word] = int(found.group(1))
            if isinstance(record.get("enum"), list):
                record["enum"] = sorted(map(str, record["enum"]))
            record["required"] = name in required
            yield key, record
            yield from _fields(sub, f"{key}.")
            if isinstance(sub, dict) and isinstance(sub.get("items"), dict):
                yield from _fields(sub["items"], f"{key}[].")


def _path(path: str) -> str:
    return path.removeprefix("/v1")


def flatten_operations(text: str) -> dict[str, dict[str, dict[str, Any]]]:
    """``"POST /checkout/sessions request"`` → field → its constraints, for every
    checkout-session operation of an OpenAPI document."""
    root = json.loads(text)
    if not isinstance(root, dict):
        raise ValueError("not an OpenAPI document (no JSON object)")
    flat: dict[str, dict[str, dict[str, Any]]] = {}
    for path, item in (root.get("paths") or {}).items():
        if "checkout/sessions" not in path or not isinstance(item, dict):
            continue
        for method in METHODS:
            operation = item.get(method)
            if not isinstance(operation, dict):
                continue
            name = f"{method.upper()} {_path(path)}"
            body = (operation.get("requestBody") or {}).get("content", {})
            schema = body.get("application/json", {}).get("schema")
            if schema is not None:
                flat[f"{name} request"] = dict(_fields(_resolve(schema, root)))
            for code, response in (operation.get("responses") or {}).items():
                content = _resolve(response, root).get("content", {}) if response else {}
                schema = content.get("application/json", {}).get("schema")
                if schema is not None:
                    flat[f"{name} response {code}"] = dict(_fields(_resolve(schema, root)))
    return flat


def _describe(kind: str, path: list[Any], old: Any, new: Any) -> str:
    attribute = path[2] if len(path) > 2 else None
    if attribute is None:
        return "added" if kind == "added" else "removed"
    if attribute == "required":
        return "now required" if new else "no longer required"
    if attribute == "enum" and len(path) > 3:
        return f"enum value {'added' if kind == 'added' else 'removed'}: {old if kind != 'added' else new}"
    if kind == "added":
        return f"{attribute} added: {new!r}"
    if kind == "removed":
        return f"{attribute} removed" + ("" if attribute == "enum" else f" (was {old!r})")
    return f"{attribute} changed: {old!r} → {new!r}"


def spec_changes(spec: str, old_text: str, new_text: str) -> list[SpecChange]:
    """Every field-level schema difference between two versions of one OpenAPI file."""
    old, new = flatten_operations(old_text), flatten_operations(new_text)
    diff = DeepDiff(old, new, ignore_order=True, view="tree")
    changes: list[SpecChange] = []
    for report, levels in diff.items():
        kind = (
            "added"
            if report.endswith("_added")
            else "removed"
            if report.endswith("_removed")
            else "changed"
        )
        for level in levels:
            path = level.path(output_format="list")
            if len(path) == 1:  # a whole operation side appeared or went
                operation, side = _split(path[0])
                changes.append(SpecChange(spec, operation, side, "(schema)", f"{kind}"))
                continue
            operation, side = _split(path[0])
            old_value = None if kind == "added" else level.t1
            new_value = None if kind == "removed" else level.t2
            what = _describe(kind, path, old_value, new_value)
            changes.append(SpecChange(spec, operation, side, str(path[1]), what))
    return sorted(set(changes), key=lambda c: (c.operation, c.side, c.field, c.what))


def _split(key: str) -> tuple[str, str]:
    method, path, side = key.split(" ", 2)
    return f"{method} {path}", side
