"""Store: the sandbox's state (sessions, one-time tokens, payments, idempotency keys).

Every operation runs under one lock and works on copies, so a read-check-write is atomic: two
PATCHes of one session never lose each other's fields, and a change that raises leaves the
stored session as it was::

    store = Store()
    session = store.add_session(fields, used=False)
    store.change_session(session.id, lambda s: s.fields.update(country="BR"))

It knows nothing about HTTP: refusals are the exceptions below, mapped to API errors by the
endpoints.
"""

from __future__ import annotations

import copy
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

__all__ = [
    "BadToken",
    "Payment",
    "PaymentExists",
    "Session",
    "Store",
    "StoreError",
    "Token",
    "UnknownSession",
    "utc_now",
]


def utc_now() -> str:
    """The current UTC time, RFC 3339 with microseconds and ``Z``: 2024-06-06T13:39:10.932297Z."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class StoreError(Exception):
    """A refused store operation."""


class UnknownSession(StoreError):
    """No session has this id."""


class PaymentExists(StoreError):
    """The session already has its one payment."""


class BadToken(StoreError):
    """The one-time token is unknown, of another session, or spent."""


@dataclass
class Session:
    """A checkout session: the validated fields as sent (incl. the ones not echoed)."""

    id: str
    created_at: str
    fields: dict[str, Any]
    used: bool = False
    payment_id: str | None = None


@dataclass
class Token:
    """A one-time token for a session's payment."""

    token: str
    session_id: str
    type: str
    card_number: str
    spent: bool = False


@dataclass
class Payment:
    """A payment and the response body it was answered with."""

    id: str
    session_id: str
    status: str
    body: dict[str, Any] = field(default_factory=dict)


class Store:
    """Thread-safe in-memory state of one sandbox."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sessions: dict[str, Session] = {}
        self._tokens: dict[str, Token] = {}
        self._payments: dict[str, Payment] = {}
        self._idempotency: dict[str, str] = {}

    def add_session(
        self,
        fields: dict[str, Any],
        *,
        used: bool = False,
        session_id: str | None = None,
        created_at: str | None = None,
    ) -> Session:
        """Store a new session (a uuid4 id unless given) and return a copy of it."""
        session = Session(
            id=session_id or str(uuid.uuid4()),
            created_at=created_at or utc_now(),
            fields=copy.deepcopy(fields),
            used=used,
        )
        with self._lock:
            self._sessions[session.id] = session
            return copy.deepcopy(session)

    def session(self, session_id: str) -> Session | None:
        """A copy of the session, or None."""
        with self._lock:
            found = self._sessions.get(session_id)
            return copy.deepcopy(found) if found else None

    def change_session(self, session_id: str, change: Callable[[Session], None]) -> Session:
        """Apply ``change`` to a copy of the session atomically; keep it unless it raises."""
        with self._lock:
            found = self._sessions.get(session_id)
            if found is None:
                raise UnknownSession(session_id)
            work = copy.deepcopy(found)
            change(work)
            work.id, work.payment_id = found.id, found.payment_id
            self._sessions[session_id] = work
            return copy.deepcopy(work)

    def add_token(
        self, session_id: str, type_: str, card_number: str, *, one_per_session: bool = True
    ) -> Token:
        """A new one-time token for an existing session that has no payment yet (when
        ``one_per_session``)."""
        with self._lock:
            session = self._sessions.get(session_id)
            if session is None:
                raise UnknownSession(session_id)
            if one_per_session and session.payment_id is not None:
                raise PaymentExists(session_id)
            token = Token(str(uuid.uuid4()), session_id, type_, card_number)
            self._tokens[token.token] = token
            return copy.deepcopy(token)

    def payment_for_key(self, key: str) -> Payment | None:
        """The payment created under this idempotency key, or None."""
        with self._lock:
            payment_id = self._idempotency.get(key)
            return copy.deepcopy(self._payments[payment_id]) if payment_id else None

    def add_payment(
        self,
        key: str,
        session_id: str,
        build: Callable[[Session, Token | None], Payment],
        *,
        token: str | None = None,
        honour_key: bool = True,
        one_per_session: bool = True,
        spent_token_ok: bool = False,
        mark_used: bool = True,
    ) -> tuple[Payment, bool]:
        """Create the session's payment atomically; (payment, created).

        A known idempotency key gives its payment back (``created`` False) when
        ``honour_key``. Otherwise: the session must exist, have no payment yet (when
        ``one_per_session``) and the token, if any, must be its own and unspent (or spent, when
        ``spent_token_ok``); ``build`` makes the payment; the token is spent and the session
        marked used (when ``mark_used``).
        """
        with self._lock:
            if honour_key and key in self._idempotency:
                return copy.deepcopy(self._payments[self._idempotency[key]]), False
            session = self._sessions.get(session_id)
            if session is None:
                raise UnknownSession(session_id)
            if one_per_session and session.payment_id is not None:
                raise PaymentExists(session_id)
            found = None
            if token is not None:
                found = self._tokens.get(token)
                if (
                    found is None
                    or found.session_id != session_id
                    or (found.spent and not spent_token_ok)
                ):
                    raise BadToken(token)
            payment = build(copy.deepcopy(session), copy.deepcopy(found))
            if found is not None:
                found.spent = True
            session.payment_id = payment.id
            if mark_used:
                session.used = True
            self._payments[payment.id] = payment
            self._idempotency[key] = payment.id
            return copy.deepcopy(payment), True
