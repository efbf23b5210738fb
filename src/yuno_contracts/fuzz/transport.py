"""Schemathesis's requests go through the harness's ``YunoClient``: one transport for the run.

    with through_client(client):          # every requests.Session sends through the client
        case.call(base_url=..., session=session)

Schemathesis sends with ``requests`` (on the runner's session, and on sessions of its own for the
``ignored_auth`` probes); while ``through_client`` is open every session's adapter turns each prepared request into an
``httpx.Request`` and hands it to ``YunoClient.send``, so the fuzz suite gets the same timeout,
retries (backoff, jitter, ``Retry-After``, the safe-to-repeat rule), circuit breaker, rate limit
and cassette (recording, scrubbing, replay) as the hand-written suites. A request that got no
answer after the retries raises ``TargetUnavailableError`` out of ``case.call``: broken, not a
contract failure.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from typing import Any
from unittest import mock

import httpx
import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict
from urllib3 import HTTPHeaderDict, HTTPResponse

from yuno_contracts.harness.client import YunoClient

__all__ = ["ClientAdapter", "through_client"]


class ClientAdapter(BaseAdapter):
    """A requests transport adapter that sends through a ``YunoClient``."""

    def __init__(self, client: YunoClient) -> None:
        super().__init__()
        self.client = client

    def send(
        self, request: requests.PreparedRequest, stream: bool = False, **kwargs: Any
    ) -> requests.Response:
        body = request.body.encode("utf-8") if isinstance(request.body, str) else request.body
        outgoing = httpx.Request(
            request.method or "GET",
            request.url or "",
            headers=dict(request.headers),
            content=body or b"",
        )
        answer = self.client.send(outgoing, keep=False)
        return _requests_response(request, answer)

    def close(self) -> None:  # the client is the fixture's: it closes it
        pass


def _requests_response(request: requests.PreparedRequest, answer: httpx.Response) -> Any:
    headers = HTTPHeaderDict()
    for name, value in answer.headers.multi_items():
        headers.add(name, value)
    response = requests.Response()
    response.status_code = answer.status_code
    response.headers = CaseInsensitiveDict(answer.headers)
    response._content = answer.content
    response.encoding = answer.encoding
    response.reason = answer.reason_phrase
    response.url = str(answer.request.url) if answer.request else (request.url or "")
    response.request = request
    try:
        response.elapsed = dt.timedelta(seconds=answer.elapsed.total_seconds())
    except RuntimeError:  # a replayed answer has no elapsed time
        response.elapsed = dt.timedelta(0)
    response.raw = HTTPResponse(body=b"", headers=headers, status=answer.status_code, version=11)
    return response


@contextlib.contextmanager
def through_client(client: YunoClient) -> Iterator[ClientAdapter]:
    """While open, every ``requests.Session`` of the process sends through ``client``."""
    adapter = ClientAdapter(client)
    with mock.patch.object(requests.Session, "get_adapter", lambda _session, url: adapter):
        yield adapter
