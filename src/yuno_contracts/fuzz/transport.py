"""The fuzz run's one way to the target: a ``requests`` session whose adapter is the harness client.

    session = client_session(client, target)
    case.call(base_url=target.base_url, session=session)

Schemathesis sends with ``requests``; the session given to it has one transport adapter mounted
(``requests``' documented ``Session.mount``) that

- puts the target's secrets in place of the placeholders generated cases carry (the two key
  headers, ``account_id`` in bodies) in a copy of the request: the one place a fuzz request
  gets them, on the wire only (the request Schemathesis keeps and reports holds placeholders);
- turns the prepared request into an ``httpx.Request`` and hands it to ``YunoClient.send``, so
  the fuzz suite gets the same timeout, retries (backoff, jitter, ``Retry-After``, the
  safe-to-repeat rule), circuit breaker, rate limit and cassette (recording, scrubbing, replay)
  as the hand-written suites, and the same masking of secrets in what it records.

A request that got no answer after the retries raises ``TargetUnavailableError`` out of
``case.call``: broken, not a contract failure. Nothing outside this session is patched:
Schemathesis' own ``ignored_auth`` probes would leave it (they drop the session), so the run
sends its auth probes itself (``fuzz.checks.auth_enforced``).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from typing import Any

import httpx
import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict
from urllib3 import HTTPHeaderDict, HTTPResponse

from yuno_contracts.harness.client import YunoClient
from yuno_contracts.harness.target import ACCOUNT_PLACEHOLDER, BASE_URL_PLACEHOLDER, Target

__all__ = ["ClientAdapter", "client_session"]


class ClientAdapter(BaseAdapter):
    """A requests transport adapter: the target's secrets filled in, sent through a ``YunoClient``."""

    def __init__(self, client: YunoClient, secrets: Mapping[str, str]) -> None:
        super().__init__()
        self.client = client
        self.secrets = dict(secrets)

    def send(
        self, request: requests.PreparedRequest, stream: bool = False, **kwargs: Any
    ) -> requests.Response:
        wire = self.filled_in(request)
        body = wire.body.encode("utf-8") if isinstance(wire.body, str) else wire.body
        outgoing = httpx.Request(
            wire.method or "GET",
            wire.url or "",
            headers=dict(wire.headers),
            content=body or b"",
        )
        answer = self.client.send(outgoing, keep=False)
        # The answer's request is the one Schemathesis prepared: its reports show placeholders.
        return _requests_response(request, answer)

    def filled_in(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        """A copy of ``request`` with the target's values in place of the placeholders."""
        wire = request.copy()
        for name, value in list(wire.headers.items()):
            if value in self.secrets:
                wire.headers[name] = self.secrets[value]
        body = wire.body.encode("utf-8") if isinstance(wire.body, str) else wire.body
        placeholder = ACCOUNT_PLACEHOLDER.encode()
        if body and placeholder in body:
            wire.body = body.replace(placeholder, self.secrets[ACCOUNT_PLACEHOLDER].encode())
            wire.headers["Content-Length"] = str(len(wire.body))
        return wire

    def close(self) -> None:  # the client is the fixture's: it closes it
        pass


def client_session(client: YunoClient, target: Target) -> requests.Session:
    """A session that sends every request, http or https, through ``client`` to ``target``."""
    secrets = {k: v for k, v in target.secrets().items() if k != BASE_URL_PLACEHOLDER}
    adapter = ClientAdapter(client, secrets)
    session = requests.Session()
    for prefix in ("http://", "https://"):
        session.mount(prefix, adapter)
    return session


def _requests_response(request: requests.PreparedRequest, answer: httpx.Response) -> Any:
    """The answer as ``requests``' own adapter builds one: the body read from ``raw``.

    httpx has decoded the body already, so ``raw`` carries neither the content encoding nor the
    length of the encoded body (the response's headers keep both, as the target sent them).
    """
    raw_headers = HTTPHeaderDict()
    for name, value in answer.headers.multi_items():
        if name.lower() not in ("content-encoding", "content-length", "transfer-encoding"):
            raw_headers.add(name, value)
    response = requests.Response()
    response.status_code = answer.status_code
    response.headers = CaseInsensitiveDict(answer.headers)
    response.raw = HTTPResponse(
        body=io.BytesIO(answer.content),
        headers=raw_headers,
        status=answer.status_code,
        version=11,
        preload_content=False,
        decode_content=False,
    )
    response.encoding = answer.encoding
    response.reason = answer.reason_phrase
    response.url = str(answer.request.url) if answer.request else (request.url or "")
    response.request = request
    try:
        response.elapsed = dt.timedelta(seconds=answer.elapsed.total_seconds())
    except RuntimeError:  # a replayed answer has no elapsed time
        response.elapsed = dt.timedelta(0)
    return response
