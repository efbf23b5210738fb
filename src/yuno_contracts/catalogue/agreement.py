"""What every documented reading agrees on: the two verdict schemas, computed from the overlays.

A request body is *accepted under every reading* when it is valid in the contract as each
combination of readings changes it (``contracts/ambiguities.yaml``, one reading per request-side
ambiguity, each an overlay of ``contracts/readings/``), and *refused under every reading* when it
is valid under none. The suites assert an acceptance only in the first case and a refusal only
in the second; everything else depends on the reading and is left to the probes.

Both verdicts are computed, not written. Ambiguities whose overlays touch related schema nodes
(one node inside another) form a group; each group's nodes are taken from every combination of
its readings and replaced by ``allOf`` of them (the *strict* document: the conjunction, exact) or
``anyOf`` of them (the *lenient* document: the disjunction, exact for a group of one node and
wider otherwise, so a refusal is never asserted where some reading accepts). Groups never nest,
so the combinations of different groups compose through ``$ref``::

    agreement = Agreement.from_files()
    agreement.verdict("create", body)          # Verdict(accepted=True, refused=False)
    agreement.document({"COUNTRY-LIST": "country-reference"})   # one combination, as a dict
    agreement.refused_by("create", body)       # ['CURRENCY-DECIMALS=currency-digits', ...]

Numbers are judged as written: floats become ``Decimal(repr(value))`` before validation, and
``x-decimal-multiple-of`` is checked on the decimal, ``multipleOf`` as binary floating point.
"""

from __future__ import annotations

import copy
import functools
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

import jsonschema
import referencing
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing.jsonschema import DRAFT202012

from yuno_contracts.catalogue.clauses import Ambiguity, load_ambiguities
from yuno_contracts.catalogue.contract import load_contract
from yuno_contracts.catalogue.overlays import (
    AS_WRITTEN,
    READINGS_DIR,
    NodePath,
    apply_overlays,
    load_overlay,
    node_at,
    touched_nodes,
)
from yuno_contracts.catalogue.reference import is_multiple

__all__ = [
    "OPERATIONS",
    "Agreement",
    "Group",
    "Operation",
    "RequestReading",
    "Verdict",
    "as_decimals",
    "request_readings",
    "validator_for",
]

Operation = Literal["create", "update"]
OPERATIONS: dict[str, str] = {
    "create": "CreateCheckoutSessionRequest",
    "update": "UpdateCheckoutSessionRequest",
}
_BASE_URI = "urn:yuno-contracts:contract"


@dataclass(frozen=True)
class RequestReading:
    """One request-side reading: its overlay, or None for the contract as written."""

    ambiguity: str
    reading: str
    overlay: Mapping[str, Any] | None = field(compare=False, hash=False)

    @property
    def label(self) -> str:
        return f"{self.ambiguity}={self.reading}"


@dataclass(frozen=True)
class Group:
    """Ambiguities whose overlays touch related nodes, and the nodes they touch."""

    ambiguities: tuple[str, ...]
    nodes: tuple[NodePath, ...]


@dataclass(frozen=True)
class Verdict:
    """A body's verdict under every reading at once."""

    accepted: bool
    """Valid under every combination of readings (the strict document)."""
    refused: bool
    """Valid under none (invalid in the lenient document)."""

    @property
    def kind(self) -> Literal["accepted", "refused", "depends"]:
        if self.accepted:
            return "accepted"
        return "refused" if self.refused else "depends"


def as_decimals(value: Any) -> Any:
    """``value`` with every float as the Decimal of its shortest text (as a JSON body reads)."""
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, dict):
        return {key: as_decimals(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_decimals(item) for item in value]
    return value


def _number(value: Any) -> Decimal | int | None:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    return Decimal(repr(value)) if isinstance(value, float) else value


def _multiple_of_float(validator: Any, step: Any, instance: Any, schema: Any) -> Any:
    number = _number(instance)
    if number is not None and not is_multiple(number, Decimal(repr(step)), "float"):
        yield ValidationError(f"{instance} is not a multiple of {step} (binary floating point)")


def _multiple_of_decimal(validator: Any, step: Any, instance: Any, schema: Any) -> Any:
    number = _number(instance)
    if number is None or (isinstance(number, Decimal) and not number.is_finite()):
        return
    if not is_multiple(number, Decimal(str(step)), "decimal"):
        yield ValidationError(f"{instance} is not a multiple of {step} (as written)")


def _is_integer(checker: Any, instance: Any) -> bool:
    if isinstance(instance, bool):
        return False
    if isinstance(instance, Decimal):
        return instance.is_finite() and instance == instance.to_integral_value()
    return Draft202012Validator.TYPE_CHECKER.is_type(instance, "integer")


ReadingsValidator = jsonschema.validators.extend(
    Draft202012Validator,
    validators={"multipleOf": _multiple_of_float, "x-decimal-multiple-of": _multiple_of_decimal},
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer),
)


class Agreement:
    """The request-side readings of one contract, and what they agree on."""

    def __init__(
        self, contract: Mapping[str, Any], readings: Sequence[Sequence[RequestReading]]
    ) -> None:
        self.contract: dict[str, Any] = dict(contract)
        self.readings: dict[str, tuple[RequestReading, ...]] = {
            options[0].ambiguity: tuple(options) for options in readings
        }
        self.groups: tuple[Group, ...] = _groups(self.contract, self.readings)
        self._validators: dict[tuple[int, str], Any] = {}

    @classmethod
    @functools.cache
    def from_files(cls) -> Agreement:
        """The contract and the overlays of ``contracts/`` (parsed once per process)."""
        return cls(load_contract(), request_readings(load_ambiguities().values()))

    def without(self, labels: Iterable[str]) -> Agreement:
        """The same readings less those named ("AMBIGUITY=reading"): what the rest agree on."""
        dropped = set(labels)
        kept = [
            [r for r in options if r.label not in dropped] for options in self.readings.values()
        ]
        unknown = dropped - {r.label for options in self.readings.values() for r in options}
        if unknown:
            raise KeyError(f"no request-side reading {sorted(unknown)[0]}")
        return Agreement(self.contract, [options for options in kept if options])

    def only(self, label: str) -> Agreement:
        """The same readings with one ambiguity fixed ("UPDATE-PARTIAL=closed")."""
        ambiguity, _, reading = label.partition("=")
        options = self.readings.get(ambiguity, ())
        if reading not in {r.reading for r in options}:
            raise KeyError(f"no request-side reading {label}")
        return self.without(r.label for r in options if r.reading != reading)

    # -- documents ------------------------------------------------------------------------------
    def document(self, choice: Mapping[str, str] | None = None) -> dict[str, Any]:
        """The contract under one combination: ``choice`` maps ambiguity → reading (the first
        reading of an ambiguity it leaves out)."""
        chosen = dict(choice or {})
        unknown = sorted(set(chosen) - set(self.readings))
        if unknown:
            raise KeyError(f"{unknown[0]} is no request-side ambiguity")
        overlays = []
        for ambiguity, options in self.readings.items():
            reading = _pick(options, chosen.get(ambiguity, options[0].reading))
            if reading.overlay is not None:
                overlays.append(reading.overlay)
        return _apply(self.contract, overlays)

    @functools.cached_property
    def strict_document(self) -> dict[str, Any]:
        """Valid here ⇔ valid under every combination of readings."""
        return self._composed("allOf")

    @functools.cached_property
    def lenient_document(self) -> dict[str, Any]:
        """Invalid here ⇒ invalid under every combination of readings."""
        return self._composed("anyOf")

    @functools.cached_property
    def _lenient_whole(self) -> dict[str, Any]:
        """The lenient document before ``simplified()``: every hook still referenced, so that
        ``_fixed`` can put one reading's nodes back (simplified() drops a hook that is trivial
        in the lenient document, ``UpdateRequiredFields`` under ``closed`` for one)."""
        return self._composed("anyOf", simplify=False)

    def _composed(self, keyword: str, *, simplify: bool = True) -> dict[str, Any]:
        document = _apply(self.contract, [])
        for group in self.groups:
            for path, variants in self._variants(group).items():
                # a copy: simplified() edits in place, and the variants are cached for both
                node = variants[0] if len(variants) == 1 else {keyword: variants}
                _set(document, path, copy.deepcopy(node))
        return simplified(document) if simplify else document

    @functools.cache  # noqa: B019 - one Agreement per contract, kept for the process
    def _variants(
        self, group: Group, fixed: RequestReading | None = None
    ) -> dict[NodePath, list[Any]]:
        """Each node of the group under every combination of the group's readings (distinct);
        with ``fixed``, only the combinations where its ambiguity reads it."""
        variants: dict[NodePath, list[Any]] = {path: [] for path in group.nodes}
        skeleton = _skeleton(self.contract, group.nodes)
        for combination in self._combinations(group):
            if fixed is not None and fixed not in combination:
                continue
            document = _apply(skeleton, [r.overlay for r in combination if r.overlay])
            for path in group.nodes:
                node = node_at(document, path)
                node = {} if node is None else node
                if node not in variants[path]:
                    variants[path].append(node)
        return variants

    def _combinations(self, group: Group) -> Iterable[tuple[RequestReading, ...]]:
        return itertools.product(*(self.readings[a] for a in group.ambiguities))

    # -- verdicts -------------------------------------------------------------------------------
    def is_valid(self, document: Mapping[str, Any], operation: Operation, body: Any) -> bool:
        """Whether ``body`` is a valid ``operation`` request in ``document``."""
        return self._validator(document, operation).is_valid(as_decimals(body))

    def problems(self, document: Mapping[str, Any], operation: Operation, body: Any) -> list[str]:
        """Why ``body`` is invalid in ``document``, one line per problem (empty when valid)."""
        validator = self._validator(document, operation)
        return [
            f"{'.'.join(map(str, error.absolute_path)) or 'body'}: {error.message}"
            for error in validator.iter_errors(as_decimals(body))
        ]

    def verdict(self, operation: Operation, body: Any) -> Verdict:
        """Whether every reading accepts ``body``, or every reading refuses it."""
        return Verdict(
            accepted=self.is_valid(self.strict_document, operation, body),
            refused=not self.is_valid(self.lenient_document, operation, body),
        )

    def refused_by(self, operation: Operation, body: Any) -> list[str]:
        """The readings that refuse ``body`` whatever every other ambiguity reads
        ("CURRENCY-DECIMALS=currency-digits"); empty when every reading accepts it."""
        return [
            reading.label
            for reading in self._each_reading()
            if not self.is_valid(self._fixed(reading, self._lenient_whole), operation, body)
        ]

    def accepted_by(self, operation: Operation, body: Any) -> list[str]:
        """The readings under which ``body`` is valid while another reading of the same
        ambiguity refuses it (each with every other ambiguity at its widest)."""
        found = []
        for options in self.readings.values():
            valid = [
                self.is_valid(self._fixed(r, self._lenient_whole), operation, body) for r in options
            ]
            if any(valid) and not all(valid):
                found += [r.label for r, ok in zip(options, valid, strict=True) if ok]
        return found

    def _each_reading(self) -> Iterable[RequestReading]:
        for options in self.readings.values():
            yield from options

    def _fixed(self, reading: RequestReading, around: Mapping[str, Any]) -> dict[str, Any]:
        """``around`` with the nodes of ``reading``'s group as that reading leaves them (the
        group's other ambiguities at their widest)."""
        group = next(g for g in self.groups if reading.ambiguity in g.ambiguities)
        document = _apply(around, [])
        for path, variants in self._variants(group, fixed=reading).items():
            node = variants[0] if len(variants) == 1 else {"anyOf": variants}
            _set(document, path, copy.deepcopy(node))
        return document

    def _validator(self, document: Mapping[str, Any], operation: Operation) -> Any:
        kept = document is self.strict_document or document is self.lenient_document
        key = (id(document), operation)
        if kept and key in self._validators:
            return self._validators[key]
        validator = validator_for(document, operation)
        if kept:
            self._validators[key] = validator
        return validator


def validator_for(document: Mapping[str, Any], operation: Operation) -> Any:
    """A validator of ``operation``'s request body in ``document`` (formats asserted)."""
    resource = referencing.Resource.from_contents(dict(document), default_specification=DRAFT202012)
    registry = referencing.Registry().with_resource(_BASE_URI, resource)
    schema = {"$ref": f"{_BASE_URI}#/components/schemas/{OPERATIONS[operation]}"}
    return ReadingsValidator(
        schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


_ANNOTATIONS = frozenset({"description", "title", "examples", "default", "$comment"})
# x- keywords ReadingsValidator validates: never an annotation.
_VALIDATING = frozenset({"x-decimal-multiple-of"})


def _trivial(
    schema: Any, components: Mapping[str, Any], seen: frozenset[str] = frozenset()
) -> bool:
    """Whether ``schema`` accepts every value (only annotations, or a $ref to such a schema)."""
    if schema is True or schema == {}:
        return True
    if not isinstance(schema, dict):
        return False
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/components/schemas/") and ref not in seen:
        target = components.get(ref.rsplit("/", 1)[1])
        rest = {k: v for k, v in schema.items() if k != "$ref"}
        return _trivial(target, components, seen | {ref}) and _trivial(rest, components, seen)
    return all(
        key in _ANNOTATIONS or (key.startswith("x-") and key not in _VALIDATING) for key in schema
    )


def simplified(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with composition that constrains nothing taken out, in place: an ``anyOf``
    with a member that accepts everything, and ``allOf`` members that accept everything. The
    same values are valid; generators (Schemathesis) see flat schemas where the readings agree.
    """
    components = document.get("components", {}).get("schemas", {})

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
            return
        if not isinstance(node, dict):
            return
        for value in node.values():
            walk(value)
        if isinstance(node.get("anyOf"), list) and any(
            _trivial(m, components) for m in node["anyOf"]
        ):
            del node["anyOf"]
        if isinstance(node.get("allOf"), list):
            node["allOf"] = [m for m in node["allOf"] if not _trivial(m, components)]
            if not node["allOf"]:
                del node["allOf"]

    for _ in range(3):  # a component made trivial lets a $ref to it go on the next pass
        walk(document)
    return document


def request_readings(ambiguities: Iterable[Ambiguity]) -> list[list[RequestReading]]:
    """The request-side readings of the register, each with its overlay loaded."""
    result: list[list[RequestReading]] = []
    for ambiguity in ambiguities:
        if not ambiguity.request_side:
            continue
        result.append(
            [
                RequestReading(
                    ambiguity.id,
                    reading.id,
                    None
                    if reading.overlay == AS_WRITTEN
                    else load_overlay(READINGS_DIR.parent / str(reading.overlay)),
                )
                for reading in ambiguity.readings
            ]
        )
    return result


def _pick(options: Sequence[RequestReading], reading: str) -> RequestReading:
    for option in options:
        if option.reading == reading:
            return option
    known = ", ".join(option.reading for option in options)
    raise KeyError(f"{options[0].ambiguity} has no reading {reading!r}; its readings: {known}")


def _apply(document: Mapping[str, Any], overlays: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    return apply_overlays(dict(document), [dict(overlay) for overlay in overlays])


def _skeleton(document: Mapping[str, Any], paths: Iterable[NodePath]) -> dict[str, Any]:
    """Only the nodes at ``paths`` (and the keys leading to them): where a group's overlays act."""
    result: dict[str, Any] = {}
    for path in paths:
        node: Any = result
        for key in path[:-1]:
            node = node.setdefault(key, {})
        node[path[-1]] = node_at(document, path)
    return result


def _set(document: dict[str, Any], path: NodePath, value: Any) -> None:
    node: Any = document
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


def _related(a: NodePath, b: NodePath) -> bool:
    shorter = min(len(a), len(b))
    return a[:shorter] == b[:shorter]


def _groups(
    contract: Mapping[str, Any], readings: Mapping[str, Sequence[RequestReading]]
) -> tuple[Group, ...]:
    """Ambiguities joined when a node of one is a node of another or inside it."""
    touched: dict[str, set[NodePath]] = {}
    for ambiguity, options in readings.items():
        nodes: set[NodePath] = set()
        for option in options:
            if option.overlay is not None:
                nodes |= touched_nodes(dict(contract), dict(option.overlay))
        touched[ambiguity] = nodes
    parts: list[tuple[list[str], set[NodePath]]] = []
    for ambiguity, nodes in touched.items():
        joined = [part for part in parts if any(_related(a, b) for a in nodes for b in part[1])]
        members, union = [ambiguity], set(nodes)
        for part in joined:
            parts.remove(part)
            members = [*part[0], *members]
            union |= part[1]
        parts.append((members, union))
    groups = []
    for members, union in parts:
        outer = sorted(
            p
            for p in union
            if not any(q != p and _related(q, p) and len(q) < len(p) for q in union)
        )
        ordered = tuple(a for a in readings if a in members)
        groups.append(Group(ordered, tuple(outer)))
    return tuple(groups)
