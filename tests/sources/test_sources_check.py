"""``yuno-contracts sources check`` against a docs server on loopback (no test reaches the internet)."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from yuno_contracts.cli import main
from yuno_contracts.sources import sources_headline
from yuno_contracts.sources.pages import load_source_pages

CREATE = "openapi/checkout-sessions/create-checkout-session.json"


def _check(base_url: str, reports: Path, sources: Path | None = None) -> int:
    if sources is None:
        return main(["sources", "check", "--base-url", base_url, "--reports-dir", str(reports)])
    from yuno_contracts.sources.command import run_sources

    return run_sources(base_url=base_url, reports_dir=reports, sources_dir=sources)


def _report(reports: Path) -> dict:
    return json.loads((reports / "sources.json").read_text(encoding="utf-8"))


def test_the_recorded_copies_are_no_change(served: tuple[str, Path], tmp_path: Path) -> None:
    base_url, _ = served
    assert _check(base_url, tmp_path / "r") == 0
    report = _report(tmp_path / "r")
    assert report["quotes_gone"] == [] and report["spec_changes"] == []
    assert report["quotes_held"] > 100
    assert report["changed"] is False and sources_headline(tmp_path / "r") is None
    assert "still say" in (tmp_path / "r" / "sources.md").read_text(encoding="utf-8")


def test_a_reworded_quote_is_gone_and_names_its_clause(
    served: tuple[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base_url, current = served
    page = current / "reference/getting-started/response-codes.mdx"
    text = page.read_text(encoding="utf-8")
    assert "Checkout session not found or inactive" in text
    page.write_text(text.replace("Checkout session not found or inactive", "Session unknown"))
    assert _check(base_url, tmp_path / "r") == 1
    gone = _report(tmp_path / "r")["quotes_gone"]
    assert [g["quote"] for g in gone] == [
        "| `CHECKOUT_SESSION_NOT_FOUND` | Checkout session not found or inactive"
    ]
    assert "RETRIEVE-UNKNOWN-SESSION" in gone[0]["citers"], gone[0]["citers"]
    headline = _report(tmp_path / "r")["headline"]
    assert "1 quote gone" in headline and "RETRIEVE-UNKNOWN-SESSION" in headline
    assert sources_headline(tmp_path / "r") == f"{headline} (checked less than an hour ago)"
    assert headline in capsys.readouterr().out


def test_whitespace_and_markup_changes_are_no_change(
    served: tuple[str, Path], tmp_path: Path
) -> None:
    base_url, current = served
    page = current / "reference/checkout-sessions/the-checkout-session-object.mdx"
    text = page.read_text(encoding="utf-8")
    old = "Only one payment is supported per each checkout session."
    assert old in text
    page.write_text(
        text.replace(old, "Only one **payment**\n   is supported per each checkout session.")
    )
    assert _check(base_url, tmp_path / "r") == 0


def test_a_changed_create_spec_is_mapped_to_clauses_readings_and_views(
    served: tuple[str, Path], sources: Path, tmp_path: Path
) -> None:
    """The version read had no checkout_id in the create response; today's drops the country
    enum and has checkout_id."""
    base_url, current = served
    read = json.loads((current / CREATE).read_text(encoding="utf-8"))
    operation = read["paths"]["/checkout/sessions"]["post"]
    response = operation["responses"]["200"]["content"]["application/json"]["schema"]
    for variant in response["oneOf"]:
        variant["properties"].pop("checkout_id", None)
    copy = sources / load_source_pages(sources / "pages.yaml")["create-session"].files[0].copy
    copy.write_text(json.dumps(read, indent=2), encoding="utf-8")
    today = json.loads((current / CREATE).read_text(encoding="utf-8"))
    country = today["paths"]["/checkout/sessions"]["post"]["requestBody"]["content"][
        "application/json"
    ]["schema"]["properties"]["country"]
    del country["enum"]
    (current / CREATE).write_text(json.dumps(today, indent=2), encoding="utf-8")

    assert _check(base_url, tmp_path / "r", sources) == 1
    report = _report(tmp_path / "r")
    changes = {(c["side"], c["field"], c["what"]): c for c in report["spec_changes"]}
    enum = changes[("request", "country", "enum removed")]
    assert "COUNTRY-LIST/enum-17" in enum["readings"]
    assert enum["clauses"] == ["LIMIT-COUNTRY-ENUM"]
    assert "positive view (create)" in enum["fuzz_views"]
    added = changes[("response 200", "checkout_id", "added")]
    assert added["clauses"] == ["CREATE-RESPONSE-SHAPE"]
    assert added["fuzz_views"] == []
    assert "create spec: `country` enum removed, `checkout_id` added" in report["headline"]
    # the enum's quote went with it, and the reading that cites it is named
    assert [g["citers"] for g in report["quotes_gone"]] == [["COUNTRY-LIST/enum-17"]]
    assert len(report["spec_changes"]) == 2, report["spec_changes"]


@contextlib.contextmanager
def _refusing_port() -> Iterator[int]:
    """A loopback port bound but never listening: a connection is refused at once, and no other
    test's server can take the port while the test runs (a freed port could be reused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        yield s.getsockname()[1]


def test_the_server_down_is_exit_3_in_seconds_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import yuno_contracts.sources.command  # noqa: F401  (imports are not what is timed)

    with _refusing_port() as port:
        base_url = f"http://127.0.0.1:{port}"
        started = time.monotonic()
        code = main(
            ["sources", "check", "--base-url", base_url, "--reports-dir", str(tmp_path / "r")]
        )
        elapsed = time.monotonic() - started
    err = capsys.readouterr().err
    assert code == 3, err
    assert elapsed < 5, f"{elapsed:.1f} s"
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "cannot reach Yuno's documents" in lines[0], err
    assert "Traceback" not in err and not (tmp_path / "r" / "sources.json").exists()


def test_the_command_line_says_it_in_one_line_too(tmp_path: Path) -> None:
    """The installed command, in its own process: exit 3, one line, no traceback."""
    with _refusing_port() as port:
        done = subprocess.run(
            [sys.executable, "-m", "yuno_contracts.cli", "sources", "check"],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env={**os.environ, "YUNO_SOURCES_BASE_URL": f"http://127.0.0.1:{port}"},
            cwd=tmp_path,
        )
    assert done.returncode == 3, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
