"""Fuzz: PATCH /v1/checkout/sessions/{id} with generated bodies on a real session (Schemathesis).

Each test creates one session and sends every generated PATCH to it (unless the case mutates the
id itself). Valid bodies must be answered 200, change only what they send and keep the id and
created_at; invalid ones must be refused with a documented 4xx and Yuno's error body.
"""

from __future__ import annotations

import pytest
from fuzz_support import NEGATIVE_COVERAGE, NEGATIVE_FUZZING, POSITIVE_COVERAGE, POSITIVE_FUZZING
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.case import Case

from yuno_contracts.fuzz.runner import FuzzRunner

# Each view in two tests, one per Schemathesis phase (boundary values, random cases): xdist
# spreads them over workers; each has its own cassette and its own deterministic cases.
positive = POSITIVE_FUZZING.include(operation_id="updateCheckoutSession")
positive_boundaries = POSITIVE_COVERAGE.include(operation_id="updateCheckoutSession")
negative = NEGATIVE_FUZZING.include(operation_id="updateCheckoutSession")
negative_boundaries = NEGATIVE_COVERAGE.include(operation_id="updateCheckoutSession")


def aim_at(case: Case, session_id: str) -> Case:
    """The case with its path id replaced by ``session_id``, unless the id is what it mutates."""
    if case.meta is None or not case.meta.is_negative_at(ParameterLocation.PATH):
        case.path_parameters = {**(case.path_parameters or {}), "checkout_session": session_id}
    return case


# Schemathesis rebuilds each test function, so a marker on the function is lost: the clause
# markers sit on the class (``pytestmark``), which pytest applies to the items it holds.


class TestFuzzUpdateAcceptsValidBodies:
    """Update Checkout Session: "Only fields you send will be updated." (update page)"""

    pytestmark = [
        pytest.mark.long_running,
        pytest.mark.clause(
            "UPDATE-200",
            "UPDATE-ECHO",
            "UPDATE-PARTIAL",
            "UPDATE-ID-STABLE",
            "UPDATE-CREATED-AT-STABLE",
            "AUTH-BOTH-HEADERS",
        ),
    ]

    @positive.parametrize()
    def test_valid_updates_change_only_what_they_send(
        self, case: Case, fuzz_runner: FuzzRunner, existing_session: str
    ) -> None:
        """A generated valid PATCH is answered 200; fields not sent, the id, created_at stay."""
        fuzz_runner.send_and_check(aim_at(case, existing_session))

    @positive_boundaries.parametrize()
    def test_valid_boundary_updates_change_only_what_they_send(
        self, case: Case, fuzz_runner: FuzzRunner, existing_session: str
    ) -> None:
        """A valid PATCH at a limit is answered 200 likewise; the rest of the session stays."""
        fuzz_runner.send_and_check(aim_at(case, existing_session))


class TestFuzzUpdateRefusesInvalidBodies:
    """Update Checkout Session: sent fields are validated as on create; unknown ids refused."""

    pytestmark = [
        pytest.mark.long_running,
        pytest.mark.clause("UPDATE-VALIDATES", "ERROR-BODY-SHAPE", "UPDATE-UNKNOWN-SESSION"),
    ]

    @negative.parametrize()
    def test_invalid_updates_are_refused(
        self, case: Case, fuzz_runner: FuzzRunner, existing_session: str
    ) -> None:
        """A generated invalid PATCH is refused with a documented 4xx and Yuno's error body."""
        fuzz_runner.send_and_check(aim_at(case, existing_session))

    @negative_boundaries.parametrize()
    def test_invalid_boundary_updates_are_refused(
        self, case: Case, fuzz_runner: FuzzRunner, existing_session: str
    ) -> None:
        """A PATCH just past a limit (or with a malformed id) is refused likewise."""
        fuzz_runner.send_and_check(aim_at(case, existing_session))
