"""The one recorder of a run: what every test found (``results.json``) and the readings observed
(``readings.json``), written by the controller at the end of the run, atomically::

    {"target": {"kind", "description", "base_url"}, "started": iso, "finished": iso,
     "revision": git sha or null,
     "tests": {"<nodeid>": {"outcome": "passed|failed|skipped|broken", "clauses": [...],
                            "message": "<one line>" or null, "duration": seconds}}}

``broken`` is a harness or target problem (target unavailable, stale cassette, missing
credential): a ``HarnessError``, not a contract failure. Credentials never appear: the base URL
is the target's, which holds none, and messages come from the masked one-line reports.

Under xdist, workers attach what they saw to their reports (``user_properties``) and the
controller's recorder, kept in ``config.stash``, collects them from ``pytest_runtest_logreport``.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from dataclasses import dataclass, field
from typing import Any

import pytest

from yuno_contracts.core.errors import HarnessError
from yuno_contracts.core.files import atomic_write
from yuno_contracts.harness.retry import TransportStats, max_rps_for, transport_stats
from yuno_contracts.harness.violation import ContractViolation
from yuno_contracts.pytest_plugin.fixtures import CALL_COMPLETED_KEY
from yuno_contracts.pytest_plugin.markers import clauses_of
from yuno_contracts.pytest_plugin.options import is_worker, reports_dir
from yuno_contracts.pytest_plugin.run_target import run_target

__all__ = [
    "BROKEN_PROPERTY",
    "CLAUSES_PROPERTY",
    "Recorder",
    "git_revision",
    "outcome_of",
    "record_reading",
]

CLAUSES_PROPERTY = "yuno_clauses"
BROKEN_PROPERTY = "yuno_broken"
READING_PROPERTY = "yuno_reading"
# what the transport did during one test (requests, retries, broken, waits, send times)
TRANSPORT_PROPERTY = "yuno_transport"
# answers to a fuzz test's generated requests by status, set by the fuzz suite's runner fixture
FUZZ_STATUSES_PROPERTY = "fuzz_statuses"
# the clause a failed test broke and its one line, as data: {"clause": …, "message": …}
VIOLATION_PROPERTY = "yuno_violation"
MESSAGE_LIMIT = 400


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def git_revision() -> str | None:
    """The revision of the working directory's checkout, if it is one."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"], capture_output=True, text=True, timeout=5
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() or None if done.returncode == 0 else None


def one_line(longrepr: Any) -> str | None:
    """The message of a failure that is no ``ContractViolation`` (those come as data, see
    ``violation``): a skip's reason, else pytest's first error line, else the last line."""
    if not longrepr:
        return None
    if isinstance(longrepr, tuple):  # a skip: (path, line, reason)
        return str(longrepr[-1])[:MESSAGE_LIMIT]
    lines = [line.strip() for line in str(longrepr).strip().splitlines() if line.strip()]
    # pytest marks the error lines with "E"; the source lines above them may quote the template
    errors = [line.removeprefix("E").strip() for line in lines if line.startswith("E ")]
    candidates = errors or lines[-1:]
    return candidates[0][:MESSAGE_LIMIT] if candidates else None


def _leaves(error: BaseException) -> list[BaseException]:
    """The exceptions a failure is made of (Hypothesis groups distinct bugs of one test)."""
    if isinstance(error, BaseExceptionGroup):
        return [leaf for inner in error.exceptions for leaf in _leaves(inner)]
    return [error]


def violations_of(error: BaseException) -> list[ContractViolation]:
    """The broken clauses a failure carries, typed, in the order they were raised."""
    return [leaf for leaf in _leaves(error) if isinstance(leaf, ContractViolation)]


def violation(broken: list[ContractViolation]) -> str:
    """Broken clauses as a report property: their ids and the first one's line, no parsing."""
    first = str(broken[0]).splitlines()
    message = first[0] if first else broken[0].clause
    clauses = list(dict.fromkeys(error.clause for error in broken))
    return json.dumps({"clauses": clauses, "message": message[:MESSAGE_LIMIT]})


def outcome_of(report: pytest.TestReport) -> str:
    if report.failed and any(name == BROKEN_PROPERTY for name, _ in report.user_properties):
        return "broken"
    return report.outcome


def record_reading(request: pytest.FixtureRequest, ambiguity: str, reading: str) -> None:
    """A probe observed that the target follows ``reading`` of ``ambiguity``.

    It lands in ``readings.json`` (merged across xdist workers by the controller) and as an
    Allure parameter of the test.
    """
    request.node.user_properties.append((READING_PROPERTY, json.dumps({ambiguity: reading})))
    import allure

    allure.dynamic.parameter("observed reading", f"{ambiguity} = {reading}")


@dataclass(eq=False)  # a registered plugin: hashable by identity
class Recorder:
    """What this run found, test by test, and the readings its probes observed."""

    started: str = field(default_factory=_now)
    tests: dict[str, dict[str, Any]] = field(default_factory=dict)
    readings: dict[str, str] = field(default_factory=dict)
    transport: TransportStats = field(default_factory=TransportStats)
    # this process's transport counters as last attached to a report (see ``transport_delta``)
    attached: tuple[int, int, int, float, int] = (0, 0, 0, 0.0, 0)

    @property
    def runs_suites(self) -> bool:
        """True when the run included contract suites (tests naming clauses, or probes)."""
        return bool(self.readings) or any(entry["clauses"] for entry in self.tests.values())

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Runs on the controller for every report under xdist, in-process otherwise."""
        self.add(report)

    def add(self, report: pytest.TestReport) -> None:
        entry = self.tests.setdefault(
            report.nodeid, {"outcome": "passed", "clauses": [], "message": None, "duration": 0.0}
        )
        for name, value in report.user_properties:
            if name == CLAUSES_PROPERTY:
                entry["clauses"] = json.loads(value)
            elif name == READING_PROPERTY:
                self.readings.update(json.loads(value))
            elif name == FUZZ_STATUSES_PROPERTY:
                entry["fuzz_statuses"] = json.loads(value)
            elif name == TRANSPORT_PROPERTY:
                self.transport.add(json.loads(value))
            elif name == VIOLATION_PROPERTY:
                broke = json.loads(value)
                entry["violated"], entry["message"] = broke["clauses"], broke["message"]
        entry["duration"] = round(entry["duration"] + report.duration, 4)
        outcome = outcome_of(report)
        if report.when == "call" or outcome != "passed":
            if report.when != "call" and outcome == "failed" and not entry.get("violated"):
                # an error in set-up or tear-down is no contract verdict, unless a fixture saw a
                # clause broken (a precondition: the session create, the PATCH form)
                outcome = "broken"
            if entry["outcome"] in ("passed", "skipped") or report.when == "call":
                entry["outcome"] = outcome
            entry["message"] = entry["message"] or (
                one_line(report.longrepr) if outcome != "passed" else None
            )

    def write(self, config: pytest.Config) -> None:
        target = run_target(config)
        if target is None:
            return
        folder = reports_dir(config)
        atomic_write(
            folder / "readings.json",
            json.dumps(dict(sorted(self.readings.items())), indent=2) + "\n",
        )
        if not self.tests:
            return
        payload = {
            "target": {
                "kind": target.kind,
                "description": target.description,
                "base_url": target.base_url,
            },
            "started": self.started,
            "finished": _now(),
            "revision": git_revision(),
            "transport": self.transport.as_dict(max_rps_for(target.kind)),
            "tests": dict(sorted(self.tests.items())),
        }
        atomic_write(
            folder / "results.json", json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
        )


def transport_delta(recorder: Recorder) -> str:
    """This process's transport figures since the last test's, as a report property."""
    stats = transport_stats()
    now = stats.snapshot()
    requests, retried, broken, waited, sent = (
        a - b for a, b in zip(now, recorder.attached, strict=True)
    )
    part = {
        "requests": requests,
        "retried": retried,
        "broken": broken,
        "waited": round(waited, 3),
        "sent_at": [round(t, 6) for t in stats.sent_at[len(stats.sent_at) - int(sent) :]]
        if sent
        else [],
    }
    recorder.attached = now
    return json.dumps(part)


RECORDER_KEY = pytest.StashKey[Recorder]()


def pytest_configure(config: pytest.Config) -> None:
    recorder = Recorder()
    config.stash[RECORDER_KEY] = recorder
    config.pluginmanager.register(recorder, "yuno-contracts-recorder")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if call.when == "setup":
        report.user_properties.append((CLAUSES_PROPERTY, json.dumps(clauses_of(item))))
    if call.when == "teardown":
        recorder = item.config.stash[RECORDER_KEY]
        report.user_properties.append((TRANSPORT_PROPERTY, transport_delta(recorder)))
    # A cassette is kept when the test judged: not interrupted, not broken (no answer to record).
    if call.when == "call" and not (
        call.excinfo and call.excinfo.errisinstance((KeyboardInterrupt, HarnessError))
    ):
        item.stash[CALL_COMPLETED_KEY] = True
    if call.excinfo is not None and call.excinfo.errisinstance(HarnessError):
        # A harness problem (stale cassette, missing credential) is one sentence, no traceback.
        report.longrepr = f"{call.excinfo.typename}: {call.excinfo.value}"
        report.user_properties.append((BROKEN_PROPERTY, "1"))
    elif call.excinfo is not None and (broken := violations_of(call.excinfo.value)):
        # The clauses travel as data. When the failure is nothing but broken clauses, each
        # reads "CLAUSE: expected …; observed …" for partners, no traceback.
        report.user_properties.append((VIOLATION_PROPERTY, violation(broken)))
        # Hypothesis' "flaky" group keeps pytest's text, which says the failure did not repeat
        flaky = type(call.excinfo.value).__name__.startswith("Flaky")
        if not flaky and len(broken) == len(_leaves(call.excinfo.value)):
            report.longrepr = "\n".join(str(error) for error in broken)
    return report


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    if is_worker(config) or config.getoption("collectonly"):
        return
    recorder = config.stash[RECORDER_KEY]
    if recorder.runs_suites:
        recorder.write(config)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """The root causes under pytest's own counts, and at the end of a live run one transport
    line: requests, retried, broken, time lost to waits, rate."""
    target = run_target(config)
    recorder = config.stash.get(RECORDER_KEY, None)
    if target is None or recorder is None or not recorder.runs_suites:
        return
    line = root_cause_line(recorder.tests)
    if line:
        terminalreporter.write_line(line)
    if target.is_live:
        terminalreporter.write_line(recorder.transport.line(max_rps_for(target.kind)))


def root_cause_line(tests: dict[str, dict[str, Any]]) -> str | None:
    """``root causes: CREATE-200 (10 failed tests); 197 tests blocked by them, 2 broken``."""
    from yuno_contracts.catalogue.clauses import load_clauses
    from yuno_contracts.reports.preconditions import BLOCKED, blocking_plan

    plan = blocking_plan(tests, load_clauses())
    outcomes = [plan.outcome(nodeid, entry["outcome"]) for nodeid, entry in tests.items()]
    if not plan.roots and "broken" not in outcomes:
        return None
    failed, blocked, broken = (outcomes.count(o) for o in ("failed", BLOCKED, "broken"))
    roots = ", ".join(plan.roots) or "none"
    return (
        f"yuno-contracts: root causes: {roots} ({failed} failed tests); "
        f"{blocked} tests blocked by them, {broken} broken (target unavailable); "
        "pytest counts all of them as failed"
    )
