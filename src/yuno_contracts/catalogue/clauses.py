"""The clause catalogue and the ambiguity register, loaded as typed, validated data.

``contracts/clauses.yaml`` holds one entry per documented behaviour (a *clause*), each citing the
seed sentence it comes from; ``contracts/ambiguities.yaml`` holds the places where the documents
disagree, each with the readings a target may follow. Both files are checked
against their JSON Schemas in ``contracts/schema/`` and against each other when first loaded::

    from yuno_contracts.catalogue.clauses import load_ambiguities, load_clauses

    load_clauses()["CREATE-200"].quote
    # 'POST /v1/checkout/sessions returns HTTP 200, not 201.'
    load_ambiguities()["UNKNOWN-SESSION"].reading_ids
    # ('400', '404')

A malformed file raises one ``CatalogueError`` naming the file and the entry at fault.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from yuno_contracts.catalogue.resources import bundle_root, contracts_dir
from yuno_contracts.core.errors import HarnessError
from yuno_contracts.core.yamldata import safe_load

__all__ = [
    "AMBIGUITIES_PATH",
    "AMBIGUITIES_SCHEMA_PATH",
    "CLAUSES_PATH",
    "CLAUSES_SCHEMA_PATH",
    "DECISIONS_PATH",
    "DECISIONS_SOURCE",
    "PAGES_PATH",
    "PAGE_PREFIX",
    "SEEDS_DIR",
    "SEED_FILES",
    "SHARED_DIR",
    "SOURCES_DIR",
    "Ambiguity",
    "CatalogueError",
    "Citation",
    "Clause",
    "Reading",
    "check_references",
    "clause_ids",
    "find_quote_problems",
    "load_ambiguities",
    "load_clauses",
    "load_pages",
    "normalize_whitespace",
    "page_texts",
    "page_title",
    "page_url",
    "read_ambiguities",
    "read_clauses",
    "read_pages",
]

CONTRACTS_DIR = contracts_dir()
CLAUSES_PATH = CONTRACTS_DIR / "clauses.yaml"
AMBIGUITIES_PATH = CONTRACTS_DIR / "ambiguities.yaml"
CLAUSES_SCHEMA_PATH = CONTRACTS_DIR / "schema" / "clauses.schema.json"
AMBIGUITIES_SCHEMA_PATH = CONTRACTS_DIR / "schema" / "ambiguities.schema.json"

# Copies of the seed documents (contracts/sources/, from the shared folder beside the clone,
# ``<repo>/../shared``) and the project's own decisions; read only to check quotes, never at run
# time.
SOURCES_DIR = CONTRACTS_DIR / "sources"
SEEDS_DIR = SOURCES_DIR
# the project's shared folder beside a checkout (only the catalogue's own tests read it)
SHARED_DIR = bundle_root().parent / "shared"
SEED_FILES = (
    "create-checkout-session.openapi.md",
    "update-checkout-session.txt",
    "checkout-session-guide.txt",
)
# The project's own decisions where no Yuno page speaks (contracts/sources/decisions.md, one
# paragraph per decision, written for partners); cited as file ``decisions.md``.
DECISIONS_SOURCE = "decisions.md"
DECISIONS_PATH = SOURCES_DIR / DECISIONS_SOURCE
# The project's record of every public Yuno page it cites (contracts/sources/pages.yaml): id,
# URL, the date read, the quoted lines. A citation ``page:<id>`` quotes one of those lines.
PAGES_PATH = SOURCES_DIR / "pages.yaml"
PAGE_PREFIX = "page:"


def read_pages(path: Path = PAGES_PATH) -> dict[str, dict[str, Any]]:
    """One pages.yaml by page id (url, read_on, quotes, copies, note, weak), uncached: the one
    reader of the file (``load_pages`` for the catalogue's, ``sources.pages`` for the check's)."""
    data = _read_yaml(path)
    if not isinstance(data, list) or not all(
        isinstance(page, dict) and "id" in page for page in data
    ):
        raise CatalogueError(f"{_name(path)}: expected a list of pages, each with an id")
    return {page["id"]: page for page in data}


@functools.cache
def load_pages() -> dict[str, dict[str, Any]]:
    """contracts/sources/pages.yaml by page id (read once, cached)."""
    return read_pages(PAGES_PATH)


def page_texts() -> dict[str, str]:
    """``page:<id>`` → the page's recorded quotes, one per line (what a page citation is
    checked against)."""
    return {f"{PAGE_PREFIX}{pid}": "\n".join(p["quotes"]) for pid, p in load_pages().items()}


def page_title(file: str) -> str | None:
    """The title of a ``page:<id>`` citation's page (None for other files or unknown ids)."""
    if not file.startswith(PAGE_PREFIX):
        return None
    page = load_pages().get(file.removeprefix(PAGE_PREFIX))
    return page.get("title") if page else None


def page_url(file: str) -> str | None:
    """The URL of a ``page:<id>`` citation's page (None for other files or unknown ids)."""
    if not file.startswith(PAGE_PREFIX):
        return None
    page = load_pages().get(file.removeprefix(PAGE_PREFIX))
    return page["url"] if page else None


class CatalogueError(HarnessError):
    """``clauses.yaml`` or ``ambiguities.yaml`` is malformed; the message names file and entry."""


# The Yuno page each seed document is taken from.
DOC_PAGES = {
    "create-checkout-session.openapi.md": "https://docs.y.uno/reference/create-checkout-session",
    "update-checkout-session.txt": "https://docs.y.uno/reference/update-checkout-session",
    "checkout-session-guide.txt": "https://docs.y.uno/docs/checkout-session",
}
DOCS_HOME = "https://docs.y.uno/"
# The title of the Yuno page each seed is taken from (the link text of the partner page).
DOC_TITLES = {
    "create-checkout-session.openapi.md": "Create Checkout Session",
    "update-checkout-session.txt": "Update Checkout Session",
    "checkout-session-guide.txt": "Checkout Session guide",
    DECISIONS_SOURCE: "yuno-contracts decisions (no Yuno page)",
}


@dataclass(frozen=True)
class Citation:
    """A sentence or schema line quoted verbatim from a source file."""

    file: str
    quote: str
    section: str = ""

    @property
    def page(self) -> str:
        """The Yuno documentation page the quote comes from: the recorded URL of a ``page:<id>``,
        the seed's page, else the docs' home (a project decision has no Yuno page)."""
        return page_url(self.file) or DOC_PAGES.get(self.file, DOCS_HOME)

    @property
    def title(self) -> str:
        """The human title of that page (a recorded page's ``title``, the seed's page title),
        the link text wherever the citation is shown; never a local file name."""
        return page_title(self.file) or DOC_TITLES.get(self.file, "Yuno documentation")

    @property
    def is_seed(self) -> bool:
        """True when the quote comes from one of the three seed documents."""
        return self.file in SEED_FILES

    @property
    def is_page(self) -> bool:
        """True when the quote comes from a public page recorded in pages.yaml."""
        return self.file.startswith(PAGE_PREFIX)

    @property
    def is_decision(self) -> bool:
        """True when the quote is the project's own decision (decisions.md), not Yuno's."""
        return self.file == DECISIONS_SOURCE


@dataclass(frozen=True)
class Clause:
    """One documented, observable behaviour of the API, as a test checks it."""

    id: str
    endpoint: str
    description: str
    source: Citation
    severity: str
    kind: str | None = None
    ambiguity: str | None = None
    also: tuple[Citation, ...] = ()
    untestable: str | None = None
    """Why no run can observe the clause; such a clause needs no test (see traceability)."""
    requires: tuple[str, ...] = ()
    """The clauses this one stands on: when one failed, its tests are blocked, not failed."""
    field: str | None = None
    """Where the contract states what a schema-fragment quote says (``catalogue.fields``): the
    partner page shows that field line instead of the flattened YAML of the quote."""

    @property
    def quote(self) -> str:
        return self.source.quote

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The main source first, then the further ones."""
        return (self.source, *self.also)


@dataclass(frozen=True)
class Reading:
    """One way of reading an ambiguity, as a probe observes it."""

    id: str
    description: str
    sources: tuple[Citation, ...]
    accepted: bool = True
    overlay: str | None = None
    """Request-side readings: ``contract`` (the contract as written) or the path, under
    ``contracts/``, of the OpenAPI Overlay that turns the contract into this reading."""


@dataclass(frozen=True)
class Ambiguity:
    """A place where the documents disagree, with the readings a target may follow."""

    id: str
    title: str
    description: str
    readings: tuple[Reading, ...]
    probe: bool
    clauses: tuple[str, ...]
    reason: str | None = None
    decision: str | None = None
    otherwise: str | None = None
    constrains: tuple[str, ...] = ()
    """Clauses (naming another ambiguity) whose request cases this ambiguity's readings decide."""

    @property
    def request_side(self) -> bool:
        """Whether its readings are overlays of the contract (request validity)."""
        return any(reading.overlay is not None for reading in self.readings)

    @property
    def reading_ids(self) -> tuple[str, ...]:
        return tuple(reading.id for reading in self.readings)

    @property
    def accepted_readings(self) -> tuple[str, ...]:
        """The readings a probe passes on; a reading listed but not accepted fails it."""
        return tuple(reading.id for reading in self.readings if reading.accepted)

    def reading(self, reading_id: str) -> Reading:
        for reading in self.readings:
            if reading.id == reading_id:
                return reading
        raise KeyError(
            f"Ambiguity {self.id} has no reading {reading_id!r}; "
            f"its readings are {', '.join(self.reading_ids)}."
        )


# -- reading and validating ------------------------------------------------------------------
def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogueError(f"{_name(path)}: cannot be read ({exc.strerror}).") from None
    try:
        return safe_load(text)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" at line {where.line + 1}" if where is not None else ""
        raise CatalogueError(f"{_name(path)}: is not valid YAML{line}.") from None


@functools.cache
def _schema(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CatalogueError(f"{_name(path)}: the schema cannot be read ({exc}).") from None


def _name(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(bundle_root()))
    except ValueError:
        return str(path)


def _validate(data: Any, path: Path, schema_path: Path, list_key: str) -> list[dict[str, Any]]:
    """Validate against the schema; the first error names the entry (by id when it has one)."""
    validator = jsonschema.Draft202012Validator(_schema(schema_path))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        error = errors[0]
        raise CatalogueError(
            f"{_name(path)}: {_entry(data, list_key, error.absolute_path)}: {error.message}"
        )
    entries: list[dict[str, Any]] = data[list_key]
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        if entry["id"] in seen:
            raise CatalogueError(
                f"{_name(path)}: entry {index} ({entry['id']}): duplicate id {entry['id']!r}."
            )
        seen.add(entry["id"])
    return entries


def _entry(data: Any, list_key: str, error_path: Iterable[Any]) -> str:
    parts = list(error_path)
    if len(parts) >= 2 and parts[0] == list_key and isinstance(parts[1], int):
        entry = data[list_key][parts[1]]
        name = entry.get("id") if isinstance(entry, Mapping) else None
        label = f"entry {parts[1]}" + (f" ({name})" if isinstance(name, str) else "")
        rest = ".".join(str(p) for p in parts[2:])
        return f"{label}{', field ' + rest if rest else ''}"
    return "top level" + (f", field {'.'.join(str(p) for p in parts)}" if parts else "")


def _citation(raw: Mapping[str, Any]) -> Citation:
    return Citation(file=raw["file"], quote=raw["quote"], section=raw.get("section", ""))


def read_clauses(path: Path = CLAUSES_PATH) -> dict[str, Clause]:
    """Read and validate one clauses file (uncached); see ``load_clauses`` for the catalogue."""
    clauses: dict[str, Clause] = {}
    for raw in _validate(_read_yaml(path), path, CLAUSES_SCHEMA_PATH, "clauses"):
        clauses[raw["id"]] = Clause(
            id=raw["id"],
            endpoint=raw["endpoint"],
            description=raw["description"],
            source=Citation(
                file=raw["source"]["file"], quote=raw["quote"], section=raw["source"]["section"]
            ),
            severity=raw["severity"],
            kind=raw.get("kind"),
            ambiguity=raw.get("ambiguity"),
            also=tuple(_citation(item) for item in raw.get("also", ())),
            untestable=raw.get("untestable"),
            requires=tuple(raw.get("requires", ())),
            field=raw.get("field"),
        )
    return clauses


def read_ambiguities(path: Path = AMBIGUITIES_PATH) -> dict[str, Ambiguity]:
    """Read and validate one ambiguities file (uncached); see ``load_ambiguities``."""
    ambiguities: dict[str, Ambiguity] = {}
    for index, raw in enumerate(
        _validate(_read_yaml(path), path, AMBIGUITIES_SCHEMA_PATH, "ambiguities")
    ):
        readings = tuple(
            Reading(
                id=reading["id"],
                description=reading["description"],
                sources=tuple(_citation(source) for source in reading["sources"]),
                accepted=reading.get("accepted", True),
                overlay=reading.get("overlay"),
            )
            for reading in raw["readings"]
        )
        ids = [reading.id for reading in readings]
        duplicates = sorted({rid for rid in ids if ids.count(rid) > 1})
        if duplicates:
            raise CatalogueError(
                f"{_name(path)}: entry {index} ({raw['id']}): "
                f"duplicate reading id(s) {', '.join(duplicates)}."
            )
        ambiguities[raw["id"]] = Ambiguity(
            id=raw["id"],
            title=raw["title"],
            description=raw["description"],
            readings=readings,
            probe=raw["probe"],
            clauses=tuple(raw["clauses"]),
            reason=raw.get("reason"),
            decision=raw.get("decision"),
            otherwise=raw.get("otherwise"),
            constrains=tuple(raw.get("constrains", ())),
        )
        with_overlay = [reading.overlay is not None for reading in readings]
        if any(with_overlay) and not all(with_overlay):
            raise CatalogueError(
                f"{_name(path)}: entry {index} ({raw['id']}): every reading needs an overlay "
                "(or 'contract') once one has."
            )
    return ambiguities


def check_references(
    clauses: Mapping[str, Clause], ambiguities: Mapping[str, Ambiguity]
) -> list[str]:
    """Every broken link between the two files, one sentence each (empty when consistent).

    A clause names at most one ambiguity; that ambiguity must exist and list the clause back.
    An ambiguity's clauses must exist and name it.
    """
    problems: list[str] = []
    for clause in clauses.values():
        if clause.ambiguity is None:
            continue
        ambiguity = ambiguities.get(clause.ambiguity)
        if ambiguity is None:
            problems.append(
                f"clauses.yaml: {clause.id} names ambiguity {clause.ambiguity!r}, "
                "which ambiguities.yaml does not define."
            )
        elif clause.id not in ambiguity.clauses:
            problems.append(
                f"ambiguities.yaml: {ambiguity.id} does not list clause {clause.id}, "
                "which names it."
            )
    problems += _precondition_problems(clauses)
    for ambiguity in ambiguities.values():
        for clause_id in ambiguity.clauses:
            clause = clauses.get(clause_id)
            if clause is None:
                problems.append(
                    f"ambiguities.yaml: {ambiguity.id} lists clause {clause_id!r}, "
                    "which clauses.yaml does not define."
                )
            elif clause.ambiguity != ambiguity.id:
                problems.append(
                    f"clauses.yaml: {clause_id} is listed by ambiguity {ambiguity.id} "
                    f"but names {clause.ambiguity!r}."
                )
    return problems


def _precondition_problems(clauses: Mapping[str, Clause]) -> list[str]:
    """A ``requires`` naming no clause, or a loop of preconditions (A on B on A)."""
    problems: list[str] = []
    for clause in clauses.values():
        for parent in clause.requires:
            if parent not in clauses:
                problems.append(
                    f"clauses.yaml: {clause.id} requires {parent!r}, which clauses.yaml does not define."
                )
    for clause in clauses.values():
        seen, todo = set(), list(clause.requires)
        while todo:
            cid = todo.pop()
            if cid == clause.id:
                problems.append(
                    f"clauses.yaml: {clause.id} stands on itself through its requires: "
                    "a precondition must be another, more basic clause."
                )
                break
            if cid in seen or cid not in clauses:
                continue
            seen.add(cid)
            todo += clauses[cid].requires
    return problems


@dataclass(frozen=True)
class _Catalogue:
    clauses: dict[str, Clause]
    ambiguities: dict[str, Ambiguity]


@functools.cache
def _load_catalogue() -> _Catalogue:
    clauses = read_clauses(CLAUSES_PATH)
    ambiguities = read_ambiguities(AMBIGUITIES_PATH)
    problems = check_references(clauses, ambiguities)
    if problems:
        raise CatalogueError(problems[0])
    return _Catalogue(clauses, ambiguities)


def load_clauses() -> dict[str, Clause]:
    """The clause catalogue by id, in file order (validated and cross-checked once, cached)."""
    return dict(_load_catalogue().clauses)


def load_ambiguities() -> dict[str, Ambiguity]:
    """The ambiguity register by id, in file order (validated and cross-checked once, cached)."""
    return dict(_load_catalogue().ambiguities)


def clause_ids() -> tuple[str, ...]:
    """Every clause id, in file order."""
    return tuple(_load_catalogue().clauses)


# -- quotes ----------------------------------------------------------------------------------
_WHITESPACE = re.compile(r"\s+")


def normalize_whitespace(text: str) -> str:
    """Collapse every run of whitespace (line breaks and YAML folding included) to one space."""
    return _WHITESPACE.sub(" ", text).strip()


def find_quote_problems(
    citations: Iterable[tuple[str, Citation]], texts: Mapping[str, str]
) -> list[str]:
    """Citations whose quote is not verbatim (whitespace aside) in the text of their file.

    ``citations`` pairs a label (the entry that cites) with the citation; ``texts`` maps a
    source file name (seed name, ``decisions.md``, ``page:<id>``) to its text. A citation whose
    file has no text is not judged here.
    """
    normalized = {name: normalize_whitespace(text) for name, text in texts.items()}
    problems: list[str] = []
    for label, citation in citations:
        name = citation.file
        if name not in normalized:
            continue
        if normalize_whitespace(citation.quote) not in normalized[name]:
            problems.append(f"{label}: quote not found in {name}: {citation.quote!r}")
    return problems
