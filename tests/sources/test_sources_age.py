"""reports/sources.json records when the check ran; the line the morning outputs carry says how
old it is, and a check older than a week is named old rather than repeated (fixed clocks)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from yuno_contracts.sources import STALE_AFTER, sources_headline
from yuno_contracts.sources.command import run_sources

CHECKED = datetime.datetime(2026, 12, 6, 5, 0, tzinfo=datetime.UTC)
HEADLINE = "Yuno's documents changed since they were read: 1 quote gone (RETRIEVE-UNKNOWN-SESSION)"


def _write(reports: Path, changed: bool, checked_at: str | None = "2026-12-06T05:00:00Z") -> Path:
    reports.mkdir(exist_ok=True)
    data = {"changed": changed, "headline": HEADLINE}
    if checked_at is not None:
        data["checked_at"] = checked_at
    (reports / "sources.json").write_text(json.dumps(data), encoding="utf-8")
    return reports


def test_the_check_records_when_it_ran(served: tuple[str, Path], tmp_path: Path) -> None:
    base_url, _ = served
    reports = tmp_path / "r"
    assert run_sources(base_url=base_url, reports_dir=reports, now=CHECKED) == 0
    data = json.loads((reports / "sources.json").read_text(encoding="utf-8"))
    assert data["checked_at"] == "2026-12-06T05:00:00Z"
    assert "on 2026-12-06T05:00:00Z" in (reports / "sources.md").read_text(encoding="utf-8")
    # unchanged: nothing to say while fresh, the age once it is old
    assert sources_headline(reports, now=CHECKED + datetime.timedelta(days=2)) is None
    assert sources_headline(reports, now=CHECKED + datetime.timedelta(days=9)) == (
        "Yuno's documents: last checked 9 days ago — run `yuno-contracts sources check` (make sources)"
    )


@pytest.mark.parametrize(
    ("after", "line"),
    [
        (datetime.timedelta(minutes=20), f"{HEADLINE} (checked less than an hour ago)"),
        (datetime.timedelta(hours=30), f"{HEADLINE} (checked 30 h ago)"),
        (STALE_AFTER, f"{HEADLINE} (checked 7 days ago)"),  # the limit itself is still fresh
        (
            STALE_AFTER + datetime.timedelta(hours=1),
            "Yuno's documents: last checked 7 days ago (it found a change then) — run `yuno-contracts sources check` (make sources)",
        ),
        (
            datetime.timedelta(days=9, hours=3),
            "Yuno's documents: last checked 9 days ago (it found a change then) — run `yuno-contracts sources check` (make sources)",
        ),
        # a clock behind the checker's (the check "in the future") is no reason to hide it
        (-datetime.timedelta(hours=2), f"{HEADLINE} (checked less than an hour ago)"),
    ],
)
def test_a_changed_check_says_its_age_and_goes_old_after_a_week(
    tmp_path: Path, after: datetime.timedelta, line: str
) -> None:
    assert sources_headline(_write(tmp_path, changed=True), now=CHECKED + after) == line


def test_a_check_without_a_date_is_named_as_such(tmp_path: Path) -> None:
    reports = _write(tmp_path, changed=True, checked_at=None)
    assert sources_headline(reports, now=CHECKED) == (
        "Yuno's documents: the last check has no date (it found a change then) — run `yuno-contracts sources check` (make sources)"
    )
    _write(tmp_path, changed=True, checked_at="yesterday")
    assert "has no date" in (sources_headline(reports, now=CHECKED) or "")


def test_no_report_no_line(tmp_path: Path) -> None:
    assert sources_headline(tmp_path, now=CHECKED) is None
    (tmp_path / "sources.json").write_text("[]", encoding="utf-8")
    assert sources_headline(tmp_path, now=CHECKED) is None


def test_a_naive_clock_is_local_time_as_the_writer_reads_it(tmp_path: Path) -> None:
    """A caller's clock without a zone is local time, as ``iso_utc`` reads the clock it records
    checked_at with: the same naive clock on both sides gives the true age, and no TypeError."""
    reports = _write(tmp_path / "r", changed=True)
    naive = (CHECKED + datetime.timedelta(hours=8)).astimezone().replace(tzinfo=None)
    assert sources_headline(reports, now=naive) == f"{HEADLINE} (checked 8 h ago)"
