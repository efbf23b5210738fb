"""Yuno's error catalogue as the suites read it: which 400 codes fit a refusal, which error-body
shapes are documented, and the code an error body carries.

    refusal_codes("LIMIT-COUNTRY-ENUM")   # the generic four + COUNTRY_NOT_SUPPORTED
    error_shape({"code": "X", "messages": ["…"]})   # "messages"
    error_code({"error": {"code": "NOT_FOUND"}})    # "NOT_FOUND"
    error_code_of(response)               # the same, read from a response's body

The hand-written suites (``expect.error`` / ``expect.rejected``), the probes and the fuzz checks
all read codes and shapes here (ERROR-400-CODES, ERROR-BODY-SHAPE).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from yuno_contracts.core.jsondata import loads_or_none

if TYPE_CHECKING:
    import httpx

__all__ = [
    "CATALOGUE_400_CODES",
    "ERROR_SHAPES",
    "FIELD_400_CODES",
    "GENERIC_400_CODES",
    "error_code",
    "error_code_of",
    "error_shape",
    "refusal_codes",
]

# The 400 rows of Yuno's error catalogue (https://docs.y.uno/reference/getting-started/response-codes,
# page ``response-codes`` of contracts/sources/pages.yaml), every row from INVALID_REQUEST to
# IDEMPOTENCY_DUPLICATED.
CATALOGUE_400_CODES = frozenset(
    {
        "INVALID_REQUEST",
        "INVALID_PARAMETERS",
        "MISSING_PARAMETERS",
        "INVALID_STATUS",
        "COUNTRY_NOT_SUPPORTED",
        "CURRENCY_NOT_ALLOWED",
        "INVALID_AMOUNT",
        "INVALID_ACCOUNT_ID",
        "NOT_FOUND",
        "UNEXPECTED_RESPONSE",
        "BAD_REQUEST",
        "CUSTOMER_NOT_FOUND",
        "CHECKOUT_SESSION_NOT_FOUND",
        "IDEMPOTENCY_DUPLICATED",
    }
)
# The catalogue's codes that fit any refused request body (ERROR-400-CODES, reading generic).
GENERIC_400_CODES = frozenset(
    {"INVALID_REQUEST", "INVALID_PARAMETERS", "MISSING_PARAMETERS", "BAD_REQUEST"}
)
# The field-specific codes that also fit (reading field-specific), keyed by a word of the clause
# id or of the name of the field at fault.
# CHECKOUT_SESSION_EXPIRED_TIME is not in the catalogue but on a version of the update page
# (page update-session-v4a085592), for a session past its lifetime.
FIELD_400_CODES: dict[str, frozenset[str]] = {
    "COUNTRY": frozenset({"COUNTRY_NOT_SUPPORTED"}),
    "CURRENCY": frozenset({"CURRENCY_NOT_ALLOWED"}),
    "AMOUNT": frozenset({"INVALID_AMOUNT", "CURRENCY_NOT_ALLOWED"}),
    "ACCOUNT": frozenset({"INVALID_ACCOUNT_ID"}),
    "CUSTOMER": frozenset({"CUSTOMER_NOT_FOUND"}),
    "UNKNOWN": frozenset({"CHECKOUT_SESSION_NOT_FOUND", "NOT_FOUND"}),
    "EXPIRED": frozenset({"CHECKOUT_SESSION_NOT_FOUND", "CHECKOUT_SESSION_EXPIRED_TIME"}),
    "USED": frozenset({"INVALID_STATUS", "CHECKOUT_SESSION_NOT_FOUND"}),
}
# The error-body shapes Yuno's pages document (ERROR-BODY-SHAPE): {code, messages: [str]}
# (seed, response-codes), {code, message, details} (sandbox-tested Error), {error: {code, …}}
# (root-openapi Error).
ERROR_SHAPES = ("messages", "message-details", "error-envelope")

_WORD = re.compile(r"[A-Za-z0-9]+")


def refusal_codes(clause: str, fields: Iterable[str] = ()) -> frozenset[str]:
    """The documented 400 codes that fit a refusal under ``clause`` (ERROR-400-CODES): the
    generic ones, plus the field-specific ones of every word of the clause id and of the names
    of the ``fields`` at fault (LIMIT-COUNTRY-ENUM, or TYPE-STRINGS with field country:
    COUNTRY_NOT_SUPPORTED; amount.currency: INVALID_AMOUNT, CURRENCY_NOT_ALLOWED)."""
    words = {w.upper() for text in (clause, *fields) for w in _WORD.findall(text.replace("_", " "))}
    fitting = set(GENERIC_400_CODES)
    for word, codes in FIELD_400_CODES.items():
        if word in words:
            fitting |= codes
    return frozenset(fitting)


def error_shape(body: Any) -> str | None:
    """Which documented error-body shape ``body`` has (one of ``ERROR_SHAPES``), or None."""
    if not isinstance(body, dict):
        return None
    envelope = body.get("error")
    if isinstance(envelope, dict):
        ok = isinstance(envelope.get("code"), str) and bool(envelope["code"])
        return "error-envelope" if ok else None
    if not (isinstance(body.get("code"), str) and body["code"]):
        return None
    if "messages" in body:
        messages = body["messages"]
        ok = isinstance(messages, list) and all(isinstance(m, str) for m in messages)
        return "messages" if ok else None
    if isinstance(body.get("message"), str) and isinstance(body.get("details", {}), dict):
        return "message-details"
    return None


def error_code(body: Any) -> str | None:
    """The error code of a body of any documented shape (``code`` or ``error.code``)."""
    shape = error_shape(body)
    if shape is None:
        return None
    return body["error"]["code"] if shape == "error-envelope" else body["code"]


def error_code_of(response: httpx.Response) -> str | None:
    """The error code of ``response``'s body when it is JSON of a documented shape, else None."""
    return error_code(loads_or_none(response.content))
