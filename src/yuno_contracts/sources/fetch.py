"""The current text of a file of Yuno's public docs repository (httpx).

``https://raw.githubusercontent.com/yuno-payments/yuno-docs/<ref>/<path>`` by default; another
server with ``--base-url`` or ``YUNO_SOURCES_BASE_URL`` (tests serve the copies on loopback)::

    with DocsFetcher() as docs:
        docs.read("openapi/checkout-sessions/create-checkout-session.json", "main")

A base URL may carry credentials (``https://user:token@host/…``, sent as HTTP basic auth); they
are never printed: every message and report shows ``docs.shown_url`` (``https://***@host/…``)::

    mask_userinfo("https://ci:ghp_x@mirror.example/docs")   # 'https://***@mirror.example/docs'
"""

from __future__ import annotations

import os
import re
from types import TracebackType

import httpx

from yuno_contracts.core.errors import HarnessError

__all__ = [
    "BASE_URL_ENV",
    "DEFAULT_BASE_URL",
    "DEFAULT_REF",
    "DocsFetcher",
    "SourcesUnreachable",
    "mask_userinfo",
]

DEFAULT_BASE_URL = "https://raw.githubusercontent.com/yuno-payments/yuno-docs"
BASE_URL_ENV = "YUNO_SOURCES_BASE_URL"
DEFAULT_REF = "main"  # the branch the pages were read from (pages.yaml: "main a6cb7de6")
TIMEOUT = httpx.Timeout(10.0, connect=3.0)
# the userinfo of a URL: after "scheme://", up to the last "@" before the path, query or fragment
_USERINFO = re.compile(r"(?<=://)[^/?#\s]*@")


def mask_userinfo(text: str) -> str:
    """``text`` with the user and password of every URL in it replaced by ``***``."""
    return _USERINFO.sub("***@", text)


class SourcesUnreachable(HarnessError):
    """Yuno's documents cannot be read (network, server error): exit 3, one line."""


class DocsFetcher:
    def __init__(self, base_url: str | None = None) -> None:
        self.base_url = (base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL).rstrip("/")
        self.shown_url = mask_userinfo(self.base_url)  # what messages and reports print
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
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise SourcesUnreachable(
                mask_userinfo(
                    f"cannot reach Yuno's documents at {self.shown_url}: {type(exc).__name__}"
                    f"{': ' + str(exc) if str(exc) else ''}"
                )
            ) from None
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise SourcesUnreachable(f"{mask_userinfo(url)} answered HTTP {response.status_code}")
        return response.text
