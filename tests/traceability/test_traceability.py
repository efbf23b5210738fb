"""Traceability logic on small fake catalogues and suites (the real check: test_suites_traced).

The clause markers are read by the plugin alone (``pytest_plugin.markers``): a collect-only child
writes them with ``--clause-map`` (``runs.child.collected_clauses``) and the trace takes the map
as data.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from yuno_contracts.catalogue.clauses import Citation, Clause
from yuno_contracts.core.errors import HarnessError
from yuno_contracts.reports.trace import coverage, matrix, render_json, render_markdown, trace
from yuno_contracts.runs.child import collected_clauses


def _clause(cid: str, untestable: str | None = None) -> Clause:
    return Clause(
        id=cid,
        endpoint="*",
        description="d",
        source=Citation(file="decisions.md", quote="q"),
        severity="normal",
        untestable=untestable,
    )


CATALOGUE = {c.id: c for c in (_clause("A-1"), _clause("B-2"), _clause("C-3", "too slow"))}


def test_coverage_finds_untested_unknown_and_unmarked() -> None:
    markers = {"t.py::ok": ["A-1"], "t.py::typo": ["A-1", "Z-9"], "t.py::bare": []}
    cov = coverage(markers, CATALOGUE)
    assert cov.untested == ["B-2"]
    assert cov.unknown == {"t.py::typo": ["Z-9"]}
    assert cov.unmarked == ["t.py::bare"]
    assert cov.tests_by_clause["A-1"] == ["t.py::ok", "t.py::typo"]
    assert not cov.ok
    problems = "\n".join(cov.problems())
    assert "clause B-2 has no test" in problems and "Z-9" in problems and "t.py::bare" in problems
    assert "C-3" not in problems  # untestable, with its reason, needs no test


def test_matrix_takes_the_last_result_per_test() -> None:
    cov = coverage({"t::a": ["A-1"], "t::b": ["A-1", "B-2"]}, CATALOGUE)
    results = {"tests": {"t::a": {"outcome": "passed"}, "t::b": {"outcome": "failed"}}}
    rows = {row["clause"]: row for row in matrix(cov, results)}
    assert rows["A-1"]["verdict"] == "failed"
    assert rows["A-1"]["tests"] == {"t::a": "passed", "t::b": "failed"}
    assert rows["C-3"]["verdict"] == "untestable"
    assert matrix(cov, {})[0]["verdict"] == "not run"
    assert "| A-1 | failed |" in render_markdown(matrix(cov, results), results)


def test_collection_reads_parametrized_ids_and_class_markers(tmp_path: Path) -> None:
    (tmp_path / "test_fake.py").write_text(
        textwrap.dedent(
            """
            import pytest

            @pytest.mark.clause("A-1")
            class TestThing:
                @pytest.mark.clause("B-2")
                @pytest.mark.parametrize("n", [1, 2], ids=["one", "two"])
                def test_it(self, n):
                    assert n

            def test_bare():
                assert True
            """
        )
    )
    markers = collected_clauses([str(tmp_path / "test_fake.py")], rootdir=tmp_path)
    by_name = {nodeid.split("::", 1)[1]: sorted(ids) for nodeid, ids in markers.items()}
    assert by_name == {
        "TestThing::test_it[one]": ["A-1", "B-2"],
        "TestThing::test_it[two]": ["A-1", "B-2"],
        "test_bare": [],
    }


def test_a_collection_error_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "test_broken.py").write_text("import no_such_module_here\n")
    with pytest.raises(HarnessError, match=r"collecting .* failed"):
        collected_clauses([str(tmp_path / "test_broken.py")], rootdir=tmp_path)


ORDERED = """
import pytest

@pytest.mark.clause("CREATE-200")
def test_first():
    pass

@pytest.mark.long_running
@pytest.mark.clause("RESPONSE-JSON", "CREATE-200", "RESPONSE-JSON")
def test_long():
    pass

@pytest.mark.clause("CREATE-CREATED-AT")
def test_not_selected():
    pass

@pytest.mark.clause("CREATE-SESSION-ID")
def test_last():
    pass
"""


def test_the_plugin_writes_the_clause_map_of_the_tests_it_kept(tmp_path: Path) -> None:
    """``--clause-map``: what ``--clause`` kept, in collection order (not the run order, which
    puts long tests first), each id once."""
    (tmp_path / "test_ordered.py").write_text(ORDERED)
    output = tmp_path / "out" / "map.json"
    command = [sys.executable, "-m", "pytest", "-p", "yuno_contracts.pytest_plugin"]
    command += ["-p", "no:cacheprovider", "--collect-only", "-q", "--target", "replay"]
    command += ["--clause-map", str(output), "--reports-dir", str(tmp_path / "reports")]
    done = subprocess.run(
        [*command, "test_ordered.py", "--clause", "CREATE-200", "--clause", "CREATE-SESSION-ID"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert list(json.loads(output.read_text()).items()) == [
        ("test_ordered.py::test_first", ["CREATE-200"]),
        ("test_ordered.py::test_long", ["RESPONSE-JSON", "CREATE-200"]),
        ("test_ordered.py::test_last", ["CREATE-SESSION-ID"]),
    ]
    run_order = [line for line in done.stdout.splitlines() if "::" in line]
    assert run_order[0] == "test_ordered.py::test_long"  # the map is not the run order


def test_the_trace_takes_the_map_as_data(tmp_path: Path) -> None:
    """No collection of its own: the map and the last results make the matrix."""
    results = tmp_path / "results.json"
    results.write_text(
        json.dumps({"tests": {"t::a": {"outcome": "passed", "clauses": ["CREATE-200"]}}}),
        encoding="utf-8",
    )
    cov, rows, loaded = trace({"t::a": ["CREATE-200"], "t::b": ["RESPONSE-JSON"]}, results)
    verdicts = {row["clause"]: row["verdict"] for row in rows}
    assert cov.tests_by_clause["RESPONSE-JSON"] == ["t::b"] and loaded["tests"]["t::a"]
    assert verdicts["CREATE-200"] == "passed" and verdicts["RESPONSE-JSON"] == "not run"
    assert json.loads(render_json(rows))[0]["tests"] == {"t::a": "passed"}
