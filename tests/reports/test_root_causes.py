"""Preconditions and root causes (issue 22, point 1): one broken behaviour is one root cause,
and the clauses that stand on it are blocked, in every output alike.

A run of part of the suites against the reference sandbox answering create with 201
(``--sandbox-fault create-201``) must name exactly one root cause, CREATE-200, count the rest
as blocked in the summary, its Markdown, the terminal summary, the partner page's first screen
and the Allure results, and record no probe reading it could not observe as a changed reading.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from yuno_contracts.catalogue.clauses import Clause, _precondition_problems, load_clauses
from yuno_contracts.catalogue.resources import bundle_root
from yuno_contracts.cli import main
from yuno_contracts.reports.preconditions import blocking_plan, stands_on
from yuno_contracts.reports.summary import build_summary, terminal_summary
from yuno_contracts.reports.verdicts import verdict_table

ROOT = bundle_root()
# the smoke suite, every probe, and an update file: a create, probes and an update that stand on it
PARTS = ["suites/smoke", "suites/probes", "suites/update/test_update_partial.py"]

pytestmark = pytest.mark.timeout(600)


@dataclass(frozen=True)
class Fake:
    requires: tuple[str, ...] = ()


FAKES = {"C": Fake(), "U": Fake(("C",)), "E": Fake(("U",)), "X": Fake(("C",)), "A": Fake()}


def entry(outcome: str, *clauses: str) -> dict[str, object]:
    return {"outcome": outcome, "clauses": list(clauses), "message": f"{outcome} message"}


def test_stands_on_is_transitive() -> None:
    closure = stands_on(FAKES)
    assert closure["E"] == {"U", "C"} and closure["C"] == frozenset()


def test_a_failed_precondition_blocks_what_stands_on_it() -> None:
    tests = {
        "t::c": entry("failed", "C"),
        "t::u": entry("failed", "U"),
        "t::e": entry("broken", "E"),
        "t::x": entry("passed", "X"),
        "t::a": entry("failed", "A"),
        "t::cu": entry("failed", "C", "U"),
    }
    plan = blocking_plan(tests, FAKES)
    assert plan.roots == ("A", "C")  # A stands on nothing: a second, independent root cause
    assert plan.blocked_tests == {"t::u": ("C",), "t::e": ("C",)}
    assert plan.outcome("t::cu", "failed") == "failed"  # it names the root cause itself
    assert plan.outcome("t::x", "passed") == "passed"
    assert plan.message("t::u", "U: expected 200") == "blocked by C: U: expected 200"


def test_without_a_failure_nothing_is_blocked() -> None:
    plan = blocking_plan({"t::u": entry("broken", "U"), "t::c": entry("passed", "C")}, FAKES)
    assert plan.roots == () and plan.blocked_tests == {}  # broken is not a failed precondition


def test_the_catalogue_declares_what_each_clause_stands_on() -> None:
    clauses = load_clauses()
    assert clauses["CREATE-200"].requires == ()
    assert clauses["UPDATE-200"].requires == ("CREATE-200", "CREATE-SESSION-ID")
    assert clauses["UPDATE-ECHO"].requires == ("UPDATE-200",)
    closure = stands_on(clauses)
    for cid, clause in clauses.items():
        if cid != "CREATE-200" and not clause.untestable:
            assert "CREATE-200" in closure[cid], f"{cid} stands on no successful create"


def test_a_loop_of_preconditions_is_refused() -> None:
    base = load_clauses()["CREATE-200"]
    loop = {
        "A": Clause("A", base.endpoint, "a", base.source, "normal", requires=("B",)),
        "B": Clause("B", base.endpoint, "b", base.source, "normal", requires=("A",)),
        "C": Clause("C", base.endpoint, "c", base.source, "normal", requires=("NOPE",)),
    }
    problems = _precondition_problems(loop)
    assert any("A stands on itself" in p for p in problems), problems
    assert any("C requires 'NOPE'" in p for p in problems), problems


def run_parts(reports: Path, *options: str) -> None:
    command = [
        sys.executable, "-m", "pytest", *PARTS, "--target", "local", "-n", "2", "-q",
        "--reports-dir", str(reports), "--alluredir", str(reports / "allure-results"),
        "--clean-alluredir", *options,
    ]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stdout[-2000:] + done.stderr[-2000:]
    assert main(["summary", "--reports-dir", str(reports)]) == 0


@pytest.fixture(scope="module")
def create_201(tmp_path_factory: pytest.TempPathFactory) -> Path:
    reports = tmp_path_factory.mktemp("create-201")
    run_parts(reports)  # a faithful run first: the previous run of the history
    run_parts(reports, "--sandbox-fault", "create-201")
    return reports


def test_create_201_names_one_root_cause_and_blocks_the_rest(create_201: Path) -> None:
    summary = json.loads((create_201 / "summary.json").read_text())
    results = json.loads((create_201 / "results.json").read_text())
    roots = [r["clause"] for r in summary["root_causes"]]
    assert roots == ["CREATE-200"]
    clauses = summary["totals"]["clauses"]
    blocked = clauses["blocked"]
    assert clauses["failed"] == 1 and blocked >= 10, clauses
    assert summary["headline"] == f"1 root cause: CREATE-200; {blocked} clauses blocked by it"
    table = verdict_table(results)
    assert [cid for cid, row in table.items() if row.verdict == "failed"] == ["CREATE-200"]
    assert all(row.blocked_by == ("CREATE-200",) for row in table.values()
               if row.verdict == "blocked")  # fmt: skip
    tests = summary["totals"]["tests"]
    assert tests["blocked"] > tests["failed"] > 0, tests
    # the changes: one row for the newly failing root cause, one for every newly blocked clause
    changes = summary["changes"]
    assert [c["clause"] for c in changes["newly_failing"]] == ["CREATE-200"]
    assert len(changes["newly_blocked"]) == blocked


def test_every_output_opens_with_the_root_cause(create_201: Path) -> None:
    summary = json.loads((create_201 / "summary.json").read_text())
    headline = summary["headline"]
    markdown = (create_201 / "summary.md").read_text().splitlines()
    assert markdown[2] == f"**{headline}**"
    terminal = terminal_summary(summary, create_201).splitlines()
    assert terminal[0] == headline and "1 failed" in terminal[1]
    assert f"{summary['totals']['clauses']['blocked']} blocked" in terminal[1]
    assert not any(line.startswith("failing:") for line in terminal)
    html = (create_201 / "partner.html").read_text()
    first_screen = html[html.index("<body>") : html.index('id="changes"')]
    assert headline in first_screen and "root cause <code>CREATE-200</code>" in first_screen
    assert "newly blocked (a clause it stands on failed)" in html
    assert html.count("<td>newly blocked") == 1  # one row, however many clauses


def test_allure_counts_agree_with_the_summary(create_201: Path) -> None:
    summary = json.loads((create_201 / "summary.json").read_text())
    statuses: dict[str, int] = {}
    blocked = 0
    for path in (create_201 / "allure-results").glob("*-result.json"):
        result = json.loads(path.read_text())
        statuses[result["status"]] = statuses.get(result["status"], 0) + 1
        message = result.get("statusDetails", {}).get("message") or ""
        blocked += result["status"] == "skipped" and message.startswith("blocked by CREATE-200")
    tests = summary["totals"]["tests"]
    assert statuses.get("failed", 0) == tests["failed"]
    assert statuses.get("broken", 0) == tests["broken"]
    assert statuses.get("passed", 0) == tests["passed"]
    assert blocked == tests["blocked"]
    categories = json.loads((create_201 / "allure-results" / "categories.json").read_text())
    assert categories[0]["name"] == "Blocked by a failed precondition"
    assert re.match(categories[0]["messageRegex"], "blocked by CREATE-200: CREATE-200: expected")


def test_a_probe_that_could_not_run_observed_nothing(create_201: Path) -> None:
    summary = json.loads((create_201 / "summary.json").read_text())
    assert summary["changes"]["readings"] == [], summary["changes"]["readings"]
    not_observed = [r for r in summary["readings"] if r["reading"] == "not observed"]
    assert not_observed  # the probes stood on a create that answered 201


def test_a_faithful_run_has_no_root_cause(tmp_path: Path) -> None:
    results = {"tests": {"suites/smoke/x.py::t": entry("passed", "CREATE-200")}}
    summary = build_summary(results, {})
    assert summary["root_causes"] == [] and summary["headline"].startswith("0 root causes")


def test_a_root_only_one_test_saw_is_that_tests_failure_not_its_block() -> None:
    """The PATCH of a smoke-only run answers 500: the one test (marked UPDATE-PARTIAL) saw
    UPDATE-200 broken. UPDATE-200 is the root cause with that test's message, the test counts
    as failed, and UPDATE-PARTIAL (which stands on UPDATE-200) is blocked."""
    patch_test = {
        **entry("failed", "UPDATE-PARTIAL"),
        "violated": ["UPDATE-200"],
        "message": "UPDATE-200: expected status 200; observed 500",
    }
    results = {
        "tests": {
            "suites/smoke/x.py::create": entry("passed", "CREATE-200"),
            "suites/smoke/x.py::patch": patch_test,
        }
    }
    summary = build_summary(results, {})
    (root,) = summary["root_causes"]
    assert root["clause"] == "UPDATE-200" and root["failures"], root
    assert summary["totals"]["tests"]["failed"] == 1, summary["totals"]
    status = {row["clause"]: row["status"] for row in summary["clauses"]}
    assert status["UPDATE-200"] == "failed" and status["UPDATE-PARTIAL"] == "blocked"


def test_a_test_that_saw_a_root_another_test_owns_is_blocked() -> None:
    """Create answers 201: the create test fails CREATE-200 itself; the PATCH test, whose create
    failed the same way, is blocked by it."""
    results = {
        "tests": {
            "suites/smoke/x.py::create": {**entry("failed", "CREATE-200"), "violated": ["CREATE-200"]},
            "suites/smoke/x.py::patch": {**entry("failed", "UPDATE-PARTIAL"), "violated": ["CREATE-200"]},
        }
    }  # fmt: skip
    plan = blocking_plan(results["tests"], load_clauses())
    assert plan.roots == ("CREATE-200",)
    assert plan.outcome("suites/smoke/x.py::patch", "failed") == "blocked"
    assert plan.outcome("suites/smoke/x.py::create", "failed") == "failed"


@pytest.mark.parametrize(
    ("step_clause", "own_clause"),
    [
        ("CREATE-SESSION-ID", "UPDATE-ECHO"),  # steps.session_id: the created session's id
        ("PAYMENT-SESSION-TOKEN", "PAYMENT-ONE-PER-SESSION"),  # steps.one_time_token
    ],
)
def test_a_step_clause_blocks_the_tests_that_stand_on_it(step_clause: str, own_clause: str) -> None:
    """The clauses the harness steps judge under are preconditions in the catalogue: a test
    whose step broke one is blocked by it when another test owns it."""
    results = {
        "step": {**entry("failed", step_clause), "violated": [step_clause]},
        "user": {**entry("failed", own_clause), "violated": [step_clause]},
    }
    plan = blocking_plan(results, load_clauses())
    assert plan.roots == (step_clause,)
    assert plan.outcome("user", "failed") == "blocked"
