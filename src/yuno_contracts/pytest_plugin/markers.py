"""The one reader of the ``clause`` markers, and the map of them a collection writes.

    @pytest.mark.clause("CREATE-200", "CREATE-FIELDS")      # on a test, a class or a module
    clauses_of(item)  # ("CREATE-200", "CREATE-FIELDS"): in order, once each, class marks included

Every other module takes a test's clause ids from ``clauses_of``: the selection (``--clause``,
keywords, JUnit properties), the recorder (``results.json``), the Allure labels and the
``expect`` checks that leave ``clause`` out.

``--clause-map PATH`` writes node id → clause ids of every collected test to ``PATH`` (JSON),
after selection, in collection order: ``yuno-contracts trace`` and ``drift`` read it from a collect-only child run
(``runs.child.collected_clauses``), so the plugin is the one place markers are read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from yuno_contracts.core.files import atomic_write
from yuno_contracts.pytest_plugin.options import is_worker

__all__ = ["CLAUSE_MAP_OPTION", "clause_map", "clauses_of"]

CLAUSE_MAP_OPTION = "--clause-map"


def clauses_of(item: pytest.Item) -> tuple[str, ...]:
    """The clause ids a test names in its ``clause`` markers, in order, once each."""
    return tuple(dict.fromkeys(cid for mark in item.iter_markers("clause") for cid in mark.args))


def clause_map(items: list[pytest.Item]) -> dict[str, list[str]]:
    """Node id → clause ids of ``items``."""
    return {item.nodeid: list(clauses_of(item)) for item in items}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("yuno-contracts", "Yuno contract suites")
    group.addoption(
        CLAUSE_MAP_OPTION,
        default=None,
        metavar="PATH",
        help="write node id → clause ids of the collected tests to PATH (JSON); "
        "yuno-contracts trace reads it from a --collect-only run",
    )


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> Any:
    """With ``--clause-map``: the tests the selection kept, in collection order (not the run
    order ``pytest_plugin.order`` gives them)."""
    collected = list(items)
    result = yield
    output = config.getoption("clause_map")
    if output and not is_worker(config):
        kept = {id(item) for item in items}
        atomic_write(Path(output), json.dumps(clause_map([i for i in collected if id(i) in kept])))
    return result
