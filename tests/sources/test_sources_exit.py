"""Exit code and headline agree: a schema change a reading or a fuzz view rests on is exit 1 and
the headline names what it touches; a change nothing rests on is listed, exit 0, and the
headline says the quotes hold."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from yuno_contracts.sources.command import run_sources

UPDATE = "openapi/checkout-sessions/update-checkout-session.json"
RETRIEVE = "openapi/checkout-sessions/retrieve-checkout-session.json"


def _edit(current: Path, file: str, edit: Callable[[dict[str, Any]], None]) -> None:
    data = json.loads((current / file).read_text(encoding="utf-8"))
    edit(data)
    (current / file).write_text(json.dumps(data, indent=2), encoding="utf-8")


def _run(
    served: tuple[str, Path], reports: Path, *edits: tuple[str, Callable[[dict[str, Any]], None]]
) -> tuple[int, dict[str, Any]]:
    """Today's files with ``edits`` (file, edit); the check's exit code and sources.json."""
    base_url, current = served
    for file, edit in edits:
        _edit(current, file, edit)
    code = run_sources(base_url=base_url, reports_dir=reports)
    return code, json.loads((reports / "sources.json").read_text(encoding="utf-8"))


def _update_workflow(data: dict[str, Any]) -> None:
    operation = data["paths"]["/checkout/sessions/{checkout_session}"]["patch"]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    schema["properties"]["workflow"]["enum"].append("PAYMENT_LINK")


def _retrieve_note(data: dict[str, Any]) -> None:
    (item,) = data["paths"].values()
    schema = item["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    schema["properties"]["merchant_order_id"]["format"] = "token"


def test_a_change_only_readings_and_views_rest_on_is_exit_1_and_named(
    served: tuple[str, Path], tmp_path: Path
) -> None:
    code, report = _run(served, tmp_path / "r", (UPDATE, _update_workflow))
    (change,) = report["spec_changes"]
    assert change["clauses"] == [] and change["readings"] and change["fuzz_views"], change
    assert code == 1 and report["changed"] is True and report["exit_code"] == 1
    assert report["headline"] == (
        "Yuno's documents changed since they were read: update spec: `workflow` enum value "
        "added (readings WORKFLOW-VALUES/openapi, WORKFLOW-VALUES/guide; fuzz views update)"
    )


def test_a_change_nothing_rests_on_is_listed_and_exit_0(
    served: tuple[str, Path], tmp_path: Path
) -> None:
    code, report = _run(served, tmp_path / "r", (RETRIEVE, _retrieve_note))
    (change,) = report["spec_changes"]
    assert (change["field"], change["what"]) == ("merchant_order_id", "format added: 'token'")
    assert change["asserted"] is False
    assert code == 0 and report["changed"] is False
    assert report["headline"].startswith("Yuno's documents still say what the catalogue quotes")
    loose = "1 schema change that no clause, reading or fuzz view rests on (retrieve spec: "
    assert loose in report["headline"]
    markdown = (tmp_path / "r" / "sources.md").read_text(encoding="utf-8")
    assert "| `merchant_order_id` | format added: 'token' | — | — | — |" in markdown


def test_both_together_are_exit_1_and_the_loose_one_is_said_apart(
    served: tuple[str, Path], tmp_path: Path
) -> None:
    edits = ((UPDATE, _update_workflow), (RETRIEVE, _retrieve_note))
    code, report = _run(served, tmp_path / "r", *edits)
    assert code == 1
    assert report["headline"].endswith(
        "; and 1 schema change that no clause, reading or fuzz view rests on "
        "(retrieve spec: `merchant_order_id` format added)"
    )
