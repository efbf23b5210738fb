"""Bad input to `yuno-contracts sources check` is one line and exit 2, never a traceback; an
OpenAPI file that is JSON but not a document is a change to report, not a crash."""

from __future__ import annotations

import pytest

from yuno_contracts.cli import main
from yuno_contracts.sources.specs import flatten_operations


@pytest.mark.parametrize("commit", ["main", "../../x", "abc"])
def test_a_commit_that_is_no_sha_is_refused_in_one_line(
    commit: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sources", "check", "--update", "--commit", commit]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no commit sha" in err[0], err


@pytest.mark.parametrize("text", ["[]", "null", '"openapi"'])
def test_json_that_is_no_document_is_a_value_error(text: str) -> None:
    with pytest.raises(ValueError, match="not an OpenAPI document"):
        flatten_operations(text)
