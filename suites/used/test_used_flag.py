"""Used: what a session says about ``used`` before and after its payment (USED-FALSE-ON-NEW,
USED-BOOLEAN, USED-AFTER-PAYMENT).

A new session reports used false in PATCH and GET; its create response carries used false or
no used key at all (both USED-DEFAULT readings). Once its payment reaches a terminal status,
GET reports used true. Wherever used appears it is a JSON boolean.
"""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest
from used_support import paid_terminal, pay, payment_key

from yuno_contracts import Target, YunoClient, expect, patching, steps

USED_WAIT_SECONDS = 10.0
"""No document says how soon used turns true after the payment: GET is repeated every
``USED_POLL_SECONDS`` until it does, for at most this long (a stated, bounded wait)."""
USED_POLL_SECONDS = 0.5


def poll_used(client: YunoClient, session_id: str) -> httpx.Response:
    """GET the session until it answers used true or ``USED_WAIT_SECONDS`` have passed; the last
    answer (a replay stops at the first, as recorded: the cassette holds every GET sent)."""
    deadline = time.monotonic() + USED_WAIT_SECONDS
    while True:
        response = client.retrieve_session(session_id)
        body = expect.body(response)
        done = response.status_code != 200 or (isinstance(body, dict) and body.get("used") is True)
        if done or time.monotonic() >= deadline:
            return response
        time.sleep(USED_POLL_SECONDS)


def assert_used(
    session: dict[str, Any], expected: bool, response: httpx.Response, clause: str
) -> None:
    """``used`` is present, a JSON boolean (USED-BOOLEAN) and equal to ``expected``."""
    expect.that("used" in session, clause, "a used key", sorted(session), response)
    used = session["used"]
    expect.that(isinstance(used, bool), "USED-BOOLEAN", "used as a JSON boolean", used, response)
    expect.equal(used, expected, clause, "used", response)


class TestNewSessionIsNotUsed:
    """ "used": false in the update example; the create examples have no used key.
    (update-checkout-session.txt, create-checkout-session.openapi.md)"""

    @pytest.mark.clause("USED-FALSE-ON-NEW", "USED-BOOLEAN")
    def test_create_answer_has_used_false_or_no_used(
        self, client: YunoClient, target: Target
    ) -> None:
        """The create response carries used false, or no used key (never true)."""
        response, created = steps.create(client, target)
        if "used" in created:
            assert_used(created, False, response, "USED-FALSE-ON-NEW")

    @pytest.mark.clause("USED-FALSE-ON-NEW", "USED-BOOLEAN")
    def test_patch_answer_has_used_false(self, client: YunoClient, target: Target) -> None:
        """A PATCH of a session no payment has used answers used false."""
        created = steps.new_session(client, target)
        sent = patching.patch_session(
            client, target, created, payment_description="changed by PATCH"
        )
        response = sent.response
        assert_used(
            expect.session_answer(response, "UPDATE-200"), False, response, "USED-FALSE-ON-NEW"
        )

    @pytest.mark.clause("USED-FALSE-ON-NEW", "USED-BOOLEAN")
    def test_get_answer_has_used_false(self, client: YunoClient, target: Target) -> None:
        """A GET of a session no payment has used answers used false."""
        created = steps.new_session(client, target)
        response = client.retrieve_session(created["checkout_session"])
        assert_used(
            expect.session_answer(response, "RETRIEVE-SESSION"),
            False,
            response,
            "USED-FALSE-ON-NEW",
        )


class TestPaidSessionIsUsed:
    """Yuno marks the session as completed once the payment reaches a terminal status.
    (checkout-session-guide.txt, Session lifecycle)"""

    @pytest.mark.clause("USED-AFTER-PAYMENT", "USED-BOOLEAN")
    def test_get_after_payment_has_used_true(
        self, request: pytest.FixtureRequest, client: YunoClient, target: Target
    ) -> None:
        """After the session's payment reached a terminal status, GET answers used true."""
        created = steps.new_session(client, target)
        paid_terminal(pay(client, target, created, key=payment_key(request, created, "first")))
        response = poll_used(client, created["checkout_session"])
        assert_used(
            expect.session_answer(response, "RETRIEVE-SESSION"),
            True,
            response,
            "USED-AFTER-PAYMENT",
        )
