"""Where the project's inputs live: the contract files and the suites, as package data.

A wheel carries ``contracts/`` and ``suites/`` inside the package (``yuno_contracts/_bundle/``,
see ``[tool.hatch.build.targets.wheel.force-include]``), so an installed ``yuno-contracts`` runs
from any directory. In a checkout (an editable install) they are the checkout's own folders.
Only inputs are found here: every output goes where the command line or the working directory
says (``pytest_plugin.options``), never next to the installed source.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

__all__ = ["bundle_root", "contracts_dir", "suites_dir"]


@cache
def bundle_root() -> Path:
    """The folder holding ``contracts/`` and ``suites/``: the wheel's bundle or the checkout."""
    installed = Path(str(files("yuno_contracts"))) / "_bundle"
    if (installed / "contracts").is_dir():
        return installed
    # src/yuno_contracts/catalogue/resources.py → the checkout is three folders up
    return Path(__file__).resolve().parents[3]


def contracts_dir() -> Path:
    return bundle_root() / "contracts"


def suites_dir() -> Path:
    return bundle_root() / "suites"
