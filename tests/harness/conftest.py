"""Fixtures for the harness tests: a reference sandbox with canary credentials, and a way to run
pytest on a small suite in a subprocess exactly as a user would."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from harness_helpers import CANARY, FLOW, Suite

from yuno_contracts.sandbox import SandboxSettings, SandboxThread


@pytest.fixture
def suite(tmp_path: Path) -> Suite:
    (tmp_path / "test_flow.py").write_text(FLOW)
    (tmp_path / "pytest.ini").write_text("[pytest]\nmarkers =\n    clause(*ids): clause ids\n")
    return Suite(tmp_path)


@pytest.fixture(scope="session")
def canary_sandbox() -> Iterator[str]:
    """A reference sandbox provisioned with the canary credentials; yields its base URL."""
    settings = SandboxSettings.generate()
    settings = type(settings)(
        **{
            **settings.__dict__,
            "public_api_key": CANARY["YUNO_PUBLIC_API_KEY"],
            "private_secret_key": CANARY["YUNO_PRIVATE_SECRET_KEY"],
            "account_id": CANARY["YUNO_ACCOUNT_ID"],
            "restricted_public_api_key": CANARY["YUNO_RESTRICTED_PUBLIC_API_KEY"],
            "restricted_private_secret_key": CANARY["YUNO_RESTRICTED_PRIVATE_SECRET_KEY"],
        }
    )
    with SandboxThread(settings) as sandbox:
        yield sandbox.base_url
