"""The morning outputs carry the last `yuno-contracts sources check` verdict on their first
screen when Yuno's pages changed since the clauses were written, and say nothing when they did
not (or when no check ran); a check older than a week is named as old, whatever it found."""

from __future__ import annotations

import datetime
import json
from html import unescape
from pathlib import Path

import pytest

from yuno_contracts.reports.summary import terminal_summary, write_summary

HEADLINE = (
    "Yuno's documents changed since they were read: 1 quote gone (LIMIT-COUNTRY-ENUM), "
    "create spec: `country` enum removed"
)
NOW = datetime.datetime(2026, 12, 15, 6, 0, tzinfo=datetime.UTC)
LAST_NIGHT = "2026-12-14T22:00:00Z"


def _reports(tmp_path: Path, sources: dict[str, object] | None) -> Path:
    results = {
        "tests": {
            "suites/create/t.py::t_create": {
                "outcome": "passed", "clauses": ["CREATE-200"], "message": None,
            },
        },
        "target": {"kind": "local", "description": "reference sandbox"},
        "started": "2026-12-06T20:00:00Z", "finished": "2026-12-06T20:01:00Z", "revision": "abc",
    }  # fmt: skip
    (tmp_path / "results.json").write_text(json.dumps(results))
    if sources is not None:
        (tmp_path / "sources.json").write_text(json.dumps(sources))
    return tmp_path


@pytest.mark.parametrize("changed", [True, False], ids=["changed", "unchanged"])
def test_a_changed_source_is_on_the_first_screen_of_every_output(
    tmp_path: Path, changed: bool
) -> None:
    sources = {"changed": changed, "headline": HEADLINE, "checked_at": LAST_NIGHT}
    reports = _reports(tmp_path, sources)
    summary = write_summary(reports, rotate=False, now=NOW)
    for output in _first_screens(summary, reports):
        assert (HEADLINE.replace("`", "") in output.replace("`", "")) is changed, output[:600]
        assert ("(checked 8 h ago)" in output) is changed, output[:600]


def _first_screens(summary: dict, reports: Path) -> list[str]:
    return [
        "\n".join((reports / "summary.md").read_text().splitlines()[:6]),
        terminal_summary(summary, reports).splitlines()[1],
        # the partner page above its first section
        unescape((reports / "partner.html").read_text().split("<h2", 1)[0]),
    ]


@pytest.mark.parametrize("changed", [True, False], ids=["changed", "unchanged"])
def test_a_check_older_than_a_week_is_named_old_not_repeated(tmp_path: Path, changed: bool) -> None:
    sources = {"changed": changed, "headline": HEADLINE, "checked_at": "2026-12-06T05:00:00Z"}
    reports = _reports(tmp_path, sources)
    summary = write_summary(reports, rotate=False, now=NOW)
    for output in _first_screens(summary, reports):
        flat = output.replace("`", "")
        assert "Yuno's documents: last checked 9 days ago" in flat, output[:600]
        assert (
            "run yuno-contracts sources check (make sources)" in flat
            and "country enum removed" not in flat
        )
        assert ("it found a change then" in flat) is changed


def test_no_check_no_line(tmp_path: Path) -> None:
    summary = write_summary(_reports(tmp_path, None), rotate=False, now=NOW)
    assert summary["sources"] is None
    assert "sources:" not in terminal_summary(summary, tmp_path)
