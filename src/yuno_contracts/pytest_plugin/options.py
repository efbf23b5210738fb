"""Command-line options and markers of the suites, and where a run's outputs go.

Every output goes where the command line or the working directory says: ``--reports-dir``
(default ``./reports``) and ``--cassette-dir`` (default ``./cassettes``) are relative to the
directory pytest was started in, never to the installed source.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from yuno_contracts.core.errors import HarnessError, TargetError
from yuno_contracts.core.files import ensure_folder
from yuno_contracts.fuzz.budget import fuzz_budget
from yuno_contracts.recording.layout import RECORD_MODES

__all__ = ["cassette_dir", "checked_record_mode", "is_worker", "reports_dir"]

MARKERS = (
    "clause(*ids): the contract clause ids (contracts/clauses.yaml) this test checks",
    "needs_restricted_keys: needs a restricted key pair (403 clause)",
    "long_running: takes seconds, not milliseconds (fuzzing): dealt over the xdist workers first (pytest_plugin.order)",
)


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
        default="cassettes",
        help="where cassettes are read and written (default: ./cassettes)",
    )
    group.addoption(
        "--reports-dir",
        default="reports",
        help="where results.json, readings.json and other run outputs go (default: ./reports)",
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
        "--sandbox-fault",
        action="append",
        default=[],
        metavar="NAME",
        help="local target, test-only: a fault switch that breaks one documented behaviour",
    )
    group.addoption(
        "--sandbox-latency",
        default="",
        metavar="DELAY",
        help="local target: the sandbox answers this late, e.g. 150ms or 150ms±20ms (off)",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    for marker in MARKERS:
        config.addinivalue_line("markers", marker)
    check_inputs(config)


def check_inputs(config: pytest.Config) -> None:
    """Bad input found before any plugin trips on it: one line each, never a traceback.

    ``FUZZ_EXAMPLES`` (read when the fuzz modules are imported: a collection error otherwise)
    and the output folders (``--reports-dir``, and ``--alluredir`` before allure-pytest makes it
    and fails with ``INTERNALERROR``).
    """
    try:
        fuzz_budget()
        if is_worker(config):
            return
        ensure_folder(reports_dir(config), "--reports-dir")
        alluredir = getattr(config.option, "allure_report_dir", None)
        if alluredir:
            ensure_folder(Path(alluredir).absolute(), "--alluredir")
    except HarnessError as exc:
        raise pytest.UsageError(str(exc)) from None


def is_worker(config: pytest.Config) -> bool:
    """True in a pytest-xdist worker (the controller writes the run's outputs)."""
    return getattr(config, "workerinput", None) is not None


def reports_dir(config: pytest.Config) -> Path:
    return Path(config.getoption("reports_dir")).absolute()


def cassette_dir(config: pytest.Config) -> Path:
    return Path(config.getoption("cassette_dir")).absolute()


def checked_record_mode(config: pytest.Config, target_kind: str) -> str | None:
    """The cassette mode of a run on ``target_kind``, or None when it uses no cassettes."""
    mode = config.getoption("record_mode")
    if target_kind == "replay":
        if mode not in (None, "none"):
            raise TargetError(
                f"--record-mode {mode} needs a live target to record from: "
                "use --target local (or sandbox) with it"
            )
        return "none"
    return mode
