"""Fixtures of the catalogue tests: the two YAML files as raw data, and the source texts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from yuno_contracts.catalogue.clauses import (
    AMBIGUITIES_PATH,
    CLAUSES_PATH,
    DECISIONS_PATH,
    SEED_FILES,
    SEEDS_DIR,
)


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def raw_clauses() -> Any:
    """contracts/clauses.yaml as plain data, before any validation."""
    return _yaml(CLAUSES_PATH)


@pytest.fixture(scope="session")
def raw_ambiguities() -> Any:
    """contracts/ambiguities.yaml as plain data, before any validation."""
    return _yaml(AMBIGUITIES_PATH)


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """The three seed documents by file name (contracts/sources/)."""
    return {name: (SEEDS_DIR / name).read_text(encoding="utf-8") for name in SEED_FILES}


@pytest.fixture(scope="session")
def decisions_text() -> str:
    """decisions.md (contracts/sources/), the project's own decisions."""
    return DECISIONS_PATH.read_text(encoding="utf-8")
