"""Clause-level selection and CI reports (issue 22, point 7): ``--clause``, ``--ambiguity`` and
``-k CLAUSE-ID`` select the tests of a clause, and JUnit XML carries each test's clause ids."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from yuno_contracts.catalogue.clauses import load_ambiguities
from yuno_contracts.catalogue.resources import bundle_root
from yuno_contracts.runs.child import collected_clauses

ROOT = bundle_root()
PYTEST = [sys.executable, "-m", "pytest", "-p", "no:xdist", "--target", "replay"]


def pytest_run(*args: str, cwd: Path = ROOT) -> tuple[int, str]:
    done = subprocess.run(
        [*PYTEST, *args], cwd=cwd, capture_output=True, text=True, timeout=300,
        env={**os.environ, "FUZZ_EXAMPLES": "8"},
    )  # fmt: skip
    return done.returncode, done.stdout + done.stderr


def collected(*args: str) -> set[str]:
    code, out = pytest_run("suites", "--co", "-q", *args)
    assert code == 0, out[-2000:]
    return {line for line in out.splitlines() if "::" in line}


@functools.cache
def by_marker() -> dict[str, list[str]]:
    """node id → clause ids, as the trace collects them (markers, not names)."""
    return {nodeid: list(clauses) for nodeid, clauses in collected_clauses(["suites"]).items()}


def test_clause_selects_exactly_the_tests_marked_with_it() -> None:
    markers = by_marker()
    expected = {nodeid for nodeid, ids in markers.items() if "CREATE-200" in ids}
    assert expected  # the smoke test and the create suite check it
    assert collected("--clause", "CREATE-200") == expected
    assert collected("-k", "CREATE-200") >= expected


def test_ambiguity_selects_the_tests_of_the_clauses_it_affects() -> None:
    clauses = set(load_ambiguities()["WORKFLOW-VALUES"].clauses)
    expected = {nodeid for nodeid, ids in by_marker().items() if clauses & set(ids)}
    assert expected and collected("--ambiguity", "WORKFLOW-VALUES") == expected


def test_an_unknown_clause_is_one_line_naming_the_nearest(tmp_path: Path) -> None:
    code, out = pytest_run("suites/smoke", "--clause", "CREAT-200", cwd=ROOT)
    lines = [line for line in out.splitlines() if line.strip()]
    assert code == 4 and len(lines) == 1, lines
    assert "--clause CREAT-200: no such clause (did you mean CREATE-200?)" in lines[0]


def test_junit_xml_carries_the_clause_ids_as_properties(tmp_path: Path) -> None:
    xml = tmp_path / "junit.xml"
    code, out = pytest_run(
        "suites/smoke", "--junitxml", str(xml), "--reports-dir", str(tmp_path / "reports")
    )
    assert code == 0, out[-2000:]
    smoke = {
        nodeid.rsplit("::", 1)[1]: ids
        for nodeid, ids in by_marker().items()
        if nodeid.startswith("suites/smoke/")
    }
    cases = list(ET.parse(xml).getroot().iter("testcase"))
    assert len(cases) == len(smoke) == 3
    for case in cases:
        props = [p.get("value") for p in case.iter("property") if p.get("name") == "clause"]
        assert props == smoke[case.get("name", "")], (case.get("name"), props)
