"""Hypothesis, as the fuzz tests use it: the same budget draws the same requests on every run.

    with local_constants_off():
        build_operation_test(...)()            # or machine.run(settings=hypothesis_settings(…))

``hypothesis_settings``: derandomized, no example database, no deadline. ``local_constants_off``:
while open, Hypothesis draws no constants mined from local modules. Hypothesis (6.13x+) now and
then draws a string or number found in the source of any non-library module in ``sys.modules``
(our own modules included, in an editable install); which modules are loaded depends on what
else the process ran (the other suites, an xdist worker's share, the sandbox of a recording run)
and their source changes with every edit, so without this the same fuzz test would send other
requests in a replay than in its recording.

Hypothesis has no setting for it. Its documented extension point, a provider registered in
``AVAILABLE_PROVIDERS``, does not reach far enough: the example tree draws each novel prefix
with Hypothesis' own provider class whatever the backend (tried, and
``tests/fuzz/test_fuzz_determinism.py`` shows the draws). So the module's lookup
``_get_local_constants`` is replaced by an empty pool for as long as a fuzz test runs, and put
back after: the one patch of a third-party module left, listed in docs/architecture.md and
guarded by that test (it fails if Hypothesis renames the hook or draws local constants anyway).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any
from unittest import mock

import hypothesis
import hypothesis.internal.conjecture.providers as providers

__all__ = ["hypothesis_settings", "local_constants_off"]


@contextlib.contextmanager
def local_constants_off() -> Iterator[None]:
    """While open, Hypothesis draws no constants of local modules (then as before)."""
    empty = providers.Constants()
    # The pools are cached per choice type: a test run before would hand its local constants on.
    providers.CONSTANTS_CACHE.cache.clear()
    try:
        with mock.patch.object(providers, "_get_local_constants", lambda: empty):
            yield
    finally:
        providers.CONSTANTS_CACHE.cache.clear()


def hypothesis_settings(max_examples: int, **overrides: Any) -> hypothesis.settings:
    """Derandomized, no example database, no deadline: the same budget, the same requests."""
    values: dict[str, Any] = {
        "max_examples": max_examples,
        "derandomize": True,
        "database": None,
        "deadline": None,
        "print_blob": False,
        "suppress_health_check": list(hypothesis.HealthCheck),
        **overrides,
    }
    return hypothesis.settings(**values)
