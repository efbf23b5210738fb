"""``yuno-contracts doctor`` against the reference sandbox (a real server process on loopback),
faithful and with each misconfiguration a new account can have: each gives its one line and the
documented exit code (0 a live run is meaningful, 1 it is not)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from yuno_contracts.runs.doctor import EXIT_NOT_READY, EXIT_READY, doctor
from yuno_contracts.sandbox import SandboxProcess, SandboxSettings

pytestmark = pytest.mark.timeout(60)
CUSTOMER = "a577ad8f-08f1-4590-9cf1-e7679b15ee84"


def environment(settings: SandboxSettings, base_url: str, **changes: str) -> dict[str, str]:
    env = {
        "YUNO_BASE_URL": base_url,
        **settings.client_env(),
        "YUNO_CUSTOMER_ID": CUSTOMER,
    }
    env.update(changes)
    return env


def run(settings: SandboxSettings, base_url: str, **changes: str) -> tuple[int, dict[str, str]]:
    lines: list[str] = []
    code = doctor("sandbox", environment(settings, base_url, **changes), out=lines.append)
    checks = {}
    for line in lines[1:-1]:
        status, name, text = line.split(maxsplit=2)
        checks[name] = f"{status} {text}"
    assert lines[-1].startswith(f"doctor: exit {code}")
    return code, checks


def start(kind: str) -> tuple[SandboxSettings, SandboxProcess]:
    settings = SandboxSettings.generate(
        faults={"restricted-allowed"} if kind == "unrestricted" else ()
    )
    if kind in ("customer", "card-provider"):
        settings = SandboxSettings.from_dict({**settings.to_dict(), "lacks": [kind]})
    return settings, SandboxProcess(settings)


@pytest.fixture(scope="module", params=["faithful", "customer", "card-provider", "unrestricted"])
def sandbox(request: pytest.FixtureRequest) -> Iterator[tuple[str, SandboxSettings, str]]:
    settings, process = start(request.param)
    with process as server:
        yield request.param, settings, server.base_url


@pytest.fixture(scope="module")
def faithful() -> Iterator[tuple[SandboxSettings, str]]:
    settings, process = start("faithful")
    with process as server:
        yield settings, server.base_url


def test_each_account_gives_its_line_and_exit_code(sandbox) -> None:
    kind, settings, base_url = sandbox
    code, checks = run(settings, base_url)
    assert set(checks) == {
        "reachable", "credentials", "account", "customer", "restricted", "payment", "clock",
    }  # fmt: skip
    assert code == EXIT_READY  # each of these leaves a meaningful live run
    warned = {name for name, text in checks.items() if not text.startswith("ok ")}
    expected = {"faithful": set(), "customer": {"customer"}, "card-provider": {"payment"}}
    assert warned == expected.get(kind, {"restricted"}), checks
    if kind == "customer":
        assert "customer not found" in checks["customer"]
        assert "POST /v1/customers" in checks["customer"]
    if kind == "faithful":  # the template's default: Yuno's SDK_CHECKOUT path
        assert "(CARD, with its one-time token) was accepted" in checks["payment"]
    if kind == "card-provider":
        assert "no provider connected for CARD" in checks["payment"]
        assert "Dashboard → Connections" in checks["payment"]
    if kind == "unrestricted":
        assert "not 403" in checks["restricted"]


def test_misconfigured_keys_and_account_stop_the_doctor_with_exit_1(faithful) -> None:
    settings, base_url = faithful
    code, checks = run(settings, base_url, YUNO_PRIVATE_SECRET_KEY="local_sk_wrong")
    assert code == EXIT_NOT_READY and list(checks) == ["reachable", "credentials"]
    assert checks["credentials"].startswith("fail the key pair is refused (HTTP 401")

    code, checks = run(settings, base_url, YUNO_PUBLIC_API_KEY="prod_" + settings.public_api_key)
    assert code == EXIT_NOT_READY and list(checks) == ["reachable", "credentials"]
    assert "production key (prefix 'prod_')" in checks["credentials"]

    other = "6c1a4b6e-3a55-4a43-9b8e-1f0c2d3e4f50"
    code, checks = run(settings, base_url, YUNO_ACCOUNT_ID=other)
    assert code == EXIT_NOT_READY and list(checks) == ["reachable", "credentials", "account"]
    assert checks["account"].startswith("fail YUNO_ACCOUNT_ID: a create answered HTTP 400")
    assert "export the account id" in checks["account"]


def test_an_unreachable_target_and_missing_variables_are_one_line_each() -> None:
    settings = SandboxSettings.generate()
    code, checks = run(settings, "http://127.0.0.1:9/v1")  # the discard port: nothing listens
    assert code == EXIT_NOT_READY and list(checks) == ["reachable"]
    assert "did not answer" in checks["reachable"] and "YUNO_BASE_URL" in checks["reachable"]
    lines: list[str] = []
    assert doctor("sandbox", {}, out=lines.append) == EXIT_NOT_READY
    assert any("YUNO_PUBLIC_API_KEY is not set" in line for line in lines)


def test_an_unknown_account_gap_is_refused_with_the_known_ones() -> None:
    data = {**SandboxSettings.generate().to_dict(), "lacks": ["customers"]}
    with pytest.raises(ValueError, match="unknown account gap 'customers'; known: customer"):
        SandboxSettings.from_dict(data)
