"""``reports/summary.md`` and ``reports/summary.json``: the page a partner reads first.

First what changed since the previous run (``reports.changes``), then one row per clause
(passed / failed / broken / skipped / not run / untestable, with its test ids), the reading each
ambiguity was observed to follow (``reports/readings.json``), totals, the target, the date and
the revision. Built from ``reports/results.json`` alone, so it reads the same without Allure;
building it also writes ``reports/partner.html`` and keeps this run in ``reports/history/``::

    yuno-contracts summary [--reports-dir reports]
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from yuno_contracts.catalogue.clauses import load_ambiguities, load_clauses
from yuno_contracts.catalogue.fields import field_line
from yuno_contracts.core.errors import HarnessError
from yuno_contracts.core.files import atomic_write
from yuno_contracts.reports import changes as run_changes
from yuno_contracts.reports.allure_blocked import mark_blocked
from yuno_contracts.reports.partner import ALLURE_REPORT, write_partner_page
from yuno_contracts.reports.tables import markdown_table
from yuno_contracts.reports.verdicts import (
    BLOCKED,
    NO_TEST,
    ORDER,
    ClauseVerdict,
    run_plan,
    verdict_table,
    worst_first,
)
from yuno_contracts.sources import sources_headline

__all__ = ["build_summary", "headline", "render_markdown", "terminal_summary", "write_summary"]

# a summary row is never "no test": every catalogue clause is listed
SUMMARY_ORDER = tuple(status for status in ORDER if status != NO_TEST)
TEST_ORDER = ("failed", BLOCKED, "broken", "passed", "skipped")


def _read(path: Path, what: str, fix: str) -> Any:
    if not path.exists():
        raise HarnessError(f"no {what} at {path}: {fix}")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise HarnessError(f"{path} is not readable JSON ({exc}): {fix}") from None


def build_summary(
    results: dict[str, Any],
    readings: dict[str, str],
    changes: dict[str, Any] | None = None,
    table: dict[str, ClauseVerdict] | None = None,
) -> dict[str, Any]:
    """The summary as data: changes, clauses, readings, totals, run facts (``table``: the run's
    verdict table, built here when not given)."""
    clauses = load_clauses()
    table = table or verdict_table(results)
    plan = run_plan(results)
    rows = []
    for cid, clause in clauses.items():
        row = table[cid]
        rows.append(
            {
                "clause": cid,
                "endpoint": clause.endpoint,
                "severity": clause.severity,
                "status": row.verdict,
                "tests": list(row.tests),
                "failures": list(row.failures[:3]),
                "blocked_by": list(row.blocked_by),
                "note": clause.untestable or "",
                "description": clause.description,
                "quote": clause.quote,
                # what the page shows: the field line when the quote is a schema fragment
                "field_line": field_line(clause.field) if clause.field else "",
                "source": clause.source.file,
                "source_title": clause.source.title,
                "page": clause.source.page,
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
    totals = {status: sum(1 for r in rows if r["status"] == status) for status in SUMMARY_ORDER}
    tests = results.get("tests", {})
    outcomes = [plan.outcome(nodeid, entry["outcome"]) for nodeid, entry in tests.items()]
    test_totals = {o: outcomes.count(o) for o in TEST_ORDER}
    root_causes = [
        {
            "clause": cid,
            "blocked": sorted(c for c, by in plan.blocked_by.items() if cid in by
                              and table[c].verdict == BLOCKED),
            "failures": list(table[cid].failures[:1]),
        }
        for cid in plan.roots
        if cid in table
    ]  # fmt: skip
    summary = {
        "root_causes": root_causes,
        "changes": changes or run_changes.changes_between(None, results, None, readings),
        "target": results.get("target", {}),
        "started": results.get("started"),
        "finished": results.get("finished"),
        "revision": results.get("revision"),
        "totals": {"clauses": totals, "tests": test_totals},
        "clauses": rows,
        "readings": observed,
    }
    return {"headline": headline(summary), **summary}


def headline(summary: dict[str, Any]) -> str:
    """The first thing every output says: the root causes and how many clauses they block."""
    roots = summary.get("root_causes", [])
    totals = summary["totals"]["clauses"]
    if not roots:
        broken = totals.get("broken", 0)
        tail = f"; {broken} could not be judged (target unavailable)" if broken else ""
        return f"0 root causes: no clause failed{tail}"
    noun = "root cause" if len(roots) == 1 else "root causes"
    blocked = totals.get(BLOCKED, 0)
    names = ", ".join(r["clause"] for r in roots)
    return f"{len(roots)} {noun}: {names}; {blocked} clauses blocked by {'it' if len(roots) == 1 else 'them'}"


def render_markdown(summary: dict[str, Any]) -> str:
    target = summary["target"]
    totals = summary["totals"]
    clause_totals = ", ".join(f"{n} {s}" for s, n in totals["clauses"].items() if n)
    test_totals = ", ".join(f"{n} {s}" for s, n in totals["tests"].items() if n)
    revision = (summary["revision"] or "unknown")[:12]
    lines = [
        "# Yuno Checkout Sessions: contract summary",
        "",
        f"**{summary['headline']}**",
        "",
    ]
    if summary.get("sources"):
        lines += [f"**{summary['sources']}** (`reports/sources.md`)", ""]
    for root in summary.get("root_causes", []):
        why = f": {root['failures'][0]}" if root["failures"] else ""
        lines.append(f"- root cause **{root['clause']}**{why}")
    if summary.get("root_causes"):
        lines.append("")
    lines += [
        f"- Target: {target.get('description', 'unknown')} ({target.get('kind', '?')})",
        f"- Run: {summary['started']} → {summary['finished']}, revision `{revision}`",
        f"- Clauses: {clause_totals}",
        f"- Tests: {test_totals}",
        "",
        *run_changes.render_markdown(summary["changes"]),
        "## Clauses",
        "",
    ]
    rows = []
    for row in worst_first(summary["clauses"]):
        tests = row["tests"]
        shown = ", ".join(f"`{t.split('::', 1)[-1]}`" for t in tests[:3])
        if len(tests) > 3:
            shown += f" +{len(tests) - 3}"
        why = (
            f"blocked by {', '.join(row['blocked_by'])}"
            if row.get("blocked_by")
            else "; ".join(row["failures"]) or row["note"]
        )
        status = f"**{row['status']}**"
        rows.append((row["clause"], f"`{row['endpoint']}`", row["severity"], status, shown, why))
    headers = ("clause", "endpoint", "severity", "result", "tests", "why it failed")
    lines += markdown_table(headers, rows)
    lines += ["", "## Where Yuno's documents disagree: the reading this target follows", ""]
    lines += markdown_table(
        ("ambiguity", "observed reading", "documented readings"),
        (
            (f"{e['ambiguity']}: {e['title']}", f"**{e['reading']}**", ", ".join(e["readings"]))
            for e in summary["readings"]
        ),
    )
    lines += [
        "",
        "A clause **failed** when a test observed the target break it (the message says "
        "expected vs observed): a root cause; **blocked** means a clause it stands on failed "
        "(`requires` in contracts/clauses.yaml), so its tests could not judge it; **broken** "
        "means the run could not judge it (target unavailable, stale cassette). The full report "
        "with every request and response is the Allure HTML.",
    ]
    return "\n".join(lines) + "\n"


def terminal_summary(summary: dict[str, Any], reports_dir: Path) -> str:
    """What a person reads in five seconds at the end of ``make run`` / ``make live``."""
    clauses = summary["totals"]["clauses"]
    observed = [r for r in summary["readings"] if r["reading"] != "not observed"]
    readings = ", ".join(f"{r['ambiguity']}={r['reading']}" for r in observed) or "none"
    broken = [r["clause"] for r in summary["clauses"] if r["status"] == "broken"]
    written = [reports_dir / n for n in ("summary.md", "partner.html", ALLURE_REPORT)]
    lines = [
        summary["headline"],
        *([f"sources: {summary['sources']}"] if summary.get("sources") else []),
        f"clauses: {clauses['passed']} held, {clauses['failed']} failed, "
        f"{clauses[BLOCKED]} blocked, {clauses['broken']} broken, {clauses['skipped']} skipped, "
        f"{clauses['not run']} not run ({summary['target'].get('description', '?')})",
    ]
    if broken:
        lines.append("broken: " + ", ".join(broken[:8]) + (" …" if len(broken) > 8 else ""))
    lines += [
        f"readings observed: {readings}",
        f"since the previous run: {run_changes.one_line(summary['changes'])}",
        "reports: " + ", ".join(str(p) for p in written if p.exists()),
    ]
    return "\n".join(lines) + "\n"


def _allure_environment(allure_results: Path, changes: dict[str, Any]) -> None:
    """Add the changes to the run's Allure environment (shown on the report's overview)."""
    path = allure_results / "environment.properties"
    if not path.exists():
        return
    kept = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.startswith("changes.since.previous=")
    ]
    line = run_changes.one_line(changes).replace("\n", " ")
    atomic_write(path, "\n".join([*kept, f"changes.since.previous={line}"]) + "\n")


def write_summary(
    reports_dir: Path, *, rotate: bool = True, now: datetime.datetime | None = None
) -> dict[str, Any]:
    """Write summary.md, summary.json and partner.html; keep this run in the history (``now``:
    the clock the sources line's age is measured by, the machine's unless a test gives one)."""
    results_path = reports_dir / "results.json"
    results = _read(results_path, "suite results", "run the suites first (`make run`)")
    readings_path = reports_dir / "readings.json"
    readings = _read(readings_path, "readings", "run the probes") if readings_path.exists() else {}
    drift_path = reports_dir / "drift.json"
    drift = None
    # a drift of this run only: a drift.json older than the results belongs to another run
    if drift_path.exists() and drift_path.stat().st_mtime >= results_path.stat().st_mtime:
        drift = _read(drift_path, "drift", "run `make drift` again")
    if rotate:
        previous, previous_readings = run_changes.rotate(reports_dir)
    else:
        previous = previous_readings = None
    table = verdict_table(results)  # the one verdict table of this run, for every output
    changes = run_changes.changes_between(
        previous, results, previous_readings, readings, drift, table=table
    )
    summary = build_summary(results, readings, changes, table)
    # `yuno-contracts sources check` found Yuno's pages changed since the clauses were written,
    # or its last check is too old to go by
    summary["sources"] = sources_headline(reports_dir, now)
    atomic_write(reports_dir / "summary.md", render_markdown(summary))
    atomic_write(
        reports_dir / "summary.json", json.dumps(summary, indent=2, ensure_ascii=False) + "\n"
    )
    write_partner_page(summary, reports_dir / "partner.html")
    _allure_environment(reports_dir / "allure-results", changes)
    mark_blocked(reports_dir / "allure-results", run_plan(results))
    return summary
