"""Endpoints: one function per operation of the path table in ``app.py``.

Each runs the same steps: credentials (before the body, unless a fault says otherwise), the
body read incrementally (at most 1 MiB) and validated, then one atomic store operation, then
the view. Refusals are raised as ``ApiError`` and rendered by the app's handler.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

from yuno_contracts.sandbox.auth import check_credentials
from yuno_contracts.sandbox.faults import apply_faults
from yuno_contracts.sandbox.responses import ApiError, JSONResponse
from yuno_contracts.sandbox.rules import Rules, faithful_rules
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
    parse_json,
    validate,
    validate_payment,
    validate_token,
)
from yuno_contracts.sandbox.views import session_view

__all__ = [
    "MAX_BODY_BYTES",
    "InjectedFault",
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


class InjectedFault(RuntimeError):
    """A server error a fault switch asked for (answered 500 by the last-resort handler)."""


@dataclass(frozen=True)
class Sandbox:
    """What the endpoints share, kept in ``app.state.sandbox``."""

    settings: SandboxSettings
    store: Store
    rules: Rules

    @classmethod
    def build(cls, settings: SandboxSettings, store: Store | None = None) -> Sandbox:
        rules = apply_faults(
            faithful_rules(settings.readings, settings.account_id), settings.faults
        )
        return cls(settings, store or Store(), rules)

    def fault(self, name: str) -> bool:
        """Whether the fault switch ``name`` is on."""
        return name in self.settings.faults

    @property
    def field_codes(self) -> bool:
        """ERROR-400-CODES: a refused session body gets its field's own code (field-specific)."""
        return self.settings.readings.error_codes == "field-specific"

    def new_session_id(self) -> str | None:
        """The id of a new session: None for the store's uuid4 (SESSION-ID-FORMAT uuid), an
        opaque 51-character ``cs_…`` (string-36-64), or the fault's 27-character one."""
        if self.fault("create-id-not-uuid"):
            return f"cs_{secrets.token_hex(12)}"
        if self.settings.readings.session_id == "string-36-64":
            return f"cs_{secrets.token_hex(24)}"
        return None

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
    denied = check_credentials(request.headers, sandbox.settings)
    if denied:
        raise denied
    return None if check is None else check(await _read_json(request, sandbox))


async def _read_json(request: Request, sandbox: Sandbox) -> Any:
    raw = await read_body(request)
    try:
        return parse_json(raw)
    except ApiError:
        if sandbox.fault("server-error-on-malformed-json"):
            raise InjectedFault("fault server-error-on-malformed-json") from None
        raise


def _unicode_fault(sandbox: Sandbox, fields: dict[str, Any]) -> None:
    description = fields.get("payment_description")
    if (
        sandbox.fault("server-error-on-unicode")
        and isinstance(description, str)
        and not description.isascii()
    ):
        raise InjectedFault("fault server-error-on-unicode")


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
    if "workflow" not in fields:
        fields["workflow"] = None if sandbox.fault("create-no-workflow-default") else "SDK_CHECKOUT"
    return sandbox.store.add_session(
        fields, used=sandbox.fault("used-starts-true"), session_id=sandbox.new_session_id()
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
    fields = await _admitted(
        request,
        sandbox,
        lambda v: validate(v, sandbox.rules.create, field_codes=sandbox.field_codes),
    )
    assert fields is not None
    _unicode_fault(sandbox, fields)
    _account_gap(sandbox, fields)
    _local_currency(sandbox, fields)
    session = _new_session(sandbox, fields)
    settings = sandbox.settings
    view = session_view(session, settings.readings, settings.faults, on_create=True)
    return JSONResponse(view, status_code=201 if sandbox.fault("create-201") else 200)


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
        if sandbox.fault("update-ignores-sent"):
            return
        if sandbox.fault("update-resets-unsent"):
            for name in sandbox.rules.create.properties:
                if name not in sent:
                    session.fields[name] = None
        for name, value in sent.items():
            stored = session.fields.get(name)
            mergeable = name in ("amount", "alternative_amount") and isinstance(stored, dict)
            if mergeable and not sandbox.fault("update-amount-replace"):
                session.fields[name] = {**stored, **value}
            else:
                session.fields[name] = value
        if sandbox.fault("update-created-at-changes"):
            session.created_at = utc_now()

    return change


async def update_session(request: Request) -> Response:
    """PATCH /v1/checkout/sessions/{checkout_session}: 200 with the whole updated session.

    Fields sent replace the stored ones (``amount`` / ``alternative_amount`` are merged key by
    key); fields not sent keep their values; id and created_at never change.
    """
    sandbox = _sandbox(request)
    sent = await _admitted(
        request,
        sandbox,
        lambda v: validate(v, sandbox.rules.update, field_codes=sandbox.field_codes),
    )
    assert sent is not None
    _unicode_fault(sandbox, sent)
    session_id = request.path_params["checkout_session"]
    readings = sandbox.settings.readings
    try:
        session = sandbox.store.change_session(session_id, _apply_update(sandbox, sent))
    except UnknownSession:
        if not sandbox.fault("update-unknown-200"):
            raise sandbox.not_found(session_id) from None
        session = _new_session(sandbox, sent)
    view = session_view(session, readings)
    if sandbox.fault("update-new-id"):
        view["checkout_session"] = str(uuid.uuid4())
    return JSONResponse(view)


async def create_token(request: Request) -> Response:
    """POST /v1/checkout/sessions/{checkout_session}/token: 201 with a one-time token.

    The card comes flat in ``payment_method.card`` (the token page's example, which also repeats
    it in a top-level ``card_data``, not looked into) or under ``card.detail`` (the headless
    SDK's shape). A session that has its payment gets no more tokens (400 INVALID_STATUS): the
    pages do not say, and the suites accept a refusal of either the token or the payment.
    """
    sandbox = _sandbox(request)
    checked = await _admitted(request, sandbox, lambda v: validate_token(v, sandbox.rules))
    assert checked is not None
    body, card_number = checked
    session_id = request.path_params["checkout_session"]
    try:
        token = sandbox.store.add_token(
            session_id,
            body["payment_method"]["type"],
            card_number,
            one_per_session=not sandbox.fault("second-payment-accepted"),
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
    one-time token is its session's and "cannot be reused" (page tokens). The switch
    ``second-payment-accepted-at-payments`` drops both rules here only: the token endpoint
    still refuses a paid session a new token, so only a second payment that reaches this
    endpoint (the first payment's spent token again, or a DIRECT card) is accepted.
    """
    sandbox = _sandbox(request)
    await _admitted(request, sandbox)  # credentials first, then the header, then the body
    key = request.headers.get("x-idempotency-key", "")
    if not key.strip() or len(key) > 255:
        raise ApiError(400, INVALID_REQUEST, "X-Idempotency-Key: header is required (1..255)")
    honour_key = not sandbox.fault("idempotency-ignored")
    if honour_key and (known := sandbox.store.payment_for_key(key)) is not None:
        return JSONResponse(known.body, status_code=201)
    body, card_number = validate_payment(await _read_json(request, sandbox), sandbox.rules)
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
    at_payments_only = sandbox.fault("second-payment-accepted-at-payments")
    try:
        payment, _created = sandbox.store.add_payment(
            key,
            session_id,
            build,
            token=token,
            honour_key=honour_key,
            one_per_session=not (sandbox.fault("second-payment-accepted") or at_payments_only),
            spent_token_ok=at_payments_only,
            mark_used=not sandbox.fault("used-never-flips"),
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
