"""One fuzz test's sending and judging: requests to the target, checks, and failure reports.

    runner = FuzzRunner(target, client, cassette="cassettes/fuzz/…json")
    runner.send_and_check(case)           # in a Schemathesis test, once per generated case
    runner.run_state_machine(schema, form, max_examples=…, step_count=…)  # create → update → retrieve

Requests go through the test's ``YunoClient`` (``fuzz.transport``): the timeout, retries, rate
limit, circuit breaker and cassette of the hand-written suites. A request with no answer after
the retries is a ``TargetUnavailableError`` (broken), raised at once for every later case of the
test, so Hypothesis neither sends again nor reports it as a contract failure. A failed check is raised as ``FuzzViolation``: the clause it breaks, what
the check says, and a curl line that repeats the (shrunk, minimal) request with every secret of
the target masked; the same curl line is attached to the Allure report. A request the cassette
does not hold is a ``ReplayMismatchError`` ("stale cassette … re-record with …").
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from schemathesis.checks import load_all_checks
from schemathesis.core.failures import CustomFailure, Failure, FailureGroup
from schemathesis.generation.case import Case
from schemathesis.generation.feedback import FeedbackSources
from schemathesis.generation.stateful.state_machine import APIStateMachine
from schemathesis.pytest._test_builder import build_operation_test
from schemathesis.specs.openapi.checks import (
    ignored_auth,
    negative_data_rejection,
    positive_data_acceptance,
)
from schemathesis.specs.openapi.schemas import OpenApiSchema

from yuno_contracts.catalogue.reference import UUID_FORM
from yuno_contracts.core.errors import HarnessError
from yuno_contracts.core.jsondata import loads_or_none
from yuno_contracts.fuzz.checks import (
    CHECK_CLAUSES,
    PROJECT_CHECKS,
    CheckScope,
    SessionLedger,
    using_scope,
)
from yuno_contracts.fuzz.generation import hypothesis_settings, local_constants_off
from yuno_contracts.fuzz.transport import client_session
from yuno_contracts.fuzz.views import BODY_OPERATIONS, agreement, judged_body
from yuno_contracts.harness.client import YunoClient, mask
from yuno_contracts.harness.error_codes import GENERIC_400_CODES, error_code
from yuno_contracts.harness.patching import UpdateForm
from yuno_contracts.harness.target import BASE_URL_PLACEHOLDER, Target
from yuno_contracts.harness.violation import ContractViolation

__all__ = ["FuzzRunner", "FuzzViolation", "clause_of", "share_of"]


class FuzzViolation(ContractViolation):
    """A fuzz check failed: the clause, the check's words, and the curl line that repeats it."""

    def __init__(self, clause: str, title: str, detail: str, curl: str, status: int) -> None:
        self.curl = curl
        AssertionError.__init__(
            self,
            f"{clause}: {title}; observed status {status}: {detail}\n    reproduce: {curl}",
        )
        self.clause, self.expected, self.observed, self.where = clause, title, detail, curl


def share_of(case: Case, parts: int) -> int:
    """Which of ``parts`` shares (1-based) a case belongs to: a stable hash of its request."""
    request = json.dumps(
        [case.method, case.path, case.path_parameters, case.query, case.body],
        sort_keys=True,
        default=_stable,
    )
    return int(hashlib.sha256(request.encode()).hexdigest(), 16) % parts + 1


def _stable(value: Any) -> str:
    """A JSON stand-in for what json cannot write: the same text on every run (no addresses)."""
    if isinstance(value, Decimal | bytes):
        return repr(value)
    return type(value).__name__


def _checked_clause(failure: Failure) -> str | None:
    """The clause of a project check's failure: the ``ContractViolation`` it raised."""
    raised = failure.exception if isinstance(failure, CustomFailure) else None
    return raised.clause if isinstance(raised, ContractViolation) else None


def clause_of(failure: Failure, operation_id: str) -> str:
    """The clause a Schemathesis failure breaks: a project check's own, else by check name."""
    checked = _checked_clause(failure)
    if checked:
        return checked
    for check in type(failure).checks or (failure.title,):
        by_operation = CHECK_CLAUSES.get(check)
        if by_operation:
            return by_operation.get(operation_id, by_operation["*"])
    return "ERROR-400-INVALID-REQUEST" if operation_id == "createCheckoutSession" else "UPDATE-200"


class FuzzRunner:
    """Sends generated cases to one target and judges the answers; one per fuzz test."""

    def __init__(self, target: Target, client: YunoClient, *, cassette: str = "") -> None:
        self.target = target
        self.cassette = cassette
        self.session = client_session(client, target)
        self.scope = CheckScope(ledger=SessionLedger(), send=self.call)
        self.requests_sent = 0
        self.statuses: dict[int, int] = {}
        self.harness_error: HarnessError | None = None
        self.curls: list[str] = []
        # Requests, by method, to a session this run created: the links were followed.
        self.on_known_sessions: dict[str, int] = {}
        # The PATCH form the target takes (UPDATE-PARTIAL), which decides the readings a body
        # is judged by; set per operation or machine.
        self.form: UpdateForm = "four"

    @property
    def ledger(self) -> SessionLedger:
        return self.scope.ledger

    def close(self) -> None:
        self.session.close()

    # -- one case -----------------------------------------------------------------------------
    def call(self, case: Case) -> Any:
        """Send ``case``; no answer, or none in the cassette, is a one-line harness error."""
        if self.harness_error is not None:  # Hypothesis shrinking a broken case: no resend
            raise self.harness_error
        try:
            response = case.call(**self.transport_kwargs())
        except HarnessError as exc:
            self.harness_error = exc
            raise exc from None
        self.requests_sent += 1
        session_id = str((case.path_parameters or {}).get("checkout_session", ""))
        if session_id and self.ledger.get(session_id) is not None:
            self.on_known_sessions[case.method.upper()] = (
                self.on_known_sessions.get(case.method.upper(), 0) + 1
            )
        self.statuses[response.status_code] = self.statuses.get(response.status_code, 0) + 1
        return response

    def check(self, case: Case, response: Any) -> None:
        """Every applicable check (built-in and the project's); a failure → ``FuzzViolation``."""
        try:
            with using_scope(self.scope):
                case.validate_response(
                    response,
                    additional_checks=PROJECT_CHECKS,
                    excluded_checks=self._not_applicable(case, response),
                    transport_kwargs=self.transport_kwargs(),
                )
        except HarnessError as exc:  # an auth probe got no answer
            self.harness_error = exc
            raise exc from None
        except FailureGroup as group:
            raise self._violation(case, response, list(group.exceptions)) from None
        except Failure as failure:
            raise self._violation(case, response, [failure]) from None
        if response.status_code == 200:
            self.ledger.remember(loads_or_none(response.content))

    def _not_applicable(self, case: Case, response: Any) -> list[Any]:
        """Checks that cannot judge this answer without a false alarm.

        UNKNOWN-SESSION: an id the run never created is unknown to the target; the documents
        answer it with 404 (older spec) or 400 CHECKOUT_SESSION_NOT_FOUND or NOT_FOUND (error
        catalogue). SESSION-ID-FORMAT: the contract's ids are any 36 to 64 characters, so a made-up
        id may be no UUID, malformed under the uuid reading: a generic 400 code refuses it too.
        Each is a documented refusal, so ``positive_data_acceptance`` (which only knows 404) does
        not judge it; status conformance and the error body still do.
        """
        # Schemathesis' own auth probes would leave the run's session: auth_enforced sends them.
        excluded: list[Any] = [ignored_auth, *self._not_decided(case)]
        session_id = str((case.path_parameters or {}).get("checkout_session", ""))
        if not session_id or self.ledger.get(session_id) is not None:
            return excluded
        body = loads_or_none(response.content)
        code = error_code(body)
        unknown = code in ("CHECKOUT_SESSION_NOT_FOUND", "NOT_FOUND")
        malformed = code in GENERIC_400_CODES and not UUID_FORM.fullmatch(session_id)
        if response.status_code in (400, 404) and (unknown or malformed):
            excluded.append(positive_data_acceptance)
        return excluded

    def _not_decided(self, case: Case) -> list[Any]:
        """The data checks a body's verdict does not support (catalogue.agreement).

        A positive case is held to acceptance only when every documented reading accepts its
        body, a negative one to refusal only when every reading refuses it: the views are built
        to generate such bodies, and this is the rule applied to each body actually sent.
        """
        operation = BODY_OPERATIONS.get(case.operation.definition.raw.get("operationId", ""))
        meta = case.meta
        if operation is None or meta is None or case.body is None:
            return []
        body = judged_body(case.body)
        verdict = agreement(self.form).verdict(operation, body)  # type: ignore[arg-type]
        if meta.generation.mode.is_positive and not verdict.accepted:
            return [positive_data_acceptance]
        if meta.generation.mode.is_negative and not verdict.refused:
            return [negative_data_rejection]
        return []

    def transport_kwargs(self) -> dict[str, Any]:
        return {"base_url": self.target.base_url, "session": self.session}

    def send_and_check(self, case: Case) -> Any:
        response = self.call(case)
        self.check(case, response)
        return response

    # -- reports ------------------------------------------------------------------------------
    def curl(self, case: Case) -> str:
        """A curl line repeating ``case`` against the target, every secret masked."""
        line = case.as_curl_command(base_url=self.target.base_url)
        return mask(line.split("\n\n", 1)[0], self._secrets())

    def _secrets(self) -> dict[str, str]:
        """The target's secrets but its base URL, which a repro line needs and is not secret."""
        return {k: v for k, v in self.target.secrets().items() if k != BASE_URL_PLACEHOLDER}

    def _violation(self, case: Case, response: Any, failures: list[Failure]) -> FuzzViolation:
        operation_id = case.operation.definition.raw.get("operationId", "")
        # A project check names its clause precisely: report it first.
        # Then a 5xx, then the rest by title: the same failure leads on every run.
        failures = sorted(
            failures,
            key=lambda f: (
                _checked_clause(f) is None,
                "not_a_server_error" not in type(f).checks,
                f.title,
            ),
        )
        first = failures[0]
        clause = clause_of(first, operation_id)
        detail = (first.message or "").strip().replace("\n", " ")
        others = "; ".join(f"{f.title}" for f in failures[1:])
        if others:
            detail += f" (also: {others})"
        body = (response.text or "")[:300].replace("\n", " ")
        detail += f"; response body: {body}" if body else ""
        curl = self.curl(case)
        self.curls.append(curl)
        return FuzzViolation(
            clause, first.title, mask(detail[:900], self._secrets()), curl, response.status_code
        )

    # -- one operation ------------------------------------------------------------------------
    def run_operation(
        self,
        schema: OpenApiSchema,
        operation_id: str,
        test: Callable[[Case], Any],
        share: tuple[int, int] = (1, 1),
        form: UpdateForm = "four",
    ) -> None:
        """Run ``test`` on the cases Schemathesis generates for one operation of ``schema``.

        The same Hypothesis test Schemathesis' pytest plugin builds (the schema's phases, budget
        and fixed seed, so the same cases in the same order), called from an ordinary pytest
        test: collecting it needs no schema and no fuzzing stack. ``share`` (k, n): only the
        cases whose request falls in the k-th of n shares (by a hash of the request, so a case keeps its
        share on every run and in Hypothesis' replays), one test per share that xdist spreads.
        ``form``: the PATCH form the target takes, the one ``schema`` was built for; each body
        is judged by the readings of that form.
        """
        self.form = form
        operation = schema.find_operation_by_id(operation_id)
        part, parts = share
        # The coverage phase sends each "unspecified HTTP method" case once per schema object
        # (a set on the schema). The views are shared by the tests of a process, so without a
        # fresh set a share's cases would depend on which shares the process ran before.
        seen = getattr(schema, "coverage_unexpected_methods_seen", None)
        if not isinstance(seen, set):
            raise HarnessError(
                "schemathesis has no OpenApiSchema.coverage_unexpected_methods_seen: the fuzz "
                "shares would not replay deterministically; pin schemathesis as in uv.lock"
            )
        seen.clear()

        drawn = {"all": 0, "share": 0}

        def one(case: Case) -> None:
            drawn["all"] += 1
            if parts == 1 or share_of(case, parts) == part:
                drawn["share"] += 1
                test(case)

        load_all_checks()
        with local_constants_off():  # the coverage phase draws its cases as the test is built
            build_operation_test(
                config=schema.config,
                operation=operation,
                test_func=one,
                given_kwargs={},
                feedback=FeedbackSources(),
            )()
        if not drawn["share"]:  # nothing was sent or judged: no evidence, never a pass
            pytest.skip(
                f"share {part} of {parts} drew none of the {drawn['all']} cases generated for "
                f"{operation_id} at this budget (fewer shares, or a larger FUZZ_EXAMPLES)"
            )

    # -- stateful -----------------------------------------------------------------------------
    def state_machine(self, schema: Any, form: UpdateForm = "four") -> type[APIStateMachine]:
        """The create → update (→ update) → retrieve machine, sending and judging through us
        (``form``: the PATCH form the target takes, the one ``schema`` was built for)."""
        self.form = form
        runner = self
        base = schema.as_state_machine()

        class YunoSessions(base):  # type: ignore[misc, valid-type]
            def call(self, case: Case, **kwargs: Any) -> Any:
                return runner.call(case)

            def validate_response(self, response: Any, case: Case, **kwargs: Any) -> None:
                runner.check(case, response)

        YunoSessions.__name__ = YunoSessions.__qualname__ = "YunoSessions"
        return YunoSessions

    def run_state_machine(
        self, schema: Any, form: UpdateForm, *, max_examples: int, step_count: int
    ) -> None:
        """Run the machine of ``state_machine`` under the fuzz Hypothesis settings."""
        machine = self.state_machine(schema, form)
        settings = hypothesis_settings(max_examples, stateful_step_count=step_count)
        with local_constants_off():
            machine.run(settings=settings)
