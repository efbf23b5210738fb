"""JSON responses: one renderer that keeps numbers as received, one error shape.

Request numbers are parsed as ``Decimal`` (``json.loads(text, parse_float=Decimal)``) and
written back with ``str(Decimal)``, so the digits a client sent come back unchanged: ``10.50``
stays ``10.50``, ``0.0001`` stays ``0.0001``. ``str`` may switch to exponent notation for the
same value (``1E+2`` for a ``1e2`` sent), which is still a JSON number of the same value.

Errors have Yuno's documented shape::

    error(400, "INVALID_REQUEST", "country: is required")
    # {"code": "INVALID_REQUEST", "messages": ["country: is required"]}
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from starlette.responses import Response

__all__ = ["ApiError", "JSONResponse", "error", "error_body", "render_json"]


class ApiError(Exception):
    """An API error to answer with: status, documented code, messages (each names a field)."""

    def __init__(self, status: int, code: str, *messages: str) -> None:
        super().__init__(f"{status} {code}: {'; '.join(messages)}")
        self.status = status
        self.code = code
        self.messages = list(messages)


def _encode(value: Any, out: list[str]) -> None:
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, str):
        out.append(json.dumps(value))  # ensure_ascii: lone surrogates stay encodable
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"cannot render the non-finite number {value}")
        out.append(str(value))
    elif isinstance(value, int | float):
        out.append(json.dumps(value, allow_nan=False))
    elif isinstance(value, Mapping):
        out.append("{")
        for index, (key, item) in enumerate(value.items()):
            if index:
                out.append(",")
            out.append(json.dumps(str(key)))
            out.append(":")
            _encode(item, out)
        out.append("}")
    elif isinstance(value, list | tuple):
        out.append("[")
        for index, item in enumerate(value):
            if index:
                out.append(",")
            _encode(item, out)
        out.append("]")
    else:
        raise TypeError(f"cannot render {type(value).__name__} as JSON")


def render_json(value: Any) -> bytes:
    """Compact UTF-8 JSON; ``Decimal`` written as ``str(Decimal)`` (digits as received)."""
    out: list[str] = []
    _encode(value, out)
    return "".join(out).encode("utf-8")


class JSONResponse(Response):
    """A JSON response rendered with ``render_json``."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return render_json(content)


def error_body(
    code: str, messages: Iterable[str], faults: frozenset[str] = frozenset(), status: int = 400
) -> dict[str, Any]:
    """``{"code", "messages"}``, bent by the error faults if any is on."""
    messages = list(messages)
    if "error-body-shape" in faults:
        return {"error": "; ".join(messages) or code}
    if status == 400 and "error-code-unknown" in faults:
        code = "VALIDATION_ERROR"
    if "error-messages-string" in faults:
        return {"code": code, "messages": "; ".join(messages)}
    return {"code": code, "messages": messages}


def error(
    status: int, code: str, *messages: str, faults: frozenset[str] = frozenset()
) -> JSONResponse:
    """The documented error response: ``{"code": code, "messages": [messages...]}``."""
    return JSONResponse(error_body(code, messages, faults, status), status_code=status)
