"""Guard: ``fuzz.runner`` relies on two private Schemathesis 4 APIs.

``schemathesis.pytest._test_builder.build_operation_test`` builds the Hypothesis test Schemathesis'
pytest plugin would build, so a fuzz test builds it when it runs and collection loads no fuzzing
stack. ``OpenApiSchema.coverage_unexpected_methods_seen`` is the set the coverage phase keeps per
schema object; the runner clears it before each share so a share's cases do not depend on the
shares that ran before it in the process. pyproject.toml bounds Schemathesis to 4.x from the
version these were written for; if a release within it moves either, these tests fail before the
fuzz tests stop replaying deterministically.
"""

from __future__ import annotations

import inspect
from typing import Any, Literal

import pytest
import schemathesis
from schemathesis.generation.feedback import FeedbackSources
from schemathesis.pytest import _test_builder

from yuno_contracts.fuzz.views import fuzz_schema


def test_schemathesis_is_the_major_the_runner_was_written_for() -> None:
    assert schemathesis.__version__.split(".")[0] == "4", schemathesis.__version__


def test_build_operation_test_takes_what_the_runner_passes() -> None:
    parameters = inspect.signature(_test_builder.build_operation_test).parameters
    assert {"config", "operation", "test_func", "given_kwargs", "feedback"} <= set(parameters)
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters.values())


def generated_cases(mode: Literal["positive", "negative"], operation_id: str) -> list[Any]:
    """The cases the test ``build_operation_test`` builds hands its function, as the runner's."""
    schema = fuzz_schema(mode, max_examples=2, phase="coverage")
    operation = schema.find_operation_by_id(operation_id)
    cases: list[Any] = []

    def one(case: object) -> None:  # a plain function, as the runner passes
        cases.append(case)

    _test_builder.build_operation_test(
        config=schema.config,
        operation=operation,
        test_func=one,
        given_kwargs={},
        feedback=FeedbackSources(),
    )()
    return cases


def test_the_built_test_calls_the_function_once_per_generated_case() -> None:
    cases = generated_cases("negative", "updateCheckoutSession")
    assert cases, "the built test generated no case"
    assert all(hasattr(case, "path_parameters") for case in cases)


def test_the_coverage_phase_still_keeps_its_set_on_the_schema() -> None:
    schema = fuzz_schema("positive", max_examples=2, phase="coverage")
    assert isinstance(schema.coverage_unexpected_methods_seen, set)


def test_every_check_the_clause_table_maps_is_named_by_a_failure_class() -> None:
    """``fuzz.runner.clause_of`` maps a Schemathesis failure to a clause by its class's
    ``checks`` (after ``load_all_checks``); a renamed check would fall back to the generic
    clause silently, so every name ``CHECK_CLAUSES`` maps must still be some class's."""
    from schemathesis.checks import load_all_checks
    from schemathesis.core.failures import Failure

    from yuno_contracts.fuzz.checks import CHECK_CLAUSES

    load_all_checks()
    classes, named = [Failure], set()
    while classes:
        cls = classes.pop()
        named.update(getattr(cls, "checks", ()) or ())
        classes.extend(cls.__subclasses__())
    assert set(CHECK_CLAUSES) <= named, set(CHECK_CLAUSES) - named


def test_a_project_check_failure_keeps_its_clause_as_data() -> None:
    """A check's AssertionError is kept as ``CustomFailure.exception``: the clause reaches the
    runner as the typed violation the check raised, never parsed from the message."""
    from schemathesis.core.failures import CustomFailure

    from yuno_contracts.fuzz.checks import CheckViolation
    from yuno_contracts.fuzz.runner import clause_of

    raised = CheckViolation("UPDATE-PARTIAL", "Unsent field changed", "merchant_order_id changed")
    failure = CustomFailure(
        operation="PATCH /v1/checkout/sessions/{checkout_session}",
        title="Custom check failed: `yuno_update_keeps_unsent`",
        message=str(raised),
        exception=raised,
    )
    assert failure.exception is raised
    assert clause_of(failure, "updateCheckoutSession") == "UPDATE-PARTIAL"
    assert "UPDATE-PARTIAL" not in failure.message  # the clause is not read from the text


def test_the_auth_probes_derive_cases_without_their_keys() -> None:
    """``fuzz.checks.auth_enforced`` derives its probes with ``Case.derive`` and skips cases
    whose path parameter is mutated (``case.meta.is_negative_at``)."""
    from requests.structures import CaseInsensitiveDict
    from schemathesis.core.parameters import ParameterLocation

    from yuno_contracts.fuzz.checks import _auth_probes, security_headers

    cases = generated_cases("positive", "createCheckoutSession")
    case = cases[0]
    assert security_headers(case) == ["public-api-key", "private-secret-key"]
    keys = {name: case.headers[name] for name in security_headers(case)}
    probes = [probe for _, probe in _auth_probes(case, keys)]
    public, private = "<YUNO_PUBLIC_API_KEY>", "<YUNO_PRIVATE_SECRET_KEY>"
    assert [dict(probe.headers) for probe in probes] == [
        {},
        {"private-secret-key": private},
        {"public-api-key": public},
        {"public-api-key": "yuno-contracts-invalid-key", "private-secret-key": private},
        {"public-api-key": public, "private-secret-key": "yuno-contracts-invalid-key"},
    ]
    assert all(isinstance(probe.headers, CaseInsensitiveDict) for probe in probes)
    assert all(probe.body == case.body for probe in probes)
    assert case.meta is not None
    assert case.meta.is_negative_at(ParameterLocation.PATH) is False


def test_a_share_that_draws_no_case_is_skipped_not_passed() -> None:
    """A share no generated case falls in has sent and judged nothing: the runner skips it with
    the reason, so an empty share is never counted as a passed test of its clauses."""
    from yuno_contracts.fuzz.runner import FuzzRunner
    from yuno_contracts.harness.target import replay_target

    runner = FuzzRunner(replay_target(), client=None)  # type: ignore[arg-type]
    judged: list[object] = []
    schema = fuzz_schema("positive", max_examples=2, phase="coverage")
    with pytest.raises(pytest.skip.Exception, match=r"share 1 of 1000000 drew none of the \d+"):
        runner.run_operation(schema, "createCheckoutSession", judged.append, (1, 10**6))
    assert judged == []
    runner.close()
