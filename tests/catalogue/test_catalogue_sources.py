"""contracts/sources/ holds exact copies of the shared seeds and DESIGN.md.

The copies let a clean clone check every quote of the catalogue; where the shared folder sits
beside the clone (a working session, not CI) they must still be byte-identical to it, so a changed
seed cannot go unnoticed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from yuno_contracts.catalogue.clauses import DESIGN_PATH, SEED_FILES, SEEDS_DIR, SHARED_DIR

COPIES = [(SHARED_DIR / "seeds" / name, SEEDS_DIR / name) for name in SEED_FILES]
COPIES.append((SHARED_DIR / "DESIGN.md", DESIGN_PATH))


@pytest.mark.parametrize(("shared", "copy"), COPIES, ids=[c.name for _, c in COPIES])
def test_the_copy_is_the_shared_document(shared: Path, copy: Path) -> None:
    assert copy.is_file(), f"{copy} is missing: cp {shared} {copy}"
    if not shared.is_file():
        pytest.skip(f"{shared} is not beside this clone: the copy cannot be compared (CI clone)")
    assert copy.read_bytes() == shared.read_bytes(), (
        f"{copy} differs from {shared}: cp {shared} {copy}"
    )
