"""Drift: what changed in the target's answers between two cassette sets, grouped by clause.

    yuno-contracts drift cassettes/ cassettes-2026-11-23/ [--markdown P] [--json P]

Two recordings are compared as data, interaction by interaction (cassettes paired by path,
interactions by order): the status code, the content type, each response field's path and
JSON type, and each scalar value once volatile values are normalized away (UUIDs, timestamps,
dates; session ids, which need not be UUIDs (SESSION-ID-FORMAT), by the ids the cassette's
answers carry; so a new session id or ``created_at`` is no drift, while ``"used": true`` instead of
``false``, an error code, or ``100`` becoming ``100.0`` is). Cassettes present in only one set
are listed too. Exit 1 on any contract-relevant change, 0 when the sets agree, 2 on bad input.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from yuno_contracts.core.errors import HarnessError
from yuno_contracts.recording.layout import CASSETTE_SUFFIX, cassette_path_for
from yuno_contracts.recording.manifest import MANIFEST_NAME
from yuno_contracts.reports.tables import markdown_table

__all__ = ["Change", "compare", "normalize", "render_markdown"]

UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?")
HTTP_DATE = re.compile(r"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$")
# Error message wording is not documented: only its presence and type count.
FREE_TEXT = ("$.messages[",)
PORT = re.compile(r"(127\.0\.0\.1|localhost):\d+")
# Where an answer names its session: the create / PATCH (checkout_session), the retrieve page (id).
SESSION_ID_KEYS = ("checkout_session", "id")


@dataclass(frozen=True)
class Change:
    """One difference between the old and the new recording of a test."""

    cassette: str
    interaction: str
    aspect: str  # status | content-type | field | type | value | cassette | interaction
    path: str
    old: Any
    new: Any
    clauses: tuple[str, ...] = ()


def normalize(value: Any, session_ids: tuple[str, ...] = ()) -> Any:
    """A scalar with its volatile parts (``session_ids``, UUIDs, timestamps, ports) replaced by
    placeholders."""
    if isinstance(value, str):
        if HTTP_DATE.match(value):
            return "<http-date>"
        for session_id in session_ids:
            value = value.replace(session_id, "<session-id>")
        value = UUID.sub("<uuid>", value)
        value = TIMESTAMP.sub("<timestamp>", value)
        return PORT.sub(r"\1:<port>", value)
    return value


def _type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    return {str: "string", list: "array", dict: "object", type(None): "null"}[type(value)]


def _flatten(value: Any, path: str = "$") -> Iterator[tuple[str, Any]]:
    yield path, value
    if isinstance(value, dict):
        for key in sorted(value):
            yield from _flatten(value[key], f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _flatten(item, f"{path}[{index}]")


def _load(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        data["interactions"]  # the shape check: a KeyError when missing
        return data
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise HarnessError(f"{path} is not a readable cassette ({exc}): re-record it") from None


def _response_view(interaction: dict[str, Any]) -> tuple[int, str, Any]:
    response = interaction["response"]
    headers = {k.lower(): v for k, v in response.get("headers", {}).items()}
    content_type = (headers.get("content-type") or [""])[0].split(";")[0].strip().lower()
    body = response.get("body", {}).get("string", "")
    try:
        parsed: Any = json.loads(body) if body else None
    except ValueError:
        parsed = f"<non-JSON body of {len(body)} characters>"
    return response["status"]["code"], content_type, parsed


def _session_ids(interactions: list[dict[str, Any]]) -> tuple[str, ...]:
    """The session ids the answers of one cassette name (longest first, so none hides another)."""
    found = set()
    for interaction in interactions:
        body = _response_view(interaction)[2]
        if isinstance(body, dict):
            found |= {v for k in SESSION_ID_KEYS if isinstance(v := body.get(k), str) and v}
    return tuple(sorted(found, key=len, reverse=True))


def _label(interaction: dict[str, Any], index: int, session_ids: tuple[str, ...] = ()) -> str:
    request = interaction["request"]
    uri = normalize(request.get("uri", ""), session_ids)
    return f"#{index + 1} {request.get('method', '?')} {uri.split('>', 1)[-1] or uri}"


def _compare_interaction(
    cassette: str,
    old: dict[str, Any],
    new: dict[str, Any],
    index: int,
    ids: tuple[tuple[str, ...], tuple[str, ...]] = ((), ()),
) -> Iterator[Change]:
    """The changes between two recordings of one interaction; ``ids``: the session ids of the old
    and the new cassette."""
    old_ids, new_ids = ids
    label = _label(new, index, new_ids)
    old_status, old_type, old_body = _response_view(old)
    new_status, new_type, new_body = _response_view(new)
    if old_status != new_status:
        yield Change(cassette, label, "status", "", old_status, new_status)
    if old_type != new_type:
        yield Change(cassette, label, "content-type", "", old_type, new_type)
    old_fields, new_fields = dict(_flatten(old_body)), dict(_flatten(new_body))
    for path in sorted(set(old_fields) | set(new_fields)):
        if path not in new_fields:
            yield Change(cassette, label, "field", path, "present", "absent")
        elif path not in old_fields:
            yield Change(cassette, label, "field", path, "absent", "present")
        else:
            a, b = old_fields[path], new_fields[path]
            if _type(a) != _type(b):
                yield Change(cassette, label, "type", path, _type(a), _type(b))
            elif (
                not isinstance(a, (dict, list))
                and not path.startswith(FREE_TEXT)
                and normalize(a, old_ids) != normalize(b, new_ids)
            ):
                yield Change(
                    cassette, label, "value", path, normalize(a, old_ids), normalize(b, new_ids)
                )


def _cassettes(root: Path) -> dict[str, Path]:
    if not root.is_dir():
        raise HarnessError(f"{root} is not a folder of cassettes: give two cassette folders")
    return {
        p.relative_to(root).as_posix(): p
        for p in sorted(root.rglob(f"*{CASSETTE_SUFFIX}"))
        if p.name != MANIFEST_NAME
    }


def compare(old_root: Path, new_root: Path) -> list[Change]:
    """Every difference between two cassette folders."""
    old, new = _cassettes(old_root), _cassettes(new_root)
    changes: list[Change] = []
    for rel in sorted(set(old) | set(new)):
        if rel not in new:
            changes.append(Change(rel, "", "cassette", "", "recorded", "missing"))
            continue
        if rel not in old:
            changes.append(Change(rel, "", "cassette", "", "missing", "recorded"))
            continue
        a, b = _load(old[rel])["interactions"], _load(new[rel])["interactions"]
        ids = (_session_ids(a), _session_ids(b))
        for index in range(max(len(a), len(b))):
            if index >= len(a) or index >= len(b):
                which = "old" if index < len(a) else "new"
                label = _label((a if which == "old" else b)[index], index)
                changes.append(
                    Change(rel, label, "interaction", "", index < len(a), index < len(b))
                )
                continue
            changes.extend(_compare_interaction(rel, a[index], b[index], index, ids))
    return changes


def with_clauses(changes: list[Change], markers: dict[str, list[str]], root: Path) -> list[Change]:
    """Attach the clause ids of the test each cassette belongs to (markers: nodeid → ids)."""
    by_cassette = {
        cassette_path_for(nodeid, root).relative_to(root).as_posix(): tuple(ids)
        for nodeid, ids in markers.items()
    }
    return [Change(**{**asdict(c), "clauses": by_cassette.get(c.cassette, ())}) for c in changes]


def grouped(changes: list[Change]) -> dict[str, list[Change]]:
    groups: dict[str, list[Change]] = {}
    for change in changes:
        for clause in change.clauses or ("(no clause found)",):
            groups.setdefault(clause, []).append(change)
    return dict(sorted(groups.items()))


def render_markdown(changes: list[Change], old: Path, new: Path) -> str:
    lines = [f"# Drift: `{old}` → `{new}`", ""]
    if not changes:
        return "\n".join([*lines, "No contract-relevant change: the two recordings agree.", ""])
    cassettes = len({c.cassette for c in changes})
    lines += [f"{len(changes)} changes in {cassettes} cassettes, grouped by clause.", ""]
    for clause, items in grouped(changes).items():
        rows: list[tuple[object, ...]] = [
            (
                f"`{c.cassette}`",
                c.interaction,
                c.aspect,
                f"`{c.path}`",
                *(json.dumps(v, ensure_ascii=False)[:80] for v in (c.old, c.new)),
            )
            for c in items[:50]
        ]
        if len(items) > 50:
            rows.append((f"… {len(items) - 50} more", "", "", "", "", ""))
        headers = ("cassette", "interaction", "what", "path", "old", "new")
        lines += [f"## {clause}", "", *markdown_table(headers, rows), ""]
    return "\n".join(lines)


def render_json(changes: list[Change], old: Path, new: Path) -> str:
    payload = {
        "old": str(old),
        "new": str(new),
        "changes": len(changes),
        "by_clause": {k: [asdict(c) for c in v] for k, v in grouped(changes).items()},
    }
    return json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n"
