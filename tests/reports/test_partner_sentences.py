"""What the partner page shows of each clause is read by people: a sentence (or a table row)
from Yuno's page, or, where Yuno documents a schema fragment, the contract's field line, never
flattened YAML; the link text is the page's title, never a local file name; a long observed
value folds instead of running off the page. Rendered from a summary, no run needed.
"""

from __future__ import annotations

import re
from html import unescape

import pytest

from yuno_contracts.catalogue.clauses import SEED_FILES, load_clauses
from yuno_contracts.reports.partner import FOLD_AT, render_partner_page
from yuno_contracts.reports.summary import build_summary

LONG = "CREATE-200: expected status 200, observed 201; body " + '{"x": "' + "y" * 600 + '"}'


@pytest.fixture(scope="module")
def html() -> str:
    tests = {
        "suites/create/t.py::t_create": {
            "outcome": "failed", "clauses": ["CREATE-200"], "message": LONG,
        },
        "suites/create/t.py::t_shape": {
            "outcome": "passed", "clauses": ["CREATE-RESPONSE-SHAPE"], "message": "",
        },
    }  # fmt: skip
    results = {
        "tests": tests, "target": {"kind": "local", "description": "reference sandbox"},
        "started": "2026-12-06T20:00:00Z", "finished": "2026-12-06T20:01:00Z", "revision": "abc",
    }  # fmt: skip
    return render_partner_page(build_summary(results, {}))


def _quotes(html: str) -> list[tuple[str, str]]:
    """(shown text, link text) of every clause's blockquote."""
    found = re.findall(r"<blockquote[^>]*>(.*?) — .*?<a href=\"[^\"]+\">(.*?)</a>", html, re.S)
    return [(unescape(re.sub(r"<[^>]+>", "", shown)).strip("“” "), unescape(link))
            for shown, link in found]  # fmt: skip


def test_every_clause_shows_one_quote_or_field_line(html: str) -> None:
    assert len(_quotes(html)) == len(load_clauses())


def test_no_quote_shown_is_flattened_yaml(html: str) -> None:
    flattened = [
        shown
        for shown, _ in _quotes(html)
        if ": -" in shown or ": []" in shown or ">-" in shown or shown.endswith(":")
        or shown.startswith("- ")
    ]  # fmt: skip
    assert flattened == [], flattened
    assert "security: - sec0" not in html and "content: application/json: examples:" not in html


def test_a_schema_quote_is_shown_as_the_field_line(html: str) -> None:
    shown = {text for text, _ in _quotes(html)}
    assert "payment_description: string, MIN 3, MAX 255, required" in shown
    assert "headers: public-api-key and private-secret-key, both on every request" in shown


def test_link_texts_are_page_titles_not_file_names(html: str) -> None:
    links = {link for _, link in _quotes(html)}
    files = [link for link in links
             if link in SEED_FILES or link.startswith("page:") or re.search(r"\.(md|txt|ya?ml)$", link)]  # fmt: skip
    assert files == [], files
    assert {"Checkout Session guide", "Create Checkout Session", "Response codes"} <= links


def test_a_long_observed_value_folds_and_wraps(html: str) -> None:
    folded = re.search(r'<details class="why"><summary>(.*?)</summary>(.*?)</details>', html, re.S)
    assert folded, "a long failure is not folded"
    assert len(unescape(folded.group(1))) <= FOLD_AT + 2
    assert unescape(folded.group(2)) == LONG  # nothing lost behind the fold
    assert re.search(r"td:last-child \{[^}]*overflow-wrap: anywhere", html)
