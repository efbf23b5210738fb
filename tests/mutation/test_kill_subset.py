"""A fast subset of `make mutation`: a few fault switches, each killed; the faithful run passes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from yuno_contracts.cli import main
from yuno_contracts.runs.mutation import run_mutation

# Each switch breaks a different kind of clause: a status code, a renamed field, a partial
# update that resets fields, an error code, a used flag that never flips, a second payment
# accepted (with a new token, and at the payments endpoint only). The two suites below (the
# fastest) kill all of them; `make mutation` runs them all.
SUITES = ["suites/smoke", "suites/used"]
SUBSET = [
    "create-201",
    "create-renamed-id",
    "update-resets-unsent",
    "auth-401-code",
    "used-never-flips",
    "second-payment-accepted",
    "second-payment-accepted-at-payments",
]
# The second-payment switches and the test that must kill each: the token endpoint refuses a
# paid session a new token under the second switch, so only the attempt that reuses the first
# payment's spent token reaches the payments endpoint's rule.
KILLERS = {
    "second-payment-accepted": "test_second_payment_with_a_new_key_is_refused",
    "second-payment-accepted-at-payments": (
        "test_second_payment_with_the_first_payments_token_is_refused"
    ),
}


def test_every_switch_of_the_subset_is_killed_and_the_faithful_run_passes(tmp_path: Path) -> None:
    code = main(
        ["mutation", "--reports-dir", str(tmp_path)]
        + [arg for suite in SUITES for arg in ("--suite", suite)]
        + [arg for fault in SUBSET for arg in ("--fault", fault)]
    )
    report = json.loads((tmp_path / "mutation.json").read_text())
    verdicts = {run["fault"]: run["verdict"] for run in report["runs"]}
    assert verdicts == {None: "passed", **dict.fromkeys(SUBSET, "killed")}, verdicts
    failed = {
        run["fault"]: [n.rsplit("::", 1)[-1] for n in run["failed"]] for run in report["runs"]
    }
    for fault, test in KILLERS.items():
        assert test in failed[fault], (fault, failed[fault])
    assert code == 0
    assert (
        f"Killed {len(SUBSET)} of {len(SUBSET)} switches" in (tmp_path / "mutation.md").read_text()
    )


def test_an_unknown_fault_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mutation", "--fault", "no-such-fault"]) == 2
    err = capsys.readouterr().err
    assert "unknown fault switch no-such-fault" in err and len(err.strip().splitlines()) == 1


def test_a_surviving_switch_is_reported() -> None:
    # The smoke suite has no payment test, so a second payment accepted goes unnoticed there.
    runs = run_mutation(["second-payment-accepted"], ["suites/smoke"])
    assert [run.verdict for run in runs] == ["passed", "SURVIVED"]
