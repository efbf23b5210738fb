"""``reports/results.json``: what every suite run found, test by test, for the summary and trace.

A pytest plugin (loaded by the root conftest). Every run that includes suites writes, on the
controller only under xdist and atomically::

    {"target": {"kind", "description", "base_url"}, "started": iso, "finished": iso,
     "revision": git sha or null,
     "tests": {"<nodeid>": {"outcome": "passed|failed|skipped|broken", "clauses": [...],
                            "message": "<one line>" or null, "duration": seconds}}}

``broken`` is a harness or target problem (target unavailable, stale cassette, missing
credential): a ``HarnessError``, not a contract failure. Credentials never appear: the base URL
is the target's, which holds none, and messages come from the masked one-line reports.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from yuno_contracts.errors import HarnessError

__all__ = ["BROKEN_PROPERTY", "CLAUSES_PROPERTY", "git_revision", "outcome_of"]

CLAUSES_PROPERTY = "yuno_clauses"
BROKEN_PROPERTY = "yuno_broken"
REPO_ROOT = Path(__file__).resolve().parents[2]
MESSAGE_LIMIT = 400
# "CREATE-200: expected status 200; observed 201 (POST /v1/checkout/sessions)"
CLAUSE_LINE = re.compile(r"[A-Z][A-Z0-9]*(-[A-Z0-9]+)+: expected .*")

_tests: dict[str, dict[str, Any]] = {}
_started: str | None = None


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def git_revision() -> str | None:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True, timeout=5
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() or None if done.returncode == 0 else None


def one_line(longrepr: Any) -> str | None:
    """The message a partner reads: the clause line when there is one, else the last line."""
    if not longrepr:
        return None
    if isinstance(longrepr, tuple):  # a skip: (path, line, reason)
        return str(longrepr[-1])[:MESSAGE_LIMIT]
    lines = [line.strip() for line in str(longrepr).strip().splitlines() if line.strip()]
    # pytest marks the error lines with "E"; the source lines above them may quote the template
    errors = [line for line in lines if line.startswith("E ")]
    for line in errors or lines:
        found = CLAUSE_LINE.search(line)
        if found:
            return found.group(0)[:MESSAGE_LIMIT]
    return lines[-1][:MESSAGE_LIMIT] if lines else None


def outcome_of(report: pytest.TestReport) -> str:
    if report.failed and any(name == BROKEN_PROPERTY for name, _ in report.user_properties):
        return "broken"
    return report.outcome


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if call.when == "setup":
        ids = [cid for mark in item.iter_markers("clause") for cid in mark.args]
        report.user_properties.append((CLAUSES_PROPERTY, json.dumps(list(dict.fromkeys(ids)))))
    if call.excinfo is not None and call.excinfo.errisinstance(HarnessError):
        report.user_properties.append((BROKEN_PROPERTY, "1"))
    return report


def pytest_sessionstart(session: pytest.Session) -> None:
    global _started
    _started = _now()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Runs on the controller for every report under xdist, in-process otherwise."""
    entry = _tests.setdefault(
        report.nodeid, {"outcome": "passed", "clauses": [], "message": None, "duration": 0.0}
    )
    for name, value in report.user_properties:
        if name == CLAUSES_PROPERTY:
            entry["clauses"] = json.loads(value)
    entry["duration"] = round(entry["duration"] + report.duration, 4)
    outcome = outcome_of(report)
    if report.when == "call" or outcome != "passed":
        if report.when != "call" and outcome == "failed":
            outcome = "broken"  # an error in set-up or tear-down is not a contract verdict
        if entry["outcome"] in ("passed", "skipped") or report.when == "call":
            entry["outcome"] = outcome
        entry["message"] = entry["message"] or (
            one_line(report.longrepr) if outcome != "passed" else None
        )


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    if getattr(config, "workerinput", None) is not None or config.getoption("collectonly"):
        return
    from yuno_contracts.plugin import TARGET_KEY, runs_suites

    target = config.stash.get(TARGET_KEY, None)
    if target is None or not runs_suites(config) or not _tests:
        return
    from yuno_contracts.recording import atomic_write

    payload = {
        "target": {
            "kind": target.kind,
            "description": target.description,
            "base_url": target.base_url,
        },
        "started": _started,
        "finished": _now(),
        "revision": git_revision(),
        "tests": dict(sorted(_tests.items())),
    }
    path = Path(config.getoption("reports_dir")) / "results.json"
    atomic_write(path, json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
