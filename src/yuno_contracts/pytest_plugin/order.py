"""Test order: each xdist worker starts with its share of the long-running tests.

pytest-xdist's ``--dist worksteal`` first hands every worker one contiguous chunk of the
collection (``len // workers`` tests each, in order), then lets an idle worker take the second
half of the longest queue. With the long fuzz tests simply first, they all fall in the first
worker's chunk: it runs them one after another while the others work through quick tests, and
only steals tests from the end of queues. Against a sandbox 150 ms away at ``-n 8`` that kept the
fuzz tests nearly serial.

So, on a worker (xdist's ``workerinput``), the long tests are dealt over the chunks xdist
is about to hand out, longest first to the least-loaded chunk (by the durations pytest-split
recorded in ``.test_durations``, equal weights without it), each chunk's long tests at its front;
the quick tests fill the rest in collection order. Every worker computes the same order from the
same inputs, as xdist requires. A serial run keeps the long tests first.

Sharding over CI jobs is pytest-split's (``--splits N --group K``, balanced by the same
``.test_durations``; ``make durations`` refreshes them).
"""

from __future__ import annotations

import json
from collections.abc import Generator
from pathlib import Path

import pytest

__all__ = ["first_chunks", "spread_long_tests"]

DURATIONS_FILE = ".test_durations"


def is_long(item: pytest.Item) -> bool:
    return item.get_closest_marker("long_running") is not None


def worker_count(config: pytest.Config) -> int:
    """How many xdist workers share the run, as xdist tells its workers; 1 outside a worker.

    Read from the worker's own ``workerinput``, not from the environment: a pytest started by a
    test that runs on a worker inherits ``PYTEST_XDIST_WORKER_COUNT`` without being one.
    """
    workerinput = getattr(config, "workerinput", None)
    return int(workerinput.get("workercount", 1)) if isinstance(workerinput, dict) else 1


def first_chunks(total: int, workers: int) -> list[int]:
    """The sizes of the chunks worksteal hands out first (``xdist/scheduler/worksteal.py``)."""
    sizes, remaining = [], total
    for k in range(workers):
        size = remaining // (workers - k)
        sizes.append(size)
        remaining -= size
    return sizes


def spread_long_tests(
    items: list[pytest.Item], workers: int, durations: dict[str, float]
) -> list[pytest.Item]:
    """``items`` reordered so that each of ``workers`` first chunks starts with its long tests."""
    long = [item for item in items if is_long(item)]
    quick = [item for item in items if not is_long(item)]
    if workers <= 1 or not long:
        return long + quick
    known = [durations[i.nodeid] for i in long if i.nodeid in durations]
    default = sum(known) / len(known) if known else 1.0

    def weight(item: pytest.Item) -> float:
        return durations.get(item.nodeid, default)

    sizes = first_chunks(len(items), workers)
    chunks: list[list[pytest.Item]] = [[] for _ in sizes]
    loads = [0.0] * len(sizes)
    for item in sorted(long, key=weight, reverse=True):  # stable: ties keep collection order
        room = [k for k in range(len(sizes)) if len(chunks[k]) < sizes[k]]
        k = min(room, key=lambda k: (loads[k], k))
        chunks[k].append(item)
        loads[k] += weight(item)
    rest = iter(quick)
    for k, chunk in enumerate(chunks):
        chunk.extend(next(rest) for _ in range(sizes[k] - len(chunk)))
    return [item for chunk in chunks for item in chunk]


def recorded_durations(root: Path) -> dict[str, float]:
    """pytest-split's recorded durations; none when the file is missing or unreadable (the
    order is only a schedule: a run without it is as correct, if less balanced)."""
    try:
        data = json.loads((root / DURATIONS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: float(v) for k, v in data.items() if isinstance(v, int | float)}


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> Generator[None, None, None]:
    """After every other plugin (``-k``, ``-m``, pytest-split's group): order what will run."""
    result = yield
    workers = worker_count(config)
    durations = recorded_durations(config.rootpath) if workers > 1 else {}
    items[:] = spread_long_tests(items, workers, durations)
    return result
