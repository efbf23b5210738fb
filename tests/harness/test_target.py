"""Target selection and credentials: each bad input is one sentence naming the fix."""

from __future__ import annotations

import pytest

from yuno_contracts.core.errors import TargetError
from yuno_contracts.harness.target import SANDBOX_BASE_URL, normalised_host, resolve_target

ENV = {
    "YUNO_PUBLIC_API_KEY": "sandbox_pub_123",
    "YUNO_PRIVATE_SECRET_KEY": "sandbox_priv_456",
    "YUNO_ACCOUNT_ID": "0b4a2b1e-7d4f-4f51-9d7e-1a2b3c4d5e6f",
}


def test_replay_needs_no_credentials() -> None:
    target = resolve_target("replay", {})
    assert target.kind == "replay"
    assert target.base_url.startswith("http://127.0.0.1:")
    assert not target.is_live


def test_sandbox_uses_the_documented_base_url_and_env_credentials() -> None:
    target = resolve_target("sandbox", ENV)
    assert target.kind == "sandbox"
    assert target.base_url == SANDBOX_BASE_URL
    assert target.credentials.headers() == {
        "public-api-key": "sandbox_pub_123",
        "private-secret-key": "sandbox_priv_456",
    }
    assert target.restricted is None


def test_yuno_base_url_overrides_the_sandbox_host() -> None:
    target = resolve_target("sandbox", {**ENV, "YUNO_BASE_URL": "http://127.0.0.1:8765/v1/"})
    assert (target.kind, target.base_url) == ("url", "http://127.0.0.1:8765/v1")


def test_any_base_url_is_a_target() -> None:
    target = resolve_target("https://partner.example/v1", ENV)
    assert (target.kind, target.base_url) == ("url", "https://partner.example/v1")


@pytest.mark.parametrize(
    "missing", ["YUNO_PUBLIC_API_KEY", "YUNO_PRIVATE_SECRET_KEY", "YUNO_ACCOUNT_ID"]
)
def test_a_missing_credential_is_named(missing: str) -> None:
    env = {k: v for k, v in ENV.items() if k != missing}
    with pytest.raises(TargetError) as error:
        resolve_target("sandbox", env)
    message = str(error.value)
    assert message.startswith(f"{missing} is not set")
    assert "--target local" in message
    assert "\n" not in message


@pytest.mark.parametrize("name", ["nope", "ftp://host/v1", "prod"])
def test_an_unknown_target_is_named_with_the_choices(name: str) -> None:
    with pytest.raises(TargetError, match=r"unknown target .*replay, local, sandbox"):
        resolve_target(name, ENV)


def test_a_base_url_without_v1_is_refused() -> None:
    with pytest.raises(TargetError, match="does not end in /v1"):
        resolve_target("https://partner.example/api", ENV)


def test_half_a_restricted_pair_is_refused() -> None:
    with pytest.raises(TargetError, match="YUNO_RESTRICTED_PRIVATE_SECRET_KEY is not set"):
        resolve_target("sandbox", {**ENV, "YUNO_RESTRICTED_PUBLIC_API_KEY": "sandbox_r"})


def test_the_restricted_pair_is_read_from_env() -> None:
    env = {
        **ENV,
        "YUNO_RESTRICTED_PUBLIC_API_KEY": "sandbox_rp",
        "YUNO_RESTRICTED_PRIVATE_SECRET_KEY": "sandbox_rs",
    }
    restricted = resolve_target("sandbox", env).restricted
    assert restricted is not None and restricted.public_api_key == "sandbox_rp"


class TestProductionGuard:
    """Production hosts and prod_ keys are refused unless the user overrides on purpose."""

    @pytest.mark.parametrize("host", ["api.y.uno", "api.eu.y.uno"])
    def test_production_hosts_are_refused(self, host: str) -> None:
        with pytest.raises(TargetError, match=f"refusing production host {host}"):
            resolve_target(f"https://{host}/v1", ENV)

    @pytest.mark.parametrize(
        ("form", "url"),
        [
            ("trailing dot", "https://api.y.uno./v1"),
            ("two trailing dots", "https://api.eu.y.uno../v1"),
            ("upper case", "https://API.Y.UNO/v1"),
            ("userinfo", "https://someone:secret@api.y.uno/v1"),
            ("port", "https://api.y.uno:443/v1"),
            ("IDNA (full-width letters, NFKC to ASCII)", "https://\uff41\uff50\uff49.y.uno/v1"),
            ("every form at once", "https://u@API.EU.Y.UNO.:8443/v1"),
        ],
    )
    def test_every_spelling_of_a_production_host_is_refused(self, form: str, url: str) -> None:
        with pytest.raises(TargetError, match="refusing production host api"):
            resolve_target(url, ENV)
        with pytest.raises(TargetError, match="refusing production host api"):
            resolve_target("sandbox", {**ENV, "YUNO_BASE_URL": url})

    def test_a_sandbox_host_with_a_trailing_dot_is_not_production(self) -> None:
        target = resolve_target("https://api-sandbox.y.uno./v1", ENV)
        assert normalised_host(target.base_url) == "api-sandbox.y.uno"

    @pytest.mark.parametrize("variable", ["YUNO_PUBLIC_API_KEY", "YUNO_PRIVATE_SECRET_KEY"])
    def test_production_keys_are_refused(self, variable: str) -> None:
        with pytest.raises(TargetError, match=f"refusing {variable}: it is a production key"):
            resolve_target("sandbox", {**ENV, variable: "prod_abc"})

    def test_the_override_flag_allows_production(self) -> None:
        target = resolve_target("https://api.y.uno/v1", ENV, allow_production=True)
        assert target.base_url == "https://api.y.uno/v1"

    def test_the_override_variable_allows_production(self) -> None:
        env = {**ENV, "YUNO_PUBLIC_API_KEY": "prod_x", "YUNO_ALLOW_PRODUCTION": "1"}
        assert resolve_target("sandbox", env).credentials.public_api_key == "prod_x"


def test_credentials_never_print_their_keys() -> None:
    creds = resolve_target("sandbox", ENV).credentials
    assert "sandbox_pub_123" not in repr(creds)
    assert "sandbox_priv_456" not in repr(creds)


def test_secrets_cover_keys_account_and_base_url() -> None:
    secrets = resolve_target("sandbox", {**ENV, "YUNO_CUSTOMER_ID": "cust-1"}).secrets()
    assert set(secrets.values()) >= {
        "sandbox_pub_123",
        "sandbox_priv_456",
        ENV["YUNO_ACCOUNT_ID"],
        "cust-1",
        SANDBOX_BASE_URL,
    }
