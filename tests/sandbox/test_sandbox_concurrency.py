"""No lost update: many clients PATCH one session at once, against a real separate process.

Each thread owns one field (two of them own the two halves of ``amount``, so a merge that is
not atomic would show too) and writes it 200 times with changing values. Every PATCH answer
must hold the value just written, and the final session must hold each thread's last write.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sandbox_helpers import client

from yuno_contracts.sandbox import SandboxProcess

ROUNDS = 200
CURRENCIES = ["USD", "COP", "BRL", "MXN", "ARS", "CLP", "PEN", "UYU"]
COUNTRIES = ["AR", "BO", "BR", "CL", "CO", "CR", "EC", "SV", "GT", "HN", "MX"]
WORKFLOWS = ["SDK_CHECKOUT", "CHECKOUT", "SDK_SEAMLESS"]

WRITERS: dict[str, Callable[[int], Any]] = {
    "merchant_order_id": lambda i: f"order-{i:04d}",
    "payment_description": lambda i: f"description-{i:04d}",
    "callback_url": lambda i: f"https://example.com/{i}",
    "customer_id": lambda i: str(uuid.UUID(int=i + 1)),
    "amount.value": lambda i: i,
    "amount.currency": lambda i: CURRENCIES[i % len(CURRENCIES)],
    "metadata": lambda i: [{"key": "round", "value": str(i)}],
    "installments.plan_id": lambda i: f"plan-{i}",
    "country": lambda i: COUNTRIES[i % len(COUNTRIES)],
    "workflow": lambda i: WORKFLOWS[i % len(WORKFLOWS)],
}
"""The field each thread owns (a dotted path) → its value in round i."""


def _body(path: str, value: Any) -> dict[str, Any]:
    head, _, rest = path.partition(".")
    return {head: _body(rest, value) if rest else value}


def _shown(view: dict[str, Any], path: str) -> Any:
    for part in path.split("."):
        view = view[part]
    return view


@pytest.fixture(scope="module")
def process() -> Iterator[SandboxProcess]:
    with SandboxProcess() as sandbox:
        yield sandbox


def test_no_lost_update(process: SandboxProcess) -> None:
    settings = process.settings
    auth = {
        "public-api-key": settings.public_api_key,
        "private-secret-key": settings.private_secret_key,
    }
    with client(process.base_url) as http:
        response = http.post(
            "/checkout/sessions",
            headers=auth,
            json={
                "account_id": settings.account_id,
                "merchant_order_id": "start",
                "payment_description": "start",
                "country": "US",
                "amount": {"currency": "USD", "value": 1},
            },
        )
    assert response.status_code == 200, response.text
    created = response.json()
    path = f"/checkout/sessions/{created['checkout_session']}"

    failures: list[str] = []
    barrier = threading.Barrier(len(WRITERS))

    def write(field: str) -> None:
        value_of = WRITERS[field]
        with client(process.base_url) as http:
            barrier.wait()
            for i in range(ROUNDS):
                answer = http.patch(path, headers=auth, json=_body(field, value_of(i)))
                if answer.status_code != 200:
                    failures.append(f"{field} round {i}: {answer.status_code} {answer.text[:200]}")
                    return
                if _shown(answer.json(), field) != value_of(i):
                    failures.append(f"{field} round {i}: answered {answer.text[:300]}")
                    return

    threads = [threading.Thread(target=write, args=(field,)) for field in WRITERS]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert failures == []

    with client(process.base_url) as http:
        final = http.get(path, headers=auth).json()
    for field, value_of in WRITERS.items():
        assert _shown(final, field) == value_of(ROUNDS - 1), field
    assert final["checkout_session"] == created["checkout_session"]
    assert final["created_at"] == created["created_at"]


def test_enough_threads_and_rounds() -> None:
    assert len(WRITERS) >= 8 and ROUNDS >= 200


def test_the_process_is_separate(process: SandboxProcess) -> None:
    assert process.pid is not None and process.pid != os.getpid()
