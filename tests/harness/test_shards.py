"""The nightly fuzz shards (pytest-split, ``--splits 4 --group K``) cover every test exactly once."""

from __future__ import annotations

import subprocess
import sys

import pytest

from yuno_contracts.catalogue.resources import bundle_root

ROOT = bundle_root()


def collected(*args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "suites/fuzz", "--collect-only", "-q", "-p", "no:xdist",
         "--target", "replay", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-1500:] + done.stderr[-1500:]
    return [line for line in done.stdout.splitlines() if "::" in line]


@pytest.mark.timeout(300)
def test_the_four_groups_partition_the_fuzz_suite() -> None:
    everything = collected()
    groups = [
        collected(
            "--splits",
            "4",
            "--group",
            str(k),
            "--durations-path",
            ".test_durations",
            "--splitting-algorithm",
            "least_duration",
        )
        for k in range(1, 5)
    ]
    flat = [nodeid for group in groups for nodeid in group]
    assert sorted(flat) == sorted(everything), "a test is in no group, or in two"
    assert all(groups), "a group is empty: the split does not spread the fuzz tests"
