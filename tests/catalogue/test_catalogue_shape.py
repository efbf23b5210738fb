"""The two catalogue files have the shape their JSON Schemas describe, with unique ids."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import jsonschema
import pytest

from yuno_contracts.catalogue.clauses import AMBIGUITIES_SCHEMA_PATH, CLAUSES_SCHEMA_PATH

SCHEMAS = {"clauses": CLAUSES_SCHEMA_PATH, "ambiguities": AMBIGUITIES_SCHEMA_PATH}


def _schema(name: str) -> dict[str, Any]:
    return json.loads(SCHEMAS[name].read_text(encoding="utf-8"))


def _errors(data: Any, name: str) -> list[str]:
    validator = jsonschema.Draft202012Validator(_schema(name))
    return [
        f"{'/'.join(str(p) for p in error.absolute_path)}: {error.message}"
        for error in validator.iter_errors(data)
    ]


class TestSchemasAreSchemas:
    """contracts/schema/ holds draft 2020-12 JSON Schemas of the two files."""

    @pytest.mark.parametrize("name", sorted(SCHEMAS))
    def test_schema_is_a_valid_draft_2020_12_schema(self, name: str) -> None:
        """Each schema passes the draft 2020-12 meta-schema."""
        schema = _schema(name)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        jsonschema.Draft202012Validator.check_schema(schema)


class TestFilesMatchTheirSchemas:
    """clauses.yaml and ambiguities.yaml validate against their schemas."""

    def test_clauses_yaml_matches_its_schema(self, raw_clauses: Any) -> None:
        """Every clause has id, endpoint, description, source, quote and severity, and no more."""
        assert _errors(raw_clauses, "clauses") == []

    def test_ambiguities_yaml_matches_its_schema(self, raw_ambiguities: Any) -> None:
        """Every ambiguity has id, title, description, readings, probe and clauses."""
        assert _errors(raw_ambiguities, "ambiguities") == []


class TestIdsAreUnique:
    """An id names one entry: tests, reports and settings refer to entries by id."""

    def test_clause_ids_are_unique(self, raw_clauses: Any) -> None:
        """No two clauses share an id."""
        counts = Counter(entry["id"] for entry in raw_clauses["clauses"])
        assert [cid for cid, n in counts.items() if n > 1] == []

    def test_ambiguity_ids_are_unique(self, raw_ambiguities: Any) -> None:
        """No two ambiguities share an id."""
        counts = Counter(entry["id"] for entry in raw_ambiguities["ambiguities"])
        assert [aid for aid, n in counts.items() if n > 1] == []

    def test_reading_ids_are_unique_within_an_ambiguity(self, raw_ambiguities: Any) -> None:
        """No ambiguity lists the same reading twice."""
        duplicated = {
            entry["id"]: [rid for rid, n in counts.items() if n > 1]
            for entry in raw_ambiguities["ambiguities"]
            if (counts := Counter(reading["id"] for reading in entry["readings"]))
            and max(counts.values()) > 1
        }
        assert duplicated == {}
