"""Endpoints: one function per operation of the path table in ``app.py``.

Each runs the same steps: credentials before the body, the body read incrementally (at most
1 MiB) and validated, then one atomic store operation, then the view. Each step that a fault
switch may change is a value or a function of the sandbox's ``Behaviour`` (``behaviour.py``),
which the endpoints only call. Refusals are raised as ``ApiError`` and rendered by the app's
handler.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

from yuno_contracts.sandbox.auth import check_credentials
from yuno_contracts.sandbox.behaviour import Behaviour, faithful_behaviour
from yuno_contracts.sandbox.faults import apply_faults
from yuno_contracts.sandbox.responses import ApiError, JSONResponse
from yuno_contracts.sandbox.rules import Rule
from yuno_contracts.sandbox.session_view import session_view
from yuno_contracts.sandbox.settings import SandboxSettings
from yuno_contracts.sandbox.store import (
    BadToken,
    Payment,
    PaymentExists,
    Session,
    Store,
    Token,
    UnknownSession,
    utc_now,
)
from yuno_contracts.sandbox.validation import (
    INVALID_REQUEST,
    local_currency_problem,
    validate,
    validate_payment,
    validate_token,
)

__all__ = [
    "MAX_BODY_BYTES",
    "Sandbox",
    "create_payment",
    "create_session",
    "create_token",
    "retrieve_session",
    "update_session",
]

MAX_BODY_BYTES = 1 << 20
"""Bodies past 1 MiB are refused (400); the rest is drained, not kept."""
DRAIN_LIMIT_BYTES = 64 << 20
"""Past this much, an oversized body is no longer drained: the connection is dropped."""
DECLINED_CARD = "4000000000000002"
T = TypeVar("T")


@dataclass(frozen=True)
class Sandbox:
    """What the endpoints share, kept in ``app.state.sandbox``."""

    settings: SandboxSettings
    store: Store
    behaviour: Behaviour

    @classmethod
    def build(cls, settings: SandboxSettings, store: Store | None = None) -> Sandbox:
        """The faithful behaviour of the settings' readings, with their fault switches applied."""
        faithful = faithful_behaviour(settings.readings, settings.account_id)
        return cls(settings, store or Store(), apply_faults(faithful, settings.faults))

    @property
    def field_codes(self) -> bool:
        """ERROR-400-CODES: a refused session body gets its field's own code (field-specific)."""
        return self.settings.readings.error_codes == "field-specific"

    def not_found(self, session_id: str, field: str = "checkout_session") -> ApiError:
        """The unknown-session error per the ``unknown_session`` reading: 400 or 404 with
        CHECKOUT_SESSION_NOT_FOUND, or (400-not-found) 400 with the generic NOT_FOUND."""
        reading = self.settings.readings.unknown_session
        if reading == "400-not-found":
            return _not_found(400, session_id, field, "NOT_FOUND")
        return _not_found(int(reading), session_id, field)


def _not_found(
    status: int, session_id: str, field: str, code: str = "CHECKOUT_SESSION_NOT_FOUND"
) -> ApiError:
    shown = session_id if len(session_id) <= 64 else session_id[:64] + "…"
    return ApiError(status, code, f"{field}: {shown!r} not found or inactive")


def _sandbox(request: Request) -> Sandbox:
    return request.app.state.sandbox


async def read_body(request: Request) -> bytes:
    """The body, read chunk by chunk; ApiError 400 past ``MAX_BODY_BYTES``.

    Past the limit the rest is read and dropped (so the client gets the 400 rather than a reset
    connection), up to ``DRAIN_LIMIT_BYTES``.
    """
    chunks: list[bytes] = []
    size = 0
    too_large = False
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if too_large:
                if size > DRAIN_LIMIT_BYTES:
                    break
            elif size > MAX_BODY_BYTES:
                too_large = True
                chunks.clear()
            else:
                chunks.append(chunk)
    except ClientDisconnect:
        raise ApiError(400, INVALID_REQUEST, "body: the client disconnected") from None
    if too_large:
        raise ApiError(400, INVALID_REQUEST, "body: larger than 1 MiB")
    return b"".join(chunks)


async def _admitted(
    request: Request, sandbox: Sandbox, check: Callable[[Any], T] | None = None
) -> T | None:
    """Credentials checked, then the body parsed and checked; the checked body back.

    The documents do not say which check comes first, so no fault switch flips the order: a
    suite must not fail a target for it (400 or 401 are both faithful for bad keys + bad body).
    """
    denied = check_credentials(request.headers, sandbox.settings, sandbox.behaviour)
    if denied:
        raise denied
    return None if check is None else check(await _read_json(request, sandbox))


async def _read_json(request: Request, sandbox: Sandbox) -> Any:
    return sandbox.behaviour.parse_body(await read_body(request))


def _session_body(sandbox: Sandbox, value: Any, rule: Rule) -> dict[str, Any]:
    """A create or PATCH body validated against its ``rule``, then shown to the behaviour."""
    fields = validate(value, rule, field_codes=sandbox.field_codes)
    sandbox.behaviour.on_session_body(fields)
    return fields


def _account_gap(sandbox: Sandbox, body: dict[str, Any]) -> None:
    """The 400 of an account that lacks what ``body`` needs (``SandboxSettings.lacks``)."""
    lacks = sandbox.settings.lacks
    if "customer" in lacks and body.get("customer_id"):
        code = "CUSTOMER_NOT_FOUND" if sandbox.field_codes else INVALID_REQUEST
        raise ApiError(400, code, "customer_id: customer not found")
    method = body.get("payment_method")
    if "card-provider" in lacks and isinstance(method, dict) and method.get("type") == "CARD":
        raise ApiError(400, INVALID_REQUEST, "payment_method.type: no provider connected for CARD")


def _new_session(sandbox: Sandbox, fields: dict[str, Any]) -> Session:
    behaviour = sandbox.behaviour
    fields.setdefault("workflow", behaviour.default_workflow)
    return sandbox.store.add_session(
        fields, used=behaviour.new_session_used, session_id=behaviour.new_session_id()
    )


def _local_currency(sandbox: Sandbox, fields: dict[str, Any]) -> None:
    """CURRENCY-COUNTRY, reading local-only: a listed country takes only its own currency."""
    problem = local_currency_problem(sandbox.settings.readings, fields)
    if problem is not None:
        raise ApiError(400, "CURRENCY_NOT_ALLOWED", problem)


def _effective(stored: dict[str, Any], sent: dict[str, Any]) -> dict[str, Any]:
    """The country and amount a session has once ``sent`` is applied (amount merged by key)."""
    amount = sent.get("amount", stored.get("amount"))
    if isinstance(amount, dict) and isinstance(stored.get("amount"), dict):
        amount = {**stored["amount"], **amount}
    return {"country": sent.get("country", stored.get("country")), "amount": amount}


async def create_session(request: Request) -> Response:
    """POST /v1/checkout/sessions: 200 with the new session."""
    sandbox = _sandbox(request)
    behaviour = sandbox.behaviour
    rule = behaviour.rules.create
    fields = await _admitted(request, sandbox, lambda v: _session_body(sandbox, v, rule))
    assert fields is not None
    _account_gap(sandbox, fields)
    _local_currency(sandbox, fields)
    session = _new_session(sandbox, fields)
    view = session_view(session, sandbox.settings.readings, on_create=True)
    return JSONResponse(behaviour.create_view(view, session), status_code=behaviour.create_status)


async def retrieve_session(request: Request) -> Response:
    """GET /v1/checkout/sessions/{checkout_session}: 200 with the session and ``used``."""
    sandbox = _sandbox(request)
    await _admitted(request, sandbox)
    session_id = request.path_params["checkout_session"]
    session = sandbox.store.session(session_id)
    if session is None:
        raise sandbox.not_found(session_id)
    return JSONResponse(session_view(session, sandbox.settings.readings))


def _apply_update(sandbox: Sandbox, sent: dict[str, Any]) -> Callable[[Session], None]:
    used_status = int(sandbox.settings.readings.used_update)

    def change(session: Session) -> None:
        if session.used:
            raise ApiError(
                used_status,
                "INVALID_STATUS",
                "checkout_session: has been used by a payment and cannot be updated",
            )
        _local_currency(sandbox, _effective(session.fields, sent))
        sandbox.behaviour.patch(session, sent)

    return change


async def update_session(request: Request) -> Response:
    """PATCH /v1/checkout/sessions/{checkout_session}: 200 with the whole updated session.

    Fields sent replace the stored ones (``amount`` / ``alternative_amount`` are merged key by
    key); fields not sent keep their values; id and created_at never change.
    """
    sandbox = _sandbox(request)
    behaviour = sandbox.behaviour
    rule = behaviour.rules.update
    sent = await _admitted(request, sandbox, lambda v: _session_body(sandbox, v, rule))
    assert sent is not None
    session_id = request.path_params["checkout_session"]
    try:
        session = sandbox.store.change_session(session_id, _apply_update(sandbox, sent))
    except UnknownSession:
        if not behaviour.unknown_patch_creates:
            raise sandbox.not_found(session_id) from None
        session = _new_session(sandbox, sent)
    view = session_view(session, sandbox.settings.readings)
    return JSONResponse(behaviour.update_view(view, session))


async def create_token(request: Request) -> Response:
    """POST /v1/checkout/sessions/{checkout_session}/token: 201 with a one-time token.

    The card comes flat in ``payment_method.card`` (the token page's example, which also repeats
    it in a top-level ``card_data``, not looked into) or under ``card.detail`` (the headless
    SDK's shape). A session that has its payment gets no more tokens (400 INVALID_STATUS): the
    pages do not say, and the suites accept a refusal of either the token or the payment.
    """
    sandbox = _sandbox(request)
    checked = await _admitted(
        request, sandbox, lambda v: validate_token(v, sandbox.behaviour.rules)
    )
    assert checked is not None
    body, card_number = checked
    session_id = request.path_params["checkout_session"]
    try:
        token = sandbox.store.add_token(
            session_id,
            body["payment_method"]["type"],
            card_number,
            one_per_session=not sandbox.behaviour.token_for_paid_session,
        )
    except UnknownSession:
        raise sandbox.not_found(session_id) from None
    except PaymentExists:
        raise ApiError(400, "INVALID_STATUS", "checkout_session: already has its payment") from None
    return JSONResponse(
        {"token": token.token, "checkout_session": session_id, "type": token.type},
        status_code=201,
    )


async def create_payment(request: Request) -> Response:
    """POST /v1/payments: 201 with the session's payment; the session becomes ``used``.

    The ``X-Idempotency-Key`` header is required; the same key again answers the same payment.
    One payment per session ("Only one payment is supported per each checkout session"); a
    one-time token is its session's and "cannot be reused" (page tokens).
    """
    sandbox = _sandbox(request)
    behaviour = sandbox.behaviour
    await _admitted(request, sandbox)  # credentials first, then the header, then the body
    key = request.headers.get("x-idempotency-key", "")
    if not key.strip() or len(key) > 255:
        raise ApiError(400, INVALID_REQUEST, "X-Idempotency-Key: header is required (1..255)")
    honour_key = behaviour.honour_idempotency_key
    if honour_key and (known := sandbox.store.payment_for_key(key)) is not None:
        return JSONResponse(known.body, status_code=201)
    body, card_number = validate_payment(await _read_json(request, sandbox), behaviour.rules)
    _account_gap(sandbox, body)
    token = body["payment_method"].get("token")

    def build(session: Session, spent: Token | None) -> Payment:
        number = spent.card_number if spent else card_number
        status = "DECLINED" if number == DECLINED_CARD else "SUCCEEDED"
        payment_id = str(uuid.uuid4())
        return Payment(
            payment_id,
            session.id,
            status,
            {
                "id": payment_id,
                "status": status,
                "checkout": {"session": session.id},
                "amount": body["amount"],
                "merchant_order_id": body["merchant_order_id"],
                "created_at": utc_now(),
            },
        )

    session_id = body["checkout"]["session"]
    try:
        payment, _created = sandbox.store.add_payment(
            key,
            session_id,
            build,
            token=token,
            honour_key=honour_key,
            one_per_session=behaviour.one_payment_per_session,
            spent_token_ok=behaviour.spent_token_pays,
            mark_used=behaviour.payment_marks_used,
        )
    except UnknownSession:
        raise _not_found(400, session_id, "checkout.session") from None
    except PaymentExists:
        raise ApiError(
            400, "INVALID_STATUS", "Only one payment is supported per each checkout session"
        ) from None
    except BadToken:
        # The catalogue's row (page response-codes): "| `INVALID_TOKEN` | Invalid Token." in its
        # 401 block; a one-time token "cannot be reused" and is "scoped to a single checkout
        # session" (page tokens). The suites assert no code or status for it.
        raise ApiError(
            401, "INVALID_TOKEN", "payment_method.token: unknown, of another session, or spent"
        ) from None
    return JSONResponse(payment.body, status_code=201)
