"""Clause-level selection and CI reports.

    pytest suites --clause CREATE-200                 # the tests that check CREATE-200
    pytest suites --ambiguity WORKFLOW-VALUES         # the tests of the clauses it affects
    pytest suites -k CREATE-200                       # clause ids are keywords too
    pytest suites --junitxml out.xml                  # <property name="clause" value="…"/> each

A clause id given that the catalogue does not hold is one line naming the nearest id. The ids
of an ambiguity are the clauses ``contracts/ambiguities.yaml`` lists for it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import pytest

from yuno_contracts.pytest_plugin.markers import clauses_of

__all__ = ["JUNIT_PROPERTY", "selected_clauses"]

JUNIT_PROPERTY = "clause"  # one JUnit XML property per clause id of the test


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("yuno-contracts", "Yuno contract suites")
    group.addoption(
        "--clause",
        action="append",
        default=[],
        metavar="ID",
        help="run only the tests of this clause (contracts/clauses.yaml), e.g. CREATE-200; repeatable",
    )
    group.addoption(
        "--ambiguity",
        action="append",
        default=[],
        metavar="ID",
        help="run only the tests of the clauses this ambiguity affects (contracts/ambiguities.yaml)",
    )


def _nearest(given: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(given.upper(), list(known), n=1, cutoff=0.5)
    return f"did you mean {close[0]}?" if close else "no id is close"


def selected_clauses(clauses: Iterable[str], ambiguities: Iterable[str]) -> frozenset[str]:
    """The clause ids ``--clause`` and ``--ambiguity`` select; one usage line for an unknown id."""
    from yuno_contracts.catalogue.clauses import load_ambiguities, load_clauses

    known, register = load_clauses(), load_ambiguities()
    chosen: set[str] = set()
    for cid in clauses:
        if cid not in known:
            raise pytest.UsageError(
                f"--clause {cid}: no such clause ({_nearest(cid, known)}); "
                "the ids are those of contracts/clauses.yaml"
            )
        chosen.add(cid)
    for aid in ambiguities:
        if aid not in register:
            raise pytest.UsageError(
                f"--ambiguity {aid}: no such ambiguity ({_nearest(aid, register)}); "
                "the ids are those of contracts/ambiguities.yaml"
            )
        chosen.update(register[aid].clauses)
    return frozenset(chosen)


SELECTED_KEY = pytest.StashKey[frozenset[str] | None]()


def pytest_configure(config: pytest.Config) -> None:
    clauses, ambiguities = config.getoption("clause"), config.getoption("ambiguity")
    config.stash[SELECTED_KEY] = (
        selected_clauses(clauses, ambiguities) if clauses or ambiguities else None
    )


@pytest.hookimpl(tryfirst=True)  # before -k, so that a clause id is a keyword it can match
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    selected = config.stash.get(SELECTED_KEY, None)
    kept, dropped = [], []
    for item in items:
        ids = clauses_of(item)
        item.extra_keyword_matches.update(ids)
        (kept if selected is None or selected.intersection(ids) else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def pytest_runtest_setup(item: pytest.Item) -> None:
    """The clause ids as the test's properties: JUnit XML writes each (``record_property``)."""
    for cid in clauses_of(item):
        item.user_properties.append((JUNIT_PROPERTY, cid))
