"""Every quote is the source's own words: verbatim in the seed, the recorded page or
decisions.md, whitespace aside.

The seeds are read from their copies in ``contracts/sources/`` (kept identical to ``../shared``
by test_catalogue_sources.py), so every clone checks every quote.
"""

from __future__ import annotations

import pytest

from yuno_contracts.catalogue.clauses import (
    DECISIONS_SOURCE,
    CatalogueError,
    Citation,
    find_quote_problems,
    load_ambiguities,
    load_clauses,
    load_pages,
    normalize_whitespace,
    page_texts,
)


def _citations() -> list[tuple[str, Citation]]:
    """Every citation with a label naming its entry; none when the catalogue does not load
    (test_catalogue_loader then fails with the loader's message)."""
    try:
        clauses, ambiguities = load_clauses(), load_ambiguities()
    except CatalogueError:
        return []
    cited = [
        (clause.id if n == 0 else f"{clause.id}:also{n}", citation)
        for clause in clauses.values()
        for n, citation in enumerate(clause.citations)
    ]
    cited += [
        (f"{ambiguity.id}:{reading.id}:{n}", source)
        for ambiguity in ambiguities.values()
        for reading in ambiguity.readings
        for n, source in enumerate(reading.sources)
    ]
    return cited


SEED_CITATIONS = [(label, c) for label, c in _citations() if c.is_seed]
DECISION_CITATIONS = [(label, c) for label, c in _citations() if c.is_decision]
PAGE_CITATIONS = [(label, c) for label, c in _citations() if c.is_page]


class TestPageQuotesAreRecorded:
    """A quote from a public page (page:<id>) is in the lines contracts/sources/pages.yaml
    recorded from that page, and the page is recorded with its URL and the date it was read."""

    @pytest.mark.parametrize(
        ("label", "citation"), PAGE_CITATIONS, ids=[label for label, _ in PAGE_CITATIONS]
    )
    def test_quote_is_in_its_page(self, label: str, citation: Citation) -> None:
        """The page exists in pages.yaml and the quoted text is among its recorded lines."""
        texts = page_texts()
        assert citation.file in texts, f"{label}: {citation.file} is not in pages.yaml"
        assert find_quote_problems([(label, citation)], texts) == []

    def test_every_page_has_url_date_and_quotes(self) -> None:
        """Each record names Yuno's URL, the date read and at least one quoted line."""
        for page_id, page in load_pages().items():
            assert str(page.get("url", "")).startswith("https://"), page_id
            assert page.get("read_on"), page_id
            assert page.get("quotes") or page.get("weak"), page_id  # none: says why

    def test_a_page_citation_is_checked(self) -> None:
        """A changed word in a page quote is reported (the check can fail)."""
        citation = Citation(file="page:response-codes", quote="| `NOT_FOUND` | Resource lost.")
        assert find_quote_problems([("X", citation)], page_texts()) != []


class TestSeedQuotesAreVerbatim:
    """A quote from a seed file appears in that seed word for word (line breaks aside)."""

    @pytest.mark.parametrize(
        ("label", "citation"), SEED_CITATIONS, ids=[label for label, _ in SEED_CITATIONS]
    )
    def test_quote_is_in_its_seed(
        self, seed_texts: dict[str, str], label: str, citation: Citation
    ) -> None:
        """The quoted text is found in the seed the entry names."""
        assert find_quote_problems([(label, citation)], seed_texts) == []


class TestDecisionQuotesAreVerbatim:
    """A project decision (decisions.md) is quoted from that file word for word."""

    @pytest.mark.parametrize(
        ("label", "citation"), DECISION_CITATIONS, ids=[label for label, _ in DECISION_CITATIONS]
    )
    def test_quote_is_in_decisions(
        self, decisions_text: str, label: str, citation: Citation
    ) -> None:
        """The quoted text is found in decisions.md."""
        assert find_quote_problems([(label, citation)], {DECISIONS_SOURCE: decisions_text}) == []


class TestEveryCitationIsChecked:
    """No citation escapes the quote check: each is a seed, a recorded page or a decision."""

    def test_every_source_is_a_checked_kind(self) -> None:
        """A file of another kind would never be compared with any text."""
        unchecked = [
            label for label, c in _citations() if not (c.is_seed or c.is_page or c.is_decision)
        ]
        assert unchecked == []

    def test_every_clause_links_to_a_yuno_page(self) -> None:
        """A clause's main source is Yuno's (a seed or a recorded page), so the report links to
        docs.y.uno, never to the project's own notes."""
        own = [
            cid
            for cid, clause in load_clauses().items()
            if not clause.source.is_seed and not clause.source.is_page
        ]
        assert own == []

    def test_a_page_citation_links_to_its_recorded_url(self) -> None:
        """Citation.page of page:<id> is the URL pages.yaml recorded for it."""
        citation = Citation(file="page:response-codes", quote="x")
        assert citation.page == load_pages()["response-codes"]["url"]


class TestQuoteMatching:
    """Matching ignores whitespace only: case, punctuation and words must be the source's."""

    def test_whitespace_and_line_breaks_are_collapsed(self) -> None:
        """A quote folded over lines matches the same words on one line."""
        assert normalize_whitespace("  (MAX 255; MIN\n      3).  ") == "(MAX 255; MIN 3)."

    def test_a_changed_word_does_not_match(self) -> None:
        """One word changed is reported, naming the entry and the file."""
        citation = Citation(file="checkout-session-guide.txt", quote="returns HTTP 201")
        problems = find_quote_problems(
            [("CREATE-200", citation)],
            {"checkout-session-guide.txt": "POST /v1/checkout/sessions returns HTTP 200, not 201."},
        )
        assert problems == [
            "CREATE-200: quote not found in checkout-session-guide.txt: 'returns HTTP 201'"
        ]

    def test_decision_quotes_are_looked_up_in_decisions(self) -> None:
        """A decisions.md citation is judged against that file's text."""
        citation = Citation(file=DECISIONS_SOURCE, quote="time out at 60 s.")
        texts = {DECISIONS_SOURCE: "All endpoints time out at 60 s."}
        assert find_quote_problems([("X", citation)], texts) == []
        assert find_quote_problems([("X", citation)], {DECISIONS_SOURCE: "at 30 s."}) != []
