"""JSON responses: one renderer that keeps numbers as received, one error shape.

Request numbers are parsed as ``Decimal`` (``json.loads(text, parse_float=Decimal)``) and
written back with ``str(Decimal)``, so the digits a client sent come back unchanged: ``10.50``
stays ``10.50``, ``0.0001`` stays ``0.0001``. ``str`` may switch to exponent notation for the
same value (``1E+2`` for a ``1e2`` sent), which is still a JSON number of the same value.

Errors have Yuno's documented shape::

    error_body("INVALID_REQUEST", ["country: is required"])
    # {"code": "INVALID_REQUEST", "messages": ["country: is required"]}
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from starlette.responses import Response

from yuno_contracts.core.jsondata import dumps_exact

__all__ = ["ApiError", "JSONResponse", "error_body", "render_json"]


class ApiError(Exception):
    """An API error to answer with: status, documented code, messages (each names a field)."""

    def __init__(self, status: int, code: str, *messages: str) -> None:
        super().__init__(f"{status} {code}: {'; '.join(messages)}")
        self.status = status
        self.code = code
        self.messages = list(messages)


def render_json(value: Any) -> bytes:
    """Compact UTF-8 JSON; ``Decimal`` written as ``str(Decimal)`` (digits as received)."""
    return dumps_exact(value).encode("utf-8")


class JSONResponse(Response):
    """A JSON response rendered with ``render_json``."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return render_json(content)


def error_body(code: str, messages: Iterable[str], shape: str = "messages") -> dict[str, Any]:
    """``{"code", "messages"}``, or another documented shape (ERROR-BODY-SHAPE reading
    ``shape``: message-details ``{code, message, details}``, error-envelope ``{error: {code,
    message, details}}``)."""
    messages = list(messages)
    if shape == "message-details":
        return {"code": code, "message": "; ".join(messages), "details": {"messages": messages}}
    if shape == "error-envelope":
        details = [{"field": m.split(":", 1)[0], "message": m, "code": code} for m in messages]
        return {"error": {"code": code, "message": "; ".join(messages), "details": details}}
    return {"code": code, "messages": messages}
