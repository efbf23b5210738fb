"""What rests on one field of a Yuno schema, from the catalogue's data rather than from names.

A schema change of Yuno's OpenAPI file (``specs.SpecChange``: operation, side, ``amount.value``)
is looked up in the project's contract (``contracts/checkout-sessions.openapi.yaml``), at the same
operation and side (``{checkout_session_id}`` or ``/v1`` aside):

- a clause is *placed* by its data: its ``field`` (``catalogue.fields``:
  ``CreateCheckoutSessionRequest.amount.value``, a whole schema, or a ``#/paths/…`` pointer into
  an operation's body) and the schema sections its citations name
  (``requestBody.schema.recurring_payment.*_billing.interval_unit``; ``….required``: the object's
  list of required fields). ``places_of`` says which clauses are at the field, inside it, at the
  object holding it, or only at other fields;
- a reading rests on the field when its overlay says something else of what changed than the
  contract does (``_said``): the values of the changed constraint's keywords over every schema
  fragment the contract gives the field (through ``$ref``, ``allOf``/``anyOf``/``oneOf`` and
  ``if``/``then``/``else``, so a rule such as ``AmountPrecisionRule`` counts); for a field made
  (not) required, whether the objects holding it require it and take other fields; for a field
  added or removed, all of that. A reading that takes the constraint away (no value where the
  contract has one) does not rest on it. Every reading of such an ambiguity is named (the
  contract-as-written one rests on the same text)::

    touches = FieldTouches.from_catalogue()
    touches.readings("POST /checkout/sessions", "request", "amount.value", "multipleOf changed: …")
    # {'CURRENCY-DECIMALS', 'MULTIPLE-OF-READING'}
    touches.places_of("POST /checkout/sessions", "request", "amount.value")["at"]
    # ['REQUIRED-AMOUNT-VALUE', 'LIMIT-AMOUNT-PRECISION', 'TYPE-NUMBERS']
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from yuno_contracts.catalogue.clauses import (
    CONTRACTS_DIR,
    Clause,
    load_ambiguities,
    load_clauses,
)
from yuno_contracts.catalogue.contract import ContractError, inline_refs, load_contract
from yuno_contracts.catalogue.overlays import AS_WRITTEN, apply_overlays, load_overlay

__all__ = [
    "PRESENCE",
    "REQUIREDNESS",
    "FieldTouches",
    "Place",
    "clause_places",
    "constraint",
    "operation_key",
]

_PARAM = re.compile(r"\{[^}]*\}")
_COMPOSITIONS = ("allOf", "anyOf", "oneOf")
_CONDITIONALS = ("if", "then", "else")
_SCHEMA_REF = "#/components/schemas/"


def operation_key(operation: str) -> str:
    """``PATCH /checkout/sessions/{}``: an operation whatever its path parameter is named."""
    method, _, path = operation.partition(" ")
    return f"{method.upper()} {_PARAM.sub('{}', path.removeprefix('/v1'))}"


def _pointer(document: dict[str, Any], ref: str) -> Any:
    node: Any = document
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _root(document: dict[str, Any], operation: str, side: str) -> Any:
    """The contract's JSON schema of an operation's request or ``response <code>``."""
    method, _, _ = operation.partition(" ")
    for template, item in (document.get("paths") or {}).items():
        if operation_key(f"{method} {template}") != operation_key(operation):
            continue
        op = item.get(method.lower()) if isinstance(item, dict) else None
        if not isinstance(op, dict):
            return None
        if side == "request":
            holder = op.get("requestBody")
        else:
            holder = (op.get("responses") or {}).get(side.removeprefix("response "))
        if isinstance(holder, dict) and isinstance(holder.get("$ref"), str):
            holder = _pointer(document, holder["$ref"])
        content = holder.get("content") if isinstance(holder, dict) else None
        return ((content or {}).get("application/json") or {}).get("schema")
    return None


def _branches(
    node: Any, document: dict[str, Any], names: set[str], seen: frozenset[str] = frozenset()
) -> Iterator[dict[str, Any]]:
    """``node`` and every schema it stands for: its ``$ref`` target and the parts of its
    compositions and conditionals, recursively; ``names`` collects the components passed."""
    if not isinstance(node, dict):
        return
    yield node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/") and ref not in seen:
        if ref.startswith(_SCHEMA_REF):
            names.add(ref.removeprefix(_SCHEMA_REF))
        yield from _branches(_pointer(document, ref), document, names, seen | {ref})
    for key in _COMPOSITIONS:
        for part in node.get(key) or ():
            yield from _branches(part, document, names, seen)
    for key in _CONDITIONALS:
        yield from _branches(node.get(key), document, names, seen)


def _parts(field: str) -> list[str]:
    return field.replace("[]", ".[]").split(".")


def _fragments(
    document: dict[str, Any], operation: str, side: str, field: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(every schema fragment ``document`` gives the field, those of the objects holding it)."""
    names: set[str] = set()
    level = list(_branches(_root(document, operation, side), document, names))
    parents = level
    for part in _parts(field):
        children = [
            node.get("items") if part == "[]" else (node.get("properties") or {}).get(part)
            for node in level
        ]
        parents, level = level, [b for c in children for b in _branches(c, document, names)]
    return level, parents


# What a change of Yuno's names (``specs._describe``: "enum value added", "MAX (description)
# changed"): the contract's keywords for it (Yuno writes limits in the description), and the
# words a clause id uses for it (LIMIT-COUNTRY-ENUM, REQUIRED-COUNTRY)
CONSTRAINTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "enum": (("enum",), ("ENUM",)),
    "now required": ((), ("REQUIRED",)),
    "no longer required": ((), ("REQUIRED",)),
    "type": (("type", "nullable"), ("TYPE",)),
    "nullable": (("type", "nullable"), ("NULLABLE",)),
    "format": (("format",), ("FORMAT",)),
    "pattern": (("pattern",), ("FORMAT", "PATTERN")),
    "minLength": (("minLength",), ("LIMIT", "LENGTH")),
    "maxLength": (("maxLength",), ("LIMIT", "LENGTH")),
    "MIN (description)": (("minLength", "minimum"), ("LIMIT", "LENGTH")),
    "MAX (description)": (("maxLength", "maximum"), ("LIMIT", "LENGTH")),
    "minimum": (("minimum", "exclusiveMinimum"), ("LIMIT",)),
    "maximum": (("maximum", "exclusiveMaximum"), ("LIMIT",)),
    "exclusiveMinimum": (("minimum", "exclusiveMinimum"), ("LIMIT",)),
    "exclusiveMaximum": (("maximum", "exclusiveMaximum"), ("LIMIT",)),
    "multipleOf": (("multipleOf", "x-decimal-multiple-of"), ("MULTIPLE", "DECIMALS", "PRECISION")),
    "minItems": (("minItems",), ("LIMIT",)),
    "maxItems": (("maxItems",), ("LIMIT",)),
}


def constraint(what: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the contract's keywords, a clause id's words) for a change ``what``; empty for none."""
    return next((pair for word, pair in CONSTRAINTS.items() if what.startswith(word)), ((), ()))


REQUIREDNESS = ("now required", "no longer required")
# what an object says of the fields it takes beyond those it lists
CLOSING = ("additionalProperties", "propertyNames", "unevaluatedProperties")
PRESENCE = ("added", "removed")


def _said(document: dict[str, Any], operation: str, side: str, field: str, what: str) -> str:
    """What ``document`` says of the field that a change ``what`` is about, as text to compare:
    for a field added or removed, all of it and whether its objects require it or take other
    fields; for a field made (not) required, the latter only; for a constraint, the values the
    field's fragments give the contract's keywords for it (``CONSTRAINTS``), "" when none."""
    level, parents = _fragments(document, operation, side, field)
    leaf = _parts(field)[-1]
    holding = [
        any(leaf in (p.get("required") or ()) for p in parents),
        sorted({json.dumps(p[k]) for p in parents for k in CLOSING if k in p}),
    ]
    if what in REQUIREDNESS:
        return json.dumps(holding, sort_keys=True, default=str)
    if what in PRESENCE or what == "(schema)":
        try:
            said: list[Any] = [inline_refs(node, document) for node in level]
        except ContractError:  # a circular $ref: the fragments as written
            said = list(level)
        return json.dumps([said, holding], sort_keys=True, default=str)
    keywords, _ = constraint(what)
    values = {json.dumps(node[k], default=str) for node in level for k in keywords if k in node}
    return json.dumps(sorted(values)) if values else ""


def _schema_names(document: dict[str, Any], operation: str, side: str) -> set[str]:
    """The component schemas an operation's request or response is (through refs and parts)."""
    names: set[str] = set()
    for _ in _branches(_root(document, operation, side), document, names):
        pass
    return names


def _pointer_side(ref: str) -> tuple[str, str] | None:
    """(operation, side) a ``#/paths/…`` pointer into an operation's body or response names."""
    parts = [p.replace("~1", "/").replace("~0", "~") for p in ref[2:].split("/")]
    if len(parts) < 4 or parts[0] != "paths":
        return None
    operation = f"{parts[2].upper()} {parts[1]}"
    # into the JSON body (its schema or an example), not the content map (media types)
    if parts[3] == "requestBody" and "application/json" in parts:
        return operation, "request"
    if parts[3] == "responses" and "application/json" in parts:
        return operation, f"response {parts[4]}"
    return None


@dataclass(frozen=True)
class Place:
    """Where a clause says something: the schemas (or ``@operation side``) and the field path
    in them (``""`` the whole body, ``*`` one name of a path); ``holder``: what it says is
    which of the object's fields it requires or takes (``….required``)."""

    where: frozenset[str]
    path: str
    holder: bool = False
    pinned: bool = False  # the clause's own ``field``: what it is about, on any side

    def _pattern(self, suffix: str = "") -> re.Pattern[str]:
        return re.compile(re.escape(self.path).replace(r"\*", "[^.]*") + suffix)

    def at(self, field: str) -> bool:
        return not self.holder and self._pattern().fullmatch(field) is not None

    def inside(self, field: str) -> bool:
        """This place lies in ``field`` (``metadata[].key`` in ``metadata``)."""
        return not self.holder and self.path.startswith((f"{field}.", f"{field}["))

    def around(self, field: str) -> bool:
        """``field`` lies in this place."""
        return self._pattern(r"(\.|\[\]).*").fullmatch(field) is not None or self.path == ""

    def holds(self, field: str) -> bool:
        """This place is the object ``field`` is a member of."""
        parent = field.rpartition(".")[0] if "." in field else ""
        return self._pattern().fullmatch(parent) is not None


# A seed section that names a schema place: ``requestBody.schema.metadata.items.value``,
# ``responses.400.schema`` (not an example's: a quote from one is about one of its members)
_SECTION = re.compile(r"(requestBody|responses\.(\d{3}))\.schema\b\.?([\w.*]*)")


def _section_places(section: str, operation: str) -> Iterator[Place]:
    for part in section.split(","):
        found = _SECTION.match(part.strip())
        if not found:
            continue
        side = f"response {found.group(2)}" if found.group(2) else "request"
        names = found.group(3).split(".") if found.group(3) else []
        holder = bool(names) and names[-1] in ("required", "properties")
        names = names[:-1] if holder else names
        path = ".".join(names).replace(".items", "[]")
        yield Place(frozenset({f"@{operation_key(operation)} {side}"}), path, holder)


def clause_places(clause: Clause) -> tuple[Place, ...]:
    """Every place a clause's data puts it: its ``field``, and the schema sections its
    citations name."""
    places = []
    ref = clause.field
    if ref and ref.startswith("#/"):
        side = _pointer_side(ref)
        if side:
            places.append(Place(frozenset({f"@{operation_key(side[0])} {side[1]}"}), ""))
    elif ref:
        schema, _, path = ref.partition(".")
        places.append(Place(frozenset({schema}), path, pinned=True))
    if clause.endpoint != "*":
        for citation in clause.citations:
            places += _section_places(citation.section, clause.endpoint)
    return tuple(places)


@dataclass
class FieldTouches:
    contract: dict[str, Any]
    readings_docs: dict[str, list[dict[str, Any]]]  # ambiguity → its overlaid contracts
    places: dict[str, tuple[Place, ...]]  # clause id → where its data puts it
    probed: frozenset[str] = frozenset()  # the ambiguities without overlays (response side)

    @classmethod
    def from_catalogue(cls) -> FieldTouches:
        contract = load_contract()
        docs: dict[str, list[dict[str, Any]]] = {}
        for ambiguity in load_ambiguities().values():
            for reading in ambiguity.readings:
                if reading.overlay and reading.overlay != AS_WRITTEN:
                    overlay = load_overlay(CONTRACTS_DIR / reading.overlay)
                    docs.setdefault(ambiguity.id, []).append(apply_overlays(contract, [overlay]))
        places = {c.id: clause_places(c) for c in load_clauses().values()}
        probed = frozenset(a.id for a in load_ambiguities().values() if not a.request_side)
        return cls(contract, docs, {k: v for k, v in places.items() if v}, probed)

    def readings(self, operation: str, side: str, field: str, what: str) -> set[str]:
        """The ambiguities one of whose overlays says something else of what the change
        ``what`` is about (``_said``); a reading that only takes a constraint away does not
        rest on it."""
        said = _said(self.contract, operation, side, field, what)
        return {
            ambiguity
            for ambiguity, documents in self.readings_docs.items()
            if any(
                (theirs := _said(doc, operation, side, field, what)) and theirs != said
                for doc in documents
            )
        }

    def _here(self, clause: str, operation: str, side: str) -> list[Place]:
        here = _schema_names(self.contract, operation, side) | {
            f"@{operation_key(operation)} {side}"
        }
        return [place for place in self.places.get(clause, ()) if place.where & here]

    def places_of(self, operation: str, side: str, field: str) -> dict[str, list[str]]:
        """Clauses by how their data places them against the field: ``at`` it, ``inside`` it,
        at the object that ``holds`` it (not counting a clause pinned to another field), and
        ``elsewhere`` (placed at other fields only: ``REQUIRED-MERCHANT-ORDER-ID`` for
        ``customer_id``, whose ``field`` is ``merchant_order_id``)."""
        found: dict[str, list[str]] = {"at": [], "inside": [], "holds": [], "elsewhere": []}
        for clause in self.places:
            here = self._here(clause, operation, side)
            # a clause's ``field`` pins it to that field on either side of the operation (the
            # echo clauses name a request field and are about the response too)
            specific = [
                p
                for p in self.places[clause]
                if not p.holder and p.path and (p in here or p.pinned)
            ]
            related = [p for p in specific if p.at(field) or p.inside(field) or p.around(field)]
            pinned = bool(specific) and not related
            if pinned:
                found["elsewhere"].append(clause)
            if any(p.at(field) for p in here):
                found["at"].append(clause)
            if any(p.inside(field) for p in here):
                found["inside"].append(clause)
            if not pinned and any(p.holds(field) for p in here):
                found["holds"].append(clause)
        return found
