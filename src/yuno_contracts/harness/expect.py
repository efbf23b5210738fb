"""Contract assertions: a failure names the clause and says expected vs observed in one line.

    expect.status(response, 200, clause="CREATE-200")
    session = expect.json_object(response, clause="CREATE-200")
    expect.equal(session.get("country"), "US", clause="CREATE-ECHO-COUNTRY", what="country")
    expect.error(response, 400, clause="LIMIT-COUNTRY-ENUM")
    expect.rejected(response)   # the clause of the test's @pytest.mark.clause("…")

Where ``clause`` is left out, it is the one id of the running test's ``@pytest.mark.clause``
(the suites' plugin sets it for each test, ``using_clauses``); a marker with several ids needs
``clause=`` given, and says so in one line.

A ``ContractViolation`` reads ``CREATE-200: expected status 200; observed 201 (POST
/v1/checkout/sessions)`` so that a partner reading a report understands the break without
opening the code. The pytest plugin prints it without a traceback.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

from yuno_contracts.core.errors import HarnessError
from yuno_contracts.core.jsondata import loads_exact, loads_or_none
from yuno_contracts.harness.bodies import payment_body, pays_with_token, session_body, token_body

if TYPE_CHECKING:
    import httpx

    from yuno_contracts.harness.client import YunoClient
    from yuno_contracts.harness.target import Target

__all__ = [
    "CATALOGUE_400_CODES",
    "DOCUMENTED_400_CODES",
    "ERROR_SHAPES",
    "GENERIC_400_CODES",
    "UUID_FORM",
    "ContractViolation",
    "accepted",
    "accepted_or_rejected",
    "clause_of",
    "created_session",
    "documented_error",
    "equal",
    "error",
    "error_code",
    "error_shape",
    "exact_json",
    "is_number",
    "is_url_plus_session",
    "json_object",
    "new_session",
    "one_time_token",
    "payment_for",
    "refusal_codes",
    "rejected",
    "same_number",
    "session_answer",
    "status",
    "that",
    "using_clauses",
]

# A session id in the examples' form (8-4-4-4-12 hex digits; SESSION-ID-FORMAT reading uuid).
UUID_FORM = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)

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
DOCUMENTED_400_CODES = CATALOGUE_400_CODES
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


_CLAUSES: ContextVar[tuple[str, ...] | None] = ContextVar("yuno_contracts_clauses", default=None)


@contextmanager
def using_clauses(ids: Iterable[str]) -> Iterator[None]:
    """Within the block, ``clause`` left out means the one id of ``ids`` (a test's marker)."""
    token = _CLAUSES.set(tuple(ids))
    try:
        yield
    finally:
        _CLAUSES.reset(token)


def clause_of(clause: str | None) -> str:
    """``clause``, or when None the running test's one clause id; a one-line error otherwise."""
    if clause is not None:
        return clause
    ids = _CLAUSES.get()
    if ids is None or not ids:
        raise HarnessError(
            'no clause to name: give clause=... or mark the test @pytest.mark.clause("ID")'
        )
    if len(ids) > 1:
        raise HarnessError(
            f"the test's clause marker names {len(ids)} clauses ({', '.join(ids)}): "
            "give clause=... to say which one this check is about"
        )
    return ids[0]


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


def new_session(client: YunoClient, target: Target, **overrides: Any) -> dict[str, Any]:
    """A precondition: a session created from ``session_body(target, **overrides)``, answered 200
    with its checkout_session (CREATE-200, CREATE-SESSION-ID); the create response, numbers exact."""
    return created_session(client.create_session(session_body(target, **overrides)))


def one_time_token(response: httpx.Response) -> str:
    """A token request answered 201 with a token string (PAYMENT-SESSION-TOKEN); the token."""
    status(response, 201, "PAYMENT-SESSION-TOKEN")
    answer = json_object(response, "PAYMENT-SESSION-TOKEN")
    token = answer.get("token")
    that(
        isinstance(token, str) and bool(token),
        "PAYMENT-SESSION-TOKEN",
        "a token string",
        answer,
        response,
    )
    return token


def payment_for(
    client: YunoClient,
    target: Target,
    session: dict[str, Any],
    *,
    on_token_answer: Callable[[httpx.Response], None] | None = None,
) -> dict[str, Any]:
    """A precondition: the template's payment for ``session``. Where it pays with a one-time
    token (SDK_CHECKOUT), the token is created first (``one_time_token``); ``on_token_answer``
    sees that answer before it is judged (the used suite skips on a provider's refusal)."""
    if not pays_with_token():
        return payment_body(target, session)
    answer = client.create_token(session["checkout_session"], token_body(target, session))
    if on_token_answer is not None:
        on_token_answer(answer)
    return payment_body(target, session, one_time_token(answer))


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
