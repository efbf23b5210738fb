"""``reports/partner.html`` from two real runs of the smoke suite against the reference sandbox
(faithful, then with a fault switch), opened in a real headless browser (Debian's chromium).

It must render with no console error and no request outside the file, show the changes, the
verdict per clause with its documented sentence and Yuno page, stay well under 1 MB, and print
on A4. The screenshot is saved under ``reports/``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from yuno_contracts.catalogue.clauses import load_clauses
from yuno_contracts.catalogue.resources import bundle_root
from yuno_contracts.cli import main
from yuno_contracts.reports.partner import FOLD_AT

REPO_ROOT = bundle_root()
CHROMIUM = (
    os.environ.get("YUNO_CHROMIUM") or shutil.which("chromium") or shutil.which("google-chrome")
)
SCREENSHOT = REPO_ROOT / "reports" / "partner-browser.png"

pytestmark = pytest.mark.timeout(180)


def run_suite(reports: Path, *faults: str) -> None:
    command = [
        sys.executable, "-m", "pytest", "suites/smoke", "--target", "local", "-p", "no:xdist",
        "--reports-dir", str(reports), "-q",
        *(arg for fault in faults for arg in ("--sandbox-fault", fault)),
    ]  # fmt: skip
    done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True)
    assert done.returncode == (1 if faults else 0), done.stdout[-2000:]
    assert main(["summary", "--reports-dir", str(reports)]) == 0


@pytest.fixture(scope="module")
def page_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    reports = tmp_path_factory.mktemp("partner")
    run_suite(reports)
    run_suite(reports, "create-201")
    return reports / "partner.html"


def test_the_page_is_small_and_holds_the_run(page_path: Path) -> None:
    html = page_path.read_text(encoding="utf-8")
    assert page_path.stat().st_size < 1_000_000
    summary = json.loads((page_path.parent / "summary.json").read_text())
    assert summary["revision"][:12] in html and summary["target"]["description"] in html
    clause = load_clauses()["CREATE-200"]
    assert clause.source.page in html and 'href="html-single/index.html"' in html
    for external in ("<script", "<link", "<img", "@import", "url("):
        assert external not in html, f"{external} would load something"


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium: run `make browser-deps`")
def test_the_page_renders_in_the_browser_with_no_error_and_no_request_outside_it(
    page_path: Path,
) -> None:
    from playwright.sync_api import sync_playwright

    url = page_path.as_uri()
    errors: list[str] = []
    outside: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("request", lambda r: outside.append(r.url) if r.url != url else None)
        page.goto(url)
        text = page.inner_text("body")
        changes = page.inner_text("#changes + p + table")
        assert "newly failing" in changes and "CREATE-200" in changes
        assert "failed" in page.inner_text("#clauses + table")
        assert load_clauses()["CREATE-200"].quote in text
        assert "Where Yuno's documents disagree" in text
        # each failure longer than FOLD_AT folds (test_partner_sentences makes one that is),
        # and nothing runs off the right edge
        summary = json.loads((page_path.parent / "summary.json").read_text())
        long = {m for row in summary["clauses"] for m in row["failures"] if len(m) > FOLD_AT}
        assert page.locator("details.why").count() >= (1 if long else 0)
        assert page.evaluate("document.documentElement.scrollWidth") <= 1200
        SCREENSHOT.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOT), full_page=True)
        page.emulate_media(media="print")
        pdf = page.pdf(format="A4")
        browser.close()
    assert errors == [] and outside == []
    assert pdf.startswith(b"%PDF") and SCREENSHOT.stat().st_size > 10_000
