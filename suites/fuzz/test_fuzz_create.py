"""Fuzz: POST /v1/checkout/sessions with generated bodies, valid and invalid (Schemathesis).

Valid bodies (the positive view: accepted under every documented reading) must be answered 200
with a session that matches the response schema; invalid ones (the negative view: invalid under
every reading) must be refused with a documented 4xx and Yuno's error body. Never a 5xx.
"""

from __future__ import annotations

import pytest
from fuzz_support import NEGATIVE_COVERAGE, NEGATIVE_FUZZING, POSITIVE_COVERAGE, POSITIVE_FUZZING
from schemathesis.generation.case import Case

from yuno_contracts.fuzz.runner import FuzzRunner

# Each view in two tests, one per Schemathesis phase (boundary values, random cases): xdist
# spreads them over workers; each has its own cassette and its own deterministic cases.
positive = POSITIVE_FUZZING.include(operation_id="createCheckoutSession")
positive_boundaries = POSITIVE_COVERAGE.include(operation_id="createCheckoutSession")
negative = NEGATIVE_FUZZING.include(operation_id="createCheckoutSession")
negative_boundaries = NEGATIVE_COVERAGE.include(operation_id="createCheckoutSession")


# Schemathesis rebuilds each test function, so a marker on the function is lost: the clause
# markers sit on the class (``pytestmark``), which pytest applies to the items it holds.


class TestFuzzCreateAcceptsValidBodies:
    """Create Checkout Session: every field and limit of the seed's request schema, valid."""

    pytestmark = [
        pytest.mark.long_running,
        pytest.mark.clause(
            "CREATE-200", "CREATE-RESPONSE-SHAPE", "RESPONSE-JSON", "AUTH-BOTH-HEADERS"
        ),
    ]

    @positive.parametrize()
    def test_valid_bodies_are_accepted(self, case: Case, fuzz_runner: FuzzRunner) -> None:
        """A generated valid body is answered 200 with a session of the documented shape."""
        fuzz_runner.send_and_check(case)

    @positive_boundaries.parametrize()
    def test_valid_boundary_bodies_are_accepted(self, case: Case, fuzz_runner: FuzzRunner) -> None:
        """A valid body at a limit (shortest, longest, smallest, ...) is answered 200 likewise."""
        fuzz_runner.send_and_check(case)


class TestFuzzCreateRefusesInvalidBodies:
    """Create Checkout Session: bodies that break a field rule under every documented reading."""

    pytestmark = [
        pytest.mark.long_running,
        pytest.mark.clause("ERROR-400-INVALID-REQUEST", "ERROR-BODY-SHAPE", "RESPONSE-JSON"),
    ]

    @negative.parametrize()
    def test_invalid_bodies_are_refused(self, case: Case, fuzz_runner: FuzzRunner) -> None:
        """A generated invalid body is refused with a documented 4xx and Yuno's error body."""
        fuzz_runner.send_and_check(case)

    @negative_boundaries.parametrize()
    def test_invalid_boundary_bodies_are_refused(self, case: Case, fuzz_runner: FuzzRunner) -> None:
        """A body just past a limit (maxLength + 1, ...) is refused likewise."""
        fuzz_runner.send_and_check(case)
