"""Fixtures of the fuzz suite: the two fuzz views as Schemathesis schemas, the runner, a session.

Every fuzz test also takes the harness's ``client`` fixture: it opens the test's cassette, which
records (``--record-mode all``) or replays (``--target replay``) the requests Schemathesis sends.
The budget is ``FUZZ_EXAMPLES`` (examples per test; default 8, ``nightly`` 150).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from yuno_contracts import (
    Target,
    YunoClient,
    cassette_of,
    errors,
    fuzz_budget,
    patching,
    shown_path,
    steps,
)

if TYPE_CHECKING:
    from yuno_contracts import FuzzRunner


@pytest.fixture(scope="session")
def fuzz_examples() -> int:
    """Examples per fuzz test (``FUZZ_EXAMPLES``)."""
    try:
        return fuzz_budget()
    except errors.HarnessError as exc:
        raise pytest.UsageError(str(exc)) from None


@pytest.fixture
def fuzz_runner(
    request: pytest.FixtureRequest, client: YunoClient, target: Target
) -> Iterator[FuzzRunner]:
    """Sends and judges this test's generated requests, inside its cassette (via ``client``).

    The fuzzing stack (Schemathesis, Hypothesis) is imported here, by the first fuzz test a
    process runs, never while pytest collects."""
    from yuno_contracts import FuzzRunner

    runner = FuzzRunner(target, client, cassette=shown_path(cassette_of(request.node)))
    try:
        yield runner
    finally:
        runner.close()
        _attach_repro(runner)
        # Counted for the nightly 5xx tally and the throughput benchmark (reports/junit, -rA).
        request.node.user_properties.append(("fuzz_requests", runner.requests_sent))
        request.node.user_properties.append(
            ("fuzz_statuses", json.dumps(dict(sorted(runner.statuses.items()))))
        )
    # A test whose target stopped answering never passes, whatever Schemathesis made of the
    # error: it is broken (target unavailable), reported from the teardown.
    if runner.harness_error is not None:
        raise runner.harness_error


def _attach_repro(runner: FuzzRunner) -> None:
    if not runner.curls:
        return
    try:
        import allure
    except ImportError:  # pragma: no cover - allure-pytest is a dependency
        return
    allure.attach(
        runner.curls[-1],
        name="minimal reproducing request (curl, secrets masked)",
        attachment_type=allure.attachment_type.TEXT,
    )


@pytest.fixture
def created_session(fuzz_runner: FuzzRunner, client: YunoClient, target: Target) -> dict[str, Any]:
    """A session created for the update fuzz tests (its state goes into the runner's ledger)."""
    created = steps.new_session(client, target)
    fuzz_runner.ledger.remember(created)
    return created


@pytest.fixture
def existing_session(created_session: dict[str, Any]) -> str:
    """The id of the session the update fuzz tests send their PATCH bodies to."""
    return created_session["checkout_session"]


@pytest.fixture
def update_form(
    created_session: dict[str, Any], client: YunoClient, target: Target
) -> patching.UpdateForm:
    """The PATCH form the target takes (UPDATE-PARTIAL), asked with the session's stored values:
    the four fields the update page marks required (every reading but closed), or the change
    alone (closed). Neither accepted: UPDATE-200 fails here."""
    return patching.taken_update_form(client, target, created_session)
