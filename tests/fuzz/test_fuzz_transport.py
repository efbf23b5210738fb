"""Every fuzz request, auth probes included, goes through the session the run gives Schemathesis.

The session's adapter is the harness client, so what it sends lands in the test's cassette with
the secrets scrubbed. Schemathesis' own ``ignored_auth`` would send its probes on a session of its
own, past the client; the run sends them itself (``fuzz.checks.auth_enforced``). Recorded here
against the reference sandbox: the cassette holds the first accepted create, then the same body
without the keys, with each key left out and with each key wrong, each answered 401.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from yuno_contracts.fuzz.checks import INVALID_KEY
from yuno_contracts.recording.cassettes import CassetteSerializer

REPO = Path(__file__).resolve().parents[2]
KEYS = ("public-api-key", "private-secret-key")
pytestmark = pytest.mark.timeout(300)


def recorded(tmp_path: Path) -> list[dict]:
    test = "suites/fuzz/test_fuzz_create.py::TestFuzzCreateAcceptsValidBodies"
    command = [
        sys.executable, "-m", "pytest", test, "-k", "test_valid_bodies_are_accepted and share-1",
        "-q", "-p", "no:xdist", "--target", "local", "--record-mode", "all",
        "--cassette-dir", str(tmp_path / "cassettes"), "--reports-dir", str(tmp_path / "reports"),
    ]  # fmt: skip
    done = subprocess.run(
        command,
        cwd=REPO,
        env={**os.environ, "FUZZ_EXAMPLES": "8"},
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    (path,) = (tmp_path / "cassettes").rglob("*share-1-of-2.json")
    data = CassetteSerializer().deserialize(path.read_text(encoding="utf-8"))
    return data["interactions"]


def keys_of(interaction: dict) -> dict[str, str]:
    headers = {k.lower(): v for k, v in interaction["request"]["headers"].items()}
    return {name: headers[name][0] for name in KEYS if name in headers}


def test_auth_probes_go_through_the_runs_client(tmp_path: Path) -> None:
    interactions = recorded(tmp_path)
    first = next(
        i
        for i, item in enumerate(interactions)
        if item["request"]["method"] == "POST" and item["response"]["status"]["code"] == 200
    )
    probes = interactions[first + 1 : first + 6]
    public, private = "<YUNO_PUBLIC_API_KEY>", "<YUNO_PRIVATE_SECRET_KEY>"
    assert [keys_of(item) for item in probes] == [
        {},
        {"private-secret-key": private},
        {"public-api-key": public},
        {"public-api-key": INVALID_KEY, "private-secret-key": private},
        {"public-api-key": public, "private-secret-key": INVALID_KEY},
    ], [keys_of(item) for item in interactions[: first + 7]]
    assert all(item["request"]["body"] == interactions[first]["request"]["body"] for item in probes)
    assert [item["response"]["status"]["code"] for item in probes] == [401] * 5
    # the generated cases' requests carry the target's keys scrubbed to placeholders
    assert keys_of(interactions[first]) == {
        "public-api-key": "<YUNO_PUBLIC_API_KEY>",
        "private-secret-key": "<YUNO_PRIVATE_SECRET_KEY>",
    }
    # one confirmation per operation: no other request goes without its keys
    rest = interactions[first + 6 :]
    assert all(keys_of(item) == keys_of(interactions[first]) for item in rest), rest


def test_an_answer_reads_as_the_body_httpx_decoded() -> None:
    """The adapter hands Schemathesis the body as requests' own adapter would, read from
    ``raw``: a gzip answer is not decoded twice, and its headers stay as the target sent them."""
    import gzip

    import httpx
    import requests

    from yuno_contracts.fuzz.transport import _requests_response

    body = '{"payment_description": "café"}'.encode()
    sent = httpx.Request("POST", "http://127.0.0.1:9/v1/checkout/sessions")
    answer = httpx.Response(
        200,
        headers={"content-type": "application/json", "content-encoding": "gzip"},
        content=gzip.compress(body),
        request=sent,
    )
    answer.read()
    prepared = requests.Request("POST", str(sent.url), data=b"{}").prepare()
    response = _requests_response(prepared, answer)
    assert response.content == body
    assert response.json() == {"payment_description": "café"}
    assert response.headers["content-encoding"] == "gzip"
    assert response.status_code == 200 and response.request is prepared


def test_the_secrets_go_on_the_wire_only() -> None:
    """The adapter fills the target's values into a copy: the request Schemathesis keeps (and
    reports, curl lines included) still carries the placeholders."""
    import requests

    from yuno_contracts.fuzz.transport import ClientAdapter
    from yuno_contracts.harness.target import ACCOUNT_PLACEHOLDER, PUBLIC_KEY_PLACEHOLDER

    secrets = {PUBLIC_KEY_PLACEHOLDER: "pk_real", ACCOUNT_PLACEHOLDER: "acc_real"}
    adapter = ClientAdapter(client=None, secrets=secrets)  # type: ignore[arg-type]
    body = f'{{"account_id": "{ACCOUNT_PLACEHOLDER}"}}'.encode()
    prepared = requests.Request(
        "POST", "http://127.0.0.1:9/", headers={"public-api-key": PUBLIC_KEY_PLACEHOLDER}, data=body
    ).prepare()
    wire = adapter.filled_in(prepared)
    assert wire.headers["public-api-key"] == "pk_real"
    assert wire.body == b'{"account_id": "acc_real"}'
    assert wire.headers["Content-Length"] == str(len(wire.body))
    assert prepared.headers["public-api-key"] == PUBLIC_KEY_PLACEHOLDER
    assert prepared.body == body
