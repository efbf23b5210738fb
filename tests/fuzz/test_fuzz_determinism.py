"""Fuzz generation does not depend on which local modules the process has loaded.

Hypothesis mines constants from every non-library module in sys.modules and sometimes draws them;
an xdist worker that ran other suites first would then generate other requests than the
recording did, and the replay would fail as stale. ``fuzz.generation.local_constants_off`` turns
that pool off while a fuzz test runs. Shown by what Hypothesis draws: the same derandomized test
draws local constants without it and none with it (which also fails when a Hypothesis release
renames the private hook).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.internal.conjecture import providers

from yuno_contracts.fuzz.generation import hypothesis_settings, local_constants_off

CANARIES = [f"canary-constant-{n:04d}-of-a-local-module" for n in range(400)]


@pytest.fixture
def local_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A local module full of long string constants, loaded like a suite module would be."""
    module = tmp_path / "module_full_of_constants.py"
    module.write_text(f"WORDS = {CANARIES!r}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.import_module("module_full_of_constants")
    yield
    sys.modules.pop("module_full_of_constants", None)


def drawn_local_constants() -> set[str]:
    """The strings a derandomized test draws that are constants of local modules."""
    drawn: set[str] = set()

    @settings(hypothesis_settings(1500))
    @given(st.text(min_size=8))
    def draw(value: str) -> None:
        drawn.add(value)

    draw()
    pool = {value for value in providers._get_local_constants().strings if len(value) >= 8}
    return drawn & pool


def test_hypothesis_draws_local_constants_by_default(local_module: None) -> None:
    """The control: without the provider, the same test draws constants of local modules."""
    assert drawn_local_constants(), (
        "Hypothesis drew no local constant: the test below shows nothing"
    )


def test_no_local_constant_is_drawn_while_the_provider_is_on(local_module: None) -> None:
    with local_constants_off():
        assert drawn_local_constants() == set()


def test_the_hook_is_back_after_the_fuzz_test() -> None:
    """Only the fuzz tests run without the pool: other Hypothesis tests of the process keep it."""
    hook = providers._get_local_constants
    with local_constants_off():
        assert providers._get_local_constants is not hook
    assert providers._get_local_constants is hook
