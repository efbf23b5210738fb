"""A schema change maps to what the catalogue's data says rests on that field, not to every entry
that shares a word with it: a clause's ``field`` and the schema sections its citations name, a
reading whose overlay says something else of the changed constraint (offline, no server)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from yuno_contracts.catalogue.clauses import load_clauses
from yuno_contracts.sources.check import MappedChange, _map, citers
from yuno_contracts.sources.specs import SpecChange
from yuno_contracts.sources.touches import FieldTouches, Place, clause_places

Mapping = Callable[[str, str, str, str], MappedChange]
CREATE = "POST /checkout/sessions"
UPDATE = "PATCH /checkout/sessions/{checkout_session}"


@pytest.fixture(scope="module")
def mapping() -> Mapping:
    everyone, touches = citers(), FieldTouches.from_catalogue()

    def mapped(operation: str, side: str, field: str, what: str) -> MappedChange:
        return _map(SpecChange("create", operation, side, field, what), everyone, touches)

    return mapped


def _ambiguities(mapped: MappedChange) -> set[str]:
    return {r.split("/")[0] for r in mapped.readings}


def test_amount_value_maps_to_its_own_clause_and_the_readings_that_change_it(
    mapping: Mapping,
) -> None:
    """By name alone, ``amount.value`` listed LIMIT-METADATA-VALUE-LENGTH ("value") and the
    alternative amount's readings, and missed the multipleOf readings."""
    mapped = mapping(CREATE, "request", "amount.value", "multipleOf changed: 0.0001 → 0.01")
    assert mapped.clauses == ("LIMIT-AMOUNT-PRECISION",)
    assert _ambiguities(mapped) == {"MULTIPLE-OF-READING", "CURRENCY-DECIMALS", "AMOUNT-VALUE-TYPE"}


def test_a_metadata_value_limit_is_not_an_amount_reading(mapping: Mapping) -> None:
    mapped = mapping(CREATE, "request", "metadata[].value", "MAX (description) changed: 512 → 256")
    assert mapped.clauses == ("LIMIT-METADATA-VALUE-LENGTH",)
    assert mapped.readings == ()


def test_a_section_with_a_wildcard_places_the_clause_at_both_fields(mapping: Mapping) -> None:
    """LIMIT-RECURRING-INTERVAL-UNIT's ``field`` is the regular billing's; its citations name
    ``recurring_payment.*_billing.interval_unit``."""
    places = clause_places(load_clauses()["LIMIT-RECURRING-INTERVAL-UNIT"])
    assert (
        Place(
            frozenset({"@POST /checkout/sessions request"}),
            "recurring_payment.*_billing.interval_unit",
        )
        in places
    )
    for billing in ("regular_billing", "trial_billing"):
        field = f"recurring_payment.{billing}.interval_unit"
        mapped = mapping(CREATE, "request", field, "enum value removed: minute")
        assert mapped.clauses == ("LIMIT-RECURRING-INTERVAL-UNIT",), field


def test_a_reading_that_only_takes_the_constraint_away_does_not_rest_on_it(
    mapping: Mapping,
) -> None:
    """UPDATE-PARTIAL's amount-description reading drops the update body's other constraints:
    a new workflow value is no news to it; WORKFLOW-VALUES' overlay sets the enum."""
    mapped = mapping(UPDATE, "request", "workflow", "enum value added: PAYMENT_LINK")
    assert mapped.readings == ("WORKFLOW-VALUES/openapi", "WORKFLOW-VALUES/guide")
    assert mapped.fuzz_views == ("positive view (update)", "negative view (update)")


def test_a_field_added_to_the_update_body_touches_the_closed_reading(mapping: Mapping) -> None:
    mapped = mapping(UPDATE, "request", "checkout_id", "added")
    assert "UPDATE-PARTIAL/closed" in mapped.readings


def test_a_field_made_required_maps_to_the_body_clauses_not_to_other_fields(
    mapping: Mapping,
) -> None:
    mapped = mapping(CREATE, "request", "customer_id", "now required")
    assert "CREATE-MINIMAL-BODY" in mapped.clauses and "CREATE-EXAMPLE-MIN-DATA" in mapped.clauses
    assert not [c for c in mapped.clauses if c.startswith("REQUIRED-")], mapped.clauses
    required = mapping(CREATE, "request", "country", "no longer required")
    assert required.clauses == ("REQUIRED-COUNTRY",)


def test_an_error_code_maps_to_the_error_body_clause(mapping: Mapping) -> None:
    mapped = mapping(CREATE, "response 400", "code", "type changed: 'string' → 'integer'")
    assert mapped.clauses == ("ERROR-BODY-SHAPE",)


def test_a_path_parameter_of_another_name_is_the_same_operation(mapping: Mapping) -> None:
    """The sandbox-tested spec names it ``{checkout_session_id}``, with ``/v1``."""
    ours = mapping(UPDATE, "request", "amount.value", "type changed: 'number' → 'string'")
    theirs = mapping(
        "PATCH /v1/checkout/sessions/{checkout_session_id}",
        "request",
        "amount.value",
        "type changed: 'number' → 'string'",
    )
    assert ours == MappedChange(ours.change, theirs.clauses, theirs.readings, theirs.fuzz_views)
    assert "UPDATE-AMOUNT-MERGE" in ours.clauses and ours.fuzz_views
