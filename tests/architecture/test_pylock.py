"""``pylock.toml`` (PEP 751), which the partner install of the README installs from, says what
``uv.lock`` says: re-exported with ``make pylock``'s command, it is the same file (comments
aside: uv's header names the output path). Offline: ``uv export --frozen`` reads the lock only.
"""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

import pytest

from yuno_contracts.catalogue.resources import bundle_root

CHECKOUT = bundle_root()
PYLOCK = CHECKOUT / "pylock.toml"


def make_pylock_command() -> list[str]:
    """``make pylock``'s export command, read from the Makefile (so the two cannot differ)."""
    makefile = (CHECKOUT / "Makefile").read_text(encoding="utf-8")
    found = re.search(r"^pylock:.*\n\t@\$\(UV\) (export [^\n]*)$", makefile, re.MULTILINE)
    assert found, "the Makefile has no `pylock` target exporting with uv"
    return found.group(1).split()


def _body(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith("#")]


def test_pylock_is_exported_from_the_current_uv_lock(tmp_path: Path) -> None:
    uv = CHECKOUT / ".tools" / "bin" / "uv"
    if not uv.is_file():
        pytest.skip("uv is not installed (make setup installs it under .tools/)")
    command = make_pylock_command()
    out = command.index("-o") + 1
    command[out] = str(tmp_path / "pylock.toml")
    done = subprocess.run(
        [str(uv), *command], cwd=CHECKOUT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    fresh = (tmp_path / "pylock.toml").read_text(encoding="utf-8")
    assert _body(PYLOCK.read_text(encoding="utf-8")) == _body(fresh), (
        "pylock.toml is stale: run `make pylock` and commit it"
    )


def test_pylock_pins_the_locked_generators_and_not_the_project() -> None:
    """The versions fuzz generation depends on are the locked ones; the project itself is
    installed from its wheel (``--no-deps``), never from a path in the lock."""
    packages = {p["name"]: p for p in tomllib.loads(PYLOCK.read_text())["packages"]}
    lock = {p["name"]: p for p in tomllib.loads((CHECKOUT / "uv.lock").read_text())["package"]}
    for name in ("hypothesis", "schemathesis", "uvicorn"):
        assert packages[name]["version"] == lock[name]["version"], name
    assert "yuno-contracts" not in packages
    assert all("wheels" in p or "sdist" in p for p in packages.values())
