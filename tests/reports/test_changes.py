"""Changes since the previous run, from three real runs of the smoke suite against the reference
sandbox: faithful, then with a fault switch on, then faithful again."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from yuno_contracts.catalogue.resources import bundle_root
from yuno_contracts.cli import main
from yuno_contracts.reports.changes import changes_between

REPO_ROOT = bundle_root()
FAULT = "create-201"

pytestmark = pytest.mark.timeout(180)


def run_and_report(reports: Path, *faults: str) -> dict[str, Any]:
    command = [
        sys.executable, "-m", "pytest", "suites/smoke", "--target", "local", "-p", "no:xdist",
        "--reports-dir", str(reports), "--alluredir", str(reports / "allure-results"), "-q",
        *(arg for fault in faults for arg in ("--sandbox-fault", fault)),
    ]  # fmt: skip
    done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True)
    assert done.returncode == (1 if faults else 0), done.stdout[-2000:]
    assert main(["summary", "--reports-dir", str(reports)]) == 0
    return json.loads((reports / "summary.json").read_text())


def changed(summary: dict[str, Any], kind: str) -> set[str]:
    return {c["clause"] for c in summary["changes"][kind]}


@pytest.fixture(scope="module")
def three_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    reports = tmp_path_factory.mktemp("changes")
    runs = [run_and_report(reports)]
    runs.append(run_and_report(reports, FAULT))
    broken_by_fault = json.loads((reports / "results.json").read_text())
    environment = (reports / "allure-results" / "environment.properties").read_text()
    broken_by_fault["allure_environment"] = environment
    runs.append(run_and_report(reports))
    return reports, [*runs, broken_by_fault]


def test_the_first_run_has_nothing_to_compare_with(three_runs) -> None:
    _, (first, *_rest) = three_runs
    assert first["changes"]["previous"] is None


def test_the_faulty_run_names_the_root_cause_newly_failing_and_the_rest_newly_blocked(
    three_runs,
) -> None:
    _, (first, faulty, _third, results) = three_runs
    failing_tests = [e for e in results["tests"].values() if e["outcome"] == "failed"]
    broken = {cid for e in failing_tests for cid in e["clauses"]}
    assert "CREATE-200" in broken  # create-201 answers 201 where 200 is documented
    assert len(broken) > 1  # and the clauses standing on a successful create fail with it
    assert changed(faulty, "newly_failing") == {"CREATE-200"}
    assert changed(faulty, "newly_blocked") == broken - {"CREATE-200"}
    assert changed(faulty, "recovered") == set()
    assert faulty["changes"]["previous"]["started"] == first["started"]
    # the Allure report's environment shows the same, in one line
    blocked = len(broken) - 1
    noun = "clause" if blocked == 1 else "clauses"
    line = (
        "changes.since.previous=newly failing: CREATE-200; "
        f"newly blocked: {blocked} {noun}, by CREATE-200\n"
    )
    assert line in results["allure_environment"]


def test_the_third_faithful_run_names_them_as_recovered(three_runs) -> None:
    _, (_first, faulty, third, _results) = three_runs
    assert changed(third, "recovered") == changed(faulty, "newly_failing") | changed(
        faulty, "newly_blocked"
    )
    assert changed(third, "newly_failing") == set()


def test_the_changes_are_the_first_section_of_summary_md(three_runs) -> None:
    reports, _ = three_runs
    markdown = (reports / "summary.md").read_text()
    sections = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert sections[0] == "## Changes since the previous run"
    assert "| recovered | CREATE-200 | failed | passed |" in markdown


def test_reporting_the_same_run_again_compares_with_the_same_previous_run(three_runs) -> None:
    reports, (_first, _faulty, third, _results) = three_runs
    assert main(["summary", "--reports-dir", str(reports)]) == 0
    again = json.loads((reports / "summary.json").read_text())
    assert again["changes"] == third["changes"]


def test_readings_and_no_longer_run_clauses_are_named() -> None:
    before = {"started": "a", "tests": {"t::x": {"outcome": "passed", "clauses": ["CREATE-200"]}}}
    now = {"started": "b", "tests": {}}
    changes = changes_between(before, now, {"AMB-1": "guide"}, {"AMB-1": "reference"})
    assert [c["clause"] for c in changes["no_longer_run"]] == ["CREATE-200"]
    assert changes["readings"] == [{"ambiguity": "AMB-1", "before": "guide", "now": "reference"}]


def test_the_terminal_summary_says_it_in_five_lines(three_runs, capsys) -> None:
    reports, _ = three_runs
    assert main(["summary", "--reports-dir", str(reports), "--terminal"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) <= 6
    assert lines[0] == "0 root causes: no clause failed"
    assert lines[1].startswith("clauses: 4 held, 0 failed, 0 blocked, 0 broken")
    assert "since the previous run: recovered: CREATE-200" in "\n".join(lines)
    assert lines[-1].startswith(f"reports: {reports / 'summary.md'}")
