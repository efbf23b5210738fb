"""Every body Yuno's own published code sends is accepted under some registered reading.

The bodies are contracts/sources/shipped-bodies.yaml (yuno-mcp, sdk-woocommerce, yuno-sdk-web,
the React Native example). A body every reading refuses would mean the suites call Yuno's own
code a contract violation; none may be, unless contracts/sources/decisions.md says why.
"""

from __future__ import annotations

from typing import Any

import pytest

from yuno_contracts.catalogue.agreement import Agreement
from yuno_contracts.catalogue.cases import filled, shipped_bodies
from yuno_contracts.catalogue.proof import ACCOUNT

SHIPPED = shipped_bodies()


def test_every_repository_is_swept() -> None:
    repos = {entry["repo"] for entry in SHIPPED}
    assert repos == {
        "yuno-payments/yuno-mcp",
        "yuno-payments/sdk-woocommerce",
        "yuno-payments/yuno-sdk-web",
        "yuno-payments/yuno-sdk-react-native-example",
    }
    assert all(len(entry["commit"]) == 40 and entry["path"] and entry["quote"] for entry in SHIPPED)


@pytest.mark.parametrize("entry", SHIPPED, ids=[entry["id"] for entry in SHIPPED])
def test_shipped_body_is_accepted_under_some_reading(entry: dict[str, Any]) -> None:
    agreement = Agreement.from_files()
    body = filled(entry["body"], ACCOUNT)
    verdict = agreement.verdict(entry["operation"], body)
    problems = agreement.problems(agreement.lenient_document, entry["operation"], body)
    assert not verdict.refused, f"{entry['id']} is refused under every reading: {problems}"
