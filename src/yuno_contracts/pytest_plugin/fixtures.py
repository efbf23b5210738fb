"""The suites' fixtures: ``target``, ``client`` inside the test's cassette, the clauses in force."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from yuno_contracts.catalogue.contract import contract_hash
from yuno_contracts.harness.target import Target
from yuno_contracts.harness.violation import using_clauses
from yuno_contracts.pytest_plugin.markers import clauses_of
from yuno_contracts.pytest_plugin.options import cassette_dir, is_worker
from yuno_contracts.pytest_plugin.run_target import TARGET_KEY, record_mode
from yuno_contracts.recording.layout import cassette_path_for, shown_path
from yuno_contracts.recording.manifest import write_manifest

if TYPE_CHECKING:
    from yuno_contracts.harness.client import YunoClient

__all__ = ["CALL_COMPLETED_KEY", "EXCHANGES_KEY", "cassette_of", "shown_path"]

EXCHANGES_KEY = pytest.StashKey[list]()
CALL_COMPLETED_KEY = pytest.StashKey[bool]()
LIVE_FUZZ_TIMEOUT = 1800  # seconds per fuzz test against a remote target (README: Robustness)


def cassette_of(item: pytest.Item) -> Path:
    """The cassette of a test: its id mirrored under ``--cassette-dir``."""
    return cassette_path_for(item.nodeid, cassette_dir(item.config))


@pytest.fixture(scope="session")
def target(pytestconfig: pytest.Config) -> Target:
    """The API this run talks to."""
    return pytestconfig.stash[TARGET_KEY]


@pytest.fixture(autouse=True)
def _test_clauses(request: pytest.FixtureRequest) -> Iterator[None]:
    """The test's clause ids, for the ``expect`` checks that leave ``clause`` out."""
    with using_clauses(clauses_of(request.node)):
        yield


@pytest.fixture
def client(request: pytest.FixtureRequest, target: Target) -> Iterator[YunoClient]:
    """A ``YunoClient`` for this test, inside the test's cassette when the run uses cassettes.

    A cassette that only replays gives the client its transport (``recording.replay``): a
    request it does not hold is the one-line stale-cassette error. A cassette is saved only when
    the test ran to its end (passed or failed, not broken): a run interrupted midway (Ctrl-C, a
    kill) or a target that gave no answer leaves the committed cassette as it was.

    The HTTP client and vcrpy are imported here, where a test first needs them: the xdist
    controller, which runs no test, never imports them.
    """
    from yuno_contracts.harness.client import YunoClient
    from yuno_contracts.recording.cassettes import use_cassette

    mode = record_mode(request.config)
    with ExitStack() as stack:
        recording = (
            stack.enter_context(
                use_cassette(
                    cassette_of(request.node),
                    target,
                    record_mode=mode,
                    contract_hash=contract_hash(),
                    manifest_root=cassette_dir(request.config),
                )
            )
            if mode
            else None
        )
        transport = recording.transport if recording is not None else None
        yuno = stack.enter_context(YunoClient(target, transport=transport))
        request.node.stash[EXCHANGES_KEY] = yuno.exchanges
        yield yuno
        if recording is not None:
            recording.keep = request.node.stash.get(CALL_COMPLETED_KEY, False)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Live fuzz tests get their time (their order is ``pytest_plugin.order``'s)."""
    _give_live_fuzz_time(config, items)


def _give_live_fuzz_time(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Against a remote target the fuzz tests' hundreds of requests wait for the rate limit,
    ``Retry-After`` and backoff: they get ``LIVE_FUZZ_TIMEOUT`` seconds instead of the 120 s of
    a test (a target that hangs still ends them: the request timeout and the breaker)."""
    target = config.stash.get(TARGET_KEY, None)
    if target is None or target.kind in ("replay", "local"):
        return
    for item in items:
        if item.get_closest_marker("long_running") and not item.get_closest_marker("timeout"):
            item.add_marker(pytest.mark.timeout(LIVE_FUZZ_TIMEOUT))


def pytest_sessionfinish(session: pytest.Session) -> None:
    """After a recording, rebuild the manifest of the cassette folder (on the controller)."""
    config = session.config
    if is_worker(config) or TARGET_KEY not in config.stash or config.getoption("collectonly"):
        return
    root = cassette_dir(config)
    if record_mode(config) not in (None, "none") and root.is_dir():
        write_manifest(root)
