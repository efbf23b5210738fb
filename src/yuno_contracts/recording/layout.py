"""Where a test's cassette lives, and the record modes: what a process that sends nothing needs.

    cassette_path_for("suites/smoke/test_create.py::TestCreate::test_200", Path("cassettes"))
    # cassettes/smoke/test_create/TestCreate.test_200.json
    shown_path(path)   # as messages show it: relative to the working directory when inside it

Light on purpose (no vcrpy, no httpx): the xdist controller, the reports and the options import
it; ``recording.cassettes`` (the recording and replaying) only where tests run.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

__all__ = ["CASSETTE_SUFFIX", "RECORD_MODES", "RERECORD_HINT", "cassette_path_for", "shown_path"]

RECORD_MODES = ("none", "once", "new_episodes", "all")
RERECORD_HINT = "make record TARGET=local"  # the command a cassette message names
CASSETTE_SUFFIX = ".json"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_NAME = 120


def cassette_path_for(nodeid: str, root: Path) -> Path:
    """The cassette of one test, mirrored on the suite path under ``root``.

    ``suites/update/test_partial.py::TestPartial::test_keeps[amount]`` →
    ``root/update/test_partial/TestPartial.test_keeps-amount.json``.
    """
    file_part, _, rest = nodeid.partition("::")
    module = Path(file_part).with_suffix("")
    parts = module.parts[1:] if module.parts and module.parts[0] == "suites" else module.parts
    name = _UNSAFE.sub("-", rest.replace("::", ".").replace("[", "-").replace("]", "")).strip("-.")
    if len(name) > _MAX_NAME:
        digest = hashlib.sha256(name.encode()).hexdigest()[:10]
        name = f"{name[: _MAX_NAME - 11]}-{digest}"
    return root.joinpath(*parts, (name or "test") + CASSETTE_SUFFIX)


def shown_path(path: Path) -> str:
    """A path as messages show it: relative to the working directory when inside it."""
    return os.path.relpath(path) if path.is_relative_to(Path.cwd()) else str(path)
