"""``--update``: a reviewed commit is recorded for the pages whose quotes still hold, and only them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from yuno_contracts.core.yamldata import safe_load
from yuno_contracts.sources.command import run_sources
from yuno_contracts.sources.pages import load_source_pages

NEW = "feedc0de"
RESPONSE_CODES = "reference/getting-started/response-codes.mdx"


def test_update_records_the_commit_for_pages_that_hold(
    served: tuple[str, Path], sources: Path, tmp_path: Path
) -> None:
    base_url, current = served
    shutil.copytree(current, current.parent / NEW)  # the reviewed commit: today's files
    page = current.parent / NEW / RESPONSE_CODES
    page.write_text(page.read_text(encoding="utf-8").replace("Invalid Token.", "Bad token."))
    before = (sources / "pages.yaml").read_text(encoding="utf-8")

    assert run_sources(base_url=base_url, update=True, commit=NEW, sources_dir=sources) == 0

    after_text = (sources / "pages.yaml").read_text(encoding="utf-8")
    after = load_source_pages(sources / "pages.yaml")
    # a page whose quotes hold: new commit, new copy, today's date
    session = after["session-object"]
    assert [(f.commit, f.copy) for f in session.files] == [
        (NEW, f"copies/{NEW}/reference/checkout-sessions/the-checkout-session-object.mdx")
    ]
    assert session.read_on != "2026-12-01"
    assert (sources / session.files[0].copy).is_file()
    raw = {p["id"]: p for p in safe_load(after_text)}
    assert raw["session-object"]["repo_path"].endswith(f"@{NEW}")
    # the page with a quote gone, and the earlier versions kept on purpose, are left alone
    assert after["response-codes"].files[0].commit == "a6cb7de6"
    assert raw["response-codes"]["read_on"] == "2026-12-01"
    assert (sources / "copies/a6cb7de6" / RESPONSE_CODES).is_file()
    assert after["authentication-c6c25c82"].files[0].commit == "c6c25c82"
    assert after["session-object-v148b1bb0"].files[0].copy is None
    # comments survive; copies no page names any more are gone
    assert after_text.splitlines()[:20] == before.splitlines()[:20]
    assert not (sources / "copies/a6cb7de6/reference/checkout-sessions").exists()
    # at the new commit only the page left alone has a quote gone
    reports = tmp_path / "r"
    assert run_sources(base_url=base_url, ref=NEW, reports_dir=reports, sources_dir=sources) == 1
    gone = json.loads((reports / "sources.json").read_text(encoding="utf-8"))["quotes_gone"]
    assert [(g["page"], g["quote"]) for g in gone] == [
        ("response-codes", "| `INVALID_TOKEN` | Invalid Token.")
    ]


def test_update_needs_the_reviewed_commit(sources: Path) -> None:
    assert run_sources(base_url="http://127.0.0.1:9", update=True, sources_dir=sources) == 2
