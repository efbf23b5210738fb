"""The reference sandbox as a Starlette app: the API's path table, wired explicitly.

    app = create_app(SandboxSettings.generate())
    app.state.store              # the state, one home (also app.state.sandbox.store)

Errors: ``ApiError`` → its status and ``{"code", "messages"}``; unknown paths → 404
``NOT_FOUND``; other methods → 405 ``UNSUPPORTED_METHOD``; anything unexpected → 500
``INTERNAL_ERROR`` (logged, never re-raised into the server). Every JSON response is
``application/json``.
"""

from __future__ import annotations

import logging
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from yuno_contracts.sandbox import endpoints
from yuno_contracts.sandbox.endpoints import Sandbox
from yuno_contracts.sandbox.fault_edits import InjectedFault
from yuno_contracts.sandbox.latency import LatencyMiddleware
from yuno_contracts.sandbox.responses import ApiError, JSONResponse, render_json
from yuno_contracts.sandbox.settings import SandboxSettings
from yuno_contracts.sandbox.store import Store

__all__ = ["ROUTES", "create_app"]

logger = logging.getLogger("yuno_contracts.sandbox")

ROUTES = [
    Route("/v1/checkout/sessions", endpoints.create_session, methods=["POST"]),
    Route("/v1/checkout/sessions/{checkout_session}", endpoints.retrieve_session, methods=["GET"]),
    Route("/v1/checkout/sessions/{checkout_session}", endpoints.update_session, methods=["PATCH"]),
    Route("/v1/checkout/sessions/{checkout_session}/token", endpoints.create_token, methods=["POST"]),
    Route("/v1/payments", endpoints.create_payment, methods=["POST"]),
]  # fmt: skip


def _error(request: Request, status: int, code: str, *messages: str) -> JSONResponse:
    """The error response: its body as the sandbox's behaviour writes it (the ERROR-BODY-SHAPE
    reading)."""
    body = request.app.state.sandbox.behaviour.error_body(code, list(messages), status)
    return JSONResponse(body, status_code=status)


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return _error(request, exc.status, exc.code, *exc.messages)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 405:
        allowed = sorted(
            {
                method
                for route in request.app.routes
                if route.matches(request.scope)[0] != Match.NONE
                for method in (route.methods or ())
            }
        )
        response = _error(
            request,
            405,
            "UNSUPPORTED_METHOD",
            f"{request.method} is not supported on {request.url.path}",
        )
        response.headers["Allow"] = ", ".join(allowed)
        return response
    if exc.status_code == 404:
        return _error(request, 404, "NOT_FOUND", f"no such path: {request.url.path}")
    return _error(request, exc.status_code, "INVALID_REQUEST", str(exc.detail))


class LastResort:
    """Turns an exception that escaped every handler into 500 ``INTERNAL_ERROR``.

    It should never fire except for ``InjectedFault``; the tests count 5xx to prove it.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:
            if isinstance(exc, InjectedFault):
                logger.warning("sandbox answered 500 on purpose: %s", exc)
            else:
                logger.exception("sandbox bug: unexpected exception")
            if started:
                return
            body = render_json({"code": "INTERNAL_ERROR", "messages": ["Internal error"]})
            await send(
                {
                    "type": "http.response.start",
                    "status": 500,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})


def create_app(settings: SandboxSettings, store: Store | None = None) -> Starlette:
    """The sandbox app for ``settings``; ``store`` to share or inspect state (a new one if None)."""
    sandbox = Sandbox.build(settings, store)
    middleware = [*sandbox.behaviour.middleware, Middleware(LastResort)]
    if settings.latency:  # outermost: the wait comes before anything the app does
        middleware.insert(0, Middleware(LatencyMiddleware, latency=settings.latency))
    handlers: dict[Any, Any] = {ApiError: _api_error, HTTPException: _http_error}
    app = Starlette(routes=ROUTES, middleware=middleware, exception_handlers=handlers)
    app.router.redirect_slashes = False
    app.state.sandbox = sandbox
    app.state.settings, app.state.store = settings, sandbox.store
    return app
