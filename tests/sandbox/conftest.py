"""Fixtures for the sandbox's own tests: real HTTP over loopback against ``SandboxThread``s.

``api`` talks to a sandbox with the default readings and no fault; ``api_for(readings=...,
faults=...)`` to one with other settings. Sandboxes are started once per settings and kept for
the session (one credentials set for all), then stopped together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

import pytest
from sandbox_helpers import Api

from yuno_contracts.sandbox import Readings, SandboxSettings, SandboxThread


class SandboxPool:
    """Sandboxes by (readings, faults), started on first use, all with one credentials set."""

    def __init__(self) -> None:
        self.base = SandboxSettings.generate()
        self._sandboxes: dict[tuple[Readings, frozenset[str]], SandboxThread] = {}
        self._apis: dict[tuple[Readings, frozenset[str]], Api] = {}

    def api(self, readings: Mapping[str, str] | None = None, faults: Iterable[str] = ()) -> Api:
        settings = self.base.with_changes(
            readings=[f"{k}={v}" for k, v in (readings or {}).items()], faults=faults
        )
        key = (settings.readings, settings.faults)
        if key not in self._apis:
            sandbox = SandboxThread(settings).start()
            self._sandboxes[key] = sandbox
            self._apis[key] = Api(sandbox)
        return self._apis[key]

    def close(self) -> None:
        for api in self._apis.values():
            api.client.close()
        for sandbox in self._sandboxes.values():
            sandbox.request_stop()
        for sandbox in self._sandboxes.values():
            sandbox.stop()


@pytest.fixture(scope="session")
def pool() -> Iterator[SandboxPool]:
    sandboxes = SandboxPool()
    yield sandboxes
    sandboxes.close()


@pytest.fixture(scope="session")
def api(pool: SandboxPool) -> Api:
    """A sandbox with the default readings and no fault."""
    return pool.api()


@pytest.fixture(scope="session")
def api_for(pool: SandboxPool) -> Callable[..., Api]:
    """``api_for(readings={"workflow": "guide"}, faults={"create-201"})``."""
    return pool.api
