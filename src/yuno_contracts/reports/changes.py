"""What changed since the previous run: the first section of the summary, the partner page,
the nightly job summary and the Allure environment.

The previous run's ``results.json`` / ``readings.json`` are kept in ``reports/history/`` beside
Allure's ``history.jsonl`` (and restored with it by the nightly workflow)::

    reports/history/last-results.json        the run reported last
    reports/history/previous-results.json    the run before it
    (and last-readings.json / previous-readings.json)

``rotate`` is called when a run's report is built: a new run moves last → previous and itself
→ last; the same run reported again (same ``started``) rotates nothing, so building a report
twice compares with the same previous run.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from yuno_contracts.core.errors import HarnessError
from yuno_contracts.core.files import atomic_write
from yuno_contracts.reports.tables import markdown_table
from yuno_contracts.reports.verdicts import BLOCKED, NOT_RUN, ClauseVerdict, verdict_table

__all__ = ["change_rows", "changes_between", "history_dir", "one_line", "render_markdown", "rotate"]

NOT_OBSERVED = "not observed"
KINDS = (
    "newly_failing",
    "newly_blocked",
    "newly_broken",
    "recovered",
    "no_longer_run",
    "newly_run",
)
TITLES = {
    "newly_failing": "newly failing",
    "newly_blocked": "newly blocked (a clause it stands on failed)",
    "newly_broken": "newly broken (could not judge)",
    "recovered": "recovered",
    "no_longer_run": "no longer run",
    "newly_run": "newly run",
}


def history_dir(reports_dir: Path) -> Path:
    return reports_dir / "history"


def _read(path: Path) -> Any:
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError):
        raise HarnessError(
            f"{path} is not readable JSON: delete it (the next run starts a new history)"
        ) from None


def rotate(reports_dir: Path) -> tuple[dict[str, Any] | None, dict[str, str] | None]:
    """Keep this run in the history; return the previous run's results and readings."""
    history = history_dir(reports_dir)
    results = _read(reports_dir / "results.json") or {}
    last = _read(history / "last-results.json")
    history.mkdir(parents=True, exist_ok=True)
    if last is not None and last.get("started") != results.get("started"):
        for name in ("results", "readings"):
            src = history / f"last-{name}.json"
            dst = history / f"previous-{name}.json"
            if src.exists():
                atomic_write(dst, src.read_text(encoding="utf-8"))
            else:
                dst.unlink(missing_ok=True)
    for name in ("results", "readings"):
        src = reports_dir / f"{name}.json"
        if src.exists():
            atomic_write(history / f"last-{name}.json", src.read_text(encoding="utf-8"))
        else:
            (history / f"last-{name}.json").unlink(missing_ok=True)
    return _read(history / "previous-results.json"), _read(history / "previous-readings.json")


def _kind(before: str, now: str) -> str | None:
    if now == before:
        return None
    if now == "failed":
        return "newly_failing"
    if now == BLOCKED:
        return "newly_blocked"
    if now == "broken":
        return "newly_broken"
    if now == "passed" and before in ("failed", BLOCKED, "broken"):
        return "recovered"
    if now == NOT_RUN and before != NOT_RUN:
        return "no_longer_run"
    if before == NOT_RUN and now != NOT_RUN:
        return "newly_run"
    return None


def changes_between(
    previous: Mapping[str, Any] | None,
    results: Mapping[str, Any],
    previous_readings: Mapping[str, str] | None,
    readings: Mapping[str, str],
    drift: Mapping[str, Any] | None = None,
    *,
    table: Mapping[str, ClauseVerdict] | None = None,
) -> dict[str, Any]:
    """Clauses per kind of change, readings that changed, and the drift's size (``table``:
    this run's verdict table, when the caller has built it already)."""
    if previous is None:
        return {"previous": None, **{k: [] for k in KINDS}, "readings": [], "drift": drift}
    before, now = verdict_table(previous), table or verdict_table(results)
    found: dict[str, list[dict[str, str]]] = {k: [] for k in KINDS}
    for cid, row in now.items():
        was = before[cid].verdict if cid in before else NOT_RUN
        kind = _kind(was, row.verdict)
        if kind:
            change = {"clause": cid, "before": was, "now": row.verdict}
            if row.blocked_by:
                change["by"] = ", ".join(row.blocked_by)
            found[kind].append(change)
    # A reading changed only when this run observed one: a probe that could not run (blocked,
    # broken) observed nothing, and "not observed" is no new reading.
    old_readings = previous_readings or {}
    changed = [
        {"ambiguity": aid, "before": old_readings.get(aid, NOT_OBSERVED), "now": reading}
        for aid, reading in sorted(readings.items())
        if old_readings.get(aid, NOT_OBSERVED) != reading
    ]
    return {
        "previous": {
            "started": previous.get("started"),
            "revision": previous.get("revision"),
            "target": previous.get("target", {}).get("description"),
        },
        **found,
        "readings": changed,
        "drift": drift,
    }


def _blocked_group(blocked: list[dict[str, str]]) -> str:
    """``68 clauses, by CREATE-200``: newly blocked clauses are one entry, not one each."""
    roots = sorted({root for c in blocked for root in c.get("by", "").split(", ") if root})
    noun = "clause" if len(blocked) == 1 else "clauses"
    return f"{len(blocked)} {noun}" + (f", by {', '.join(roots)}" if roots else "")


def change_rows(changes: Mapping[str, Any]) -> list[dict[str, str]]:
    """The rows of the changes table: one per clause, the newly blocked ones as one row."""
    rows = []
    for kind in KINDS:
        entries = changes.get(kind, [])
        if kind == "newly_blocked" and entries:
            befores = sorted({c["before"] for c in entries})
            before = befores[0] if len(befores) == 1 else ", ".join(befores)
            rows.append(
                {"title": TITLES[kind], "clause": _blocked_group(entries), "before": before,
                 "now": BLOCKED}
            )  # fmt: skip
            continue
        rows += [{"title": TITLES[kind], **c} for c in entries]
    return rows


def one_line(changes: Mapping[str, Any]) -> str:
    """The changes in one line (terminal summary, Allure environment)."""
    if changes["previous"] is None:
        return "no previous run to compare with (the first run of this history)"
    parts = []
    for kind in KINDS:
        entries = changes.get(kind, [])
        if kind == "newly_blocked" and entries:
            parts.append(f"newly blocked: {_blocked_group(entries)}")
        elif entries:
            parts.append(
                f"{TITLES[kind].split(' (')[0]}: {', '.join(c['clause'] for c in entries)}"
            )
    if changes["readings"]:
        parts.append("readings changed: " + ", ".join(r["ambiguity"] for r in changes["readings"]))
    drift = changes.get("drift")
    if drift and drift.get("changes"):
        parts.append(f"drift: {drift['changes']} changes")
    return "; ".join(parts) or "nothing changed since the previous run"


def render_markdown(changes: Mapping[str, Any]) -> list[str]:
    """The ``## Changes since the previous run`` section as lines."""
    lines = ["## Changes since the previous run", ""]
    previous = changes["previous"]
    if previous is None:
        return [*lines, "No previous run to compare with: this is the first of this history.", ""]
    revision = (previous.get("revision") or "unknown")[:12]
    lines += [f"Previous run: {previous['started']}, revision `{revision}`.", ""]
    rows = [(r["title"], r["clause"], r["before"], r["now"]) for r in change_rows(changes)]
    rows += [
        ("reading changed", r["ambiguity"], r["before"], r["now"]) for r in changes["readings"]
    ]
    if rows:
        lines += markdown_table(("change", "clause or ambiguity", "before", "now"), rows)
    else:
        lines.append(
            "Nothing changed: every clause has the verdict and every ambiguity the "
            "reading of the previous run."
        )
    drift = changes.get("drift")
    if drift is not None:
        lines += [
            "",
            f"Drift of the recorded answers: {drift.get('changes', 0)} changes "
            f"({drift.get('old')} → {drift.get('new')}, see drift.md).",
        ]
    return [*lines, ""]
