"""Fuzz tests replay from cassettes, and a changed contract makes the replay stale.

Records one fuzz test from the reference sandbox into a temporary cassette folder, replays it
offline (passes), then replays it with a contract whose merchant_order_id limits changed: the
generated requests differ, and the replay fails with "stale cassette … re-record with …".
"""

from __future__ import annotations

from pathlib import Path

import yaml
from test_fuzz_bites import run_fuzz

from yuno_contracts.fuzz.views import CONTRACT, FUZZ_CONTRACT_ENV

TEST = "test_fuzz_create.py::TestFuzzCreateRefusesInvalidBodies::test_invalid_bodies_are_refused"


def changed_contract(tmp_path: Path) -> Path:
    document = yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))
    field = document["components"]["schemas"]["CreateCheckoutSessionRequest"]["properties"]
    field["merchant_order_id"].update(minLength=5, maxLength=64)
    path = tmp_path / "changed.openapi.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    return path


def test_record_replay_then_stale_after_a_contract_change(tmp_path: Path) -> None:
    cassettes = tmp_path / "cassettes"
    common = ("--cassette-dir", str(cassettes))
    recorded = run_fuzz(
        TEST, "--target", "local", "--record-mode", "all", *common, tmp_path=tmp_path
    )
    assert recorded.returncode == 0, (recorded.stdout + recorded.stderr)[-2000:]
    assert list(cassettes.rglob("*.json")), "no cassette was written"

    replayed = run_fuzz(TEST, "--target", "replay", *common, tmp_path=tmp_path)
    assert replayed.returncode == 0, (replayed.stdout + replayed.stderr)[-2000:]

    env = {FUZZ_CONTRACT_ENV: str(changed_contract(tmp_path))}
    stale = run_fuzz(TEST, "--target", "replay", *common, tmp_path=tmp_path, env=env)
    output = stale.stdout + stale.stderr
    assert stale.returncode == 1, output[-2000:]
    assert "stale cassette" in output and "re-record with `make record TARGET=local`" in output, (
        output[-2000:]
    )
