"""``yuno-contracts sources check``: exit 0 nothing the suites assert changed, 1 a cited quote is
gone or a schema change touches a clause, a reading or a fuzz view, 3 the documents cannot be
reached (one line, in seconds), 2 bad input. A base URL's credentials are never printed."""

from __future__ import annotations

import datetime
import re
import sys
from pathlib import Path

from yuno_contracts.catalogue.clauses import SOURCES_DIR
from yuno_contracts.sources.check import check_sources, write_reports
from yuno_contracts.sources.fetch import DEFAULT_REF, DocsFetcher, SourcesUnreachable
from yuno_contracts.sources.update import update_pages

__all__ = ["run_sources"]


def run_sources(
    *,
    base_url: str | None = None,
    ref: str = DEFAULT_REF,
    reports_dir: Path = Path("reports"),
    update: bool = False,
    commit: str | None = None,
    sources_dir: Path = SOURCES_DIR,
    now: datetime.datetime | None = None,
) -> int:
    if commit is not None and not re.fullmatch(r"[0-9a-f]{7,40}", commit):
        print(
            f"yuno-contracts sources: --commit {commit!r} is no commit sha (7 to 40 hex digits): "
            "give the yuno-docs commit you reviewed, not a branch",
            file=sys.stderr,
        )
        return 2
    if update and not commit:
        print(
            "yuno-contracts sources: --update needs --commit SHA (the docs commit you reviewed)",
            file=sys.stderr,
        )
        return 2
    try:
        with DocsFetcher(base_url) as fetcher:
            if update:
                assert commit is not None
                updated, left = update_pages(fetcher, commit, sources_dir)
                print(
                    f"sources: recorded {commit} for {len(updated)} pages: {', '.join(updated) or '—'}"
                )
                print(f"sources: left as they were: {', '.join(left) or '—'}")
                return 0
            report = check_sources(fetcher, ref, sources_dir, now)
    except SourcesUnreachable as exc:
        print(f"yuno-contracts sources: {exc}", file=sys.stderr)
        return 3
    markdown, data = write_reports(report, reports_dir)
    print(report.headline)
    print(f"sources: {markdown}, {data}")
    return report.exit_code
