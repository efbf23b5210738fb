"""Recording pieces in isolation: cassette paths, matching, serialization, atomic writes."""

from __future__ import annotations

import copy
import hashlib
import json
import os
from pathlib import Path

import pytest
from vcr.request import Request

from yuno_contracts.core.errors import CorruptCassetteError
from yuno_contracts.recording.cassettes import (
    AtomicPersister,
    CassetteSerializer,
    atomic_write,
    cassette_path_for,
    json_body_matcher,
    request_key,
    write_manifest,
)
from yuno_contracts.recording.seal import UNSEALED, sealed_digest

ROOT = Path("/c")


@pytest.mark.parametrize(
    ("nodeid", "expected"),
    [
        ("suites/smoke/test_smoke.py::TestA::test_b", "/c/smoke/test_smoke/TestA.test_b.json"),
        ("suites/update/test_u.py::test_keeps[amount]", "/c/update/test_u/test_keeps-amount.json"),
        ("suites/x/test_y.py::test_z[a b/c::d]", "/c/x/test_y/test_z-a-b-c.d.json"),
        ("test_flow.py::test_round_trip", "/c/test_flow/test_round_trip.json"),
    ],
)
def test_cassette_paths_mirror_the_suite_path(nodeid: str, expected: str) -> None:
    assert str(cassette_path_for(nodeid, ROOT)) == expected


def test_long_ids_are_shortened_with_a_hash_and_stay_distinct() -> None:
    a = cassette_path_for("suites/a/test_a.py::test_x[" + "a" * 300 + "]", ROOT)
    b = cassette_path_for("suites/a/test_a.py::test_x[" + "a" * 299 + "b]", ROOT)
    assert a != b and len(a.name) <= 125 and len(b.name) <= 125


def request(body: bytes | None, method: str = "POST") -> Request:
    return Request(method, "http://h/v1/checkout/sessions", body, {})


@pytest.mark.parametrize(
    ("left", "right", "match"),
    [
        (b'{"a": 1, "b": [1, 2]}', b'{"b":[1,2],"a":1}', True),
        (b'{"a": 0.3}', b'{"a": 0.30}', True),
        (b'{"a": 0.3}', b'{"a": 0.30000000000000004}', False),
        (b'{"a": 1}', b'{"a": "1"}', False),
        (b'{"a": 1}', b'{"a": 1.0}', True),
        (b'{"a": 1.5, "b": {"y": 2, "x": 1}}', b'{"b": {"x": 1, "y": 2}, "a": 1.50}', True),
        (b'{"a": 100000}', b'{"a": 1e5}', True),
        (b'{"a": [1, 2]}', b'{"a": [2, 1]}', False),
        (b"not json", b"not json", True),
        (b"not json", b"not json!", False),
        (None, b"", True),
    ],
)
def test_bodies_match_as_json_data(left: bytes | None, right: bytes | None, match: bool) -> None:
    if match:
        json_body_matcher(request(left), request(right))
        # the replay index may only skip interactions the matchers would refuse
        assert request_key(request(left)) == request_key(request(right))
    else:
        with pytest.raises(AssertionError):
            json_body_matcher(request(left), request(right))
        assert request_key(request(left)) != request_key(request(right))


def test_the_replay_index_keys_on_method_path_and_query() -> None:
    base = Request("POST", "http://h/v1/checkout/sessions?b=2&a=1", b"{}", {})
    same = Request("POST", "http://other:9/v1/checkout/sessions?a=1&b=2", b"{ }", {})
    assert request_key(base) == request_key(same)
    for other in (
        Request("PATCH", "http://h/v1/checkout/sessions?b=2&a=1", b"{}", {}),
        Request("POST", "http://h/v1/checkout/sessions/x?b=2&a=1", b"{}", {}),
        Request("POST", "http://h/v1/checkout/sessions?a=2", b"{}", {}),
    ):
        assert request_key(base) != request_key(other)


def test_serializer_round_trips_binary_bodies_and_keeps_provenance() -> None:
    serializer = CassetteSerializer({"target": "local"})
    data = {
        "version": 1,
        "interactions": [
            {
                "request": {"method": "POST", "uri": "u", "body": b"\xff\xfe", "headers": {}},
                "response": {"status": {"code": 400}, "headers": {}, "body": {"string": "{}"}},
            }
        ],
    }
    text = serializer.serialize(copy.deepcopy(data))
    parsed = json.loads(text)
    seal = parsed["provenance"].pop("cassette_sha256")
    assert parsed["provenance"] == {"target": "local"}
    assert sealed_digest(text.encode()) == hashlib.sha256(text.encode()).hexdigest()
    assert seal != UNSEALED and sealed_digest(text.replace(seal, UNSEALED).encode()) is None
    assert parsed["interactions"][0]["request"]["body"] == {"base64": "//4="}
    back = serializer.deserialize(text)
    assert back["interactions"][0]["request"]["body"] == b"\xff\xfe"


def test_atomic_write_leaves_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.json"
    path.write_bytes(b"old contents\n")

    def crash(*_args: object) -> None:
        raise KeyboardInterrupt  # as a Ctrl-C between writing and renaming would

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(path, "new contents\n")
    assert path.read_bytes() == b"old contents\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.json"]


def test_atomic_write_replaces_the_file(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "c.json"
    atomic_write(path, "one")
    atomic_write(path, "two")
    assert path.read_text() == "two"


@pytest.mark.parametrize("content", [b"{not json", b"[]", b'{"interactions": 3}', b"\xff\xfe\x00"])
def test_a_corrupt_cassette_is_an_error_naming_the_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "c.json"
    path.write_bytes(content)
    with pytest.raises(CorruptCassetteError) as error:
        AtomicPersister.load_cassette(path, CassetteSerializer())
    message = str(error.value)
    assert message.startswith(f"corrupt cassette {path}: ")
    assert "make record TARGET=local" in message and "\n" not in message


def test_manifest_lists_each_cassette_with_provenance_and_hash(tmp_path: Path) -> None:
    cassette = tmp_path / "smoke" / "t" / "a.json"
    cassette.parent.mkdir(parents=True)
    cassette.write_text(json.dumps({"interactions": [{}, {}], "provenance": {"target": "local"}}))
    manifest = write_manifest(tmp_path)
    entry = manifest["cassettes"]["smoke/t/a.json"]
    assert entry["target"] == "local" and entry["interactions"] == 2 and len(entry["sha256"]) == 64
    assert json.loads((tmp_path / "MANIFEST.json").read_text()) == manifest
