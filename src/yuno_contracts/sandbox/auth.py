"""Credentials: the ``public-api-key`` / ``private-secret-key`` header pair of every request.

The provisioned pair is served; the restricted pair is known but has no API authorization
(403 ``AUTHORIZATION_REQUIRED``); anything else, a missing header included, is 401
``INVALID_CREDENTIALS``.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping

from yuno_contracts.sandbox.behaviour import Behaviour
from yuno_contracts.sandbox.responses import ApiError
from yuno_contracts.sandbox.settings import SandboxSettings

__all__ = ["PRIVATE_HEADER", "PUBLIC_HEADER", "check_credentials"]

PUBLIC_HEADER = "public-api-key"
PRIVATE_HEADER = "private-secret-key"


def _same(sent: str | None, expected: str) -> bool:
    return sent is not None and hmac.compare_digest(sent.encode(), expected.encode())


def check_credentials(
    headers: Mapping[str, str], settings: SandboxSettings, behaviour: Behaviour
) -> ApiError | None:
    """None if the headers carry the provisioned pair, else the 401 or 403 to answer with."""
    public, private = headers.get(PUBLIC_HEADER), headers.get(PRIVATE_HEADER)

    def pair(public_key: str, private_key: str) -> bool:
        return _same(public, public_key) and (
            not behaviour.private_key_checked or _same(private, private_key)
        )

    if pair(settings.public_api_key, settings.private_secret_key):
        return None
    if pair(settings.restricted_public_api_key, settings.restricted_private_secret_key):
        if behaviour.restricted_served:
            return None
        return ApiError(
            403, "AUTHORIZATION_REQUIRED", "The merchant has no authorization to use this API."
        )
    return ApiError(401, behaviour.unauthorized_code, "Invalid credentials")
