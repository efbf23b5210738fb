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
from yuno_contracts.sandbox.endpoints import InjectedFault, Sandbox
from yuno_contracts.sandbox.latency import LatencyMiddleware
from yuno_contracts.sandbox.responses import ApiError, error, render_json
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


def _faults(request: Request) -> frozenset[str]:
    return request.app.state.sandbox.settings.faults


def _shape(request: Request) -> str:
    """The ERROR-BODY-SHAPE reading the sandbox answers errors in."""
    return request.app.state.sandbox.settings.readings.error_body


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error(
        exc.status, exc.code, *exc.messages, faults=_faults(request), shape=_shape(request)
    )


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    faults, shape = _faults(request), _shape(request)
    if exc.status_code == 405:
        allowed = sorted(
            {
                method
                for route in request.app.routes
                if route.matches(request.scope)[0] != Match.NONE
                for method in (route.methods or ())
            }
        )
        response = error(
            405,
            "UNSUPPORTED_METHOD",
            f"{request.method} is not supported on {request.url.path}",
            faults=faults,
            shape=shape,
        )
        response.headers["Allow"] = ", ".join(allowed)
        return response
    if exc.status_code == 404:
        return error(
            404, "NOT_FOUND", f"no such path: {request.url.path}", faults=faults, shape=shape
        )
    return error(exc.status_code, "INVALID_REQUEST", str(exc.detail), faults=faults, shape=shape)


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


class TextContentType:
    """Fault ``content-type-text``: JSON responses go out labelled ``text/plain``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def relabel(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = [
                    (name, b"text/plain; charset=utf-8" if name == b"content-type" else value)
                    for name, value in message.get("headers", [])
                ]
            await send(message)

        await self.app(scope, receive, relabel)


def create_app(settings: SandboxSettings, store: Store | None = None) -> Starlette:
    """The sandbox app for ``settings``; ``store`` to share or inspect state (a new one if None)."""
    middleware: list[Middleware] = []
    if "content-type-text" in settings.faults:
        middleware.append(Middleware(TextContentType))
    middleware.append(Middleware(LastResort))
    if settings.latency:  # outermost: the wait comes before anything the app does
        middleware.insert(0, Middleware(LatencyMiddleware, latency=settings.latency))
    handlers: dict[Any, Any] = {ApiError: _api_error, HTTPException: _http_error}
    app = Starlette(routes=ROUTES, middleware=middleware, exception_handlers=handlers)
    app.router.redirect_slashes = False
    app.state.sandbox = Sandbox.build(settings, store)
    app.state.settings, app.state.store = settings, app.state.sandbox.store
    return app
