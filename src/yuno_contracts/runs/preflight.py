"""Every configuration check of a run, before it removes or writes any output.

    preflight("sandbox", reports=Path("reports"), alluredir=Path("reports/allure-results"))

The target (its name or base URL, the credentials, the production guard) and the output
folders: each problem is one ``HarnessError`` line naming the fix, raised while the previous
run's reports are still whole. ``cli`` checks the fuzz budget just before (``fuzz.budget``, a
layer ``runs`` does not import); whether the target answers is asked by the child run itself
(``pytest_plugin.run_target``: one request, exit 3), also before it writes anything.
"""

from __future__ import annotations

from pathlib import Path

from yuno_contracts.core.files import ensure_folder
from yuno_contracts.harness.target import resolve_target

__all__ = ["preflight"]

STARTED_BY_THE_RUN = frozenset({"local", "replay"})


def preflight(
    target: str,
    *,
    reports: Path,
    alluredir: Path | None = None,
    allow_production: bool = False,
) -> None:
    """Raise the first configuration problem of a run on ``target`` as one line; else None."""
    if target.strip() not in STARTED_BY_THE_RUN:
        resolve_target(target, allow_production=allow_production)
    ensure_folder(reports.absolute(), "--reports-dir, or run from another directory")
    if alluredir is not None:
        ensure_folder(alluredir.absolute().parent, "--alluredir")
