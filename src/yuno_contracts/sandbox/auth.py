"""Credentials: the ``public-api-key`` / ``private-secret-key`` header pair of every request.

The provisioned pair is served; the restricted pair is known but has no API authorization
(403 ``AUTHORIZATION_REQUIRED``); anything else, a missing header included, is 401
``INVALID_CREDENTIALS``.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping

from yuno_contracts.sandbox.responses import ApiError
from yuno_contracts.sandbox.settings import SandboxSettings

__all__ = ["PRIVATE_HEADER", "PUBLIC_HEADER", "check_credentials"]

PUBLIC_HEADER = "public-api-key"
PRIVATE_HEADER = "private-secret-key"


def _same(sent: str | None, expected: str) -> bool:
    return sent is not None and hmac.compare_digest(sent.encode(), expected.encode())


def check_credentials(headers: Mapping[str, str], settings: SandboxSettings) -> ApiError | None:
    """None if the headers carry the provisioned pair, else the 401 or 403 to answer with."""
    faults = settings.faults
    public, private = headers.get(PUBLIC_HEADER), headers.get(PRIVATE_HEADER)
    ignore_private = "auth-private-key-ignored" in faults
    if _same(public, settings.public_api_key) and (
        ignore_private or _same(private, settings.private_secret_key)
    ):
        return None
    if _same(public, settings.restricted_public_api_key) and (
        ignore_private or _same(private, settings.restricted_private_secret_key)
    ):
        if "restricted-allowed" in faults:
            return None
        return ApiError(
            403, "AUTHORIZATION_REQUIRED", "The merchant has no authorization to use this API."
        )
    code = "UNAUTHORIZED" if "auth-401-code" in faults else "INVALID_CREDENTIALS"
    return ApiError(401, code, "Invalid credentials")
