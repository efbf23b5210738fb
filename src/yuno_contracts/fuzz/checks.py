"""The project's own Schemathesis checks, registered next to the built-in ones.

- ``yuno_error_body``: every 4xx carries an error body of a documented shape (ERROR-BODY-SHAPE,
  ``expect.error_shape``: the one rule of the hand-written suites).
- ``update_keeps_unsent_fields``: after a PATCH, every field the request did not send keeps the
  value it had before (UPDATE-PARTIAL).
- ``session_identity_stable``: ``checkout_session`` and ``created_at`` never change after
  creation (UPDATE-ID-STABLE, UPDATE-CREATED-AT-STABLE).

The last two need the session as it was before the request: a ``SessionLedger`` keeps the last
state of every session the fuzz run saw (``ledger.remember(body)`` after each validated 200).
The fuzz run binds its ledger with ``using_ledger``; without one they have nothing to compare.

    with using_ledger(SessionLedger()) as ledger:
        case.call_and_validate(additional_checks=PROJECT_CHECKS)
"""

from __future__ import annotations

import contextlib
import contextvars
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import schemathesis
from schemathesis import CheckContext, Response
from schemathesis.generation.case import Case

from yuno_contracts.core.jsondata import dumps_exact, loads_exact, loads_or_none
from yuno_contracts.harness.error_codes import ERROR_SHAPES, error_shape
from yuno_contracts.harness.violation import ContractViolation

__all__ = [
    "CHECK_CLAUSES",
    "PROJECT_CHECKS",
    "SessionLedger",
    "current_ledger",
    "session_identity_stable",
    "update_keeps_unsent_fields",
    "using_ledger",
    "yuno_error_body",
]

UPDATE_OPERATION = "updateCheckoutSession"
# Fields a session carries that a PATCH body can send (the update page's field list).
UPDATABLE = (
    "merchant_order_id",
    "payment_description",
    "country",
    "customer_id",
    "callback_url",
    "amount",
    "alternative_amount",
    "metadata",
    "workflow",
    "installments",
)


class SessionLedger:
    """The last state the run saw of each session, by ``checkout_session``."""

    def __init__(self) -> None:
        self._sessions: dict[str, dict[str, Any]] = {}

    def remember(self, session: Any) -> None:
        if isinstance(session, dict) and isinstance(session.get("checkout_session"), str):
            self._sessions[session["checkout_session"]] = session

    def get(self, session_id: str) -> dict[str, Any] | None:
        return self._sessions.get(session_id)


_LEDGER: contextvars.ContextVar[SessionLedger | None] = contextvars.ContextVar(
    "yuno_fuzz_ledger", default=None
)


def current_ledger() -> SessionLedger | None:
    return _LEDGER.get()


@contextlib.contextmanager
def using_ledger(ledger: SessionLedger) -> Iterator[SessionLedger]:
    token = _LEDGER.set(ledger)
    try:
        yield ledger
    finally:
        _LEDGER.reset(token)


class CheckViolation(ContractViolation):
    """A project check failed. Schemathesis keeps the AssertionError a check raises as the
    ``exception`` of its ``CustomFailure``, so the clause reaches the runner as data."""

    def __init__(self, clause: str, title: str, message: str) -> None:
        AssertionError.__init__(self, f"{title}. {message}")
        self.clause, self.expected, self.observed, self.where = clause, title, message, ""


def _fail(case: Case, clause: str, title: str, message: str) -> None:
    raise CheckViolation(clause, title, message)


@schemathesis.check
def yuno_error_body(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """Every 4xx has an error body of a documented shape (``expect.error_shape``)."""
    if not 400 <= response.status_code < 500:
        return None
    ok = error_shape(loads_or_none(response.content)) is not None
    if not ok:
        text = (response.content or b"")[:200].decode("utf-8", "replace")
        _fail(
            case,
            "ERROR-BODY-SHAPE",
            "Not Yuno's error body",
            f"Expected a documented error body ({', '.join(ERROR_SHAPES)}) with "
            f"{response.status_code}; "
            f"observed {text}",
        )
    return True


def _same(before: Any, after: Any) -> bool:
    """Equal as JSON data; numbers by value (100 and 100.0 are the same amount)."""
    if isinstance(before, dict) and isinstance(after, dict):
        return before.keys() == after.keys() and all(_same(before[k], after[k]) for k in before)
    if isinstance(before, list) and isinstance(after, list):
        return len(before) == len(after) and all(map(_same, before, after))
    numbers = (int, Decimal)
    if isinstance(before, numbers) and isinstance(after, numbers):
        return not isinstance(before, bool) and not isinstance(after, bool) and before == after
    return before == after


def _before_update(case: Case, response: Response) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The session before this PATCH and after it, when this is a 200 PATCH of a known session."""
    ledger = current_ledger()
    if ledger is None or case.operation.definition.raw.get("operationId") != UPDATE_OPERATION:
        return None
    if response.status_code != 200:
        return None
    session_id = str((case.path_parameters or {}).get("checkout_session", ""))
    before = ledger.get(session_id)
    after = loads_or_none(response.content)
    if before is None or not isinstance(after, dict):
        return None
    return loads_exact(dumps_exact(before)), after


@schemathesis.check
def update_keeps_unsent_fields(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """After a PATCH, every updatable field the body did not send keeps its previous value."""
    states = _before_update(case, response)
    if states is None:
        return None
    before, after = states
    sent = case.body if isinstance(case.body, dict) else {}
    for name in UPDATABLE:
        if name in sent or name not in before:
            continue
        if not _same(before[name], after.get(name)):
            _fail(
                case,
                "UPDATE-PARTIAL",
                "A field not sent changed",
                f"Expected {name} kept as {json.dumps(before[name], default=str)} (not in the "
                f"PATCH body); observed {json.dumps(after.get(name), default=str)}",
            )
    return True


@schemathesis.check
def session_identity_stable(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """``checkout_session`` and ``created_at`` of a session never change after creation."""
    states = _before_update(case, response)
    if states is None:
        return None
    before, after = states
    for name, clause in (
        ("checkout_session", "UPDATE-ID-STABLE"),
        ("created_at", "UPDATE-CREATED-AT-STABLE"),
    ):
        if before.get(name) != after.get(name):
            _fail(
                case,
                clause,
                f"{name} changed",
                f"Expected {name} {before.get(name)!r} as created; observed {after.get(name)!r}",
            )
    return True


PROJECT_CHECKS = [yuno_error_body, update_keeps_unsent_fields, session_identity_stable]

# Which clause a failed check breaks, by check name; per operation where they differ.
CHECK_CLAUSES: dict[str, dict[str, str]] = {
    "not_a_server_error": {"*": "ERROR-400-INVALID-REQUEST"},
    "status_code_conformance": {"createCheckoutSession": "CREATE-200", "*": "UPDATE-200"},
    "content_type_conformance": {"*": "RESPONSE-JSON"},
    "response_schema_conformance": {
        "createCheckoutSession": "CREATE-RESPONSE-SHAPE",
        "retrieveCheckoutSession": "RETRIEVE-SESSION",
        "*": "UPDATE-ECHO",
    },
    "negative_data_rejection": {
        "createCheckoutSession": "ERROR-400-INVALID-REQUEST",
        "*": "UPDATE-VALIDATES",
    },
    "positive_data_acceptance": {"createCheckoutSession": "CREATE-200", "*": "UPDATE-200"},
    "ignored_auth": {"*": "AUTH-BOTH-HEADERS"},
    "missing_required_header": {"*": "AUTH-BOTH-HEADERS"},
    "ensure_resource_availability": {"*": "RETRIEVE-SESSION"},
    "use_after_free": {"*": "RETRIEVE-SESSION"},
}
