"""The pytest plugin: options, the target of the run, and the ``target`` / ``client`` fixtures.

Precedence (first wins): command-line option → environment (``YUNO_TARGET``) → default.
Default target: ``replay`` (cassettes, mode ``none``, network blocked to loopback).

    pytest suites --target local                       # reference sandbox on a free port
    pytest suites --target local --record-mode all     # re-record cassettes/
    pytest suites --target sandbox                     # Yuno's sandbox, credentials from env
    pytest suites --target https://host/v1             # any base URL, credentials from env

Under pytest-xdist the controller resolves the target (and starts the reference sandbox once);
workers receive it through ``workerinput``.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from yuno_contracts.client import YunoClient
from yuno_contracts.errors import HarnessError, TargetError
from yuno_contracts.expect import ContractViolation
from yuno_contracts.netguard import block_non_loopback
from yuno_contracts.recording import RECORD_MODES, cassette_path_for, use_cassette, write_manifest
from yuno_contracts.target import Credentials, Target, resolve_target

__all__ = ["record_reading", "target_from_json", "target_to_json"]

TARGET_KEY = pytest.StashKey[Target]()
EXCHANGES_KEY = pytest.StashKey[list]()
CALL_COMPLETED_KEY = pytest.StashKey[bool]()
READINGS_KEY = pytest.StashKey[dict]()
READING_PROPERTY = "yuno_reading"
STACK_KEY = pytest.StashKey[ExitStack]()
WORKER_INPUT = "yuno_contracts_target"
REPO_ROOT = Path(__file__).resolve().parents[2]


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("yuno-contracts", "Yuno contract suites")
    group.addoption(
        "--target",
        default=os.environ.get("YUNO_TARGET", "replay"),
        help="replay (default) | local | sandbox | an http(s)://…/v1 base URL",
    )
    group.addoption(
        "--record-mode",
        choices=RECORD_MODES,
        default=None,
        help="cassette mode; default: none (replay only) for --target replay, no cassettes otherwise",
    )
    group.addoption(
        "--cassette-dir",
        default=str(REPO_ROOT / "cassettes"),
        help="where cassettes are read and written (default: cassettes/)",
    )
    group.addoption(
        "--reports-dir",
        default=str(REPO_ROOT / "reports"),
        help="where readings.json and other run outputs are written (default: reports/)",
    )
    group.addoption(
        "--allow-production",
        action="store_true",
        default=False,
        help="allow production hosts and prod_ keys (off: the suites create real sessions)",
    )
    group.addoption(
        "--sandbox-reading",
        action="append",
        default=[],
        metavar="AMBIGUITY=READING",
        help="local target: a documented reading for the reference sandbox to follow",
    )
    group.addoption(
        "--shard",
        default=None,
        metavar="K/N",
        help="run only shard K of N (1-based; tests split by a stable hash of their id)",
    )
    group.addoption(
        "--sandbox-fault",
        action="append",
        default=[],
        metavar="NAME",
        help="local target, test-only: a fault switch that breaks one documented behaviour",
    )


# -- target ---------------------------------------------------------------------------------
def target_to_json(target: Target) -> str:
    data = asdict(target)
    data["readings"] = dict(target.readings)
    return json.dumps(data)


def target_from_json(text: str) -> Target:
    data = json.loads(text)
    data["credentials"] = Credentials(**data["credentials"])
    data["restricted"] = Credentials(**data["restricted"]) if data["restricted"] else None
    return Target(**data)


def _start_local(config: pytest.Config, stack: ExitStack) -> Target:
    from yuno_contracts.sandbox import Readings, SandboxProcess, SandboxSettings

    try:
        readings = Readings.from_pairs(config.getoption("sandbox_reading"))
        faults = frozenset(config.getoption("sandbox_fault"))
        settings = SandboxSettings.generate(readings=readings, faults=faults)
    except ValueError as exc:
        raise TargetError(str(exc)) from None
    sandbox = stack.enter_context(SandboxProcess(settings))
    faults_note = f", faults: {', '.join(sorted(faults))}" if faults else ""
    return Target(
        kind="local",
        base_url=sandbox.base_url,
        credentials=Credentials(
            settings.public_api_key,
            settings.private_secret_key,
            settings.account_id,
            # The sandbox takes any UUID as a customer; scrubbed from cassettes like account_id.
            customer_id=str(uuid.uuid4()),
        ),
        restricted=Credentials(
            settings.restricted_public_api_key, settings.restricted_private_secret_key
        ),
        description=f"reference sandbox at {sandbox.base_url}{faults_note}",
        readings=asdict(readings),
    )


def _resolve(config: pytest.Config, stack: ExitStack) -> Target:
    name = config.getoption("target")
    if name == "local":
        return _start_local(config, stack)
    return resolve_target(name, allow_production=config.getoption("allow_production"))


def record_mode(config: pytest.Config) -> str | None:
    """The cassette mode of this run, or None when the run uses no cassettes."""
    mode = config.getoption("record_mode")
    target: Target = config.stash[TARGET_KEY]
    if target.kind == "replay":
        if mode not in (None, "none"):
            raise TargetError(
                f"--record-mode {mode} needs a live target to record from: "
                "use --target local (or sandbox) with it"
            )
        return "none"
    return mode


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    stack = ExitStack()
    config.stash[STACK_KEY] = stack
    worker_input = getattr(config, "workerinput", None)
    try:
        if worker_input is not None and WORKER_INPUT in worker_input:
            target = target_from_json(worker_input[WORKER_INPUT])
        else:
            target = _resolve(config, stack)
        config.stash[TARGET_KEY] = target
        record_mode(config)
    except HarnessError as exc:
        stack.close()
        raise pytest.UsageError(str(exc)) from None
    except Exception as exc:  # a sandbox that would not start, for instance
        stack.close()
        raise pytest.UsageError(f"{type(exc).__name__}: {exc}") from None
    if target.kind == "replay":
        stack.enter_context(block_non_loopback())
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(_XdistHooks(), "yuno-contracts-xdist")


def pytest_unconfigure(config: pytest.Config) -> None:
    if STACK_KEY in config.stash:
        config.stash[STACK_KEY].close()


class _XdistHooks:
    @staticmethod
    def pytest_configure_node(node: Any) -> None:
        node.workerinput[WORKER_INPUT] = target_to_json(node.config.stash[TARGET_KEY])


def pytest_report_header(config: pytest.Config) -> str:
    target = config.stash.get(TARGET_KEY, None)
    if target is None:
        return "yuno-contracts: no target"
    mode = record_mode(config)
    return f"yuno-contracts target: {target.description} (cassettes: {mode or 'not used'})"


def record_reading(request: pytest.FixtureRequest, ambiguity: str, reading: str) -> None:
    """A probe observed that the target follows ``reading`` of ``ambiguity``.

    It lands in ``reports/readings.json`` (merged across xdist workers by the controller) and as
    an Allure parameter of the test.
    """
    request.node.user_properties.append((READING_PROPERTY, json.dumps({ambiguity: reading})))
    try:
        import allure

        allure.dynamic.parameter("observed reading", f"{ambiguity} = {reading}")
    except ImportError:  # pragma: no cover - allure-pytest is a dependency
        pass


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Collect observed readings; under xdist this runs on the controller for every report."""
    for name, value in report.user_properties:
        if name == READING_PROPERTY:
            _observed_readings.update(json.loads(value))


_observed_readings: dict[str, str] = {}


def _write_readings(config: pytest.Config) -> None:
    from yuno_contracts.recording import atomic_write

    path = Path(config.getoption("reports_dir")) / "readings.json"
    atomic_write(path, json.dumps(dict(sorted(_observed_readings.items())), indent=2) + "\n")


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    if getattr(config, "workerinput", None) is not None or TARGET_KEY not in config.stash:
        return
    if config.getoption("collectonly"):
        return
    if runs_suites(config):
        _write_readings(config)
    if record_mode(config) not in (None, "none"):
        root = Path(config.getoption("cassette_dir"))
        if root.is_dir():
            write_manifest(root)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Long-running tests first; ``--shard K/N``: keep the tests of shard K (CI job matrices).

    pytest-xdist hands out the first tests in turn and the rest in chunks, without taking back
    what a worker has queued: the few long fuzz tests, left in collection order, often land in
    one worker's chunk while the other idles. Run first, they are spread over the workers.
    """
    items.sort(key=lambda item: item.get_closest_marker("long_running") is None)  # stable
    shard = config.getoption("shard")
    if not shard:
        return
    try:
        k, n = (int(part) for part in shard.split("/"))
        if not 1 <= k <= n:
            raise ValueError
    except ValueError:
        raise pytest.UsageError(
            f"--shard {shard!r} is not K/N with 1 <= K <= N, e.g. 2/4"
        ) from None
    keep, drop = [], []
    for item in items:
        bucket = int(hashlib.sha256(item.nodeid.encode()).hexdigest(), 16) % n
        (keep if bucket == k - 1 else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
    items[:] = keep


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip, with the reason, a test that needs the restricted key pair the target lacks."""
    if item.get_closest_marker("needs_restricted_keys") is None:
        return
    target = item.config.stash.get(TARGET_KEY, None)
    if target is not None and target.restricted is None:
        pytest.skip(
            "no restricted key pair: set YUNO_RESTRICTED_PUBLIC_API_KEY and "
            "YUNO_RESTRICTED_PRIVATE_SECRET_KEY to test the 403 clause"
        )


# -- fixtures -------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def target(pytestconfig: pytest.Config) -> Target:
    """The API this run talks to."""
    return pytestconfig.stash[TARGET_KEY]


@pytest.fixture
def client(request: pytest.FixtureRequest, target: Target) -> Iterator[YunoClient]:
    """A ``YunoClient`` for this test, inside the test's cassette when the run uses cassettes.

    A cassette is saved only when the test ran to its end (passed or failed): a run interrupted
    midway (Ctrl-C, a kill) leaves the committed cassette as it was.
    """
    config = request.config
    mode = record_mode(config)
    root = Path(config.getoption("cassette_dir"))
    path = cassette_path_for(request.node.nodeid, root)
    rel = os.path.relpath(path, REPO_ROOT) if path.is_relative_to(REPO_ROOT) else str(path)
    with YunoClient(target, cassette_path=rel) as yuno:
        request.node.stash[EXCHANGES_KEY] = yuno.exchanges
        if not mode:
            yield yuno
            return
        cassette = use_cassette(path, target, record_mode=mode, contract_hash=_contract_hash())
        cassette.__enter__()
        try:
            yield yuno
        finally:
            completed = request.node.stash.get(CALL_COMPLETED_KEY, False)
            interrupted = None if completed else _Interrupted()
            cassette.__exit__(type(interrupted) if interrupted else None, interrupted, None)


class _Interrupted(Exception):
    """Stands for 'the test did not run to its end' when closing a cassette unsaved."""


def runs_suites(config: pytest.Config) -> bool:
    """True when this run includes contract suites (not only the harness's own tests)."""
    suites = REPO_ROOT / "suites"
    for arg in config.args:
        path = Path(arg.split("::")[0]).resolve()
        if path == suites or suites in path.parents:
            return True
    return bool(_observed_readings)


def _contract_hash() -> str:
    try:
        from yuno_contracts.contract import contract_hash
    except ImportError:
        return ""
    return contract_hash()


# -- reporting ------------------------------------------------------------------------------
@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if call.when == "call" and not (call.excinfo and call.excinfo.errisinstance(KeyboardInterrupt)):
        item.stash[CALL_COMPLETED_KEY] = True
    if call.excinfo is not None and call.excinfo.errisinstance(HarnessError):
        # A harness problem (stale cassette, missing credential) is one sentence, no traceback.
        report.longrepr = f"{call.excinfo.typename}: {call.excinfo.value}"
    elif call.excinfo is not None and call.excinfo.errisinstance(ContractViolation):
        # A broken clause reads "CLAUSE: expected …; observed …" for partners, no traceback.
        report.longrepr = str(call.excinfo.value)
    if report.when == "call":
        _attach_exchanges(item)
    return report


def _attach_exchanges(item: pytest.Item) -> None:
    exchanges = item.stash.get(EXCHANGES_KEY, None)
    if not exchanges:
        return
    try:
        import allure
    except ImportError:
        return
    for index, exchange in enumerate(exchanges, 1):
        name = f"{index}. {exchange.summary()}"
        allure.attach(
            json.dumps(exchange.as_dict(), indent=2, ensure_ascii=False),
            name=name,
            attachment_type=allure.attachment_type.JSON,
        )
        allure.attach(
            exchange.curl(), name=f"{index}. curl", attachment_type=allure.attachment_type.TEXT
        )
