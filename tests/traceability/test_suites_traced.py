"""The real traceability check of make test: suites/ against contracts/clauses.yaml.

Fails, with one line per problem and the fix, when a clause has no test (and is not marked
``untestable``), a test names an unknown clause, or a suite test names no clause.
"""

from __future__ import annotations

from yuno_contracts.catalogue.clauses import load_clauses
from yuno_contracts.reports.trace import coverage
from yuno_contracts.runs.child import collected_clauses


def test_the_suites_cover_every_clause_and_name_only_known_ones() -> None:
    """The real check: suites/ against contracts/clauses.yaml."""
    cov = coverage(collected_clauses(["suites"]), load_clauses())
    assert cov.ok, "traceability problems:\n" + "\n".join(cov.problems())
