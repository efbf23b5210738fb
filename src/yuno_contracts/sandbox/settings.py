"""SandboxSettings: the credentials, readings and faults one sandbox runs with.

Settings cross process boundaries as JSON in the ``YUNO_SANDBOX_CONFIG`` environment variable,
never on a command line, because they hold keys::

    settings = SandboxSettings.generate(readings=Readings(workflow="guide"))
    env = {**os.environ, ENV_CONFIG: settings.to_json()}
    SandboxSettings.from_env(env) == settings
"""

from __future__ import annotations

import dataclasses
import json
import os
import secrets
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from yuno_contracts.sandbox.faults import check_faults
from yuno_contracts.sandbox.latency import Latency
from yuno_contracts.sandbox.readings import Readings

__all__ = ["ACCOUNT_GAPS", "ENV_CONFIG", "SandboxSettings"]

ENV_CONFIG = "YUNO_SANDBOX_CONFIG"
# What a new account may lack, to model a misconfigured account for ``yuno-contracts doctor``
# (not a contract fault: the suites are not run against it). Off unless named in ``lacks``.
ACCOUNT_GAPS: dict[str, str] = {
    "customer": "No customer exists: a create naming a customer_id answers 400.",
    "card-provider": "No card provider is connected: a CARD payment answers 400.",
}

_CREDENTIALS = (
    "public_api_key",
    "private_secret_key",
    "account_id",
    "restricted_public_api_key",
    "restricted_private_secret_key",
)


@dataclass(frozen=True)
class SandboxSettings:
    """What one sandbox is provisioned with.

    ``public_api_key`` / ``private_secret_key`` / ``account_id``: the credentials it serves.
    ``restricted_public_api_key`` / ``restricted_private_secret_key``: a pair it knows but
    refuses with 403 (no API authorization). ``readings``: its choice per ambiguity.
    ``faults``: test-only switches from ``FAULTS``, none by default.
    ``latency``: a delay before every answer (``Latency.parse("150ms")``), none by default.
    """

    public_api_key: str
    private_secret_key: str
    account_id: str
    restricted_public_api_key: str
    restricted_private_secret_key: str
    readings: Readings = field(default_factory=Readings)
    faults: frozenset[str] = frozenset()
    latency: Latency = field(default_factory=Latency)
    lacks: frozenset[str] = frozenset()  # names from ACCOUNT_GAPS

    def __post_init__(self) -> None:
        for name in _CREDENTIALS:
            value = getattr(self, name)
            if not isinstance(value, str) or not value:
                raise ValueError(f"SandboxSettings.{name} must be a non-empty string")
        if not isinstance(self.readings, Readings):
            raise TypeError("SandboxSettings.readings must be a Readings")
        object.__setattr__(self, "faults", check_faults(self.faults))
        object.__setattr__(self, "lacks", frozenset(self.lacks))
        unknown = sorted(self.lacks - ACCOUNT_GAPS.keys())
        if unknown:
            raise ValueError(
                f"unknown account gap {unknown[0]!r}; known: {', '.join(ACCOUNT_GAPS)}"
            )

    @classmethod
    def generate(
        cls, readings: Readings | None = None, faults: Iterable[str] = ()
    ) -> SandboxSettings:
        """Fresh random credentials (``local_pk_…``, ``local_sk_…``, a uuid4 account)."""
        return cls(
            public_api_key=f"local_pk_{secrets.token_hex(16)}",
            private_secret_key=f"local_sk_{secrets.token_hex(24)}",
            account_id=str(uuid.uuid4()),
            restricted_public_api_key=f"local_rpk_{secrets.token_hex(16)}",
            restricted_private_secret_key=f"local_rsk_{secrets.token_hex(24)}",
            readings=readings or Readings(),
            faults=frozenset(faults),
        )

    def with_changes(
        self, readings: Iterable[str] = (), faults: Iterable[str] = (), latency: str = ""
    ) -> SandboxSettings:
        """These settings with ``key=value`` readings applied, ``faults`` added, ``latency`` set."""
        return dataclasses.replace(
            self,
            readings=Readings.from_pairs(readings, base=self.readings),
            faults=self.faults | check_faults(faults),
            latency=Latency.parse(latency) if latency else self.latency,
        )

    def client_env(self) -> dict[str, str]:
        """The credentials as the environment a client of this sandbox reads (the harness's
        ``YUNO_*`` variables; the base URL and any customer id are the caller's)."""
        return {
            "YUNO_PUBLIC_API_KEY": self.public_api_key,
            "YUNO_PRIVATE_SECRET_KEY": self.private_secret_key,
            "YUNO_ACCOUNT_ID": self.account_id,
            "YUNO_RESTRICTED_PUBLIC_API_KEY": self.restricted_public_api_key,
            "YUNO_RESTRICTED_PRIVATE_SECRET_KEY": self.restricted_private_secret_key,
        }

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (faults sorted)."""
        data: dict[str, Any] = {name: getattr(self, name) for name in _CREDENTIALS}
        data["readings"] = self.readings.to_dict()
        data["faults"] = sorted(self.faults)
        if self.latency:
            data["latency"] = str(self.latency)
        data["lacks"] = sorted(self.lacks)
        return data

    def to_json(self) -> str:
        """The settings as one line of JSON (holds keys: pass it by environment, not argv)."""
        return json.dumps(self.to_dict(), separators=(",", ":"))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SandboxSettings:
        """Settings from ``to_dict()`` output; ValueError naming what is wrong."""
        missing = [name for name in _CREDENTIALS if name not in data]
        if missing:
            raise ValueError(f"sandbox settings lack {', '.join(missing)}")
        readings = data.get("readings") or {}
        faults = data.get("faults") or []
        if not isinstance(readings, Mapping):
            raise ValueError("sandbox settings: readings must be an object")
        if not isinstance(faults, list):
            raise ValueError("sandbox settings: faults must be a list")
        return cls(
            **{name: data[name] for name in _CREDENTIALS},
            readings=Readings.from_dict(readings),
            faults=frozenset(faults),
            latency=Latency.parse(str(data["latency"])) if "latency" in data else Latency(),
            lacks=frozenset(data.get("lacks") or []),
        )

    @classmethod
    def from_json(cls, text: str) -> SandboxSettings:
        """Settings from ``to_json()`` output; ValueError if it is not that."""
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ValueError(f"sandbox settings are not valid JSON: {exc}") from None
        if not isinstance(data, dict):
            raise ValueError("sandbox settings must be a JSON object")
        return cls.from_dict(data)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> SandboxSettings:
        """Settings from ``YUNO_SANDBOX_CONFIG``; KeyError if unset, ValueError if invalid."""
        env = os.environ if environ is None else environ
        if ENV_CONFIG not in env:
            raise KeyError(f"environment variable {ENV_CONFIG} is not set")
        try:
            return cls.from_json(env[ENV_CONFIG])
        except (ValueError, TypeError) as exc:
            raise ValueError(f"{ENV_CONFIG}: {exc}") from None
