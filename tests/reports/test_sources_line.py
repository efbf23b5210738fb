"""The morning outputs carry the last `yuno-contracts sources check` verdict on their first
screen when Yuno's pages changed since the clauses were written, and say nothing when they did
not (or when no check ran)."""

from __future__ import annotations

import json
from html import unescape
from pathlib import Path

import pytest

from yuno_contracts.reports.summary import terminal_summary, write_summary

HEADLINE = (
    "Yuno's documents changed since they were read: 1 quote gone (LIMIT-COUNTRY-ENUM), "
    "create spec: `country` enum removed"
)


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
    reports = _reports(tmp_path, {"changed": changed, "headline": HEADLINE})
    summary = write_summary(reports, rotate=False)
    first_screen = [
        "\n".join((reports / "summary.md").read_text().splitlines()[:6]),
        terminal_summary(summary, reports).splitlines()[1],
        # the partner page above its first section
        unescape((reports / "partner.html").read_text().split("<h2", 1)[0]),
    ]
    for output in first_screen:
        assert (HEADLINE.replace("`", "") in output.replace("`", "")) is changed, output[:600]


def test_no_check_no_line(tmp_path: Path) -> None:
    summary = write_summary(_reports(tmp_path, None), rotate=False)
    assert summary["sources"] is None
    assert "sources:" not in terminal_summary(summary, tmp_path)
