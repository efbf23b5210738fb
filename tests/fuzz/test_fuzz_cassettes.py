"""The recorded fuzz requests carry no value that only one documented reading accepts.

A fuzz case sends only countries and workflows valid under every reading (positive cases, and
the values a negative case keeps valid) or values invalid under every reading (what a negative
case negates). So no request body of ``cassettes/fuzz/`` names an ISO 3166-1 country outside
the contract's 17 (COUNTRY-LIST: valid under country-reference only, a false alarm if drawn as
invalid) or a workflow of one list only (WORKFLOW-VALUES). Checked over the committed cassettes,
which ``make record`` rewrites: a generation change that breaks this fails here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from yuno_contracts.catalogue.agreement import Agreement
from yuno_contracts.catalogue.reference import ISO_COUNTRIES, countries
from yuno_contracts.core.jsondata import loads_or_none
from yuno_contracts.fuzz.views import judged_body
from yuno_contracts.recording.cassettes import CassetteSerializer
from yuno_contracts.sandbox.rules import WORKFLOWS

FUZZ_CASSETTES = Path(__file__).resolve().parents[2] / "cassettes" / "fuzz"
ONE_READING_COUNTRIES = set(ISO_COUNTRIES) - set(countries())
LISTED_WORKFLOWS = set().union(*map(set, WORKFLOWS.values()))
SHARED_WORKFLOWS = set.intersection(*map(set, WORKFLOWS.values()))


def cassettes() -> list[Path]:
    return sorted(FUZZ_CASSETTES.rglob("*.json"))


def request_bodies(path: Path) -> list[Any]:
    data = CassetteSerializer().deserialize(path.read_text(encoding="utf-8"))
    return [loads_or_none(item["request"].get("body")) for item in data["interactions"]]


def test_the_fuzz_cassettes_are_there() -> None:
    """The check below runs over something: every fuzz test file has recorded cassettes."""
    recorded = {path.parent.name for path in cassettes()}
    assert recorded == {"test_fuzz_create", "test_fuzz_update", "test_fuzz_stateful"}, recorded


def judged_bodies(path: Path) -> list[dict[str, Any]]:
    """The create and PATCH bodies of a cassette that the runner judges: accepted under every
    reading (held to acceptance) or refused under every reading (held to refusal)."""
    data = CassetteSerializer().deserialize(path.read_text(encoding="utf-8"))
    agreement = Agreement.from_files()
    judged = []
    for item in data["interactions"]:
        request = item["request"]
        body = loads_or_none(request.get("body"))
        operation = {"POST": "create", "PATCH": "update"}.get(request["method"])
        if not isinstance(body, dict) or operation is None or "/token" in request["uri"]:
            continue
        if operation == "create" and not request["uri"].rstrip("/").endswith("/checkout/sessions"):
            continue
        verdict = agreement.verdict(operation, judged_body(body))  # type: ignore[arg-type]
        if verdict.kind != "depends":
            judged.append(body)
    return judged


@pytest.mark.parametrize("path", cassettes(), ids=lambda path: path.stem)
def test_no_judged_request_sends_a_value_of_one_reading_only(path: Path) -> None:
    """A body the runner judges keeps no country or workflow that one reading only accepts
    (keep_valid_everywhere): a target of another reading would refuse it for that value."""
    bodies = judged_bodies(path)
    assert bodies, f"{path}: no judged JSON object body was recorded"
    countries_sent = {
        body.get("country") for body in bodies if isinstance(body.get("country"), str)
    }
    workflows_sent = {
        body.get("workflow") for body in bodies if isinstance(body.get("workflow"), str)
    }
    one_reading = countries_sent & ONE_READING_COUNTRIES
    assert not one_reading, f"{path.name}: ISO countries outside the 17 were sent: {one_reading}"
    one_list = workflows_sent & (LISTED_WORKFLOWS - SHARED_WORKFLOWS)
    assert not one_list, f"{path.name}: workflows of one list only were sent: {one_list}"
