"""Have Yuno's documents changed since the catalogue quoted them? (``yuno-contracts sources``)

``pages`` models contracts/sources/pages.yaml and the copies it names, ``fetch`` reads the current
files (httpx), ``quotes`` decides whether a quote still appears, ``specs`` diffs the OpenAPI files'
schemas (deepdiff), ``touches`` finds what rests on a field from the catalogue's data, ``check``
maps both to the clauses, readings and fuzz views that rest on them and writes
reports/sources.md and .json, ``update`` records reviewed pages, ``command`` is the CLI.

``sources_headline`` is the line the morning summary and the partner page carry: the last check's
headline while it reports a change, and, once that check is older than ``STALE_AFTER`` (7 days),
a line saying how old it is instead (an old verdict is no news of today's pages)::

    sources_headline(Path("reports"), now=datetime.datetime(2026, 12, 15, tzinfo=datetime.UTC))
    # "Yuno's documents: last checked 9 days ago (it found a change then) — run `yuno-contracts sources check` (make sources)"
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

__all__ = ["STALE_AFTER", "iso_utc", "sources_headline"]

# a check older than this no longer speaks for today's pages (the nightly runs it every night)
STALE_AFTER = datetime.timedelta(days=7)


def iso_utc(moment: datetime.datetime) -> str:
    """``2026-12-06T20:00:00Z``: how sources.json records when the check ran."""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _checked_at(value: object) -> datetime.datetime | None:
    try:
        moment = datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def _age(delta: datetime.timedelta) -> str:
    hours = int(max(delta, datetime.timedelta()).total_seconds() // 3600)
    if hours < 1:
        return "less than an hour ago"
    if hours < 48:
        return f"{hours} h ago"
    return f"{hours // 24} days ago"


def sources_headline(
    reports_dir: Path = Path("reports"), now: datetime.datetime | None = None
) -> str | None:
    """The line for the morning outputs from reports/sources.json (None when no check ran):

    - a check within ``STALE_AFTER`` that found a change: its headline and its age;
    - a check within ``STALE_AFTER`` that found none: None (nothing to say);
    - an older check, or one that records no ``checked_at``: how old it is and the command to
      run, whatever it found (its verdict is kept in reports/sources.md, not repeated).
    """
    try:
        data = json.loads((Path(reports_dir) / "sources.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    now = now or datetime.datetime.now(datetime.UTC)
    now = now.astimezone(datetime.UTC)  # a naive clock is local time, as ``iso_utc`` reads it
    checked = _checked_at(data.get("checked_at"))
    found = " (it found a change then)" if data.get("changed") else ""
    if checked is None:
        return f"Yuno's documents: the last check has no date{found} — run `yuno-contracts sources check` (make sources)"
    if now - checked > STALE_AFTER:
        return f"Yuno's documents: last checked {_age(now - checked)}{found} — run `yuno-contracts sources check` (make sources)"
    if not data.get("changed"):
        return None
    return f"{data.get('headline')} (checked {_age(now - checked)})"
