"""Probe CALLBACK-URL: the create response's callback_url, as sent or with checkoutSession=<id>."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from probe_support import conclude, json_body, outcome

from yuno_contracts.client import YunoClient
from yuno_contracts.data import session_body
from yuno_contracts.target import Target

SENT = "https://www.example.com/callback?order=yc-order-0001"


def _parts(url: str) -> tuple[str, str, str, list[tuple[str, str]], str]:
    """A URL as data: scheme, host, path ('' read as '/'), query pairs, fragment."""
    split = urlsplit(url)
    return split.scheme, split.netloc, split.path or "/", parse_qsl(split.query), split.fragment


def is_sent_plus_session(returned: Any, session_id: Any) -> bool:
    """``returned`` is SENT with the query parameter checkoutSession=<session_id> added."""
    if not isinstance(returned, str) or not isinstance(session_id, str):
        return False
    scheme, host, path, query, fragment = _parts(returned)
    want_scheme, want_host, want_path, want_query, want_fragment = _parts(SENT)
    added = [pair for pair in query if pair not in want_query]
    return (
        (scheme, host, path, fragment) == (want_scheme, want_host, want_path, want_fragment)
        and all(pair in query for pair in want_query)
        and added == [("checkoutSession", session_id)]
    )


@pytest.mark.clause("CREATE-ECHO-CALLBACK-URL")
def test_probe_callback_url(
    request: pytest.FixtureRequest, client: YunoClient, target: Target
) -> None:
    """A create with a callback_url: the response gives it back as sent, or with the session id."""
    response = client.create_session(session_body(target, callback_url=SENT))
    body = json_body(response) if response.status_code == 200 else {}
    returned = body.get("callback_url") if isinstance(body, dict) else None
    reading = None
    if response.status_code == 200 and returned == SENT:
        reading = "echo"
    elif response.status_code == 200 and is_sent_plus_session(
        returned, body.get("checkout_session")
    ):
        reading = "append-session"
    observed = f"create with callback_url {SENT} → {outcome(response)}, callback_url {returned!r}"
    conclude(request, "CALLBACK-URL", reading, observed, response)
