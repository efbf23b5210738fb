"""Guard: what the recording layer takes from vcrpy beyond its plain ``use_cassette``.

``recording.cassettes.IndexedCassette`` overrides two private vcrpy APIs: ``Cassette._responses(
request)`` (the generator ``play_response``, ``responses_of`` and ``can_play_response_for`` draw
recorded answers from) and ``VCR._use_cassette(with_current_defaults, **kwargs)`` (where
``use_cassette`` builds its cassette). ``recording.replay.ReplayTransport`` relies on vcrpy
refusing a request from inside ``httpx.HTTPTransport.handle_request`` (the transport it wraps),
with the documented ``reason`` and ``similar_requests``, when the cassette is ``write_protected``.
pyproject.toml bounds vcrpy below its next major; if a release within it moves any of these,
these tests fail before a replay silently stops using the index or a stale cassette stops being
one line.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import httpx
import pytest
import vcr
import vcr.cassette
from vcr.errors import CannotOverwriteExistingCassetteException
from vcr.request import Request

from yuno_contracts.recording.cassettes import IndexedCassette, _IndexedVCR


def _parameters(function: object) -> list[str]:
    return list(inspect.signature(function).parameters)  # type: ignore[arg-type]


def test_vcrpy_is_the_major_the_overrides_were_written_for() -> None:
    assert vcr.__version__.split(".")[0] == "9", vcr.__version__


def test_cassette_responses_is_still_the_one_lookup_of_recorded_answers() -> None:
    assert _parameters(vcr.cassette.Cassette._responses) == ["self", "request"]
    assert "self._responses(" in inspect.getsource(vcr.cassette.Cassette.play_response)
    assert "self._responses(" in inspect.getsource(vcr.cassette.Cassette.responses_of)


def test_vcr_use_cassette_still_builds_through_use_cassette_private() -> None:
    assert _parameters(vcr.VCR._use_cassette) == ["self", "with_current_defaults", "kwargs"]
    assert "self._use_cassette(" in inspect.getsource(vcr.VCR.use_cassette)
    assert {"use", "use_arg_getter"} <= set(vars(vcr.cassette.Cassette))


def test_the_indexed_cassette_answers_through_the_override(tmp_path: Path) -> None:
    recorder = _IndexedVCR(record_mode="all")
    with recorder.use_cassette(str(tmp_path / "c.json")) as cassette:
        assert isinstance(cassette, IndexedCassette)
        request = Request("GET", "http://127.0.0.1:9/v1/checkout/sessions/x", None, {})
        cassette.append(request, {"status": {"code": 200, "message": "OK"}, "headers": {}})
        assert cassette._indexed == -1  # the index is built by the first lookup, through us
        assert cassette.responses_of(request)[0]["status"]["code"] == 200
        assert cassette._indexed == 1


def test_a_write_protected_cassette_refuses_from_inside_the_httpx_transport(tmp_path: Path) -> None:
    """The seam of ``ReplayTransport``: the refusal comes out of ``HTTPTransport.handle_request``,
    with ``reason`` and ``similar_requests`` as ``(request, succeeded, failed)`` tuples."""
    path = str(tmp_path / "c.json")
    url = "http://127.0.0.1:9/v1/checkout/sessions/"
    with _IndexedVCR(record_mode="all").use_cassette(path) as cassette:
        cassette.append(Request("GET", url + "a", None, {}), {"status": {"code": 200}})
        assert not cassette.write_protected
    transport = httpx.HTTPTransport()
    with _IndexedVCR(record_mode="none").use_cassette(path) as cassette:
        assert cassette.write_protected
        with pytest.raises(CannotOverwriteExistingCassetteException) as caught:
            transport.handle_request(httpx.Request("GET", url + "b"))
    assert caught.value.reason in ("no_match", "nothing_similar")
    ((_request, _succeeded, failed),) = caught.value.similar_requests
    assert [name for name, _message in failed] == ["path"]
    with _IndexedVCR(record_mode="none").use_cassette(str(tmp_path / "none.json")) as cassette:
        assert cassette.write_protected
        with pytest.raises(CannotOverwriteExistingCassetteException) as caught:
            transport.handle_request(httpx.Request("GET", url + "b"))
    assert caught.value.reason == "cassette_not_found"
