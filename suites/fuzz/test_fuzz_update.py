"""Fuzz: PATCH /v1/checkout/sessions/{id} with generated bodies on a real session (Schemathesis).

Each test creates one session and sends every generated PATCH of its share to it (unless the
case mutates the id itself). The valid bodies are generated in the PATCH form the target takes,
asked of it first (``update_form``: the four fields the update page marks required, or, for a
target of UPDATE-PARTIAL closed, amount and payment_description alone). Valid bodies must be answered 200, change only what they send and
keep the id and created_at; invalid ones must be refused with a documented 4xx and Yuno's error
body. Split by phase and share like the create tests (``fuzz_support.shares``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from fuzz_support import shares, view

if TYPE_CHECKING:
    from schemathesis.generation.case import Case

    from yuno_contracts import FuzzRunner, patching

OPERATION = "updateCheckoutSession"
Share = tuple[int, int]


def aimed_at(fuzz_runner: FuzzRunner, session_id: str) -> Callable[[Case], Any]:
    """Send and check a case with its path id replaced by ``session_id``, unless the id is what
    the case mutates."""
    from schemathesis.core.parameters import ParameterLocation

    def send(case: Case) -> Any:
        if case.meta is not None and case.meta.is_negative_at(ParameterLocation.PATH):
            return fuzz_runner.send_and_check(case)
        # Put back afterwards: Schemathesis may hand the same boundary case to every share
        # built in this process, and a case left changed would be another request next time.
        generated = case.path_parameters
        case.path_parameters = {**(generated or {}), "checkout_session": session_id}
        try:
            return fuzz_runner.send_and_check(case)
        finally:
            case.path_parameters = generated

    return send


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

    @shares("positive", "fuzzing")
    def test_valid_updates_change_only_what_they_send(
        self,
        fuzz_runner: FuzzRunner,
        existing_session: str,
        update_form: patching.UpdateForm,
        share: Share,
    ) -> None:
        """A generated valid PATCH is answered 200; fields not sent, the id, created_at stay."""
        send = aimed_at(fuzz_runner, existing_session)
        schema = view("positive", "fuzzing", update_form)
        fuzz_runner.run_operation(schema, OPERATION, send, share, update_form)

    @shares("positive", "coverage")
    def test_valid_boundary_updates_change_only_what_they_send(
        self,
        fuzz_runner: FuzzRunner,
        existing_session: str,
        update_form: patching.UpdateForm,
        share: Share,
    ) -> None:
        """A valid PATCH at a limit is answered 200 likewise; the rest of the session stays."""
        send = aimed_at(fuzz_runner, existing_session)
        schema = view("positive", "coverage", update_form)
        fuzz_runner.run_operation(schema, OPERATION, send, share, update_form)


class TestFuzzUpdateRefusesInvalidBodies:
    """Update Checkout Session: sent fields are validated as on create; unknown ids refused."""

    pytestmark = [
        pytest.mark.long_running,
        pytest.mark.clause("UPDATE-VALIDATES", "ERROR-BODY-SHAPE", "UPDATE-UNKNOWN-SESSION"),
    ]

    @shares("negative", "fuzzing")
    def test_invalid_updates_are_refused(
        self, fuzz_runner: FuzzRunner, existing_session: str, share: Share
    ) -> None:
        """A generated invalid PATCH is refused with a documented 4xx and Yuno's error body."""
        send = aimed_at(fuzz_runner, existing_session)
        fuzz_runner.run_operation(view("negative", "fuzzing"), OPERATION, send, share)

    @shares("negative", "coverage")
    def test_invalid_boundary_updates_are_refused(
        self, fuzz_runner: FuzzRunner, existing_session: str, share: Share
    ) -> None:
        """A PATCH just past a limit (or with a malformed id) is refused likewise."""
        send = aimed_at(fuzz_runner, existing_session)
        fuzz_runner.run_operation(view("negative", "coverage"), OPERATION, send, share)
