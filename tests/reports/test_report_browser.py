"""The Allure 3 report, built by the real command line and opened in a real headless browser.

A run of the smoke suite against the reference sandbox with a fault switch on gives one failed
test; the report must list the tests, show the failed one's request/response attachments, keep
history from one build to the next, and hold no secret. Chromium is Debian's (``make
browser-deps``); Playwright never downloads a browser here.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from yuno_contracts.catalogue.resources import bundle_root

REPO_ROOT = bundle_root()  # the checkout


CHROMIUM = (
    os.environ.get("YUNO_CHROMIUM") or shutil.which("chromium") or shutil.which("google-chrome")
)
NPX = shutil.which("npx")
SCREENSHOT = REPO_ROOT / "reports" / "report-browser.png"
FAILED_TEST = "test_create_returns_200_with_a_checkout_session"

pytestmark = [
    pytest.mark.timeout(240),
    pytest.mark.skipif(NPX is None, reason="Node.js (npx) is not installed: the report needs it"),
]


def run_suite(reports: Path) -> None:
    command = [
        sys.executable, "-m", "pytest", "suites/smoke", "--target", "local", "-p", "no:xdist",
        "--sandbox-fault", "create-201", "--alluredir", str(reports / "allure-results"),
        "--reports-dir", str(reports), "-q",
    ]  # fmt: skip
    done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True)
    assert done.returncode == 1, done.stdout[-2000:]  # the fault switch fails one test


def build_report(reports: Path) -> None:
    shutil.rmtree(reports / "html", ignore_errors=True)
    env = {**os.environ, "YUNO_REPORTS_DIR": str(reports)}
    command = [str(NPX), "--no-install", "allure", "generate", str(reports / "allure-results")]
    done = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert (reports / "html" / "index.html").is_file()


def status_dynamics(reports: Path) -> list[dict]:
    charts = json.loads((reports / "html" / "widgets" / "charts.json").read_text())
    return next(c["data"] for c in charts["general"].values() if c["type"] == "statusDynamics")


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("report")
    run_suite(root)
    build_report(root)
    assert len(status_dynamics(root)) == 1  # a first report has only the current run
    run_suite(root)
    build_report(root)
    return root


@pytest.fixture(scope="module")
def served(reports: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(reports / "html"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/index.html"
    server.shutdown()


def test_the_second_report_trend_shows_two_runs(reports: Path) -> None:
    assert len((reports / "history" / "history.jsonl").read_text().splitlines()) == 2
    assert len(status_dynamics(reports)) == 2


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium: run `make browser-deps`")
def test_the_report_lists_the_tests_and_shows_a_failed_tests_attachments(served: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(served)
        page.get_by_text(FAILED_TEST).first.wait_for(timeout=30_000)
        listing = page.inner_text("body")
        for name in (
            FAILED_TEST,
            "CREATE-200",
            "POST /v1/checkout/sessions",
            "Results 3",
            "Failed",
        ):
            assert name in listing, f"{name!r} missing from the test list"
        page.get_by_text(FAILED_TEST).first.click()
        page.get_by_text("1. POST /v1/checkout/sessions → 201").first.wait_for(timeout=30_000)
        detail = page.inner_text("body")
        assert "1. curl" in detail
        assert "CREATE-200: expected status 200; observed 201" in detail
        assert "Contract violation" in detail  # pytest_plugin/categories.json applied
        SCREENSHOT.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOT), full_page=True)
        browser.close()
    assert SCREENSHOT.stat().st_size > 10_000


@pytest.fixture(scope="module")
def single(reports: Path) -> Path:
    env = {**os.environ, "YUNO_REPORTS_DIR": str(reports), "ALLURE_SINGLE_FILE": "1"}
    command = [str(NPX), "--no-install", "allure", "generate", str(reports / "allure-results")]
    done = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return reports / "html-single" / "index.html"


def test_the_single_file_report_is_one_self_contained_page(reports: Path, single: Path) -> None:
    page = single
    assert page.stat().st_size > 100_000
    assert not list((reports / "html-single").glob("*.js"))  # scripts are inlined
    # the single-file build does not add a second history point for the same run
    assert len((reports / "history" / "history.jsonl").read_text().splitlines()) == 2


def test_no_credential_reaches_any_file_under_reports(reports: Path) -> None:
    """The run's keys (``local_pk_…`` etc., generated per run) appear in no result, attachment,
    summary or HTML file; the placeholders stand where they were sent."""
    import re

    leak = re.compile(r"local_(r?pk|r?sk)_[0-9a-f]{16,}")
    texts = {
        path: path.read_bytes().decode("utf-8", "replace")
        for path in reports.rglob("*")
        if path.is_file() and path.suffix in {".json", ".txt", ".html", ".jsonl", ".properties"}
    }
    assert any(p.suffix == ".html" for p in texts) and any("curl" in t for t in texts.values())
    leaks = sorted(str(p.relative_to(reports)) for p, text in texts.items() if leak.search(text))
    assert leaks == [], f"credentials written to {leaks}"
    assert any("<YUNO_PUBLIC_API_KEY>" in t or "<masked>" in t for t in texts.values())


def test_results_and_the_partner_summary_name_the_broken_clause(reports: Path) -> None:
    from yuno_contracts.cli import main

    results = json.loads((reports / "results.json").read_text())
    assert results["target"]["kind"] == "local" and results["revision"]
    failed = {k: v for k, v in results["tests"].items() if v["outcome"] == "failed"}
    # every failed test names the clause it saw broken, as data: CREATE-200 for all of them
    assert {c for v in failed.values() for c in v["violated"]} == {"CREATE-200"}, failed
    # one of them checks CREATE-200 itself; the rest stood on it (the PATCH test's create)
    own = {k: v for k, v in failed.items() if "CREATE-200" in v["clauses"]}
    assert [k.rsplit("::", 1)[-1] for k in own] == [FAILED_TEST]
    entry = next(iter(own.values()))
    assert entry["clauses"] == ["CREATE-200", "CREATE-SESSION-ID"]
    assert entry["message"].startswith("CREATE-200: expected status 200; observed 201")
    assert main(["summary", "--reports-dir", str(reports)]) == 0
    summary = json.loads((reports / "summary.json").read_text())
    status = {row["clause"]: row["status"] for row in summary["clauses"]}
    assert status["CREATE-200"] == "failed" and status["UPDATE-PARTIAL"] == "blocked"
    assert summary["root_causes"][0]["clause"] == "CREATE-200" and len(summary["root_causes"]) == 1
    assert status["LOOKUP-EXPIRED-SESSION"] == "untestable"
    assert status["PAYMENT-ONE-PER-SESSION"] == "not run"
    markdown = (reports / "summary.md").read_text()
    assert "| CREATE-200 |" in markdown and "expected status 200; observed 201" in markdown


def test_the_partner_page_links_the_report_that_opens_from_disk(
    reports: Path, single: Path
) -> None:
    """``html/index.html`` loads its data with fetch(), refused from file:// (a spinner
    forever); the partner page links the single-file report, which holds everything."""
    import re

    from yuno_contracts.cli import main

    assert main(["summary", "--reports-dir", str(reports)]) == 0
    html = (reports / "partner.html").read_text()
    links = re.findall(r'<a href="([^"]+)">the full Allure report</a>', html)
    assert links == ["html-single/index.html"], links
    target = (reports / links[0]).resolve()
    assert target == single.resolve() and target.is_file()
    assert not list(target.parent.glob("*.js")) and not (target.parent / "data").exists()
