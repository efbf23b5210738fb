"""A replaying cassette gives the client its transport (``recording.replay.ReplayTransport``):
vcrpy's refusal of a request the cassette does not hold becomes the project's one-line error,
and the client, which imports no vcrpy, notes the exchange "not in cassette"."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from yuno_contracts.core.errors import MissingCassetteError, ReplayMismatchError
from yuno_contracts.harness.client import YunoClient
from yuno_contracts.harness.retry import RateLimiter, RetryPolicy
from yuno_contracts.harness.target import Credentials, Target
from yuno_contracts.recording.cassettes import use_cassette
from yuno_contracts.recording.replay import ReplayTransport

CUSTOMER = "c0570000-0000-4000-8000-00000000c057"
TARGET = Target(
    kind="url",
    base_url="http://127.0.0.1:9/v1",
    credentials=Credentials("sandbox_pk", "sandbox_sk", "acc-1", CUSTOMER),
    restricted=None,
    description="loopback",
)


def client(transport: httpx.BaseTransport | None) -> YunoClient:
    return YunoClient(
        TARGET, transport=transport, retry=RetryPolicy(retries=0), limiter=RateLimiter(None)
    )


@pytest.fixture
def recorded(tmp_path: Path) -> Path:
    """A cassette holding one answer to ``GET checkout/sessions/recorded``."""
    cassette = tmp_path / "smoke" / "T.test.json"
    answer = httpx.MockTransport(lambda request: httpx.Response(200, json={"ok": True}))
    with use_cassette(cassette, TARGET, record_mode="all") as recording, client(answer) as yuno:
        assert recording.transport is None  # a recording cassette: httpx's own transport
        yuno.request("GET", "checkout/sessions/recorded")
        recording.keep = True
    assert cassette.is_file()
    return cassette


def test_a_request_the_cassette_does_not_hold_is_the_stale_cassette_line(recorded: Path) -> None:
    with (
        use_cassette(recorded, TARGET, record_mode="none") as recording,
        client(recording.transport) as yuno,
    ):
        assert isinstance(recording.transport, ReplayTransport)
        assert yuno.request("GET", "checkout/sessions/recorded").json() == {"ok": True}
        with pytest.raises(ReplayMismatchError) as caught:
            yuno.request("GET", f"checkout/sessions/{CUSTOMER}")
    assert str(caught.value) == (
        f"stale cassette {recorded}: it holds no recorded response for "
        "GET /v1/checkout/sessions/<YUNO_CUSTOMER_ID>; closest recorded request differs in "
        "path_matcher; the suite, the contract or the fuzz budget changed since it was recorded: "
        "re-record with `make record TARGET=local`"
    )
    assert yuno.exchanges[-1].error == "not in cassette"
    assert yuno.exchanges[-1].path == "/v1/checkout/sessions/<YUNO_CUSTOMER_ID>"


def test_no_cassette_to_replay_says_how_to_record_it(tmp_path: Path) -> None:
    missing = tmp_path / "smoke" / "none.json"
    with (
        use_cassette(missing, TARGET, record_mode="none") as recording,
        client(recording.transport) as yuno,
        pytest.raises(MissingCassetteError) as caught,
    ):
        yuno.request("GET", "checkout/sessions/x")
    assert str(caught.value) == (
        f"no cassette {missing} to replay GET /v1/checkout/sessions/x: "
        "record it with `make record TARGET=local`"
    )
    assert yuno.exchanges[-1].error == "not in cassette"


def transport_of(mode: str, path: Path) -> httpx.BaseTransport | None:
    with use_cassette(path, TARGET, record_mode=mode) as recording:
        return recording.transport


@pytest.mark.parametrize(("mode", "exists"), [("none", False), ("none", True), ("once", True)])
def test_a_cassette_that_may_not_record_gives_its_transport(
    recorded: Path, tmp_path: Path, mode: str, exists: bool
) -> None:
    """It only replays (vcrpy's ``write_protected``): nothing reaches the network."""
    path = recorded if exists else tmp_path / "new.json"
    assert isinstance(transport_of(mode, path), ReplayTransport)


@pytest.mark.parametrize(
    ("mode", "exists"), [("once", False), ("new_episodes", True), ("all", True)]
)
def test_a_cassette_that_may_record_leaves_httpx_its_own_transport(
    recorded: Path, tmp_path: Path, mode: str, exists: bool
) -> None:
    """The client sends as httpx would without a cassette (environment proxies included)."""
    path = recorded if exists else tmp_path / "new.json"
    assert transport_of(mode, path) is None
