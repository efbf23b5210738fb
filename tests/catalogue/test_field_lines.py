"""A clause whose quote is a schema fragment of the seed's OpenAPI (flattened YAML) names where
the contract states it (``field``), and its field line (``catalogue.fields``) names the field."""

from __future__ import annotations

import re

import pytest

from yuno_contracts.catalogue.clauses import Clause, load_clauses, load_pages
from yuno_contracts.catalogue.contract import ContractError
from yuno_contracts.catalogue.fields import field_line, field_name, looks_like_schema_fragment

FRAGMENTS = [c for c in load_clauses().values() if looks_like_schema_fragment(c.quote)]


def test_fragments_are_told_from_sentences() -> None:
    assert looks_like_schema_fragment("security: - sec0: [] sec1: []")
    assert looks_like_schema_fragment("content: application/json: examples:")
    assert looks_like_schema_fragment("- title: Checkout Session (min. data)")
    assert not looks_like_schema_fragment("POST /v1/checkout/sessions returns HTTP 200, not 201.")
    assert not looks_like_schema_fragment('"used": false')  # JSON of an example, not YAML
    assert not looks_like_schema_fragment("see [the dashboard](https://dashboard.y.uno).")
    assert len(FRAGMENTS) > 30


@pytest.mark.parametrize("clause", FRAGMENTS, ids=[c.id for c in FRAGMENTS])
def test_a_schema_quote_has_a_field_line_naming_its_field(clause: Clause) -> None:
    assert clause.field, f"{clause.id} quotes a schema fragment but names no field"
    line, name = field_line(clause.field), field_name(clause.field)
    assert line.startswith(f"{name}: ") and len(line) > len(name) + 3
    assert not re.search(r": -|: \[\]|>-|:$", line), line
    # the field named is the one the clause speaks of
    said = " ".join((clause.quote, clause.description)).lower()
    if clause.field.startswith("#/") or "." not in clause.field:  # an example, a whole body
        words = {word for word in re.findall(r"[a-z-]{4,}", name.lower())}
    else:
        words = {re.split(r"[.\[\]]+", name.strip("[]"))[-1].lower()}
    assert any(word in said for word in words), (clause.id, name)


def test_field_lines_say_what_the_contract_says() -> None:
    assert field_line("CreateCheckoutSessionRequest.payment_description") == (
        "payment_description: string, MIN 3, MAX 255, required"
    )
    assert field_line("CreateCheckoutSessionRequest.metadata[].key") == (
        "metadata[].key: string, MAX 48, required"
    )
    assert field_line("CreateCheckoutSessionRequest.workflow") == (
        "workflow: string, one of SDK_CHECKOUT, CHECKOUT, SDK_SEAMLESS"
    )
    assert "a multiple of 0.0001" in field_line("CreateCheckoutSessionRequest.amount.value")
    assert "string or null" in field_line(
        "CreateCheckoutSessionRequest.alternative_amount.currency"
    )


def test_an_unknown_field_is_refused() -> None:
    with pytest.raises(ContractError, match="no field"):
        field_line("CreateCheckoutSessionRequest.payment_descripton")


def test_every_page_has_a_title_and_every_citation_a_title_not_a_file_name() -> None:
    assert all(page.get("title") for page in load_pages().values())
    for clause in load_clauses().values():
        for citation in clause.citations:
            assert citation.title and citation.title != citation.file, (clause.id, citation.file)
            assert not citation.title.endswith((".md", ".txt")), clause.id
