"""Fuzz: POST /v1/checkout/sessions with generated bodies, valid and invalid (Schemathesis).

Valid bodies (the positive view: accepted under every documented reading) must be answered 200
with a session that matches the response schema; invalid ones (the negative view: invalid under
every reading) must be refused with a documented 4xx and Yuno's error body. Never a 5xx.

Each view's cases are split by phase (boundary values, random cases) and then into shares
(``fuzz_support.shares``): xdist spreads the tests over workers; each has its own cassette and
its own deterministic cases.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from fuzz_support import shares, view

if TYPE_CHECKING:
    from yuno_contracts import FuzzRunner

OPERATION = "createCheckoutSession"
Share = tuple[int, int]


class TestFuzzCreateAcceptsValidBodies:
    """Create Checkout Session: every field and limit of the seed's request schema, valid."""

    pytestmark = [
        pytest.mark.long_running,
        pytest.mark.clause(
            "CREATE-200", "CREATE-RESPONSE-SHAPE", "RESPONSE-JSON", "AUTH-BOTH-HEADERS"
        ),
    ]

    @shares("positive", "fuzzing")
    def test_valid_bodies_are_accepted(self, fuzz_runner: FuzzRunner, share: Share) -> None:
        """A generated valid body is answered 200 with a session of the documented shape."""
        fuzz_runner.run_operation(
            view("positive", "fuzzing"), OPERATION, fuzz_runner.send_and_check, share
        )

    @shares("positive", "coverage")
    def test_valid_boundary_bodies_are_accepted(
        self, fuzz_runner: FuzzRunner, share: Share
    ) -> None:
        """A valid body at a limit (shortest, longest, smallest, ...) is answered 200 likewise."""
        fuzz_runner.run_operation(
            view("positive", "coverage"), OPERATION, fuzz_runner.send_and_check, share
        )


class TestFuzzCreateRefusesInvalidBodies:
    """Create Checkout Session: bodies that break a field rule under every documented reading."""

    pytestmark = [
        pytest.mark.long_running,
        pytest.mark.clause("ERROR-400-INVALID-REQUEST", "ERROR-BODY-SHAPE", "RESPONSE-JSON"),
    ]

    @shares("negative", "fuzzing")
    def test_invalid_bodies_are_refused(self, fuzz_runner: FuzzRunner, share: Share) -> None:
        """A generated invalid body is refused with a documented 4xx and Yuno's error body."""
        fuzz_runner.run_operation(
            view("negative", "fuzzing"), OPERATION, fuzz_runner.send_and_check, share
        )

    @shares("negative", "coverage")
    def test_invalid_boundary_bodies_are_refused(
        self, fuzz_runner: FuzzRunner, share: Share
    ) -> None:
        """A body just past a limit (maxLength + 1, ...) is refused likewise."""
        fuzz_runner.run_operation(
            view("negative", "coverage"), OPERATION, fuzz_runner.send_and_check, share
        )
