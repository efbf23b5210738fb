"""YAML in: the one reader of the project's YAML files (the contract, the catalogue, pages).

``safe_load`` is PyYAML's safe loader, through libyaml when PyYAML was built with it (about ten
times faster on the contract, which every process that fuzzes parses once), else the pure-Python
one. Both build the same plain data and raise ``yaml.YAMLError`` subclasses with the same marks.

    safe_load(Path("contracts/clauses.yaml").read_text())
"""

from __future__ import annotations

from typing import IO, Any

import yaml

__all__ = ["safe_load"]

_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(stream: str | bytes | IO[str] | IO[bytes]) -> Any:
    """``yaml.safe_load``, by libyaml where available."""
    return yaml.load(stream, Loader=_LOADER)
