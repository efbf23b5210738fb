"""Clause → verdict: the one table the summary, the trace matrix, the changes and the nightly
exit code all read.

A clause's verdict comes from the outcomes of the tests that check it, worst first: ``failed``
(a test saw the target break it: a root cause), ``blocked`` (a clause it stands on failed, so
its tests could not judge it: ``reports.preconditions``), ``broken`` (a test could not judge:
target unavailable), ``passed``, ``skipped`` (every test that ran skipped), ``not run``;
``untestable`` when the catalogue says so, and ``no test`` when nothing checks it.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from yuno_contracts.catalogue.clauses import load_clauses
from yuno_contracts.reports.preconditions import BLOCKED, BlockingPlan, blocking_plan, broke

__all__ = [
    "BLOCKED",
    "NOT_RUN",
    "NO_TEST",
    "ORDER",
    "ClauseVerdict",
    "outcome_verdict",
    "run_plan",
    "verdict_table",
    "worst_first",
]

NOT_RUN = "not run"
NO_TEST = "no test"
# worst first: the order the summary lists clauses in
ORDER = ("failed", BLOCKED, "broken", "passed", "skipped", NOT_RUN, "untestable", NO_TEST)


def worst_first(rows: Iterable[dict[str, Any]], key: str = "status") -> list[dict[str, Any]]:
    """``rows`` sorted by their verdict, worst first (stable within a verdict)."""
    rank = {verdict: i for i, verdict in enumerate(ORDER)}
    return sorted(rows, key=lambda row: rank[row[key]])


def outcome_verdict(outcomes: Iterable[str]) -> str:
    """The verdict of a set of test outcomes (``not run`` when there is none)."""
    seen = set(outcomes)
    for outcome in ("failed", BLOCKED, "broken", "passed", "skipped"):
        if outcome in seen:
            return outcome
    return NOT_RUN


@dataclass(frozen=True)
class ClauseVerdict:
    clause: str
    verdict: str
    tests: dict[str, str] = field(default_factory=dict)  # node id → last outcome
    failures: tuple[str, ...] = ()  # one-line messages of the failed or broken tests
    blocked_by: tuple[str, ...] = ()  # the root causes it stands on, when it is blocked


def run_plan(results: Mapping[str, Any]) -> BlockingPlan:
    """The root causes of a ``results.json`` document and the tests they block."""
    return blocking_plan(results.get("tests", {}), load_clauses())


def verdict_table(
    results: Mapping[str, Any],
    tests_by_clause: Mapping[str, list[str]] | None = None,
    untestable: Container[str] | None = None,
) -> dict[str, ClauseVerdict]:
    """One verdict per clause from a ``results.json`` document.

    Without ``tests_by_clause`` the clauses are the catalogue's and a clause's tests are those
    ``results`` says check it; with it (the trace's collected markers) a collected test missing
    from ``results`` is ``not run``. ``untestable``: clause ids the catalogue marks so.
    """
    entries: Mapping[str, Any] = results.get("tests", {})
    clauses = load_clauses()
    plan = blocking_plan(entries, clauses)
    if tests_by_clause is None or untestable is None:
        untestable = {cid for cid, c in clauses.items() if c.untestable}
    if tests_by_clause is None:
        linked: dict[str, list[str]] = {cid: [] for cid in clauses}
        for nodeid, entry in entries.items():
            for cid in entry.get("clauses", []):
                linked.setdefault(cid, []).append(nodeid)
    else:
        linked = {cid: list(tests) for cid, tests in tests_by_clause.items()}
    # a failed test is also evidence for the clauses it saw broken (``violated``, as data)
    for nodeid, entry in entries.items():
        for cid in broke(entry, clauses) if entry.get("outcome") == "failed" else ():
            if nodeid not in linked.setdefault(cid, []):
                linked[cid].append(nodeid)
    table = {}
    for cid, tests in linked.items():
        outcomes = {
            t: plan.clause_outcome(cid, entries.get(t, {}).get("outcome", NOT_RUN)) for t in tests
        }
        if cid in untestable:
            verdict = "untestable"
        elif tests_by_clause is not None and not tests:
            verdict = NO_TEST
        else:
            verdict = outcome_verdict(outcomes.values())
        failures = tuple(
            entries[t]["message"]
            for t, o in outcomes.items()
            if o in ("failed", "broken") and entries[t].get("message")
        )
        blocked_by = plan.blocked_by.get(cid, ()) if verdict == BLOCKED else ()
        table[cid] = ClauseVerdict(cid, verdict, outcomes, failures, blocked_by)
    return table
