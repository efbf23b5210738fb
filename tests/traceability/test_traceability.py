"""Traceability logic on small fake catalogues and suites (the real check: test_suites_traced)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from yuno_contracts.catalogue.clauses import Citation, Clause
from yuno_contracts.core.errors import HarnessError
from yuno_contracts.reports.trace import collect_markers, coverage, matrix, render_markdown


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
    markers = collect_markers([str(tmp_path / "test_fake.py")], rootdir=tmp_path)
    by_name = {nodeid.split("::", 1)[1]: sorted(ids) for nodeid, ids in markers.items()}
    assert by_name == {
        "TestThing::test_it[one]": ["A-1", "B-2"],
        "TestThing::test_it[two]": ["A-1", "B-2"],
        "test_bare": [],
    }


def test_a_collection_error_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "test_broken.py").write_text("import no_such_module_here\n")
    with pytest.raises(HarnessError, match=r"collecting .* failed"):
        collect_markers([str(tmp_path / "test_broken.py")], rootdir=tmp_path)
