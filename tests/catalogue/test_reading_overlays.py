"""The request-side readings are OpenAPI Overlays that fit the contract, and compose soundly."""

from __future__ import annotations

from typing import Any

from yuno_contracts.catalogue.agreement import Agreement
from yuno_contracts.catalogue.cases import operation_base
from yuno_contracts.catalogue.clauses import load_ambiguities
from yuno_contracts.catalogue.overlays import AS_WRITTEN, READINGS_DIR
from yuno_contracts.catalogue.proof import ACCOUNT


def _keywords(node: Any) -> set[str]:
    if isinstance(node, dict):
        return set(node) | {k for value in node.values() for k in _keywords(value)}
    if isinstance(node, list):
        return {k for value in node for k in _keywords(value)}
    return set()


def test_every_overlay_file_is_one_registered_reading() -> None:
    named = {
        reading.overlay
        for ambiguity in load_ambiguities().values()
        for reading in ambiguity.readings
        if reading.overlay not in (None, AS_WRITTEN)
    }
    on_disk = {f"readings/{p.parent.name}/{p.name}" for p in READINGS_DIR.glob("*/*.yaml")}
    assert named == on_disk


def test_each_request_side_ambiguity_has_one_reading_as_written_at_most() -> None:
    for ambiguity in load_ambiguities().values():
        if ambiguity.request_side:
            written = [r.id for r in ambiguity.readings if r.overlay == AS_WRITTEN]
            assert len(written) <= 1, ambiguity.id


def test_groups_never_nest() -> None:
    """Nodes of different groups are unrelated, so their combinations compose through $ref."""
    groups = Agreement.from_files().groups
    for i, first in enumerate(groups):
        for second in groups[i + 1 :]:
            for a in first.nodes:
                for b in second.nodes:
                    shorter = min(len(a), len(b))
                    assert a[:shorter] != b[:shorter], (first.ambiguities, second.ambiguities)


def test_request_schemas_are_monotone() -> None:
    """No `not` in the composed documents: a wider reading never makes a body invalid."""
    agreement = Agreement.from_files()
    assert "not" not in _keywords(agreement.lenient_document["components"]["schemas"])
    assert "not" not in _keywords(agreement.strict_document["components"]["schemas"])


def test_the_lenient_document_accepts_what_one_reading_accepts() -> None:
    agreement = Agreement.from_files()
    body = {
        **operation_base("create", ACCOUNT),
        "country": "DE",
        "amount": {"currency": "EUR", "value": 100},
    }
    verdict = agreement.verdict("create", body)
    assert (verdict.kind, agreement.refused_by("create", body)) == (
        "depends",
        ["COUNTRY-LIST=enum-17"],
    )


def test_the_verdict_does_not_depend_on_which_document_was_built_first() -> None:
    """The strict and lenient documents share cached variants: building one must not change
    the other (a PATCH amount of 100.123 USD is refused under CURRENCY-DECIMALS currency-digits)."""
    from yuno_contracts.catalogue.agreement import request_readings
    from yuno_contracts.catalogue.contract import load_contract

    body = {
        **operation_base("update", ACCOUNT),
        "amount": {"currency": "USD", "value": 100.123},
    }
    readings = request_readings(load_ambiguities().values())
    lenient_first = Agreement(load_contract(), readings)
    _ = lenient_first.lenient_document
    first = lenient_first.verdict("update", body)
    strict_first = Agreement(load_contract(), readings)
    _ = strict_first.strict_document
    second = strict_first.verdict("update", body)
    assert first == second
    assert not first.accepted
