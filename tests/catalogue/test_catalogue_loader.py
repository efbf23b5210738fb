"""yuno_contracts.catalogue.clauses: typed, cached loading, and one clear error for a malformed file."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from yuno_contracts.catalogue.clauses import (
    Ambiguity,
    CatalogueError,
    Clause,
    Reading,
    check_references,
    clause_ids,
    load_ambiguities,
    load_clauses,
    read_ambiguities,
    read_clauses,
)
from yuno_contracts.catalogue.resources import bundle_root
from yuno_contracts.core.errors import HarnessError

GOOD_CLAUSE = """\
  - id: CREATE-200
    endpoint: POST /v1/checkout/sessions
    description: A valid create is answered with HTTP 200, not 201.
    source: {file: checkout-session-guide.txt, section: Create a checkout session}
    quote: POST /v1/checkout/sessions returns HTTP 200, not 201.
    severity: blocker
    kind: status
"""

GOOD_AMBIGUITY = """\
  - id: UNKNOWN-SESSION
    title: Status for a session id that does not exist
    description: 400 in the catalogue, 404 in an older spec.
    readings:
      - id: "400"
        description: 400 CHECKOUT_SESSION_NOT_FOUND.
        sources: [{file: "page:response-codes", quote: CHECKOUT_SESSION_NOT_FOUND}]
      - id: "404"
        description: 404 with an error body.
        sources: [{file: decisions.md, quote: an unknown session may be answered 404}]
    probe: true
    clauses: [CREATE-200]
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


class TestLoadingTheCatalogue:
    """The committed files load into frozen, typed objects, validated once and cached."""

    def test_paths_are_relative_to_the_repository_root(self) -> None:
        """In a checkout the bundle root is the clone: it holds pyproject.toml and contracts/."""
        assert (bundle_root() / "pyproject.toml").is_file()
        assert (bundle_root() / "contracts" / "clauses.yaml").is_file()

    def test_load_clauses_returns_clauses_by_id(self) -> None:
        """Each value is a Clause whose id is its key; the quote is the source's."""
        clauses = load_clauses()
        assert all(isinstance(c, Clause) and c.id == key for key, c in clauses.items())
        create = clauses["CREATE-200"]
        assert create.quote == "POST /v1/checkout/sessions returns HTTP 200, not 201."
        assert create.source.file == "checkout-session-guide.txt"
        assert (create.severity, create.kind, create.ambiguity) == ("blocker", "status", None)

    def test_load_ambiguities_returns_readings(self) -> None:
        """Each value is an Ambiguity with typed readings and their sources."""
        ambiguities = load_ambiguities()
        assert all(isinstance(a, Ambiguity) for a in ambiguities.values())
        reading = ambiguities["UNKNOWN-SESSION"].reading("400")
        assert isinstance(reading, Reading)
        assert reading.sources[0].file == "page:response-codes"

    def test_unknown_reading_names_the_known_ones(self) -> None:
        """Asking for a reading an ambiguity lacks says which readings it has."""
        with pytest.raises(KeyError, match="its readings are 400, 404"):
            load_ambiguities()["UNKNOWN-SESSION"].reading("410")

    def test_clause_ids_are_in_file_order(self) -> None:
        """clause_ids() lists every clause once, in the order of clauses.yaml."""
        assert clause_ids() == tuple(load_clauses())
        assert clause_ids()[0] == "CREATE-200"

    def test_objects_are_frozen(self) -> None:
        """A loaded clause cannot be changed by a test that uses it."""
        with pytest.raises(AttributeError):
            load_clauses()["CREATE-200"].severity = "minor"  # type: ignore[misc]

    def test_callers_get_their_own_dict(self) -> None:
        """Mutating the returned dict does not change what the next caller gets."""
        load_clauses().pop("CREATE-200")
        assert "CREATE-200" in load_clauses()


class TestMalformedFiles:
    """A malformed file raises one CatalogueError that names the file and the entry at fault."""

    def test_valid_minimal_files_load(self, tmp_path: Path) -> None:
        """The fixtures below are valid when left alone."""
        clauses = read_clauses(_write(tmp_path, "clauses.yaml", "clauses:\n" + GOOD_CLAUSE))
        ambiguities = read_ambiguities(
            _write(tmp_path, "ambiguities.yaml", "ambiguities:\n" + GOOD_AMBIGUITY)
        )
        assert list(clauses) == ["CREATE-200"]
        assert ambiguities["UNKNOWN-SESSION"].reading_ids == ("400", "404")

    def test_error_is_a_harness_error(self) -> None:
        """The plugin and the CLI print CatalogueError like every other harness error."""
        assert issubclass(CatalogueError, HarnessError)

    def test_missing_field_names_file_and_entry(self, tmp_path: Path) -> None:
        """A clause without a quote is reported by file, position and id."""
        text = "clauses:\n" + GOOD_CLAUSE.replace(
            "    quote: POST /v1/checkout/sessions returns HTTP 200, not 201.\n", ""
        )
        path = _write(tmp_path, "clauses.yaml", text)
        with pytest.raises(CatalogueError) as raised:
            read_clauses(path)
        message = str(raised.value)
        assert "clauses.yaml" in message
        assert "entry 0 (CREATE-200)" in message
        assert "'quote' is a required property" in message

    def test_bad_enum_names_the_field(self, tmp_path: Path) -> None:
        """A severity outside Allure's levels is reported with the field's path."""
        path = _write(
            tmp_path, "clauses.yaml", "clauses:\n" + GOOD_CLAUSE.replace("blocker", "urgent")
        )
        with pytest.raises(CatalogueError, match=r"entry 0 \(CREATE-200\), field severity"):
            read_clauses(path)

    def test_bad_id_pattern_is_refused(self, tmp_path: Path) -> None:
        """Clause ids are UPPER-KEBAB."""
        path = _write(
            tmp_path,
            "clauses.yaml",
            "clauses:\n" + GOOD_CLAUSE.replace("id: CREATE-200", "id: create_200"),
        )
        with pytest.raises(CatalogueError, match=r"entry 0 \(create_200\), field id"):
            read_clauses(path)

    def test_duplicate_clause_id_is_refused(self, tmp_path: Path) -> None:
        """The second entry with an id already used is named."""
        path = _write(tmp_path, "clauses.yaml", "clauses:\n" + GOOD_CLAUSE + GOOD_CLAUSE)
        with pytest.raises(CatalogueError, match=r"entry 1 \(CREATE-200\): duplicate id"):
            read_clauses(path)

    def test_duplicate_reading_id_is_refused(self, tmp_path: Path) -> None:
        """An ambiguity listing a reading twice is named with the reading."""
        text = "ambiguities:\n" + GOOD_AMBIGUITY.replace('id: "404"', 'id: "400"')
        path = _write(tmp_path, "ambiguities.yaml", text)
        with pytest.raises(CatalogueError, match=r"UNKNOWN-SESSION.*duplicate reading id\(s\) 400"):
            read_ambiguities(path)

    def test_unprobed_ambiguity_needs_a_reason(self, tmp_path: Path) -> None:
        """probe: false without a reason is refused."""
        text = "ambiguities:\n" + GOOD_AMBIGUITY.replace("probe: true", "probe: false")
        path = _write(tmp_path, "ambiguities.yaml", text)
        with pytest.raises(CatalogueError, match="'reason' is a required property"):
            read_ambiguities(path)

    def test_invalid_yaml_names_the_line(self, tmp_path: Path) -> None:
        """A file that is not YAML is reported with the line of the problem."""
        path = _write(tmp_path, "clauses.yaml", "clauses:\n  - id: [unclosed\n")
        with pytest.raises(CatalogueError, match=r"clauses\.yaml: is not valid YAML at line"):
            read_clauses(path)

    def test_missing_file_is_named(self, tmp_path: Path) -> None:
        """A file that does not exist is named."""
        with pytest.raises(CatalogueError, match=r"nowhere\.yaml: cannot be read"):
            read_clauses(tmp_path / "nowhere.yaml")


class TestCrossReferences:
    """check_references reports every broken link between the two files, one sentence each."""

    def test_consistent_files_have_no_problems(self) -> None:
        """The committed catalogue and register agree."""
        assert check_references(load_clauses(), load_ambiguities()) == []

    def test_dangling_links_are_reported(self, tmp_path: Path) -> None:
        """An unknown ambiguity, an unknown clause and a one-way link are each reported."""
        clauses = read_clauses(
            _write(
                tmp_path,
                "clauses.yaml",
                "clauses:\n" + GOOD_CLAUSE + "    ambiguity: NO-SUCH-AMBIGUITY\n",
            )
        )
        ambiguities = read_ambiguities(
            _write(
                tmp_path,
                "ambiguities.yaml",
                "ambiguities:\n" + GOOD_AMBIGUITY.replace("[CREATE-200]", "[CREATE-200, NOPE]"),
            )
        )
        assert check_references(clauses, ambiguities) == [
            "clauses.yaml: CREATE-200 names ambiguity 'NO-SUCH-AMBIGUITY', "
            "which ambiguities.yaml does not define.",
            "clauses.yaml: CREATE-200 is listed by ambiguity UNKNOWN-SESSION "
            "but names 'NO-SUCH-AMBIGUITY'.",
            "ambiguities.yaml: UNKNOWN-SESSION lists clause 'NOPE', "
            "which clauses.yaml does not define.",
        ]
