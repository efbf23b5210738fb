"""Fuzz, stateful: create → update (→ update) → retrieve sequences through the OpenAPI links.

Schemathesis chains the operations by the contract's links (``UpdateCheckoutSession``,
``UpdateCheckoutSessionAgain``, ``RetrieveCheckoutSession``): the id a create returns is the one
the next PATCH or GET uses. Every step is judged by every applicable check; after each PATCH the
fields it did not send, the id and created_at must be as the previous step left them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from fuzz_support import EXAMPLES, view

if TYPE_CHECKING:
    from yuno_contracts import FuzzRunner, patching

SEQUENCE_OPERATIONS = ["createCheckoutSession", "updateCheckoutSession", "retrieveCheckoutSession"]
STEPS = 6  # at most this many calls per sequence (create, then updates and retrieves)


class TestFuzzSessionLifecycle:
    """A session keeps its identity and every field a PATCH did not send, across a sequence."""

    @pytest.mark.long_running
    @pytest.mark.clause(
        "CREATE-200",
        "UPDATE-200",
        "UPDATE-PARTIAL",
        "UPDATE-ID-STABLE",
        "UPDATE-CREATED-AT-STABLE",
        "RETRIEVE-SESSION",
    )
    def test_create_update_retrieve_sequences(
        self, fuzz_runner: FuzzRunner, update_form: patching.UpdateForm
    ) -> None:
        """Generated sequences keep every clause at every step (PATCH bodies in the form the
        target takes)."""
        schema = view("positive", None, update_form).include(operation_id=SEQUENCE_OPERATIONS)
        fuzz_runner.run_state_machine(schema, update_form, max_examples=EXAMPLES, step_count=STEPS)
        followed = fuzz_runner.on_known_sessions
        assert followed.get("PATCH") and followed.get("GET"), (
            f"the sequences never followed the links to a created session (calls on created "
            f"sessions by method: {followed}); raise FUZZ_EXAMPLES"
        )
