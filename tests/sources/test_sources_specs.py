"""The schema diff of one OpenAPI file and its mapping; a spec that is no JSON."""

from __future__ import annotations

import json
from pathlib import Path

from yuno_contracts.catalogue.clauses import SOURCES_DIR
from yuno_contracts.sources.check import _map, citers
from yuno_contracts.sources.command import run_sources
from yuno_contracts.sources.specs import spec_changes
from yuno_contracts.sources.touches import FieldTouches

UPDATE = SOURCES_DIR / "copies/a6cb7de6/openapi/checkout-sessions/update-checkout-session.json"


def _changed(edit: object) -> list[str]:
    text = UPDATE.read_text(encoding="utf-8")
    data = json.loads(text)
    operation = data["paths"]["/checkout/sessions/{checkout_session}"]["patch"]
    props = operation["requestBody"]["content"]["application/json"]["schema"]["properties"]
    edit(props)  # type: ignore[operator]
    return [str(c) for c in spec_changes("update", text, json.dumps(data))]


def test_the_same_file_has_no_change() -> None:
    assert spec_changes("update", UPDATE.read_text(), UPDATE.read_text()) == []


def test_a_documented_limit_a_type_and_required_are_changes() -> None:
    def edit(props: dict) -> None:
        props["merchant_order_id"]["description"] = props["merchant_order_id"][
            "description"
        ].replace("MAX 255", "MAX 100")
        props["amount"]["properties"]["value"]["type"] = "string"
        props["amount"]["required"] = ["currency"]

    assert _changed(edit) == [
        "update spec, PATCH /checkout/sessions/{checkout_session} request: "
        "`amount.value` no longer required",
        "update spec, PATCH /checkout/sessions/{checkout_session} request: "
        "`amount.value` type changed: 'number' → 'string'",
        "update spec, PATCH /checkout/sessions/{checkout_session} request: "
        "`merchant_order_id` MAX (description) changed: 255 → 100",
    ]


def test_a_limit_change_maps_to_the_update_clauses_and_views() -> None:
    text = UPDATE.read_text(encoding="utf-8")
    data = json.loads(text)
    operation = data["paths"]["/checkout/sessions/{checkout_session}"]["patch"]
    props = operation["requestBody"]["content"]["application/json"]["schema"]["properties"]
    props["amount"]["properties"]["value"]["type"] = "string"
    (change,) = spec_changes("update", text, json.dumps(data))
    mapped = _map(change, citers(), FieldTouches.from_catalogue())
    assert "UPDATE-AMOUNT-MERGE" in mapped.clauses
    assert "AMOUNT-VALUE-TYPE/integer" in mapped.readings
    assert mapped.fuzz_views == ("positive view (update)", "negative view (update)")
    assert all(not c.startswith("CREATE-") for c in mapped.clauses)


def test_a_spec_that_is_no_json_is_a_change_not_a_traceback(
    served: tuple[str, Path], sources: Path, tmp_path: Path
) -> None:
    base_url, current = served
    (current / "openapi/checkout-sessions/retrieve-checkout-session.json").write_text("<html>")
    assert run_sources(base_url=base_url, reports_dir=tmp_path / "r", sources_dir=sources) == 1
    report = json.loads((tmp_path / "r" / "sources.json").read_text(encoding="utf-8"))
    assert "(the file is no JSON)" in [g["quote"] for g in report["quotes_gone"]]
