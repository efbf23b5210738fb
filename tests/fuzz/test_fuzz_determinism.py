"""Fuzz generation does not depend on which local modules the process has loaded.

Hypothesis mines constants from every non-library module in sys.modules and sometimes draws them;
an xdist worker that ran other suites first would then generate other requests than the
recording did, and the replay would fail as stale. yuno_contracts.fuzz.views turns that pool off.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import hypothesis.internal.conjecture.providers as providers
import pytest

import yuno_contracts.fuzz.views  # noqa: F401  (importing it turns the pool off)


def test_constants_of_newly_loaded_local_modules_are_never_drawn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = tmp_path / "module_full_of_constants.py"
    module.write_text('WORDS = ["canary-constant-7f3a", "another-canary-9b1c"]\nLIMIT = 987654\n')
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.import_module("module_full_of_constants")
    try:
        pool = providers._get_local_constants()
        assert len(pool) == 0, f"Hypothesis would draw local constants: {pool}"
    finally:
        sys.modules.pop("module_full_of_constants", None)
