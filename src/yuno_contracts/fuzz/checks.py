"""The project's own Schemathesis checks, registered next to the built-in ones.

- ``yuno_error_body``: every 4xx carries an error body of a documented shape (ERROR-BODY-SHAPE,
  ``error_codes.error_shape``: the one rule of the hand-written suites).
- ``update_keeps_unsent_fields``: after a PATCH, every field the request did not send keeps the
  value it had before (UPDATE-PARTIAL).
- ``session_identity_stable``: ``checkout_session`` and ``created_at`` never change after
  creation (UPDATE-ID-STABLE, UPDATE-CREATED-AT-STABLE).

- ``auth_enforced``: the first 2xx of each operation is sent again without its two keys, with
  each key left out, and with each key wrong; each must be refused with 401 or 403
  (AUTH-BOTH-HEADERS: one key missing is refused).
  Schemathesis' ``ignored_auth`` sends probes like these, but on a session of its own (it drops
  the one it is given), past the run's transport; this one sends them through the run's session.

They need the fuzz run: a ``SessionLedger`` keeps the last state of every session the run saw
(``ledger.remember(body)`` after each validated 200), and ``send`` is the run's way to the target.
The run binds both with ``using_scope``; without one the checks have nothing to compare or send.

    with using_scope(CheckScope(ledger=SessionLedger(), send=runner.call)):
        case.validate_response(response, additional_checks=PROJECT_CHECKS)
"""

from __future__ import annotations

import contextlib
import contextvars
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import schemathesis
from requests.structures import CaseInsensitiveDict
from schemathesis import CheckContext
from schemathesis.core.parameters import ParameterLocation
from schemathesis.core.transport import Response
from schemathesis.generation.case import Case

from yuno_contracts.core.jsondata import dumps_exact, loads_exact, loads_or_none
from yuno_contracts.harness.error_codes import ERROR_SHAPES, error_shape
from yuno_contracts.harness.violation import ContractViolation

__all__ = [
    "CHECK_CLAUSES",
    "INVALID_KEY",
    "PROJECT_CHECKS",
    "CheckScope",
    "SessionLedger",
    "auth_enforced",
    "current_scope",
    "session_identity_stable",
    "update_keeps_unsent_fields",
    "using_scope",
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


@dataclass
class CheckScope:
    """What the project checks need of the fuzz run: its ledger, and its way to the target."""

    ledger: SessionLedger
    send: Callable[[Case], Response]
    # Operations whose auth the run has probed (one confirmation each, as the `st` run does).
    auth_probed: set[str] = field(default_factory=set)


_SCOPE: contextvars.ContextVar[CheckScope | None] = contextvars.ContextVar(
    "yuno_fuzz_check_scope", default=None
)


def current_scope() -> CheckScope | None:
    return _SCOPE.get()


@contextlib.contextmanager
def using_scope(scope: CheckScope) -> Iterator[CheckScope]:
    token = _SCOPE.set(scope)
    try:
        yield scope
    finally:
        _SCOPE.reset(token)


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
    """Every 4xx has an error body of a documented shape (``error_codes.error_shape``)."""
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
    scope = current_scope()
    if scope is None or case.operation.definition.raw.get("operationId") != UPDATE_OPERATION:
        return None
    if response.status_code != 200:
        return None
    session_id = str((case.path_parameters or {}).get("checkout_session", ""))
    before = scope.ledger.get(session_id)
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


# A key the target never issued: the probes' stand-in for a wrong key.
INVALID_KEY = "yuno-contracts-invalid-key"
AUTH_REFUSALS = (401, 403)


def security_headers(case: Case) -> list[str]:
    """The header names of the operation's security requirements, in the contract's order."""
    raw = case.operation.schema.raw_schema
    schemes = raw.get("components", {}).get("securitySchemes", {})
    names: list[str] = []
    for requirement in case.operation.definition.raw.get("security", raw.get("security", [])):
        for scheme_name in requirement:
            scheme = schemes.get(scheme_name, {})
            if scheme.get("type") == "apiKey" and scheme.get("in") == "header":
                names.append(scheme["name"])
    return names


def _auth_probes(case: Case, keys: dict[str, str]) -> list[tuple[str, Case]]:
    """The accepted request without its ``keys`` (header name → value as sent), then with each
    left out, then with each wrong (the others as sent): AUTH-BOTH-HEADERS refuses all of them."""
    kept = {k: v for k, v in (case.headers or {}).items() if k.lower() not in keys}

    def probe(**sent: str) -> Case:
        return case.derive(headers=CaseInsensitiveDict({**kept, **sent}))

    others = {name: {k: v for k, v in keys.items() if k != name} for name in keys}
    probes = [("without its keys", probe())]
    probes += [(f"without {name}", probe(**others[name])) for name in keys]
    probes += [
        (f"with a wrong {name}", probe(**others[name], **{name: INVALID_KEY})) for name in keys
    ]
    return probes


@schemathesis.check
def auth_enforced(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """A request the target accepted is refused without its keys, without one, or with one
    wrong. Probed once per operation and fuzz test: the first accepted request with both keys."""
    scope = current_scope()
    names = security_headers(case)
    if scope is None or not names or not 200 <= response.status_code < 300:
        return None
    if case.operation.label in scope.auth_probed:
        return None
    # A mutated path parameter can miss the operation's route: its answer says nothing of auth.
    if case.meta is not None and case.meta.is_negative_at(ParameterLocation.PATH):
        return None
    headers = CaseInsensitiveDict(case.headers or {})
    keys = {name.lower(): headers[name] for name in names if name in headers}
    if len(keys) < len(names):  # a key the auth provider did not set: nothing to take away
        return None
    for what, probe in _auth_probes(case, keys):
        answer = scope.send(probe)
        if answer.status_code not in AUTH_REFUSALS:
            _fail(
                case,
                "AUTH-BOTH-HEADERS",
                "A request without both valid keys was not refused",
                f"Expected 401 or 403 for the accepted request sent again {what}; observed "
                f"{answer.status_code}",
            )
    # Only once every probe was refused: a failing example replays its probes (no flaky report).
    scope.auth_probed.add(case.operation.label)
    return True


PROJECT_CHECKS = [
    yuno_error_body,
    update_keeps_unsent_fields,
    session_identity_stable,
    auth_enforced,
]

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
    "missing_required_header": {"*": "AUTH-BOTH-HEADERS"},
    "ensure_resource_availability": {"*": "RETRIEVE-SESSION"},
    "use_after_free": {"*": "RETRIEVE-SESSION"},
}
