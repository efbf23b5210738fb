"""``--update``: a reviewed commit is recorded for the pages whose quotes still hold, and only them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from yuno_contracts.core.yamldata import safe_load
from yuno_contracts.sources.command import run_sources
from yuno_contracts.sources.pages import SourceFile, SourcePage, load_source_pages
from yuno_contracts.sources.update import _scalar, last_changed

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


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_update_moves_last_changed_only_where_the_text_changed(
    served: tuple[str, Path], sources: Path
) -> None:
    """``last_changed`` is the commit that last changed a page's file: the reviewed commit when
    its text differs from the kept copy (per file type on a two-file page), untouched when only
    the commit moved."""
    base_url, current = served
    reviewed = current.parent / NEW
    shutil.copytree(current, reviewed)
    _append(reviewed / "reference/checkout-sessions/the-checkout-session-object.mdx", "\nNew.\n")
    update_json = reviewed / "openapi/checkout-sessions/update-checkout-session.json"
    spec = json.loads(update_json.read_text(encoding="utf-8"))
    update_json.write_text(json.dumps({**spec, "x-note": "reworded"}, indent=2), encoding="utf-8")
    _append(reviewed / "docs/direct-integration-use-cases/yuno-testing-gateway.mdx", "\nNew.\n")
    before = load_source_pages(sources / "pages.yaml")

    assert run_sources(base_url=base_url, update=True, commit=NEW, sources_dir=sources) == 0

    after = load_source_pages(sources / "pages.yaml")
    assert before["session-object"].last_changed == "c6c25c82"
    assert after["session-object"].last_changed == NEW
    # a two-file page: only the file that changed moves
    assert before["update-session"].last_changed == "mdx c6c25c82, json 7ba4da70"
    assert after["update-session"].last_changed == f"mdx c6c25c82, json {NEW}"
    # a page that had none gets one, below read_on
    assert before["testing-gateway"].last_changed is None
    assert after["testing-gateway"].last_changed == NEW
    # the same text at the new commit: the commit moves, last_changed stays
    assert after["authentication"].files[0].commit == NEW
    assert after["authentication"].last_changed == before["authentication"].last_changed
    assert after["create-session"].last_changed == "json 7ba4da70"
    text = (sources / "pages.yaml").read_text(encoding="utf-8")
    block = text.split("- id: testing-gateway\n", 1)[1].split("\n- id: ", 1)[0]
    assert f"  read_on: '{after['testing-gateway'].read_on}'\n  last_changed: {NEW}\n" in block
    # the kept copy is the reviewed text
    copy = sources / after["update-session"].files[1].copy
    assert json.loads(copy.read_text(encoding="utf-8"))["x-note"] == "reworded"


@pytest.mark.parametrize(
    ("recorded", "changed", "expected"),
    [
        ("json 7ba4da70", ["mdx"], f"json 7ba4da70, mdx {NEW}"),
        ("c6c25c82", ["json"], f"json {NEW}, mdx c6c25c82"),
        (None, ["mdx"], f"mdx {NEW}"),
        ("json 7ba4da70", ["json", "mdx"], NEW),
        ("json 7ba4da70", [], None),
    ],
)
def test_last_changed_of_a_two_file_page(
    recorded: str | None, changed: list[str], expected: str | None
) -> None:
    files = tuple(
        SourceFile(f"a/page.{kind}", "a6cb7de6", f"copies/a6cb7de6/a/page.{kind}", (1,))
        for kind in ("json", "mdx")
    )
    page = SourcePage("p", "https://docs.y.uno/p", "2026-12-01", ("q",), files, (), recorded)
    moved = [f for f in files if f.path.rsplit(".", 1)[-1] in changed]
    assert last_changed(page, moved, NEW) == expected


def test_a_commit_of_digits_is_written_so_it_reads_back_as_text() -> None:
    assert _scalar("01234567") == "'01234567'" and _scalar(NEW) == NEW
