"""Contract assertions: a failure names the clause and says expected vs observed in one line.

    expect.status(response, 200, clause="CREATE-200")
    session = expect.json_object(response, clause="CREATE-200")
    expect.equal(session.get("country"), "US", clause="CREATE-ECHO-COUNTRY", what="country")
    expect.error(response, 400, clause="LIMIT-COUNTRY-ENUM")
    expect.rejected(response)   # the clause of the test's @pytest.mark.clause("…")

Where ``clause`` is left out, it is the one id of the running test's ``@pytest.mark.clause``
(the suites' plugin sets it for each test, ``violation.using_clauses``); a marker with several
ids needs ``clause=`` given, and says so in one line.

A failed check raises a ``violation.ContractViolation``: ``CREATE-200: expected status 200;
observed 201 (POST /v1/checkout/sessions)``. Which error codes and body shapes are documented is
``error_codes``; the requests a test sends to reach what it checks are ``steps``.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

from yuno_contracts.core.jsondata import loads_exact, loads_or_none
from yuno_contracts.harness.error_codes import error_code, error_shape, refusal_codes
from yuno_contracts.harness.violation import ContractViolation, clause_of

if TYPE_CHECKING:
    import httpx

__all__ = [
    "accepted",
    "accepted_or_rejected",
    "body",
    "documented_error",
    "equal",
    "error",
    "exact_json",
    "is_number",
    "is_url_plus_session",
    "json_object",
    "rejected",
    "same_number",
    "session_answer",
    "status",
    "that",
]


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
    clause: str | None,
    expected: str,
    observed: Any,
    response: httpx.Response | None = None,
) -> None:
    """The general form: fail with ``expected`` / ``observed`` unless ``condition`` (``clause``
    None: the test's one clause id)."""
    clause = clause_of(clause)
    if not condition:
        raise ContractViolation(clause, expected, _short(observed), _where(response))


def status(
    response: httpx.Response, expected: int | Collection[int], clause: str | None = None
) -> None:
    """The response status is ``expected`` (one code or any of several)."""
    clause = clause_of(clause)
    allowed = {expected} if isinstance(expected, int) else set(expected)
    if response.status_code not in allowed:
        wanted = " or ".join(str(c) for c in sorted(allowed))
        raise ContractViolation(
            clause,
            f"status {wanted}",
            f"{response.status_code} {_short(response.text, 120)}",
            _where(response),
        )


def json_object(response: httpx.Response, clause: str | None = None) -> dict[str, Any]:
    """The body is a JSON object served as ``application/json``; returns it."""
    clause = clause_of(clause)
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


def accepted(response: httpx.Response, clause: str | None = None) -> dict[str, Any]:
    """A valid request answered 200 with a JSON object; returns it."""
    clause = clause_of(clause)
    status(response, 200, clause)
    return json_object(response, clause)


def accepted_or_rejected(
    response: httpx.Response, valid: bool, clause: str | None = None
) -> dict[str, Any] | None:
    """``accepted`` when ``valid`` (a boundary's inside), otherwise ``rejected`` (its outside)."""
    if valid:
        return accepted(response, clause)
    rejected(response, clause)
    return None


def session_answer(response: httpx.Response, clause: str | None = None) -> dict[str, Any]:
    """A 200 session answer as a dict (numbers exact); a ContractViolation naming ``clause``."""
    clause = clause_of(clause)
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


def is_number(value: Any) -> bool:
    """A JSON number (an int or a Decimal, never a boolean)."""
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def same_number(observed: Any, sent: Decimal) -> bool:
    """``observed`` is a JSON number equal to ``sent`` (100, 100.0 and 1E+2 are all 100)."""
    return is_number(observed) and Decimal(observed) == sent


def equal(
    observed: Any,
    expected: Any,
    clause: str | None = None,
    what: str = "value",
    response: httpx.Response | None = None,
) -> None:
    """``observed == expected`` for the field ``what``."""
    clause = clause_of(clause)
    if observed != expected:
        raise ContractViolation(
            clause, f"{what} = {_short(expected)}", _short(observed), _where(response)
        )


def error(
    response: httpx.Response,
    expected_status: int | Collection[int],
    clause: str | None = None,
    codes: Iterable[str] | None = None,
) -> dict[str, Any]:
    """A documented error: the status, a body of a documented shape, a code from ``codes``."""
    clause = clause_of(clause)
    status(response, expected_status, clause)
    body = json_object(response, clause)
    that(
        error_shape(body) is not None,
        clause,
        'an error body of a documented shape ({"code", "messages": [str]}, '
        '{"code", "message", "details"} or {"error": {"code", …}})',
        body,
        response,
    )
    if codes is not None:
        allowed = set(codes)
        that(
            error_code(body) in allowed,
            clause,
            f"error code {' or '.join(sorted(allowed))}",
            error_code(body),
            response,
        )
    return body


def rejected(
    response: httpx.Response,
    clause: str | None = None,
    codes: Iterable[str] | None = None,
    fields: Iterable[str] = (),
) -> dict[str, Any]:
    """Invalid input is refused as every reading agrees: 400, an error body of a documented shape,
    a documented code that fits the case (``refusal_codes(clause, fields)`` unless ``codes`` is
    given; ``fields``: the names of the fields at fault, where the clause id does not name them)."""
    clause = clause_of(clause)
    fitting = refusal_codes(clause, fields) if codes is None else codes
    return error(response, 400, clause, fitting)


def documented_error(
    response: httpx.Response,
    status_code: int,
    codes: Iterable[str],
    clause: str | None = None,
) -> dict[str, Any]:
    """A documented error: ``status_code`` and a code from ``codes`` (``clause``), served as JSON
    (RESPONSE-JSON) in a documented shape (ERROR-BODY-SHAPE), each part under its own clause."""
    clause = clause_of(clause)
    status(response, status_code, clause)
    json_object(response, "RESPONSE-JSON")
    body = error(response, status_code, "ERROR-BODY-SHAPE")
    error(response, status_code, clause, codes)
    return body
