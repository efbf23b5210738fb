"""The target of the run: resolved once on the controller, handed to xdist workers as JSON.

Precedence (first wins): command-line option → environment (``YUNO_TARGET``) → default.
Default target: ``replay`` (cassettes, mode ``none``, network blocked to loopback).

    pytest suites --target local                       # reference sandbox on a free port
    pytest suites --target local --record-mode all     # re-record ./cassettes
    pytest suites --target sandbox                     # Yuno's sandbox, credentials from env
    pytest suites --target https://host/v1             # any base URL, credentials from env
"""

from __future__ import annotations

import json
import uuid
from contextlib import ExitStack
from dataclasses import asdict
from typing import Any

import pytest

from yuno_contracts.core.errors import HarnessError, TargetError
from yuno_contracts.harness.reachable import unreachable
from yuno_contracts.harness.target import Credentials, Target, resolve_target
from yuno_contracts.pytest_plugin.options import checked_record_mode
from yuno_contracts.recording.netguard import block_non_loopback

__all__ = ["TARGET_KEY", "record_mode", "run_target", "target_from_json", "target_to_json"]

TARGET_KEY = pytest.StashKey[Target]()
STACK_KEY = pytest.StashKey[ExitStack]()
WORKER_INPUT = "yuno_contracts_target"
EXIT_UNAVAILABLE = 3  # the documented code of a run whose target could not be reached


def target_to_json(target: Target) -> str:
    data = asdict(target)
    data["readings"] = dict(target.readings)
    return json.dumps(data)


def target_from_json(text: str) -> Target:
    data = json.loads(text)
    data["credentials"] = Credentials(**data["credentials"])
    data["restricted"] = Credentials(**data["restricted"]) if data["restricted"] else None
    return Target(**data)


def run_target(config: pytest.Config) -> Target | None:
    """The target of this run (None before configuration or after a usage error)."""
    return config.stash.get(TARGET_KEY, None)


def record_mode(config: pytest.Config) -> str | None:
    """The cassette mode of this run, or None when the run uses no cassettes."""
    return checked_record_mode(config, config.stash[TARGET_KEY].kind)


def _start_local(config: pytest.Config, stack: ExitStack) -> Target:
    from yuno_contracts.sandbox import Readings, SandboxProcess, SandboxSettings

    try:
        readings = Readings.from_pairs(config.getoption("sandbox_reading"))
        faults = frozenset(config.getoption("sandbox_fault"))
        settings = SandboxSettings.generate(readings=readings, faults=faults).with_changes(
            latency=config.getoption("sandbox_latency")
        )
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
    if worker_input is None and target.kind in ("sandbox", "url") and _runs_tests(config):
        problem = unreachable(target)
        if problem:  # before any output is written: one line, exit 3, the last reports kept
            stack.close()
            pytest.exit(problem, returncode=EXIT_UNAVAILABLE)
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(_XdistHooks(), "yuno-contracts-xdist")


def _runs_tests(config: pytest.Config) -> bool:
    """False for a run that sends nothing: ``--collect-only``, ``--help``, ``--version``."""
    option = config.option
    return not (option.collectonly or option.help or option.version)


def pytest_unconfigure(config: pytest.Config) -> None:
    if STACK_KEY in config.stash:
        config.stash[STACK_KEY].close()


class _XdistHooks:
    @staticmethod
    def pytest_configure_node(node: Any) -> None:
        node.workerinput[WORKER_INPUT] = target_to_json(node.config.stash[TARGET_KEY])


def pytest_report_header(config: pytest.Config) -> str:
    target = run_target(config)
    if target is None:
        return "yuno-contracts: no target"
    mode = record_mode(config)
    return f"yuno-contracts target: {target.description} (cassettes: {mode or 'not used'})"


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip, with the reason, a test that needs the restricted key pair the target lacks."""
    if item.get_closest_marker("needs_restricted_keys") is None:
        return
    target = run_target(item.config)
    if target is not None and target.restricted is None:
        pytest.skip(
            "no restricted key pair: set YUNO_RESTRICTED_PUBLIC_API_KEY and "
            "YUNO_RESTRICTED_PRIVATE_SECRET_KEY to test the 403 clause"
        )
