"""``yuno-contracts doctor``: is this account ready for a live run? One request per check, one
line each, with the fix.

    yuno-contracts doctor [--target sandbox|URL]

Checks, in order (a failed ``reachable``, ``credentials`` or ``account`` stops the rest: nothing
after them could be judged):

    reachable     GET of an unknown session without keys: any HTTP answer (5xx: not available)
    credentials   not production keys or host (checked before sending), then the same GET with
                  the keys: not 401 / 403
    account       a create with YUNO_ACCOUNT_ID: 200
    customer      a create with YUNO_CUSTOMER_ID: 200 (the customer exists)
    restricted    the same GET with the restricted pair: 403
    payment       the payment template on the account's session: its one-time token created
                  (201, where the template pays with one), then the payment accepted (2xx)
    clock         the skew between this machine and the Date header of the first answer

Exit codes: 0 a live run is meaningful (``warn`` lines name what some tests will skip or fail
on); 1 it could not be (``fail``: unreachable, refused or production keys, refused account,
missing variables); 2 bad usage.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import httpx

from yuno_contracts.catalogue.contract import ContractError
from yuno_contracts.core.errors import HarnessError, TargetError
from yuno_contracts.harness.bodies import payment_body, pays_with_token, session_body
from yuno_contracts.harness.client import YunoClient
from yuno_contracts.harness.retry import RetryPolicy
from yuno_contracts.harness.steps import request_token
from yuno_contracts.harness.target import (
    PRODUCTION_HOSTS,
    PRODUCTION_KEY_PREFIX,
    Target,
    resolve_target,
)

__all__ = ["EXIT_NOT_READY", "EXIT_READY", "Check", "diagnose", "doctor", "exit_code"]

EXIT_READY, EXIT_NOT_READY = 0, 1
MAX_SKEW_SECONDS = 60
Status = Literal["ok", "warn", "fail", "skip"]


@dataclass(frozen=True)
class Check:
    name: str
    status: Status
    line: str

    def __str__(self) -> str:
        return f"{self.status:<4}  {self.name:<11} {self.line}"


def _messages(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:160]
    if isinstance(body, dict):
        found = body.get("messages") or body.get("message") or body.get("error") or ""
        text = "; ".join(map(str, found)) if isinstance(found, list) else str(found)
        return f"{body.get('code', '')} {text}".strip()[:200]
    return str(body)[:160]


def _answer(response: httpx.Response) -> str:
    return f"HTTP {response.status_code} {_messages(response)}".strip()


def _unknown_session() -> str:
    return f"checkout/sessions/{uuid.uuid4()}"


def _production(target: Target) -> str | None:
    host = httpx.URL(target.base_url).host
    if host in PRODUCTION_HOSTS:
        return f"{target.base_url} is Yuno's production API: point YUNO_BASE_URL at the sandbox"
    pairs = [("YUNO_PUBLIC_API_KEY", target.credentials.public_api_key)]
    pairs.append(("YUNO_PRIVATE_SECRET_KEY", target.credentials.private_secret_key))
    if target.restricted:
        pairs.append(("YUNO_RESTRICTED_PUBLIC_API_KEY", target.restricted.public_api_key))
        pairs.append(("YUNO_RESTRICTED_PRIVATE_SECRET_KEY", target.restricted.private_secret_key))
    for name, key in pairs:
        if key.startswith(PRODUCTION_KEY_PREFIX):
            return (
                f"{name} is a production key (prefix {PRODUCTION_KEY_PREFIX!r}): export the keys "
                "of your sandbox account (Dashboard → Developers → Credentials, sandbox)"
            )
    return None


def _skew(response: httpx.Response) -> Check:
    date = response.headers.get("date")
    if not date:
        return Check("clock", "warn", "the target sent no Date header: the skew is unknown")
    try:
        server = email.utils.parsedate_to_datetime(date)
    except (TypeError, ValueError):
        return Check("clock", "warn", f"unreadable Date header {date!r}: the skew is unknown")
    skew = (dt.datetime.now(dt.UTC) - server).total_seconds()
    if abs(skew) > MAX_SKEW_SECONDS:
        side = "ahead of" if skew > 0 else "behind"
        return Check(
            "clock",
            "warn",
            f"this machine is {abs(skew):.0f} s {side} the target: sync it (timedatectl "
            "set-ntp true); created_at checks compare times",
        )
    return Check("clock", "ok", f"within {MAX_SKEW_SECONDS} s of the target ({skew:+.0f} s)")


def diagnose(target: Target, client: YunoClient) -> Iterator[Check]:
    """The checks, one request each, as they are answered."""
    try:
        first = client.request("GET", _unknown_session(), auth="none")
    except (HarnessError, httpx.HTTPError) as exc:
        yield Check(
            "reachable",
            "fail",
            f"{target.base_url} did not answer ({exc}): check YUNO_BASE_URL, the network and "
            "any proxy (HTTPS_PROXY)",
        )
        return
    if first.status_code >= 500:
        yield Check(
            "reachable",
            "fail",
            f"{target.base_url} answered {first.status_code}: the target is not available; "
            "run again later (a live run now would only say 'broken')",
        )
        return
    yield Check("reachable", "ok", f"{target.base_url} answers (HTTP {first.status_code})")

    production = _production(target)
    if production:
        yield Check("credentials", "fail", production)
        return
    keyed = client.request("GET", _unknown_session())
    if keyed.status_code == 401:
        yield Check(
            "credentials",
            "fail",
            f"the key pair is refused ({_answer(keyed)}): export the public-api-key and "
            "private-secret-key of one sandbox account (Dashboard → Developers → Credentials)",
        )
        return
    if keyed.status_code == 403:
        yield Check(
            "credentials",
            "fail",
            f"the key pair has no API authorization ({_answer(keyed)}): ask Yuno to enable the "
            "API for these keys, or export another pair",
        )
        return
    yield Check(
        "credentials", "ok", f"accepted, sandbox keys (unknown session: {keyed.status_code})"
    )

    created = client.create_session(session_body(target))
    if created.status_code != 200:
        names_account = "account" in _messages(created).lower()
        fix = (
            "export the account id these keys belong to (Dashboard → account selector → copy id)"
            if names_account or created.status_code in (401, 403, 404)
            else "read the message: the create body the suites send was refused"
        )
        yield Check(
            "account", "fail", f"YUNO_ACCOUNT_ID: a create answered {_answer(created)}: {fix}"
        )
        return
    session = created.json()
    yield Check("account", "ok", "accepted: a checkout session was created")

    yield _customer(target, client)
    yield _restricted(target, client)
    yield _payment(target, client, session)
    yield _skew(first)


def _customer(target: Target, client: YunoClient) -> Check:
    how = (
        "create one with POST /v1/customers (Yuno API reference → Customers → Create customer) "
        "and export its id as YUNO_CUSTOMER_ID"
    )
    customer = target.credentials.customer_id
    if not customer:
        return Check(
            "customer", "warn", f"YUNO_CUSTOMER_ID is not set: the examples use one; {how}"
        )
    answer = client.create_session(session_body(target, customer_id=customer))
    if answer.status_code == 200:
        return Check("customer", "ok", "YUNO_CUSTOMER_ID accepted by a create")
    return Check(
        "customer",
        "warn",
        f"YUNO_CUSTOMER_ID: a create naming it answered {_answer(answer)}: the customer does not "
        f"exist in this account; {how}",
    )


def _restricted(target: Target, client: YunoClient) -> Check:
    if target.restricted is None:
        return Check(
            "restricted",
            "warn",
            "no restricted pair: the 403 clause is skipped; export YUNO_RESTRICTED_PUBLIC_API_KEY "
            "and YUNO_RESTRICTED_PRIVATE_SECRET_KEY of keys without API authorization",
        )
    answer = client.request("GET", _unknown_session(), auth="restricted")
    if answer.status_code == 403:
        return Check("restricted", "ok", "the restricted pair is refused with 403")
    return Check(
        "restricted",
        "warn",
        f"the restricted pair answered {_answer(answer)}, not 403: the 403 clause would fail on "
        "the configuration; export a valid pair whose API authorization is off",
    )


def _minted(response: httpx.Response) -> str | None:
    """The token of a token request answered 201, else None."""
    try:
        body = response.json() if response.status_code == 201 else None
    except ValueError:
        return None
    token = body.get("token") if isinstance(body, dict) else None
    return token if isinstance(token, str) and token else None


def _payment(target: Target, client: YunoClient, session: dict[str, Any]) -> Check:
    fix = (
        "connect a provider for {method} payments to this account (Dashboard → Connections, "
        "then a route in Routing), or edit contracts/payment-template.json to a method it has; "
        "the `used` clauses need a payment"
    )
    try:
        token = None
        if pays_with_token():
            minted = request_token(client, target, session)
            token = _minted(minted)
            if token is None:
                return Check(
                    "payment",
                    "warn",
                    f"the template's one-time token request answered {_answer(minted)}: "
                    + fix.format(method="card"),
                )
        body = payment_body(target, session, token)
    except ContractError as exc:
        return Check("payment", "warn", str(exc))
    answer = client.create_payment(body)
    method = (body.get("payment_method") or {}).get("type", "?")
    path = "with its one-time token" if token else "without a token"
    if 200 <= answer.status_code < 300:
        return Check("payment", "ok", f"the payment template ({method}, {path}) was accepted")
    return Check(
        "payment",
        "warn",
        f"the payment template ({method}, {path}) answered {_answer(answer)}: "
        + fix.format(method=method),
    )


def exit_code(checks: list[Check]) -> int:
    return EXIT_NOT_READY if any(c.status == "fail" for c in checks) else EXIT_READY


def doctor(name: str, env: Mapping[str, str] | None = None, *, out: Any = print) -> int:
    """Run the checks against the target ``name``, print one line each, return the exit code."""
    checks: list[Check] = []
    try:
        # production keys are refused by the credentials check, with its fix, not here
        target = resolve_target(name, env, allow_production=True)
        out(f"doctor: {target.description}")
        with YunoClient(target, retry=RetryPolicy(retries=1, timeout=15.0)) as client:
            for check in diagnose(target, client):
                out(str(check))
                checks.append(check)
    except TargetError as exc:
        checks.append(Check("config", "fail", str(exc)))
        out(str(checks[-1]))
    code = exit_code(checks)
    verdict = "a live run is meaningful" if code == EXIT_READY else "a live run would not be"
    out(f"doctor: exit {code}: {verdict}")
    return code
