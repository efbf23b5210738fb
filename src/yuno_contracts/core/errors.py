"""Harness errors: each one a single sentence that names the problem and the fix.

The pytest plugin prints these without a traceback (see ``plugin.pytest_runtest_makereport``),
and the command line prints them on one line with exit code 2.
"""

from __future__ import annotations

__all__ = [
    "CassetteError",
    "CorruptCassetteError",
    "HarnessError",
    "MissingCassetteError",
    "ReplayMismatchError",
    "TargetError",
    "TargetUnavailableError",
]


class HarnessError(Exception):
    """Base of every error the harness raises on bad input; ``str()`` is the whole message."""


class TargetError(HarnessError):
    """The target or its credentials cannot be used (unknown name, missing variable, production)."""


class TargetUnavailableError(HarnessError):
    """The target gave no usable answer (down, rate-limited, gateway errors) after the retries.

    Its message starts with "target unavailable:"; reports show it as broken, not as a contract
    failure, and ``make nightly`` exits 3 when this is all that went wrong.
    """


class CassetteError(HarnessError):
    """A cassette cannot be replayed."""


class MissingCassetteError(CassetteError):
    """The test has no cassette to replay from."""


class CorruptCassetteError(CassetteError):
    """The cassette file exists but cannot be read as a cassette."""


class ReplayMismatchError(CassetteError):
    """The test sent a request that its cassette does not hold: the cassette is stale."""
