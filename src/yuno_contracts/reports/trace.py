"""Traceability: which tests check which clause, and what the last run said about each.

Every suite test names the clauses it checks with ``@pytest.mark.clause("ID", ...)``. The pytest
plugin reads them (``pytest_plugin.markers``, the one reader) and writes node id → clause ids
with ``--clause-map``; ``runs.child.collected_clauses`` runs that collection. This module takes
the map as data and checks three things:

- every clause of ``contracts/clauses.yaml`` has a test, unless the clause is ``untestable``;
- no test names a clause the catalogue does not hold;
- every suite test names at least one clause.

``yuno-contracts trace`` prints the clause → tests → last result matrix; the last result comes
from ``reports/results.json`` (written by every suite run, see ``yuno_contracts.pytest_plugin.recorder``)
and each clause's verdict from ``reports.verdicts.verdict_table``, the one verdict table.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yuno_contracts.catalogue.clauses import Clause, load_clauses
from yuno_contracts.core.errors import HarnessError
from yuno_contracts.reports.tables import markdown_table
from yuno_contracts.reports.verdicts import verdict_table

__all__ = [
    "Coverage",
    "coverage",
    "matrix",
    "render_json",
    "render_markdown",
    "trace",
]


# -- coverage ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Coverage:
    """Clause ↔ test links, and the three ways they can be broken."""

    tests_by_clause: dict[str, list[str]]
    untested: list[str]
    unknown: dict[str, list[str]] = field(default_factory=dict)
    unmarked: list[str] = field(default_factory=list)
    untestable: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not (self.untested or self.unknown or self.unmarked)

    def problems(self) -> list[str]:
        """One line per problem, each naming the fix."""
        lines = [f"clause {cid} has no test" for cid in self.untested]
        if lines:
            lines.append(
                "  fix: mark a test that checks it with @pytest.mark.clause(ID), or give the clause"
                " an `untestable: <reason>` in contracts/clauses.yaml"
            )
        lines += [
            f"{test} names unknown clause(s) {', '.join(ids)}: fix the id or add the clause to "
            "contracts/clauses.yaml"
            for test, ids in self.unknown.items()
        ]
        lines += [
            f"{test} names no clause: add @pytest.mark.clause(...) with the clause ids it checks"
            for test in self.unmarked
        ]
        return lines


def coverage(markers: Mapping[str, Sequence[str]], clauses: Mapping[str, Clause]) -> Coverage:
    """Link the collected ``markers`` (test → clause ids) with the catalogue."""
    tests_by_clause: dict[str, list[str]] = {cid: [] for cid in clauses}
    unknown: dict[str, list[str]] = {}
    unmarked: list[str] = []
    for test, ids in markers.items():
        if not ids:
            unmarked.append(test)
        for cid in dict.fromkeys(ids):
            if cid in tests_by_clause:
                tests_by_clause[cid].append(test)
            else:
                unknown.setdefault(test, []).append(cid)
    untestable = {cid: c.untestable for cid, c in clauses.items() if c.untestable}
    untested = [
        cid for cid, tests in tests_by_clause.items() if not tests and cid not in untestable
    ]
    return Coverage(tests_by_clause, untested, unknown, unmarked, untestable)


# -- the matrix -------------------------------------------------------------------------------
def _load_results(path: Path | None) -> dict[str, Any]:
    if path is None or not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise HarnessError(
            f"{path} is not a readable results file ({exc}): run the suites again to rewrite it"
        ) from None


def matrix(cov: Coverage, results: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One row per clause: its tests, each with its last outcome, and the clause's verdict."""
    table = verdict_table(results, cov.tests_by_clause, cov.untestable)
    return [
        {"clause": cid, "verdict": row.verdict, "tests": row.tests} for cid, row in table.items()
    ]


def render_markdown(rows: list[dict[str, Any]], results: Mapping[str, Any]) -> str:
    target = results.get("target", {}).get("description", "no run recorded")
    lines = [
        "# Clause → tests → last result",
        "",
        f"Last run: {target}, finished {results.get('finished', '—')}",
        "",
    ]
    rows_shown = []
    for row in rows:
        tests = row["tests"]
        shown = "; ".join(f"`{t.split('::', 1)[-1]}` ({o})" for t, o in list(tests.items())[:4])
        if len(tests) > 4:
            shown += f"; … {len(tests) - 4} more"
        rows_shown.append((row["clause"], row["verdict"], shown))
    lines += markdown_table(("clause", "last result", "tests (outcome)"), rows_shown)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["verdict"]] = counts.get(row["verdict"], 0) + 1
    lines += ["", "Totals: " + ", ".join(f"{v} {k}" for k, v in sorted(counts.items()))]
    return "\n".join(lines) + "\n"


def render_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, indent=2) + "\n"


def trace(
    markers: Mapping[str, Sequence[str]], results_path: Path | None
) -> tuple[Coverage, list[dict[str, Any]], dict]:
    """Link the collected ``markers`` (node id → clause ids, ``runs.child.collected_clauses``)
    with the catalogue and the last results."""
    cov = coverage(markers, load_clauses())
    results = _load_results(results_path)
    return cov, matrix(cov, results), results
