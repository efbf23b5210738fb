"""The sources check: which quotes are gone and which schema constraints changed, and who cites them.

    report = check_sources(DocsFetcher(), ref="main")
    report.exit_code   # 0, or 1: a quote gone, or a change a clause, reading or fuzz view rests on
    write_reports(report, Path("reports"))   # reports/sources.md and sources.json

The mapping from a change to the clauses, readings and fuzz views it touches is written here by
hand: a quote maps to the entries citing it (``page:<id>`` and the quote); a schema change maps
to the clauses whose ``field`` is the changed field (``touches``), else to the clauses of the
operation's endpoint that name it, to the readings whose overlay changes what the contract says
of it (or whose probed ambiguity's id names it), and, on the create and update request, to the
fuzz views generated from that request (``_map``).
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from yuno_contracts.catalogue.clauses import (
    CONTRACTS_DIR,
    PAGE_PREFIX,
    SOURCES_DIR,
    Citation,
    load_ambiguities,
    load_clauses,
    normalize_whitespace,
)
from yuno_contracts.core.files import atomic_write
from yuno_contracts.sources import iso_utc
from yuno_contracts.sources.fetch import DocsFetcher
from yuno_contracts.sources.pages import SourcePage, load_source_pages
from yuno_contracts.sources.quotes import quote_holds, text_views
from yuno_contracts.sources.specs import SPEC_FILES, SpecChange, spec_changes
from yuno_contracts.sources.touches import (
    PRESENCE,
    REQUIREDNESS,
    FieldTouches,
    constraint,
    operation_key,
)

__all__ = ["Citer", "GoneQuote", "SourcesReport", "check_sources", "write_reports"]

# request schemas the fuzz views are generated from (fuzz.views), by operation
FUZZ_VIEWS = {
    "POST /checkout/sessions": ("positive view (create)", "negative view (create)"),
    "PATCH /checkout/sessions/{}": ("positive view (update)", "negative view (update)"),
}


@dataclass(frozen=True)
class Citer:
    kind: str  # "clause" or "reading"
    id: str  # CREATE-200, or COUNTRY-LIST/enum-17
    text: str  # everything the entry says (for the field mapping)
    endpoint: str = "*"
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class GoneQuote:
    page: str
    number: int
    quote: str
    file: str
    citers: tuple[str, ...]


@dataclass(frozen=True)
class MappedChange:
    change: SpecChange
    clauses: tuple[str, ...]
    readings: tuple[str, ...]
    fuzz_views: tuple[str, ...]

    @property
    def asserted(self) -> bool:
        """Whether something the suites assert rests on the changed constraint: a clause, a
        reading (its overlay decides what a target may accept) or a fuzz view (generated from
        the request schema)."""
        return bool(self.clauses or self.readings or self.fuzz_views)


def _ids(ids: Iterable[str], shown: int = 4) -> str:
    unique = list(dict.fromkeys(ids))
    more = f", +{len(unique) - shown} more" if len(unique) > shown else ""
    return ", ".join(unique[:shown]) + more


def _touches(changes: list[MappedChange]) -> str:
    """``clauses A, B; readings X/y; fuzz views create``: what a spec's changes touch."""
    parts = []
    clauses = [c for m in changes for c in m.clauses]
    readings = [r for m in changes for r in m.readings]
    views = [v.rsplit("(", 1)[-1].rstrip(")") for m in changes for v in m.fuzz_views]
    if clauses:
        parts.append(f"clause{'s' if len(set(clauses)) > 1 else ''} {_ids(clauses)}")
    if readings:
        parts.append(f"reading{'s' if len(set(readings)) > 1 else ''} {_ids(readings)}")
    if views:
        parts.append(f"fuzz views {_ids(views)}")
    return "; ".join(parts)


def _spec_parts(changes: list[MappedChange]) -> list[str]:
    """``create spec: `country` enum removed, `checkout_id` added (clauses …; readings …)``"""
    by_spec: dict[str, list[MappedChange]] = {}
    for mapped in changes:
        by_spec.setdefault(mapped.change.spec, []).append(mapped)
    parts = []
    for spec, mapped in by_spec.items():
        whats = list(
            dict.fromkeys(f"`{m.change.field}` {m.change.what.split(':')[0]}" for m in mapped)
        )
        more = f" (+{len(whats) - 3} more)" if len(whats) > 3 else ""
        touches = _touches(mapped)
        parts.append(
            f"{spec} spec: {', '.join(whats[:3])}{more}" + (f" ({touches})" if touches else "")
        )
    return parts


@dataclass
class SourcesReport:
    ref: str
    base_url: str  # as shown: credentials masked (fetch.mask_userinfo)
    checked_at: str = ""  # when the check ran, UTC ISO 8601 (``2026-12-06T20:00:00Z``)
    gone: list[GoneQuote] = field(default_factory=list)
    changes: list[MappedChange] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    held: int = 0
    current: dict[str, str] = field(default_factory=dict)  # file → current text

    @property
    def asserted_changes(self) -> list[MappedChange]:
        return [m for m in self.changes if m.asserted]

    @property
    def exit_code(self) -> int:
        """1 when a cited quote is gone or a schema change touches a clause, a reading or a
        fuzz view (all three are assertions the suites make); else 0."""
        return 1 if self.gone or self.asserted_changes else 0

    @property
    def headline(self) -> str:
        """One line that says what the exit code says, and what the change touches."""
        loose = [m for m in self.changes if not m.asserted]
        aside = (
            f"{len(loose)} schema change{'s' if len(loose) != 1 else ''} that no clause, reading "
            f"or fuzz view rests on ({'; '.join(_spec_parts(loose))})"
            if loose
            else ""
        )
        if not self.exit_code:
            held = f"Yuno's documents still say what the catalogue quotes ({self.held} quotes hold)"
            return f"{held}; {aside}." if aside else f"{held}."
        parts = []
        if self.gone:
            ids = sorted({c for g in self.gone for c in g.citers})
            parts.append(
                f"{len(self.gone)} quote{'s' if len(self.gone) != 1 else ''} gone"
                + (f" ({_ids(ids)})" if ids else "")
            )
        parts += _spec_parts(self.asserted_changes)
        if aside:
            parts.append(f"and {aside}")
        return "Yuno's documents changed since they were read: " + "; ".join(parts)


def _word(name: str, text: str) -> bool:
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", text, re.I) is not None


def citers() -> list[Citer]:
    """Every clause and every reading, with the text the field mapping looks in."""
    found = [
        Citer(
            "clause",
            clause.id,
            " ".join(
                [
                    clause.id.replace("-", " "),
                    clause.description,
                    *(c.quote for c in clause.citations),
                ]
            ),
            clause.endpoint,
            clause.citations,
        )
        for clause in load_clauses().values()
    ]
    for ambiguity in load_ambiguities().values():
        for reading in ambiguity.readings:
            overlay = ""
            if reading.overlay and reading.overlay != "contract":
                path = CONTRACTS_DIR / reading.overlay
                overlay = path.read_text(encoding="utf-8") if path.is_file() else ""
            text = " ".join(
                [
                    ambiguity.id.replace("-", " "),
                    reading.description,
                    overlay,
                    *(c.quote for c in reading.sources),
                ]
            )
            found.append(
                Citer("reading", f"{ambiguity.id}/{reading.id}", text, "*", reading.sources)
            )
    return found


def _quote_citers(page: str, quote: str, everyone: Iterable[Citer]) -> tuple[str, ...]:
    wanted = normalize_whitespace(quote)
    return tuple(
        c.id
        for c in everyone
        if any(
            cit.file == f"{PAGE_PREFIX}{page}" and normalize_whitespace(cit.quote) in wanted
            for cit in c.citations
        )
    )


def _id_words(citer: Citer | str) -> set[str]:
    return set(re.split(r"[-/_ ]", (citer if isinstance(citer, str) else citer.id).upper()))


def _first(*tiers: list[str]) -> tuple[str, ...]:
    """The most specific non-empty tier of candidates."""
    return next((tuple(dict.fromkeys(t)) for t in tiers if t), ())


def _map(change: SpecChange, everyone: list[Citer], touches: FieldTouches) -> MappedChange:
    """The clauses, readings and fuzz views a schema change touches.

    Clauses (``touches.places_of``: a clause's ``field`` and the schema sections its citations
    name), most specific first: those placed at the field, or of the operation whose id names
    every part of its path, that name the changed constraint (REQUIRED-COUNTRY for ``country``
    made required); else, for a field made (not) required, those placed at the object holding
    it (CREATE-MINIMAL-BODY); for a field added or removed, those at it, inside it or holding
    it; for a type change, those at it or inside it; for another constraint, those at it; else,
    for a response, those holding it (ERROR-BODY-SHAPE for an error's ``code``); else those of
    the operation whose text names every part of the path; for a field added or removed with
    none of these, the clauses that list the object's fields. A clause pinned to other fields
    of the same body is never listed for a name or a word it shares.

    Readings: every reading of an ambiguity one of whose overlays says something else of the
    changed constraint (``touches.readings``), and of a probed ambiguity whose id names every
    part of the path (AMOUNT-VALUE-TYPE for ``amount.value``). Fuzz views: those generated from
    the create or update request, for a change of that request."""
    operation = operation_key(change.operation)
    parts = [p for p in change.field.replace("[]", ".").split(".") if p]
    path_words = {w for part in parts for w in part.upper().split("_")}
    words = set(constraint(change.what)[1])
    where = (change.operation, change.side, change.field)
    clauses = {c.id: c for c in everyone if c.kind == "clause"}

    def endpoint(ids: list[str]) -> list[str]:
        return [
            i
            for i in ids
            if clauses[i].endpoint == "*" or operation_key(clauses[i].endpoint) == operation
        ]

    placed = {how: endpoint(ids) for how, ids in touches.places_of(*where).items()}
    pool = [
        c
        for c in clauses.values()
        if operation_key(c.endpoint) == operation and c.id not in placed["elsewhere"]
    ]
    # the clauses placed at this field, and those whose id names it (not every clause that
    # asserts a field records it as its ``field``)
    specific = placed["at"] + [c.id for c in pool if path_words <= _id_words(c)]
    if change.what in REQUIREDNESS:
        second = placed["holds"]
    elif change.what in PRESENCE:
        second = specific + placed["inside"] + placed["holds"]
    elif change.what.startswith("type"):
        second = specific + placed["inside"]
    else:
        second = specific
    lists = [c.id for c in pool if len(re.findall(r"\b[a-z]+_[a-z_]+\b", c.text)) >= 4]
    shape = [c.id for c in pool if {"RESPONSE", "SHAPE"} & _id_words(c)]
    clause_ids = _first(
        [cid for cid in specific if words & _id_words(cid)],
        second,
        placed["holds"] if change.side.startswith("response") else [],
        [c.id for c in pool if parts and all(_word(part, c.text) for part in parts)],
        (shape if change.side.startswith("response") else lists) if change.what in PRESENCE else [],
    )
    touched = touches.readings(*where, change.what) | {
        a for a in touches.probed if path_words and path_words <= _id_words(a)
    }
    reading_ids = tuple(
        c.id for c in everyone if c.kind == "reading" and c.id.split("/")[0] in touched
    )
    views = FUZZ_VIEWS.get(operation, ()) if change.side == "request" else ()
    return MappedChange(change, clause_ids, reading_ids, tuple(views))


def is_version_page(page: SourcePage) -> bool:
    """A page that records one earlier version of a file on purpose (``session-object-v148b1bb0``)."""
    return any(page.id.endswith((f"-{f.commit}", f"-v{f.commit}")) for f in page.files)


def _pages_checked(pages: dict[str, SourcePage], report: SourcesReport) -> dict[str, set[str]]:
    """file path → the pages whose quotes come from it; pages without a copy are skipped."""
    files: dict[str, set[str]] = {}
    for page in pages.values():
        if not page.files:
            report.skipped.append(
                f"page:{page.id}: no file of the docs repository recorded (quotes not checked)"
            )
        for source in page.files:
            if source.copy is None:
                report.skipped.append(
                    f"page:{page.id}: {source.path}@{source.commit}: {source.missing or 'no copy'}"
                )
            elif is_version_page(page):
                report.skipped.append(
                    f"page:{page.id}: a recorded earlier version of {source.path} (its id names the commit): "
                    "kept for what it said then, not compared with today's file"
                )
            else:
                files.setdefault(source.path, set()).add(page.id)
        if page.quotes_in_no_copy:
            numbers = ", ".join(map(str, page.quotes_in_no_copy))
            many = len(page.quotes_in_no_copy) > 1
            report.skipped.append(
                f"page:{page.id}: quote{'s' if many else ''} {numbers} {'are' if many else 'is'} "
                "in no kept copy (not checked)"
            )
    return files


def check_sources(
    fetcher: DocsFetcher,
    ref: str,
    sources_dir: Path = SOURCES_DIR,
    now: datetime.datetime | None = None,
) -> SourcesReport:
    """Read every cited file at ``ref`` and compare it with the copy the quotes were read from
    (``now``, the time recorded as ``checked_at``: the clock's unless a test gives one)."""
    pages = load_source_pages(sources_dir / "pages.yaml")
    checked_at = iso_utc(now or datetime.datetime.now(datetime.UTC))
    report = SourcesReport(ref=ref, base_url=fetcher.shown_url, checked_at=checked_at)
    files = _pages_checked(pages, report)
    for path in sorted(files):
        report.current[path] = fetcher.read(path, ref) or ""
    everyone = citers()
    views = {path: text_views(text) for path, text in report.current.items()}
    for page in pages.values():
        for source in page.files:
            if source.copy is None or is_version_page(page):
                continue
            for number in source.quotes:
                quote = page.quotes[number - 1]
                if quote_holds(quote, views[source.path]):
                    report.held += 1
                else:
                    citing = _quote_citers(page.id, quote, everyone)
                    report.gone.append(GoneQuote(page.id, number, quote, source.path, citing))
    seen: set[tuple[str, str]] = set()
    touches: FieldTouches | None = None  # built once, and only when a schema changed
    for page in pages.values():
        for source in page.files:
            spec = SPEC_FILES.get(source.path)
            if (
                spec is None
                or source.copy is None
                or is_version_page(page)
                or (source.path, source.commit) in seen
            ):
                continue
            seen.add((source.path, source.commit))
            old = source.copy_text(sources_dir) or ""
            new = report.current[source.path]
            if not new:
                report.gone.append(GoneQuote(page.id, 0, "(the whole file)", source.path, ()))
                continue
            try:
                changed = spec_changes(spec, old, new)
            except (ValueError, AttributeError, TypeError):  # no JSON, or not OpenAPI's shape
                report.gone.append(GoneQuote(page.id, 0, "(the file is no JSON)", source.path, ()))
                continue
            touches = touches or FieldTouches.from_catalogue()
            report.changes += [_map(c, everyone, touches) for c in changed]
    return report


def render_markdown(report: SourcesReport) -> str:
    lines = [
        "# Yuno's documents since they were read",
        "",
        f"**{report.headline}**",
        "",
        f"Read at `{report.ref}` from {report.base_url} on {report.checked_at}; "
        f"{report.held} quotes still hold.",
        "",
    ]
    if report.gone:
        lines += [
            "## Quotes no longer in the page",
            "",
            "| page | # | quote | cited by |",
            "|---|---|---|---|",
        ]
        for g in report.gone:
            quote = g.quote.replace("|", "\\|")
            lines.append(
                f"| page:{g.page} ({g.file}) | {g.number} | {quote} | {', '.join(g.citers) or '—'} |"
            )
        lines.append("")
    if report.changes:
        lines += [
            "## Schema changes",
            "",
            "| spec | operation | field | change | clauses | readings | fuzz views |",
            "|---|---|---|---|---|---|---|",
        ]
        for m in report.changes:
            c = m.change
            lines.append(
                f"| {c.spec} | {c.operation} {c.side} | `{c.field}` | {c.what} | "
                f"{', '.join(m.clauses) or '—'} | {', '.join(m.readings) or '—'} | {', '.join(m.fuzz_views) or '—'} |"
            )
        lines.append("")
        if any(not m.asserted for m in report.changes):
            lines += [
                "A change with no clause, reading or fuzz view is listed for the review; nothing "
                "the suites assert rests on it, so alone it does not make the check red.",
                "",
            ]
    if report.skipped:
        lines += ["## Not checked", "", *(f"- {s}" for s in report.skipped), ""]
    lines += [
        "After a red line: read the changed page, decide whether the clause or reading still holds,",
        "edit contracts/ if not, then record the reviewed version with",
        "`yuno-contracts sources check --update --commit <sha>`.",
        "",
    ]
    return "\n".join(lines)


def render_json(report: SourcesReport) -> str:
    data = {
        "headline": report.headline,
        "changed": report.exit_code == 1,
        "exit_code": report.exit_code,
        "checked_at": report.checked_at,
        "ref": report.ref,
        "base_url": report.base_url,
        "quotes_held": report.held,
        "quotes_gone": [g.__dict__ for g in report.gone],
        "spec_changes": [
            {
                **m.change.__dict__,
                "clauses": m.clauses,
                "readings": m.readings,
                "fuzz_views": m.fuzz_views,
                "asserted": m.asserted,
            }
            for m in report.changes
        ],
        "skipped": report.skipped,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_reports(report: SourcesReport, reports_dir: Path) -> tuple[Path, Path]:
    markdown, data = reports_dir / "sources.md", reports_dir / "sources.json"
    atomic_write(markdown, render_markdown(report))
    atomic_write(data, render_json(report))
    return markdown, data
