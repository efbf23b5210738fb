"""The client's transport while a test's cassette replays: a request the cassette does not hold
becomes the project's one-line error, so the harness never meets vcrpy.

vcrpy answers from inside httpx's transport (it patches ``httpx.HTTPTransport.handle_request``
while a cassette is in use). A cassette that may not record (record mode ``none``, or ``once``
over a cassette that exists: vcrpy's ``write_protected``) plays a request or refuses it with
``CannotOverwriteExistingCassetteException``; nothing reaches the network. ``ReplayTransport``
is the ``httpx.BaseTransport`` the client is given then (httpx's ``transport=``): it wraps
httpx's own transport, catches vcrpy's refusal and raises ``MissingCassetteError`` or
``ReplayMismatchError`` (``core.errors``) with the one stale-cassette message. A cassette that
records leaves the client on httpx's own transport (proxies from the environment included).
"""

from __future__ import annotations

from collections.abc import Mapping

import httpx
from vcr.errors import CannotOverwriteExistingCassetteException

from yuno_contracts.core.errors import CassetteError, MissingCassetteError, ReplayMismatchError
from yuno_contracts.harness.client import mask, tls_context
from yuno_contracts.recording.layout import RERECORD_HINT

__all__ = ["ReplayTransport", "not_in_cassette"]


class ReplayTransport(httpx.BaseTransport):
    """httpx's transport, with vcrpy's refusal of a request turned into a ``CassetteError``.

    ``cassette`` is the path as messages show it; ``secrets`` (placeholder → value) are masked
    in the request line, as the client masks its exchanges.
    """

    def __init__(
        self,
        cassette: str,
        secrets: Mapping[str, str],
        *,
        rerecord_hint: str = RERECORD_HINT,
        inner: httpx.BaseTransport | None = None,
    ) -> None:
        self.cassette = cassette
        self._secrets = dict(secrets)
        self._hint = rerecord_hint
        self._inner = inner or httpx.HTTPTransport(verify=tls_context())

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return self._inner.handle_request(request)
        except CannotOverwriteExistingCassetteException as exc:
            path = mask(request.url.raw_path.decode("ascii", "replace"), self._secrets)
            raise not_in_cassette(
                exc, self.cassette, f"{request.method} {path}", self._hint
            ) from None

    def close(self) -> None:
        self._inner.close()


def not_in_cassette(
    exc: CannotOverwriteExistingCassetteException,
    cassette: str,
    request_line: str,
    rerecord_hint: str = RERECORD_HINT,
) -> CassetteError:
    """The one message of a request its cassette does not hold: which cassette, which request,
    how it differs from the closest recorded one, and the command that re-records.

    vcrpy's exception documents ``reason`` and ``similar_requests`` (``(request, succeeded,
    failed)`` tuples, ``failed`` a list of ``(matcher name, message)``)."""
    if getattr(exc, "reason", "") == "cassette_not_found":
        return MissingCassetteError(
            f"no cassette {cassette} to replay {request_line}: record it with `{rerecord_hint}`"
        )
    detail = ""
    similar = getattr(exc, "similar_requests", None) or []
    if similar:
        _request, _ok, failed = similar[0]
        detail = "; closest recorded request differs in " + ", ".join(
            name for name, _message in failed
        )
    return ReplayMismatchError(
        f"stale cassette {cassette}: it holds no recorded response for {request_line}{detail}; "
        "the suite, the contract or the fuzz budget changed since it was recorded: "
        f"re-record with `{rerecord_hint}`"
    )
