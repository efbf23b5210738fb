"""Behaviour: what the endpoints do besides the field rules, as one table of values and policies.

``faithful_behaviour(readings, account_id)`` gives the table of one faithful sandbox: its rule
tables (``rules.faithful_rules``) and, step by step, how a body is read, who is served, what a
create answers, how a PATCH changes the stored session, what a payment may do, how an error
looks. The endpoints, the credentials check and the app only call it; ``faults.apply_faults``
returns a copy with one small edit per fault switch, so no faithful module knows a switch::

    behaviour = faithful_behaviour(Readings(), account_id)
    behaviour.create_status                                   # 200
    behaviour.patch(session, {"amount": {"value": 5}})        # merged into the stored amount
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.middleware import Middleware

from yuno_contracts.sandbox.readings import Readings
from yuno_contracts.sandbox.responses import error_body
from yuno_contracts.sandbox.rules import Rules, faithful_rules
from yuno_contracts.sandbox.store import Session
from yuno_contracts.sandbox.validation import parse_json

__all__ = ["MERGED_FIELDS", "Behaviour", "ErrorBody", "ViewEdit", "faithful_behaviour"]

MERGED_FIELDS = ("amount", "alternative_amount")
"""The session fields a PATCH merges key by key into the stored object (UPDATE-AMOUNT-PARTIAL)."""

ViewEdit = Callable[[dict[str, Any], Session], dict[str, Any]]
"""A response body edited after ``session_view.session_view`` built it (the session beside it)."""
ErrorBody = Callable[[str, list[str], int], dict[str, Any]]
"""An error's body from its code, messages and status."""


def as_is(view: dict[str, Any], session: Session) -> dict[str, Any]:
    """The view as ``session_view.session_view`` built it."""
    return view


def accept(fields: dict[str, Any]) -> None:
    """A valid session body goes on to the store as it is."""


def patch_fields(session: Session, sent: dict[str, Any]) -> None:
    """Fields sent replace the stored ones (``MERGED_FIELDS`` merged key by key); fields not sent
    keep their values; id and created_at never change."""
    for name, value in sent.items():
        stored = session.fields.get(name)
        if name in MERGED_FIELDS and isinstance(stored, dict):
            session.fields[name] = {**stored, **value}
        else:
            session.fields[name] = value


def _uuid_id() -> str:
    """SESSION-ID-FORMAT uuid."""
    return str(uuid.uuid4())


def _opaque_id() -> str:
    """SESSION-ID-FORMAT string-36-64: an opaque 51-character ``cs_…``."""
    return f"cs_{secrets.token_hex(24)}"


@dataclass(frozen=True)
class Behaviour:
    """The steps of the endpoints that a fault switch may change, each a value or a function."""

    rules: Rules
    new_session_id: Callable[[], str]
    error_body: ErrorBody
    # reading a request
    parse_body: Callable[[bytes], Any] = parse_json
    """A body's JSON value; ApiError 400 for anything else."""
    on_session_body: Callable[[dict[str, Any]], None] = accept
    """Called with a valid create or PATCH body before the store sees it."""
    # credentials
    private_key_checked: bool = True
    restricted_served: bool = False
    unauthorized_code: str = "INVALID_CREDENTIALS"
    # create
    create_status: int = 200
    default_workflow: str | None = "SDK_CHECKOUT"
    new_session_used: bool = False
    create_view: ViewEdit = as_is
    # PATCH
    patch: Callable[[Session, dict[str, Any]], None] = patch_fields
    """Applies the fields sent to (a working copy of) the stored session."""
    update_view: ViewEdit = as_is
    unknown_patch_creates: bool = False
    """A PATCH of an unknown id makes a new session of the fields sent instead of a 4xx."""
    # tokens and payments
    token_for_paid_session: bool = False
    one_payment_per_session: bool = True
    spent_token_pays: bool = False
    payment_marks_used: bool = True
    honour_idempotency_key: bool = True
    # every response
    middleware: tuple[Middleware, ...] = ()
    """Wrapped around the app outside the last-resort 500 handler."""


def faithful_behaviour(readings: Readings, account_id: str) -> Behaviour:
    """The behaviour of these readings, with no fault; ``account_id`` is the provisioned one."""

    def shaped_error(code: str, messages: list[str], status: int) -> dict[str, Any]:
        return error_body(code, messages, readings.error_body)

    return Behaviour(
        rules=faithful_rules(readings, account_id),
        new_session_id=_opaque_id if readings.session_id == "string-36-64" else _uuid_id,
        error_body=shaped_error,
    )
