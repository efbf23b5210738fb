"""One way to start a child ``pytest`` over the suites, from any directory.

The suites are found where ``catalogue.resources`` says (the checkout, or the wheel's bundle);
the child runs in the caller's working directory, so its outputs land there; the plugin is
loaded by name, so a bundle without the checkout's root conftest works the same.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from yuno_contracts.catalogue.resources import bundle_root
from yuno_contracts.core.errors import HarnessError

__all__ = ["pytest_command", "run_here", "suite_paths"]


def suite_paths(paths: Sequence[str]) -> list[str]:
    """``suites/…`` paths (node ids allowed) made absolute under the bundle; one line if missing."""
    root = bundle_root()
    resolved, missing = [], []
    for path in paths:
        file_part, sep, rest = path.partition("::")
        full = Path(file_part) if Path(file_part).is_absolute() else root / file_part
        (resolved if full.exists() else missing).append(f"{full}{sep}{rest}")
    if missing:
        raise HarnessError(
            f"no such suite {', '.join(p.split('::')[0] for p in missing)}: "
            "give a path under suites/ (e.g. suites/create)"
        )
    return resolved


def pytest_command(args: Sequence[str]) -> list[str]:
    """``python -m pytest`` with the suites' plugin, rooted at the bundle, no cache written."""
    return [
        sys.executable, "-m", "pytest", "--rootdir", str(bundle_root()),
        "-p", "yuno_contracts.pytest_plugin", "-p", "no:cacheprovider",
        "-p", "no:schemathesis", "-p", "no:hypothesispytest", "-p", "no:anyio",
        "-o", "timeout=120",
        *args,
    ]  # fmt: skip


def run_here(target: str, suites: Sequence[str], extra: Sequence[str] = ()) -> int:
    """``yuno-contracts run``: the suites against ``target``; outputs under ./reports.

    The exit code is pytest's: 0 every test passed, 1 a test failed, 2 bad usage.
    """
    command = pytest_command([*suite_paths(suites), "--target", target, *extra])
    return subprocess.run(command).returncode
