"""``reports/summary.md`` and ``reports/summary.json``: the page a partner reads first.

One row per clause (passed / failed / broken / skipped / not run / untestable, with its test
ids), the reading each ambiguity was observed to follow (``reports/readings.json``), totals,
the target, the date and the revision. Built from ``reports/results.json`` alone, so it reads
the same without Allure::

    yuno-contracts summary [--reports-dir reports]
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from yuno_contracts.catalogue.clauses import load_ambiguities, load_clauses
from yuno_contracts.core.errors import HarnessError
from yuno_contracts.core.files import atomic_write

__all__ = ["build_summary", "render_markdown", "write_summary"]

ORDER = ("failed", "broken", "passed", "skipped", "not run", "untestable")


def _read(path: Path, what: str, fix: str) -> Any:
    if not path.exists():
        raise HarnessError(f"no {what} at {path}: {fix}")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise HarnessError(f"{path} is not readable JSON ({exc}): {fix}") from None


def _verdict(outcomes: list[str]) -> str:
    for outcome in ("failed", "broken", "passed"):
        if outcome in outcomes:
            return outcome
    return "skipped" if outcomes else "not run"


def build_summary(results: dict[str, Any], readings: dict[str, str]) -> dict[str, Any]:
    """The summary as data: clauses, readings, totals, run facts."""
    clauses = load_clauses()
    by_clause: dict[str, list[tuple[str, dict[str, Any]]]] = {cid: [] for cid in clauses}
    for nodeid, entry in results.get("tests", {}).items():
        for cid in entry.get("clauses", []):
            by_clause.setdefault(cid, []).append((nodeid, entry))
    rows = []
    for cid, clause in clauses.items():
        tests = by_clause.get(cid, [])
        status = "untestable" if clause.untestable else _verdict([e["outcome"] for _, e in tests])
        failing = [e["message"] for _, e in tests if e["outcome"] in ("failed", "broken")]
        rows.append(
            {
                "clause": cid,
                "endpoint": clause.endpoint,
                "severity": clause.severity,
                "status": status,
                "tests": [nodeid for nodeid, _ in tests],
                "failures": [m for m in failing if m][:3],
                "note": clause.untestable or "",
            }
        )
    ambiguities = load_ambiguities()
    observed = [
        {
            "ambiguity": aid,
            "title": amb.title,
            "reading": readings.get(aid, "not observed"),
            "readings": list(amb.reading_ids),
        }
        for aid, amb in ambiguities.items()
    ]
    totals = {status: sum(1 for r in rows if r["status"] == status) for status in ORDER}
    tests = results.get("tests", {}).values()
    test_totals = {o: sum(1 for t in tests if t["outcome"] == o) for o in ORDER[:4]}
    return {
        "target": results.get("target", {}),
        "started": results.get("started"),
        "finished": results.get("finished"),
        "revision": results.get("revision"),
        "totals": {"clauses": totals, "tests": test_totals},
        "clauses": rows,
        "readings": observed,
    }


def render_markdown(summary: dict[str, Any]) -> str:
    target = summary["target"]
    totals = summary["totals"]
    clause_totals = ", ".join(f"{n} {s}" for s, n in totals["clauses"].items() if n)
    test_totals = ", ".join(f"{n} {s}" for s, n in totals["tests"].items() if n)
    revision = (summary["revision"] or "unknown")[:12]
    lines = [
        "# Yuno Checkout Sessions: contract summary",
        "",
        f"- Target: {target.get('description', 'unknown')} ({target.get('kind', '?')})",
        f"- Run: {summary['started']} → {summary['finished']}, revision `{revision}`",
        f"- Clauses: {clause_totals}",
        f"- Tests: {test_totals}",
        "",
        "## Clauses",
        "",
        "| clause | endpoint | severity | result | tests | why it failed |",
        "|---|---|---|---|---|---|",
    ]
    rank = {status: i for i, status in enumerate(ORDER)}
    for row in sorted(summary["clauses"], key=lambda r: rank[r["status"]]):
        tests = row["tests"]
        shown = ", ".join(f"`{t.split('::', 1)[-1]}`" for t in tests[:3])
        if len(tests) > 3:
            shown += f" +{len(tests) - 3}"
        why = "; ".join(row["failures"]) or row["note"]
        why = why.replace("|", "\\|")
        lines.append(
            f"| {row['clause']} | `{row['endpoint']}` | {row['severity']} | **{row['status']}** "
            f"| {shown or '—'} | {why} |"
        )
    lines += [
        "",
        "## Where Yuno's documents disagree: the reading this target follows",
        "",
        "| ambiguity | observed reading | documented readings |",
        "|---|---|---|",
    ]
    for entry in summary["readings"]:
        lines.append(
            f"| {entry['ambiguity']}: {entry['title']} | **{entry['reading']}** "
            f"| {', '.join(entry['readings'])} |"
        )
    lines += [
        "",
        "A clause **failed** when a test observed the target break it (the message says "
        "expected vs observed); **broken** means the run could not judge it (target unavailable, "
        "stale cassette). The full report with every request and response is the Allure HTML.",
    ]
    return "\n".join(lines) + "\n"


def write_summary(reports_dir: Path) -> tuple[Path, Path]:
    results = _read(
        reports_dir / "results.json", "suite results", "run the suites first (`make run`)"
    )
    readings_path = reports_dir / "readings.json"
    readings = _read(readings_path, "readings", "run the probes") if readings_path.exists() else {}
    summary = build_summary(results, readings)
    md, js = reports_dir / "summary.md", reports_dir / "summary.json"
    atomic_write(md, render_markdown(summary))
    atomic_write(js, json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    return md, js
