"""Have Yuno's documents changed since the catalogue quoted them? (``yuno-contracts sources``)

``pages`` models contracts/sources/pages.yaml and the copies it names, ``fetch`` reads the current
files (httpx), ``quotes`` decides whether a quote still appears, ``specs`` diffs the OpenAPI files'
schemas (deepdiff), ``check`` maps both to the clauses, readings and fuzz views that rest on them
and writes reports/sources.md and .json, ``update`` records reviewed pages, ``command`` is the CLI.
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["sources_headline"]


def sources_headline(reports_dir: Path = Path("reports")) -> str | None:
    """The headline of reports/sources.json when the last check found a change, else None."""
    try:
        data = json.loads((Path(reports_dir) / "sources.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data.get("headline") if isinstance(data, dict) and data.get("changed") else None
