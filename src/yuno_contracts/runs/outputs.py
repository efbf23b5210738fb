"""A run's outputs replace the previous ones only when it has its own.

    staged = StagedOutputs(Path("reports"), Path("reports/allure-results"))
    child_args = [..., "--alluredir", str(staged.prepare())]
    ...                       # the child run
    if staged.settle():       # True: this run wrote results.json; its Allure results now stand
        ...

The child writes Allure results into a sibling folder (``.allure-results.partial``), and
``results.json`` atomically at its end (``pytest_plugin.recorder``). Only when ``results.json``
is a new file does the partial folder take the place of the old one; a run that stopped before
any test (bad input, a target that does not answer) leaves every previous output as it was.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

__all__ = ["StagedOutputs", "file_identity"]

PARTIAL = ".{}.partial"


def file_identity(path: Path) -> tuple[int, int] | None:
    """(inode, mtime) of ``path``, None if missing: an atomic rewrite always changes the inode."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_ino, stat.st_mtime_ns


class StagedOutputs:
    """The previous run's ``results.json`` identity and where this run's Allure results wait."""

    def __init__(self, reports: Path, alluredir: Path | None = None) -> None:
        self.reports = reports.absolute()
        self.alluredir = alluredir.absolute() if alluredir is not None else None
        self.before = file_identity(self.results)

    @property
    def results(self) -> Path:
        return self.reports / "results.json"

    @property
    def partial(self) -> Path | None:
        if self.alluredir is None:
            return None
        return self.alluredir.with_name(PARTIAL.format(self.alluredir.name))

    def prepare(self) -> Path | None:
        """An empty partial folder for the child's Allure results (None without --alluredir)."""
        if self.partial is not None:
            shutil.rmtree(self.partial, ignore_errors=True)
        return self.partial

    def own(self) -> bool:
        """True when this run wrote a ``results.json`` of its own."""
        now = file_identity(self.results)
        return now is not None and now != self.before

    def settle(self) -> bool:
        """Put this run's outputs in place if it has its own; drop the partial ones otherwise."""
        own = self.own()
        if self.partial is not None and self.alluredir is not None:
            if own and self.partial.is_dir():
                shutil.rmtree(self.alluredir, ignore_errors=True)
                self.partial.rename(self.alluredir)
            else:
                shutil.rmtree(self.partial, ignore_errors=True)
        return own
