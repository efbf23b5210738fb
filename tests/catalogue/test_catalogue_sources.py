"""contracts/sources/ holds exact copies of the shared seeds, and no internal design notes.

The copies let a clean clone check every quote of the catalogue; where the shared folder sits
beside the clone (a working session, not CI) they must still be byte-identical to it, so a changed
seed cannot go unnoticed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from yuno_contracts.catalogue.clauses import (
    DECISIONS_PATH,
    SEED_FILES,
    SEEDS_DIR,
    SHARED_DIR,
    SOURCES_DIR,
)

COPIES = [(SHARED_DIR / "seeds" / name, SEEDS_DIR / name) for name in SEED_FILES]


@pytest.mark.parametrize(("shared", "copy"), COPIES, ids=[c.name for _, c in COPIES])
def test_the_copy_is_the_shared_document(shared: Path, copy: Path) -> None:
    assert copy.is_file(), f"{copy} is missing: cp {shared} {copy}"
    if not shared.is_file():
        pytest.skip(f"{shared} is not beside this clone: the copy cannot be compared (CI clone)")
    assert copy.read_bytes() == shared.read_bytes(), (
        f"{copy} differs from {shared}: cp {shared} {copy}"
    )


def test_only_public_sources_ship() -> None:
    """sources/ holds the seeds, the record of public pages and the project's public decisions:
    an internal design note copied there would reach partners through the package."""
    shipped = {path.name for path in SOURCES_DIR.iterdir()}
    expected = {
        *SEED_FILES,
        "pages.yaml",
        DECISIONS_PATH.name,
        "README.md",
        "shipped-bodies.yaml",
        "copies",  # the docs files at the commits pages.yaml records (the sources check)
    }
    assert shipped == expected, f"unexpected files in {SOURCES_DIR}: {sorted(shipped - expected)}"
