"""Targets: which API a run talks to, with which credentials.

One pytest run has one ``Target``. It is built once, from the ``--target`` option and the
environment, and fails at construction with one sentence naming the missing variable or the bad
value. The suites never know which kind of target they hit.

    replay   the recorded cassettes, network blocked (default of ``make test``)
    local    the embedded reference sandbox on a free loopback port (default of ``make run``)
    sandbox  Yuno's sandbox, https://api-sandbox.y.uno/v1, credentials from the environment
    URL      any ``http(s)://…/v1`` base URL, credentials from the environment
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from yuno_contracts.core.errors import TargetError

__all__ = [
    "ACCOUNT_PLACEHOLDER",
    "BASE_URL_PLACEHOLDER",
    "CUSTOMER_PLACEHOLDER",
    "PRIVATE_KEY_PLACEHOLDER",
    "PRODUCTION_HOSTS",
    "PUBLIC_KEY_PLACEHOLDER",
    "REPLAY_CREDENTIALS",
    "SANDBOX_BASE_URL",
    "TARGET_KINDS",
    "Credentials",
    "Target",
    "normalised_host",
    "resolve_target",
]

# The placeholders written in place of the target's secrets (cassettes, curl lines, generated
# fuzz cases); ``Target.secrets`` maps each to its value. Defined here only.
BASE_URL_PLACEHOLDER = "<YUNO_BASE_URL>"
PUBLIC_KEY_PLACEHOLDER = "<YUNO_PUBLIC_API_KEY>"
PRIVATE_KEY_PLACEHOLDER = "<YUNO_PRIVATE_SECRET_KEY>"
ACCOUNT_PLACEHOLDER = "<YUNO_ACCOUNT_ID>"
CUSTOMER_PLACEHOLDER = "<YUNO_CUSTOMER_ID>"

TargetKind = Literal["replay", "local", "sandbox", "url"]
TARGET_KINDS: tuple[str, ...] = ("replay", "local", "sandbox")
SANDBOX_BASE_URL = "https://api-sandbox.y.uno/v1"
PRODUCTION_HOSTS = frozenset({"api.y.uno", "api.eu.y.uno"})
PRODUCTION_KEY_PREFIX = "prod_"
# Replay needs no server: a loopback address nothing listens on (port 9, discard), so a request
# that escaped the cassette could not leave the machine.
REPLAY_BASE_URL = "http://127.0.0.1:9/v1"

ENV_BASE_URL = "YUNO_BASE_URL"
ENV_PUBLIC = "YUNO_PUBLIC_API_KEY"
ENV_PRIVATE = "YUNO_PRIVATE_SECRET_KEY"
ENV_ACCOUNT = "YUNO_ACCOUNT_ID"
ENV_CUSTOMER = "YUNO_CUSTOMER_ID"
ENV_RESTRICTED_PUBLIC = "YUNO_RESTRICTED_PUBLIC_API_KEY"
ENV_RESTRICTED_PRIVATE = "YUNO_RESTRICTED_PRIVATE_SECRET_KEY"
ENV_ALLOW_PRODUCTION = "YUNO_ALLOW_PRODUCTION"


@dataclass(frozen=True)
class Credentials:
    """A key pair, and for the main pair the account it belongs to."""

    public_api_key: str
    private_secret_key: str
    account_id: str = ""
    customer_id: str | None = None

    def headers(self) -> dict[str, str]:
        """The two security headers Yuno requires on every request."""
        return {
            "public-api-key": self.public_api_key,
            "private-secret-key": self.private_secret_key,
        }

    def __repr__(self) -> str:  # never print a key, even in a debugger or a failure message
        return f"Credentials(account_id={'<set>' if self.account_id else '<unset>'}, keys=<masked>)"


# Fixed stand-ins used when replaying: cassettes store placeholders, and replay puts these back.
REPLAY_CREDENTIALS = Credentials(
    public_api_key="replay_public_api_key",
    private_secret_key="replay_private_secret_key",
    account_id="00000000-0000-4000-8000-00000000acc1",
    customer_id="00000000-0000-4000-8000-00000000c051",
)
REPLAY_RESTRICTED = Credentials("replay_restricted_public_key", "replay_restricted_secret_key")


@dataclass(frozen=True)
class Target:
    """The API one run talks to."""

    kind: TargetKind
    base_url: str
    credentials: Credentials
    restricted: Credentials | None = None
    description: str = ""
    readings: Mapping[str, str] = field(default_factory=dict)

    @property
    def is_live(self) -> bool:
        """True when requests really leave for a server (everything but replay)."""
        return self.kind != "replay"

    def secrets(self) -> dict[str, str]:
        """Placeholder → value for every value that must never be written to disk.

        The base URL is included so that cassettes recorded on one port replay on another.
        """
        pairs = {
            BASE_URL_PLACEHOLDER: self.base_url,
            PUBLIC_KEY_PLACEHOLDER: self.credentials.public_api_key,
            PRIVATE_KEY_PLACEHOLDER: self.credentials.private_secret_key,
            ACCOUNT_PLACEHOLDER: self.credentials.account_id,
            CUSTOMER_PLACEHOLDER: self.credentials.customer_id or "",
        }
        if self.restricted:
            pairs["<YUNO_RESTRICTED_PUBLIC_API_KEY>"] = self.restricted.public_api_key
            pairs["<YUNO_RESTRICTED_PRIVATE_SECRET_KEY>"] = self.restricted.private_secret_key
        return {placeholder: value for placeholder, value in pairs.items() if value}


def replay_target() -> Target:
    """The target that answers from cassettes only."""
    return Target(
        kind="replay",
        base_url=REPLAY_BASE_URL,
        credentials=REPLAY_CREDENTIALS,
        restricted=REPLAY_RESTRICTED,
        description="recorded cassettes (offline)",
    )


def _required(env: Mapping[str, str], name: str, what: str) -> str:
    value = env.get(name, "").strip()
    if not value:
        raise TargetError(
            f"{name} is not set: export it with your {what} (Yuno Dashboard → Developers), "
            "or run offline with --target replay or against the reference sandbox with --target local"
        )
    return value


def _check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise TargetError(
            f"unknown target {url!r}: use replay, local, sandbox or a base URL such as "
            "https://api-sandbox.y.uno/v1"
        )
    if not parts.path.rstrip("/").endswith("/v1"):
        raise TargetError(
            f"base URL {url!r} does not end in /v1: give the API root, e.g. https://api-sandbox.y.uno/v1"
        )
    return url.rstrip("/")


def normalised_host(base_url: str) -> str:
    """The host DNS would look up: no userinfo or port, lower case, no trailing dot, IDNA
    (``https://u:p@API.Y.UNO.:443/v1`` → ``api.y.uno``; a Unicode name → its ``xn--`` form)."""
    host = (urlsplit(base_url).hostname or "").rstrip(".")
    with contextlib.suppress(UnicodeError):  # not an IDNA name: no production host either
        host = host.encode("idna").decode("ascii")
    return host.lower()


def _guard_production(base_url: str, creds: Credentials, allow_production: bool) -> None:
    if allow_production:
        return
    host = normalised_host(base_url)
    if host in PRODUCTION_HOSTS:
        raise TargetError(
            f"refusing production host {host}: the suites create real checkout sessions; "
            f"use the sandbox, or pass --allow-production (or {ENV_ALLOW_PRODUCTION}=1) on purpose"
        )
    for name, key in ((ENV_PUBLIC, creds.public_api_key), (ENV_PRIVATE, creds.private_secret_key)):
        if key.startswith(PRODUCTION_KEY_PREFIX):
            raise TargetError(
                f"refusing {name}: it is a production key (prefix {PRODUCTION_KEY_PREFIX!r}); "
                f"use sandbox keys, or pass --allow-production (or {ENV_ALLOW_PRODUCTION}=1) on purpose"
            )


def resolve_target(
    name: str,
    env: Mapping[str, str] | None = None,
    *,
    allow_production: bool = False,
) -> Target:
    """Build the target named ``name`` (replay, sandbox or a URL) from the environment.

    ``local`` is not resolved here: the plugin starts the reference sandbox and builds its
    target from the credentials it provisioned (``yuno_contracts.pytest_plugin.run_target``).
    """
    env = os.environ if env is None else env
    allow_production = allow_production or env.get(ENV_ALLOW_PRODUCTION, "") in {"1", "true", "yes"}
    name = name.strip()
    if name == "replay":
        return replay_target()
    if name == "local":
        raise TargetError("the local target is started by the pytest plugin, not resolved from env")
    if name == "sandbox":
        base_url = _check_url(env.get(ENV_BASE_URL, "").strip() or SANDBOX_BASE_URL)
        kind = "sandbox" if base_url == SANDBOX_BASE_URL else "url"
    elif "://" in name:
        base_url, kind = _check_url(name), "url"
    else:
        raise TargetError(
            f"unknown target {name!r}: use replay, local, sandbox or a base URL such as "
            "https://api-sandbox.y.uno/v1"
        )
    creds = Credentials(
        public_api_key=_required(env, ENV_PUBLIC, "public API key"),
        private_secret_key=_required(env, ENV_PRIVATE, "private secret key"),
        account_id=_required(env, ENV_ACCOUNT, "account id"),
        customer_id=env.get(ENV_CUSTOMER, "").strip() or None,
    )
    restricted = None
    rpub, rpriv = (
        env.get(ENV_RESTRICTED_PUBLIC, "").strip(),
        env.get(ENV_RESTRICTED_PRIVATE, "").strip(),
    )
    if rpub and rpriv:
        restricted = Credentials(rpub, rpriv)
    elif rpub or rpriv:
        missing = ENV_RESTRICTED_PRIVATE if rpub else ENV_RESTRICTED_PUBLIC
        raise TargetError(
            f"{missing} is not set: the restricted key pair needs both keys, or neither"
        )
    _guard_production(base_url, creds, allow_production)
    if restricted:
        _guard_production(base_url, restricted, allow_production)
    return Target(
        kind=kind,  # type: ignore[arg-type]
        base_url=base_url,
        credentials=creds,
        restricted=restricted,
        description=f"{kind} at {base_url}",
    )
