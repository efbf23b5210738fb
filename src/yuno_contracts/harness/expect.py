"""Contract assertions: a failure names the clause and says expected vs observed in one line.

    expect.status(response, 200, clause="CREATE-200")
    session = expect.json_object(response, clause="CREATE-200")
    expect.equal(session.get("country"), "US", clause="CREATE-ECHO-COUNTRY", what="country")
    expect.error(response, 400, clause="LIMIT-COUNTRY-ENUM")

A ``ContractViolation`` reads ``CREATE-200: expected status 200; observed 201 (POST
/v1/checkout/sessions)`` so that a partner reading a report understands the break without
opening the code. The pytest plugin prints it without a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx

from yuno_contracts.core.jsondata import loads_exact, loads_or_none

__all__ = [
    "DOCUMENTED_400_CODES",
    "ContractViolation",
    "created_session",
    "equal",
    "error",
    "exact_json",
    "is_url_plus_session",
    "json_object",
    "rejected",
    "session_answer",
    "status",
    "that",
]

# 400 codes Yuno documents (the seed's example and the public error catalogue, DESIGN.md §4).
DOCUMENTED_400_CODES = frozenset(
    {
        "INVALID_REQUEST",
        "INVALID_PARAMETERS",
        "MISSING_PARAMETERS",
        "CHECKOUT_SESSION_NOT_FOUND",
        "INVALID_STATUS",
    }
)


class ContractViolation(AssertionError):
    """The target broke a documented clause."""

    def __init__(self, clause: str, expected: str, observed: str, where: str = "") -> None:
        self.clause, self.expected, self.observed, self.where = clause, expected, observed, where
        suffix = f" ({where})" if where else ""
        super().__init__(f"{clause}: expected {expected}; observed {observed}{suffix}")


def _where(response: httpx.Response | None) -> str:
    if response is None:
        return ""
    request = response.request
    return f"{request.method} {request.url.raw_path.decode('ascii', 'replace')}"


def _short(value: Any, limit: int = 160) -> str:
    text = value if isinstance(value, str) else json.dumps(value, default=str, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def that(
    condition: bool,
    clause: str,
    expected: str,
    observed: Any,
    response: httpx.Response | None = None,
) -> None:
    """The general form: fail with ``expected`` / ``observed`` unless ``condition``."""
    if not condition:
        raise ContractViolation(clause, expected, _short(observed), _where(response))


def status(response: httpx.Response, expected: int | Collection[int], clause: str) -> None:
    """The response status is ``expected`` (one code or any of several)."""
    allowed = {expected} if isinstance(expected, int) else set(expected)
    if response.status_code not in allowed:
        wanted = " or ".join(str(c) for c in sorted(allowed))
        raise ContractViolation(
            clause,
            f"status {wanted}",
            f"{response.status_code} {_short(response.text, 120)}",
            _where(response),
        )


def json_object(response: httpx.Response, clause: str) -> dict[str, Any]:
    """The body is a JSON object served as ``application/json``; returns it."""
    content_type = response.headers.get("content-type", "")
    that(
        content_type.split(";")[0].strip().lower() == "application/json",
        clause,
        "content-type application/json",
        content_type or "no content-type",
        response,
    )
    try:
        body = response.json()
    except ValueError:
        raise ContractViolation(
            clause, "a JSON body", _short(response.text, 120), _where(response)
        ) from None
    that(isinstance(body, dict), clause, "a JSON object", body, response)
    return body


def body(response: httpx.Response) -> Any:
    """The body as JSON with exact numbers (``core.jsondata``); None when it is not JSON."""
    return loads_or_none(response.content)


def exact_json(response: httpx.Response) -> Any:
    """The body with numbers exact: fractions as ``Decimal``, integers as ``int``."""
    return loads_exact(response.content)


def session_answer(response: httpx.Response, clause: str) -> dict[str, Any]:
    """A 200 session answer as a dict (numbers exact); a ContractViolation naming ``clause``."""
    status(response, 200, clause)
    json_object(response, clause)
    return exact_json(response)


def _url_parts(url: str) -> tuple[str, str, str, list[tuple[str, str]], str]:
    """A URL as data: scheme, host, path ('' read as '/'), query pairs, fragment."""
    split = urlsplit(url)
    return split.scheme, split.netloc, split.path or "/", parse_qsl(split.query), split.fragment


def is_url_plus_session(sent: str, returned: Any, session_id: Any) -> bool:
    """``returned`` is ``sent`` with exactly the query parameter checkoutSession=<session_id>
    added (CALLBACK-URL's append-session reading: https://www.example.com →
    https://www.example.com/?checkoutSession=<id>)."""
    if not isinstance(returned, str) or not isinstance(session_id, str):
        return False
    scheme, host, path, query, fragment = _url_parts(returned)
    want_scheme, want_host, want_path, want_query, want_fragment = _url_parts(sent)
    added = [pair for pair in query if pair not in want_query]
    return (
        (scheme, host, path, fragment) == (want_scheme, want_host, want_path, want_fragment)
        and all(pair in query for pair in want_query)
        and added == [("checkoutSession", session_id)]
    )


def created_session(response: httpx.Response) -> dict[str, Any]:
    """A create answered 200 with a session whose checkout_session is a string (numbers exact)."""
    session = session_answer(response, "CREATE-200")
    that(
        isinstance(session.get("checkout_session"), str),
        "CREATE-SESSION-ID",
        "a checkout_session string in the create response",
        session,
    )
    return session


def equal(
    observed: Any, expected: Any, clause: str, what: str, response: httpx.Response | None = None
) -> None:
    """``observed == expected`` for the field ``what``."""
    if observed != expected:
        raise ContractViolation(
            clause, f"{what} = {_short(expected)}", _short(observed), _where(response)
        )


def error(
    response: httpx.Response,
    expected_status: int | Collection[int],
    clause: str,
    codes: Iterable[str] | None = None,
) -> dict[str, Any]:
    """A documented error: the status, a ``{"code", "messages"}`` body, a code from ``codes``."""
    status(response, expected_status, clause)
    body = json_object(response, clause)
    that(
        isinstance(body.get("code"), str) and bool(body.get("code")),
        clause,
        'an error body {"code": "<string>", "messages": [...]}',
        body,
        response,
    )
    messages = body.get("messages")
    that(
        isinstance(messages, list) and all(isinstance(m, str) for m in messages),
        clause,
        "error messages as a list of strings",
        messages,
        response,
    )
    if codes is not None:
        allowed = set(codes)
        that(
            body["code"] in allowed,
            clause,
            f"error code {' or '.join(sorted(allowed))}",
            body["code"],
            response,
        )
    return body


def rejected(response: httpx.Response, clause: str) -> dict[str, Any]:
    """Invalid input is refused: 400 with a documented 400 code and the error body."""
    return error(response, 400, clause, DOCUMENTED_400_CODES)
