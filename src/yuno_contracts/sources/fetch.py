"""The current text of a file of Yuno's public docs repository (httpx).

``https://raw.githubusercontent.com/yuno-payments/yuno-docs/<ref>/<path>`` by default; another
server with ``--base-url`` or ``YUNO_SOURCES_BASE_URL`` (tests serve the copies on loopback)::

    with DocsFetcher() as docs:
        docs.read("openapi/checkout-sessions/create-checkout-session.json", "main")
"""

from __future__ import annotations

import os
from types import TracebackType

import httpx

from yuno_contracts.core.errors import HarnessError

__all__ = ["BASE_URL_ENV", "DEFAULT_BASE_URL", "DEFAULT_REF", "DocsFetcher", "SourcesUnreachable"]

DEFAULT_BASE_URL = "https://raw.githubusercontent.com/yuno-payments/yuno-docs"
BASE_URL_ENV = "YUNO_SOURCES_BASE_URL"
DEFAULT_REF = "main"  # the branch the pages were read from (pages.yaml: "main a6cb7de6")
TIMEOUT = httpx.Timeout(10.0, connect=3.0)


class SourcesUnreachable(HarnessError):
    """Yuno's documents cannot be read (network, server error): exit 3, one line."""


class DocsFetcher:
    def __init__(self, base_url: str | None = None) -> None:
        self.base_url = (base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL).rstrip("/")
        self._client = httpx.Client(timeout=TIMEOUT, follow_redirects=True)

    def __enter__(self) -> DocsFetcher:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._client.close()

    def read(self, path: str, ref: str) -> str | None:
        """The file's text at ``ref``; None when the server says it is not there (404)."""
        url = f"{self.base_url}/{ref}/{path}"
        try:
            response = self._client.get(url)
        except httpx.HTTPError as exc:
            raise SourcesUnreachable(
                f"cannot reach Yuno's documents at {self.base_url}: {type(exc).__name__}"
                f"{': ' + str(exc) if str(exc) else ''}"
            ) from None
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise SourcesUnreachable(f"{url} answered HTTP {response.status_code}")
        return response.text
