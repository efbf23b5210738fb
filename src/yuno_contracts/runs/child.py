"""One way to start a child ``pytest`` over the suites, from any directory.

The suites are found where ``catalogue.resources`` says (the checkout, or the wheel's bundle);
the child runs in the caller's working directory, so its outputs land there; the plugin is
loaded by name, so a bundle without the checkout's root conftest works the same.

``collected_clauses`` is the collect-only child: the plugin's own ``--clause-map`` (its one
reader of the ``clause`` markers) gives node id → clause ids, for ``trace`` and ``drift``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from yuno_contracts.catalogue.resources import bundle_root
from yuno_contracts.core.errors import HarnessError
from yuno_contracts.runs.outputs import StagedOutputs
from yuno_contracts.runs.preflight import preflight

__all__ = [
    "PYTEST_UNAVAILABLE",
    "PYTEST_USAGE_ERROR",
    "collected_clauses",
    "no_results",
    "pytest_command",
    "run_here",
    "suite_paths",
    "take_option",
    "worker_options",
]

PYTEST_USAGE_ERROR = 4
PYTEST_UNAVAILABLE = 3  # the plugin's exit when the target did not answer its one request
EXIT_USAGE = 2


def suite_paths(paths: Sequence[str]) -> list[str]:
    """``suites/…`` paths (node ids allowed, ``smoke`` for ``suites/smoke``) made absolute under
    the bundle; one line naming the suites there are if one is missing."""
    root = bundle_root()
    resolved, missing = [], []
    for path in paths:
        file_part, sep, rest = path.partition("::")
        full = Path(file_part) if Path(file_part).is_absolute() else root / file_part
        if not full.exists() and (root / "suites" / file_part).exists():
            full = root / "suites" / file_part  # a suite's name alone: smoke, create, …
        if full.exists():
            resolved.append(f"{full}{sep}{rest}")
        else:
            missing.append(file_part)
    if missing:
        names = sorted(
            p.name for p in (root / "suites").iterdir() if p.is_dir() and p.name[0] not in "._"
        )
        raise HarnessError(
            f"no such suite {', '.join(missing)}: "
            f"give one of {', '.join(names)} (or a path under suites/, e.g. suites/create)"
        )
    return resolved


def pytest_command(args: Sequence[str], rootdir: Path | None = None) -> list[str]:
    """``python -m pytest`` with the suites' plugin, rooted at the bundle (or ``rootdir``), no
    cache written."""
    return [
        sys.executable, "-m", "pytest", "--rootdir", str(rootdir or bundle_root()),
        "-p", "yuno_contracts.pytest_plugin", "-p", "no:cacheprovider",
        "-p", "no:schemathesis", "-p", "no:hypothesispytest", "-p", "no:anyio",
        "-o", "timeout=120",
        *args,
    ]  # fmt: skip


def collected_clauses(paths: Sequence[str], *, rootdir: Path | None = None) -> dict[str, list[str]]:
    """Node id → clause ids of the tests under ``paths`` (``suite_paths``), as the plugin collects
    them (parametrized ids and class markers included): a ``--collect-only`` child that writes
    them with ``--clause-map``, in a scratch folder so that nothing lands anywhere else."""
    with tempfile.TemporaryDirectory(prefix="yuno-clauses-") as scratch:
        output = Path(scratch) / "clause-map.json"
        args = [*suite_paths(paths), "--collect-only", "-q"]
        args += ["--target", "replay", "--reports-dir", scratch, "--clause-map", str(output)]
        env = {k: v for k, v in os.environ.items() if k != "PYTEST_XDIST_WORKER"}
        done = subprocess.run(
            pytest_command(args, rootdir),
            cwd=scratch,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode not in (0, 5) or not output.exists():  # 5: nothing collected
            tail = (done.stdout + done.stderr).strip().splitlines()[-5:]
            raise HarnessError(
                f"collecting {' '.join(paths)} failed (exit {done.returncode}): " + " | ".join(tail)
            )
        return json.loads(output.read_text(encoding="utf-8"))


def worker_options(workers: int | None) -> list[str]:
    """pytest-xdist options for ``workers`` processes (none given: pytest's own default)."""
    if workers is None:
        return []
    if workers < 1:
        raise HarnessError(f"--workers {workers} is not a worker count: give 1 or more")
    return ["-n", str(workers), "--dist", "worksteal"] if workers > 1 else ["-p", "no:xdist"]


def take_option(args: Sequence[str], name: str) -> tuple[str | None, list[str]]:
    """The value of ``name`` in ``args`` (``--name V`` or ``--name=V``, the last wins), and
    ``args`` without it."""
    value, rest, items = None, [], iter(args)
    for arg in items:
        if arg == name:
            value = next(items, None)
        elif arg.startswith(name + "="):
            value = arg.split("=", 1)[1]
        else:
            rest.append(arg)
    return value, rest


def run_here(
    target: str,
    suites: Sequence[str],
    extra: Sequence[str] = (),
    workers: int | None = None,
    report: bool = True,
) -> int:
    """``yuno-contracts run``: the suites against ``target``; outputs under ./reports.

    Checked before anything is written (``preflight``); the Allure results of ``--alluredir``
    replace the previous ones only when the run wrote its own ``results.json``. The exit code is
    pytest's (0 every test passed, 1 a test failed), 2 bad usage, 3 the target did not answer.
    With ``report``, a run with results of its own also writes ``summary.md`` / ``summary.json``
    and the partner page beside them and prints the short summary, wherever it runs.
    """
    alluredir, extra = take_option(extra, "--alluredir")
    reports, _ = take_option(extra, "--reports-dir")
    staged = StagedOutputs(Path(reports or "reports"), Path(alluredir) if alluredir else None)
    preflight(
        target,
        reports=staged.reports,
        alluredir=staged.alluredir,
        allow_production="--allow-production" in extra,
    )
    args = [*suite_paths(suites), "--target", target, *worker_options(workers), *extra]
    partial = staged.prepare()
    if partial is not None:
        args += ["--alluredir", str(partial)]
    code = subprocess.run(pytest_command(args)).returncode
    if not staged.settle():
        return no_results(code, "run")
    if report:
        from yuno_contracts.reports.summary import terminal_summary, write_summary

        print(terminal_summary(write_summary(staged.reports), staged.reports), end="")
    return code


def no_results(code: int, run: str) -> int:
    """The exit code of a child run that wrote no results; a line unless the child gave one."""
    if code == PYTEST_USAGE_ERROR:
        return EXIT_USAGE  # pytest printed the usage line
    if code != PYTEST_UNAVAILABLE:  # the plugin printed "target unavailable: …" itself
        print(
            f"{run}: no test results (pytest exit {code}): the previous reports are kept",
            file=sys.stderr,
        )
    return code if code else PYTEST_UNAVAILABLE
