"""Record and replay: one vcrpy cassette per test.

- Paths come from the test id, mirrored under the cassette folder:
  ``suites/smoke/test_create.py::TestCreate::test_200`` → ``cassettes/smoke/test_create/TestCreate.test_200.json``.
- Matching: method, path, query and the JSON body compared as data (key order free). Hosts and
  headers do not take part, so a recording made on one port replays on another and secrets never
  take part in matching.
- Scrubbing before anything is written: every secret value of the target (keys, account and
  customer ids, the base URL) is replaced by a placeholder, on the way to disk only; replay puts
  the replay target's stand-ins back (vcrpy's ``filter_sensitive_data``). Credential headers
  that carry any other value are masked by name.
- Writes are atomic: a temporary file in the same folder, flushed, then renamed over the old one.
- A cassette that only replays (write-protected: record mode ``none``, or ``once`` over a file
  that exists) gives the client its transport, ``recording.replay.ReplayTransport``: a request
  it does not hold is the one-line stale-cassette error, not vcrpy's exception.
- Each cassette carries its provenance (target kind, date, contract hash, harness version) and
  its seal (the sha256 of its own text, ``recording.seal``): the cassette's rename is the whole
  save, and ``MANIFEST.json``, updated right after, can lag behind it without the check refusing
  it (``recording.manifest``).
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import functools
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import vcr
import vcr.cassette
import vcr.matchers
from vcr.persisters.filesystem import CassetteNotFoundError
from vcr.record_mode import RecordMode
from vcr.request import Request

from yuno_contracts import __version__
from yuno_contracts.core.errors import CorruptCassetteError
from yuno_contracts.core.files import atomic_write
from yuno_contracts.core.jsondata import loads_exact
from yuno_contracts.harness.retry import RETRYABLE_STATUSES, transport_stats
from yuno_contracts.harness.target import Target
from yuno_contracts.recording.interrupts import interrupts
from yuno_contracts.recording.layout import (
    RECORD_MODES,
    RERECORD_HINT,
    cassette_path_for,
    shown_path,
)
from yuno_contracts.recording.manifest import (
    MANIFEST_NAME,
    read_manifest,
    save_with_manifest,
    write_manifest,
)
from yuno_contracts.recording.replay import ReplayTransport
from yuno_contracts.recording.seal import SEAL_KEY, UNSEALED, seal

__all__ = [
    "MANIFEST_NAME",
    "RECORD_MODES",
    "AtomicPersister",
    "CassetteSerializer",
    "Recording",
    "cassette_path_for",
    "json_body_matcher",
    "read_manifest",
    "use_cassette",
    "write_manifest",
]

MASKED_HEADERS = ("authorization", "cookie", "set-cookie", "x-api-key")


MATCH_ON = ("method", "path", "query", "json_body")


# -- matching -------------------------------------------------------------------------------
def _json_or_bytes(body: Any) -> Any:
    if body is None or body == b"" or body == "":
        return None
    raw = body if isinstance(body, bytes) else str(body).encode("utf-8", "surrogateescape")
    return _parsed(raw)


@functools.lru_cache(maxsize=4096)
def _parsed(raw: bytes) -> Any:
    """A body as JSON data, else as bytes; cached: vcrpy compares each request with every
    recorded one, so a fuzz cassette of n interactions would otherwise parse n² bodies."""
    try:
        return ("json", loads_exact(raw))
    except (ValueError, RecursionError):
        return ("bytes", raw)


@functools.lru_cache(maxsize=4096)
def _path_and_query(uri: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    parts = urlsplit(uri)
    return parts.path or "/", tuple(sorted(parse_qsl(parts.query)))


def path_matcher(r1: Request, r2: Request) -> None:
    """vcrpy's ``path`` matcher with the parsed URI cached (a fuzz cassette compares n²)."""
    if _path_and_query(r1.uri)[0] != _path_and_query(r2.uri)[0]:
        raise AssertionError(f"{r1.path} != {r2.path}")


def query_matcher(r1: Request, r2: Request) -> None:
    """vcrpy's ``query`` matcher (sorted pairs), with the parsed URI cached."""
    if _path_and_query(r1.uri)[1] != _path_and_query(r2.uri)[1]:
        raise AssertionError(f"{r1.query} != {r2.query}")


def json_body_matcher(r1: Request, r2: Request) -> None:
    """vcrpy matcher: bodies equal as JSON data (key order and whitespace free), else as bytes."""
    if _json_or_bytes(r1.body) != _json_or_bytes(r2.body):
        raise AssertionError("the JSON bodies differ")


def _canonical(value: Any) -> Any:
    """A hashable form of parsed JSON under which values ``json_body_matcher`` finds equal are
    equal (Python's ``==``: 1 == 1.0 == True, key order ignored); it may merge more, never less."""
    if isinstance(value, dict):
        return ("object", tuple(sorted((key, _canonical(item)) for key, item in value.items())))
    if isinstance(value, list):
        return ("array", tuple(_canonical(item) for item in value))
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return ("number", str(value.normalize()))
    if isinstance(value, float):  # NaN and Infinity (parse_constant): never equal to anything
        return ("float", repr(value))
    return value


def request_key(request: Request) -> Any:
    """What ``match_on=("method", "path", "query", "json_body")`` compares, as one hashable."""
    path, query = _path_and_query(request.uri)
    body = _json_or_bytes(request.body)
    if body is not None and body[0] == "json":
        body = ("json", _canonical(body[1]))
    return request.method.upper(), path, query, body


class IndexedCassette(vcr.cassette.Cassette):
    """vcrpy's cassette, finding a request's recorded interactions through an index.

    vcrpy compares every request with every recorded one (a fuzz cassette holds hundreds); here
    only the interactions with the same method, path, query and JSON body are compared, by the
    same matchers, in recorded order. The index is rebuilt whenever interactions were added.
    """

    _index: dict[Any, list[int]]
    _indexed = -1

    def _responses(self, request: Request) -> Iterator[tuple[int, Any]]:
        request = self._before_record_request(request)
        if request is None:
            return
        if self._indexed != len(self.data):
            self._index = {}
            for position, (stored, _response) in enumerate(self.data):
                self._index.setdefault(request_key(stored), []).append(position)
            self._indexed = len(self.data)
        for position in self._index.get(request_key(request), ()):
            stored, response = self.data[position]
            if vcr.matchers.requests_match(request, stored, self._match_on):
                yield position, response


class _IndexedVCR(vcr.VCR):
    """A ``vcr.VCR`` whose cassettes are ``IndexedCassette``s."""

    def _use_cassette(self, with_current_defaults: bool = False, **kwargs: Any) -> Any:
        if with_current_defaults:
            return IndexedCassette.use(**self.get_merged_config(**kwargs))
        return IndexedCassette.use_arg_getter(functools.partial(self.get_merged_config, **kwargs))


# -- serialization and persistence ----------------------------------------------------------
class CassetteSerializer:
    """JSON cassettes with stable formatting and the provenance of the recording.

    Bodies stay text (exactly as sent and received: a number such as ``10.50`` keeps its digits);
    bodies that are not UTF-8 are stored as base64 under ``body.base64``. The text is sealed
    (``recording.seal``): the provenance ends up holding the sha256 of the file itself.
    """

    def __init__(self, provenance: Mapping[str, Any] | None = None) -> None:
        self.provenance = dict(provenance or {})

    def serialize(self, cassette: dict[str, Any]) -> str:
        data = dict(cassette)
        for interaction in data.get("interactions", []):
            for side in ("request", "response"):
                _encode_binary_body(interaction[side])
        data["provenance"] = {**self.provenance, SEAL_KEY: UNSEALED}
        return seal(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n")

    def deserialize(self, text: str) -> dict[str, Any]:
        data = json.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("interactions"), list):
            raise ValueError("no 'interactions' list")
        for interaction in data["interactions"]:
            for side in ("request", "response"):
                _decode_binary_body(interaction[side])
        return data


def _body_slot(part: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """Where a body lives: ``request["body"]`` or ``response["body"]["string"]``."""
    body = part.get("body")
    if isinstance(body, dict) and "string" in body:
        return body, "string"
    return part, "body"


def _encode_binary_body(part: dict[str, Any]) -> None:
    holder, key = _body_slot(part)
    value = holder.get(key)
    if isinstance(value, bytes | bytearray):
        holder[key] = {"base64": base64.b64encode(bytes(value)).decode("ascii")}


def _decode_binary_body(part: dict[str, Any]) -> None:
    holder, key = _body_slot(part)
    value = holder.get(key)
    if isinstance(value, dict) and set(value) == {"base64"}:
        holder[key] = base64.b64decode(value["base64"])


class AtomicPersister:
    """vcrpy persister: atomic saves; a corrupt file is an error, never silently re-recorded.

    One persister per cassette in use: it saves only when ``keep`` is set (the test ran to its
    end) and nothing cut the test short while the cassette was in use, whatever the test made of
    it: no SIGINT reached the process (``recording.interrupts``) and no request went unanswered
    after its retries (the transport's ``broken`` count, the target vanished). An interrupted
    test leaves the file it found.
    """

    def __init__(self, manifest_root: Path | None = None) -> None:
        self.keep = False
        self.manifest_root = manifest_root
        self._interrupts = interrupts()
        self._broken = transport_stats().broken

    def cut_short(self) -> str | None:
        """Why the test of this cassette was cut short, if it was."""
        if interrupts() != self._interrupts:
            return "interrupted (SIGINT)"
        if transport_stats().broken != self._broken:
            return "a request got no answer (the target vanished or failed)"
        return None

    @classmethod
    def load_cassette(cls, cassette_path: str | Path, serializer: Any) -> tuple[Any, ...]:
        from vcr.serialize import deserialize

        path = Path(cassette_path)
        if not path.is_file():
            raise CassetteNotFoundError()
        try:
            text = path.read_text(encoding="utf-8")
            return deserialize(text, serializer)
        except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
            reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
            raise CorruptCassetteError(
                f"corrupt cassette {path}: {reason}; delete it and re-record with `{RERECORD_HINT}`"
            ) from None

    def save_cassette(
        self, cassette_path: str | Path, cassette_dict: dict[str, Any], serializer: Any
    ) -> None:
        from vcr.serialize import serialize

        if not self.keep or self.cut_short():
            return
        text = serialize(cassette_dict, serializer)
        if self.manifest_root is None:
            atomic_write(Path(cassette_path), text)
        else:
            save_with_manifest(self.manifest_root, Path(cassette_path), text)


# -- the cassette of one test ---------------------------------------------------------------
def _mask_credential_headers(request: Request) -> Request:
    for name in MASKED_HEADERS:
        if name in request.headers:
            request.headers[name] = "<masked>"
    return request


def _mask_response_headers(response: dict[str, Any]) -> dict[str, Any] | None:
    """Credential headers masked; a 429/502/503/504 the client retries is not recorded at all."""
    if (response.get("status") or {}).get("code") in RETRYABLE_STATUSES:
        return None
    headers = response.get("headers") or {}
    for name in list(headers):
        if name.lower() in MASKED_HEADERS:
            headers[name] = ["<masked>"]
    return response


def provenance(target: Target, contract_hash: str) -> dict[str, Any]:
    """What a cassette says about how it was made."""
    return {
        "target": target.kind,
        "reference_sandbox": target.kind == "local",
        "readings": dict(target.readings),
        "recorded_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "contract_sha256": contract_hash,
        "harness_version": __version__,
        "base_url_host": urlsplit(target.base_url).hostname
        if target.kind != "local"
        else "127.0.0.1",
    }


@dataclass(eq=False)
class Recording:
    """A test's cassette in use.

    ``keep``: set it to save what was recorded on exit (the persister's). ``transport``: the
    client's transport while the cassette only replays (``ReplayTransport``), None while it may
    record (the client keeps httpx's own).
    """

    persister: AtomicPersister
    transport: ReplayTransport | None

    @property
    def keep(self) -> bool:
        return self.persister.keep

    @keep.setter
    def keep(self, value: bool) -> None:
        self.persister.keep = value


@contextlib.contextmanager
def use_cassette(
    path: Path,
    target: Target,
    *,
    record_mode: str,
    contract_hash: str = "",
    manifest_root: Path | None = None,
) -> Iterator[Recording]:
    """The vcrpy cassette of one test, configured for this project.

    Yields the ``Recording``: set its ``keep`` to save what was recorded on exit (and, with
    ``manifest_root``, its entry in that folder's manifest); give its ``transport`` to the
    client, so that a request the cassette does not hold is the project's error.
    """
    if record_mode not in RECORD_MODES:
        raise ValueError(f"record mode {record_mode!r} is not one of {', '.join(RECORD_MODES)}")
    recorder = _IndexedVCR(
        record_mode=RecordMode(record_mode),
        match_on=MATCH_ON,  # IndexedCassette's key is exactly these
        decode_compressed_response=True,
    )
    persister = AtomicPersister(manifest_root)
    recorder.register_persister(persister)
    recorder.register_matcher("json_body", json_body_matcher)
    recorder.register_matcher("path", path_matcher)
    recorder.register_matcher("query", query_matcher)
    recorder.register_serializer("yuno-json", CassetteSerializer(provenance(target, contract_hash)))
    with recorder.use_cassette(
        str(path),
        serializer="yuno-json",
        filter_sensitive_data=list(target.secrets().items()),
        before_record_request=_mask_credential_headers,
        before_record_response=_mask_response_headers,
        drop_unused_requests=record_mode == "all",
        record_on_exception=False,
    ) as cassette:
        transport = (
            ReplayTransport(shown_path(path), target.secrets())
            if cassette.write_protected
            else None
        )
        yield Recording(persister, transport)
