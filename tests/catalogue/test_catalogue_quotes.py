"""Every quote is the source's own words: verbatim in the seed (or DESIGN.md), whitespace aside.

The seeds and DESIGN.md are read from their copies in ``contracts/sources/`` (kept identical to
``../shared`` by test_catalogue_sources.py), so every clone checks every quote.
"""

from __future__ import annotations

import pytest

from yuno_contracts.catalogue.clauses import (
    DESIGN_SOURCE,
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
DESIGN_CITATIONS = [(label, c) for label, c in _citations() if c.design_backed]
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


class TestDesignQuotesAreVerbatim:
    """Facts from Yuno's public docs (yuno-docs:<topic>) are quoted as DESIGN.md §4 gathered them."""

    @pytest.mark.parametrize(
        ("label", "citation"), DESIGN_CITATIONS, ids=[label for label, _ in DESIGN_CITATIONS]
    )
    def test_quote_is_in_design(self, design_text: str, label: str, citation: Citation) -> None:
        """The quoted text is found in DESIGN.md."""
        assert find_quote_problems([(label, citation)], {DESIGN_SOURCE: design_text}) == []


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

    def test_yuno_docs_quotes_are_looked_up_in_design(self) -> None:
        """A yuno-docs:<topic> citation is judged against DESIGN.md's text."""
        citation = Citation(file="yuno-docs:timeouts", quote="time out at 60 s.")
        assert (
            find_quote_problems(
                [("X", citation)], {DESIGN_SOURCE: "All endpoints time out at 60 s."}
            )
            == []
        )
        assert find_quote_problems([("X", citation)], {DESIGN_SOURCE: "time out at 30 s."}) != []
