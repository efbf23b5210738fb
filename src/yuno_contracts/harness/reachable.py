"""Is the target there? One request, a few seconds, before a run writes or removes anything.

    problem = unreachable(target)   # None, or one line: "target unavailable: … : fix"

The request is the doctor's first one, a GET of an unknown session without keys: any HTTP
answer below 500 means a server is listening. Standard library only, so the xdist controller,
which runs it, still loads no HTTP client.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
import uuid

from yuno_contracts.harness.target import Target

__all__ = ["REACH_TIMEOUT", "unreachable"]

REACH_TIMEOUT = 5.0  # seconds: a target that takes longer than this to answer one GET is down
# A rate limit, a gateway error or a dropped connection may pass: asked again, twice at most.
ATTEMPTS, PAUSE = 3, 0.5
TRANSIENT = frozenset({429, 502, 503, 504})


def unreachable(target: Target, timeout: float = REACH_TIMEOUT) -> str | None:
    """None when ``target`` answers one request; otherwise the one line that says why not.

    Nothing listening, a name that does not resolve or no answer within ``timeout`` is final;
    a 429 / 502 / 503 / 504 or a dropped connection is asked again (three requests at most).
    """
    problem = None
    for attempt in range(ATTEMPTS):
        if attempt:
            time.sleep(PAUSE)
        problem, transient = _ask(target, timeout)
        if problem is None or not transient:
            return problem
    return problem


def _ask(target: Target, timeout: float) -> tuple[str | None, bool]:
    """One request: (the problem or None, whether asking again could help)."""
    url = f"{target.base_url}/checkout/sessions/{uuid.uuid4()}"
    request = urllib.request.Request(url, headers={"accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            status = answer.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except (OSError, http.client.HTTPException) as exc:  # refused, DNS, TLS, timeout, garbage
        reason = getattr(exc, "reason", exc)
        dropped = isinstance(reason, ConnectionResetError | http.client.RemoteDisconnected)
        return (
            f"target unavailable: {target.base_url} gave no answer ({reason or type(reason).__name__}): "
            "check the URL (YUNO_BASE_URL) and that the server is up",
            dropped,
        )
    if status >= 500 or status == 429:
        return (
            f"target unavailable: {target.base_url} answered HTTP {status}: "
            "try again later, or check the server's logs",
            status in TRANSIENT,
        )
    return None, False
