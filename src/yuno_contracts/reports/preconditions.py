"""Root causes and blocked clauses: one broken behaviour is one red line, not seventy.

A clause declares the clauses it stands on (``requires`` in ``contracts/clauses.yaml``: most on
CREATE-200, a successful create; update clauses on UPDATE-200). After a run:

- a clause *failed* when one of its tests saw the target break it and none of the clauses it
  stands on (directly or through others) failed: a **root cause**;
- a test that failed or broke while a clause it stands on failed is **blocked by** those root
  causes: it could not judge its own clause (the create it needed answered 201, say), so it is
  neither a contract failure nor the target being unavailable;
- a clause whose failing tests are all blocked is *blocked*, by the root causes named.

``results.json`` keeps what pytest saw (``failed``, ``broken``); this module is the one place
that reads it through the preconditions, for the verdict table and every report built on it.

    plan = blocking_plan(results["tests"], load_clauses())
    plan.roots                      # ("CREATE-200",)
    plan.outcome("suites/…::test")  # "blocked"
    plan.blocked_by["CREATE-ECHO-COUNTRY"]  # ("CREATE-200",)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

__all__ = ["BLOCKED", "BlockingPlan", "blocking_plan", "broke", "stands_on"]

BLOCKED = "blocked"
UNJUDGED = frozenset({"failed", "broken"})  # raw outcomes a failed precondition can explain


class _Requires(Protocol):
    @property
    def requires(self) -> tuple[str, ...]: ...


def stands_on(clauses: Mapping[str, _Requires]) -> dict[str, frozenset[str]]:
    """Clause id → every clause it stands on, directly or through others (never itself)."""
    closure: dict[str, frozenset[str]] = {}

    def walk(cid: str, trail: tuple[str, ...]) -> frozenset[str]:
        if cid in closure:
            return closure[cid]
        found: set[str] = set()
        clause = clauses.get(cid)
        for parent in clause.requires if clause is not None else ():
            if parent in trail:  # the catalogue check refuses cycles; never loop here
                continue
            found.add(parent)
            found |= walk(parent, (*trail, parent))
        found.discard(cid)
        closure[cid] = frozenset(found)
        return closure[cid]

    for cid in clauses:
        walk(cid, (cid,))
    return closure


@dataclass(frozen=True)
class BlockingPlan:
    """Which failed clauses are root causes, and which tests and clauses they block."""

    roots: tuple[str, ...] = ()
    blocked_by: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Clause id → the root causes it stands on (only clauses standing on a failed one)."""
    blocked_tests: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Node id → the root causes that kept it from judging."""

    def outcome(self, nodeid: str, raw: str) -> str:
        """The test's outcome read through the preconditions: ``blocked`` or ``raw``."""
        return BLOCKED if nodeid in self.blocked_tests else raw

    def clause_outcome(self, cid: str, raw: str) -> str:
        """A test's outcome as evidence for clause ``cid``: blocked when ``cid`` stands on a
        failed clause (a test naming a root cause too stays failed for the root, not for it)."""
        return BLOCKED if cid in self.blocked_by and raw in UNJUDGED else raw

    def message(self, nodeid: str, raw: str | None) -> str | None:
        """``blocked by CREATE-200: <what the test saw>`` for a blocked test, else ``raw``."""
        roots = self.blocked_tests.get(nodeid)
        if not roots:
            return raw
        head = f"blocked by {', '.join(roots)}"
        return f"{head}: {raw}" if raw else head


def broke(entry: Mapping[str, Any], clauses: Mapping[str, Any]) -> list[str]:
    """The catalogue clauses a failed test saw broken (its ``violated``, recorded as data), else
    its own; a probe's violation names an ambiguity, not a clause, and counts as its own."""
    seen = [cid for cid in entry.get("violated") or () if cid in clauses]
    return seen or list(entry.get("clauses", []))


def blocking_plan(
    tests: Mapping[str, Mapping[str, Any]], clauses: Mapping[str, _Requires]
) -> BlockingPlan:
    """Root causes and blocked tests of one run's ``results.json`` ``tests``."""
    closure = stands_on(clauses)
    failed = {
        cid for entry in tests.values() if entry.get("outcome") == "failed"
        for cid in broke(entry, clauses)
    }  # fmt: skip
    roots = tuple(sorted(cid for cid in failed if not closure.get(cid, frozenset()) & failed))
    # every failed clause a clause stands on is a root or stands on one: the roots suffice
    blocked_by = {
        cid: tuple(sorted(closure[cid] & set(roots)))
        for cid in clauses
        if closure.get(cid, frozenset()) & failed
    }
    # root causes some failed test checks as its own clause; a root no such test owns is the
    # failure of the tests that saw it (they are its evidence, not blocked by it)
    owned = {
        cid for entry in tests.values() if entry.get("outcome") == "failed"
        for cid in entry.get("clauses", [])
    }  # fmt: skip
    blocked_tests: dict[str, tuple[str, ...]] = {}
    for nodeid, entry in tests.items():
        own = entry.get("clauses", [])
        if entry.get("outcome") not in UNJUDGED or not own or set(own) & set(roots):
            continue
        if set(entry.get("violated") or ()) & set(roots) - owned:
            continue
        causes = sorted({root for cid in own for root in blocked_by.get(cid, ())})
        if causes:
            blocked_tests[nodeid] = tuple(causes)
    return BlockingPlan(roots, blocked_by, blocked_tests)
