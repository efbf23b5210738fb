"""Reading overlays: each request-side reading of an ambiguity as an OpenAPI Overlay 1.0 document.

``contracts/readings/<ambiguity>/<reading>.yaml`` says how one documented reading changes the
contract (``contracts/checkout-sessions.openapi.yaml``): a reading that *is* the contract as
written has no file (``overlay: contract`` in ``contracts/ambiguities.yaml``). Overlays are
applied with oas-patch, the maintained implementation of the OpenAPI Overlay Specification::

    overlay = load_overlay(READINGS_DIR / "country-list" / "country-reference.yaml")
    document = apply_overlays(load_contract(), [overlay])
    touched_nodes(load_contract(), overlay)   # {("components", "schemas", "Country")}
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from jsonpath_ng.ext import parse as parse_path
from oas_patch.overlay import apply_overlay

from yuno_contracts.catalogue.resources import contracts_dir
from yuno_contracts.core.errors import HarnessError
from yuno_contracts.core.yamldata import safe_load

__all__ = [
    "AS_WRITTEN",
    "READINGS_DIR",
    "NodePath",
    "OverlayError",
    "apply_overlays",
    "load_overlay",
    "node_at",
    "schema_location",
    "touched_nodes",
]

READINGS_DIR = contracts_dir() / "readings"
AS_WRITTEN = "contract"
"""The ``overlay`` of a reading that is the contract as written (no file)."""
NodePath = tuple[str | int, ...]

# Keys whose value is a map of name → schema, and keys whose value is one schema: a node of the
# document is a schema when it is reached through one of them (or through a list of schemas).
_SCHEMA_MAPS = frozenset(
    {"schemas", "properties", "patternProperties", "$defs", "dependentSchemas"}
)
_SCHEMA_SLOTS = frozenset(
    {"items", "additionalProperties", "propertyNames", "not", "if", "then", "else", "contains"}
)
_SCHEMA_LISTS = frozenset({"anyOf", "allOf", "oneOf", "prefixItems"})


class OverlayError(HarnessError):
    """A reading overlay cannot be read or does not fit the contract; the message names it."""


@functools.cache
def _read(path: Path) -> dict[str, Any]:
    try:
        document = safe_load(path.read_bytes())
    except OSError as exc:
        raise OverlayError(f"{_name(path)}: cannot be read ({exc.strerror}).") from None
    except yaml.YAMLError:
        raise OverlayError(f"{_name(path)}: is not valid YAML; fix it.") from None
    problem = _shape_problem(document)
    if problem:
        raise OverlayError(f"{_name(path)}: {problem}")
    return document


def load_overlay(path: Path) -> dict[str, Any]:
    """The overlay at ``path`` (a fresh copy), checked to be an Overlay 1.0 document."""
    return copy.deepcopy(_read(path))


def _shape_problem(document: Any) -> str | None:
    if not isinstance(document, dict) or not str(document.get("overlay", "")).startswith("1.0"):
        return "is not an OpenAPI Overlay 1.0 document (overlay: 1.0.0 missing)."
    info = document.get("info")
    if not isinstance(info, dict) or not info.get("title") or not info.get("version"):
        return "info.title and info.version are required."
    actions = document.get("actions")
    if not isinstance(actions, list) or not actions:
        return "actions must be a non-empty list."
    for index, action in enumerate(actions):
        if not isinstance(action, dict) or not isinstance(action.get("target"), str):
            return f"action {index} has no target."
        if ("update" in action) == bool(action.get("remove")):
            return f"action {index} must either update or remove (target {action['target']})."
    return None


def apply_overlays(document: dict[str, Any], overlays: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """A copy of ``document`` with each overlay applied in turn."""
    result = copy.deepcopy(document)
    for overlay in overlays:
        apply_overlay(result, copy.deepcopy(overlay))
    return result


def _path_of(match: Any) -> NodePath:
    keys: list[str | int] = []
    while match.context is not None:
        path = match.path
        keys.append(path.fields[0] if hasattr(path, "fields") else path.index)
        match = match.context
    return tuple(reversed(keys))


def touched_nodes(document: dict[str, Any], overlay: dict[str, Any]) -> set[NodePath]:
    """The schema nodes of ``document`` the overlay changes (each lifted to a schema location).

    A removed key changes the node that held it; an updated node changes itself. Raises
    ``OverlayError`` when a target matches nothing (a reading that no longer fits the contract).
    """
    nodes: set[NodePath] = set()
    current = copy.deepcopy(document)
    for action in overlay["actions"]:
        matches = parse_path(action["target"]).find(current)
        if not matches:
            title = overlay["info"]["title"]
            raise OverlayError(
                f"overlay {title!r}: target {action['target']} matches nothing in the contract; "
                "fix the target or the contract."
            )
        for match in matches:
            path = _path_of(match)
            if action.get("remove"):
                path = path[:-1]
            nodes.add(schema_location(current, path))
        apply_overlay(current, {"actions": [copy.deepcopy(action)]})
    return nodes


def schema_location(document: dict[str, Any], path: NodePath) -> NodePath:
    """The nearest schema at or above ``path`` (a keyword's value belongs to its schema)."""
    while path:
        parent = path[-2] if len(path) >= 2 else None
        if (
            (parent in _SCHEMA_MAPS and isinstance(node_at(document, path), dict))
            or path[-1] in _SCHEMA_SLOTS
            or (parent in _SCHEMA_LISTS and isinstance(path[-1], int))
        ):
            return path
        path = path[:-1]
    return path


def node_at(document: Any, path: NodePath) -> Any:
    """The node at ``path``; None when it does not exist."""
    node = document
    for key in path:
        if (isinstance(node, dict) and key in node) or (
            isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node)
        ):
            node = node[key]
        else:
            return None
    return node


def _name(path: Path) -> str:
    try:
        return str(path.relative_to(contracts_dir().parent))
    except ValueError:
        return str(path)
