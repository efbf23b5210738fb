"""A fast subset of `make readings`: the probes under every documented reading of the sandbox.

Each probe must pass whichever reading the sandbox follows and record exactly that reading in
readings.json; `make readings` runs every suite (fuzz included) the same way.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from yuno_contracts.catalogue.clauses import load_ambiguities
from yuno_contracts.cli import main
from yuno_contracts.runs.mutation import SuiteRun
from yuno_contracts.runs.readings_matrix import ReadingRun, every_reading
from yuno_contracts.sandbox.readings import AMBIGUITY_IDS, Readings


def test_every_setting_names_an_ambiguity_and_its_readings() -> None:
    """Each sandbox setting maps to a register entry whose reading ids include its values."""
    register = load_ambiguities()
    assert set(AMBIGUITY_IDS) == set(Readings.choices())
    for setting, values in Readings.choices().items():
        entry = register[AMBIGUITY_IDS[setting]]
        assert set(values) <= set(entry.reading_ids), (setting, values, entry.reading_ids)
    probed = {a.id for a in register.values() if a.probe}
    request_side = {a.id for a in register.values() if a.request_side}
    assert probed | request_side == set(AMBIGUITY_IDS.values()), (
        "a probed or request-side ambiguity has no sandbox setting"
    )


# 26 runs of every probe (23 settings and the two presets, issue 26): minutes on a loaded
# 2-core machine, far past the default 120 s.
@pytest.mark.timeout(900)
def test_the_probes_pass_and_record_each_reading(tmp_path: Path) -> None:
    code = main(["readings", "--suite", "suites/probes", "--reports-dir", str(tmp_path)])
    report = json.loads((tmp_path / "readings-matrix.json").read_text())
    verdicts = {f"{r['setting']}={r['reading']}": r["verdict"] for r in report["runs"]}
    expected = ["None=None"] + [f"{s}={r}" for s, r in every_reading()]
    assert list(verdicts) == expected
    assert set(verdicts.values()) == {"passed"}, (tmp_path / "readings-matrix.md").read_text()
    assert code == 0
    probed = {a.id for a in load_ambiguities().values() if a.probe}
    for run in report["runs"]:
        if run["setting"] == "preset":  # every probed ambiguity records the preset's reading
            assert {a: run["recorded"][a] for a in probed} == {
                a: run["expected"][a] for a in probed
            }
        elif run["setting"] and AMBIGUITY_IDS[run["setting"]] in probed:
            assert run["recorded"][AMBIGUITY_IDS[run["setting"]]] == run["reading"]
        assert set(run["required"]) == probed


def test_a_probe_that_records_another_reading_fails_the_row() -> None:
    run = ReadingRun(
        "workflow",
        "guide",
        SuiteRun(exit=0, counts={"passed": 11}),
        expected={"WORKFLOW-VALUES": "guide", "UNKNOWN-SESSION": "400"},
        required={"WORKFLOW-VALUES", "UNKNOWN-SESSION"},
        recorded={"WORKFLOW-VALUES": "openapi"},
    )
    assert run.verdict == "FAILED"
    assert run.mismatches == {
        "WORKFLOW-VALUES": "expected guide, recorded openapi",
        "UNKNOWN-SESSION": "expected 400, recorded nothing",
    }


def test_an_unknown_reading_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["readings", "--reading", "workflow=nope"]) == 2
    err = capsys.readouterr().err
    assert "workflow='nope' is not one of openapi, guide" in err
    assert len(err.strip().splitlines()) == 1


def test_a_fuzz_5xx_fails_the_row_even_when_every_test_passed() -> None:
    run = ReadingRun(
        None,
        None,
        SuiteRun(exit=0, counts={"passed": 5}, fuzz_statuses={"200": 40, "400": 9, "500": 1}),
    )
    assert (run.run.fuzz_requests, run.run.fuzz_server_errors) == (50, 1)
    assert run.verdict == "FAILED"
