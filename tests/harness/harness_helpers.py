"""Shared pieces of the harness tests: the canary credentials, a one-test suite and a way to
run pytest on it in a subprocess exactly as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# Values that must never reach a file: the canary test greps for each of them.
CANARY = {
    "YUNO_PUBLIC_API_KEY": "sandbox_CANARYpub7f3a9c",
    "YUNO_PRIVATE_SECRET_KEY": "sandbox_CANARYpriv81b2d4",
    "YUNO_ACCOUNT_ID": "ca4a1ca4-0000-4000-8000-00000000ca11",
    "YUNO_CUSTOMER_ID": "ca4a1ca4-0000-4000-8000-0000000c0570",
    "YUNO_RESTRICTED_PUBLIC_API_KEY": "sandbox_CANARYrpub5e6f",
    "YUNO_RESTRICTED_PRIVATE_SECRET_KEY": "sandbox_CANARYrpriv9a8b",
}

FLOW = """
import os, time
from pathlib import Path
from yuno_contracts.harness.bodies import session_body, update_body

def test_round_trip(client, target):
    body = session_body(target, customer_id=target.credentials.customer_id,
                        payment_description=os.environ.get("FLOW_DESCRIPTION", "first version"))
    created = client.create_session(body)
    assert created.status_code == 200, created.text
    pause = os.environ.get("FLOW_PAUSE_MARKER")
    if pause:
        Path(pause).write_text("sent")
        time.sleep(120)
    session = created.json()
    updated = client.update_session(session["checkout_session"],
                                    update_body(target, session, country="BR"))
    assert updated.status_code == 200, updated.text
    assert updated.json()["customer_id"] == target.credentials.customer_id
    assert client.create_session(body, auth="restricted").status_code == 403
"""


@dataclass
class Suite:
    """A one-test suite in a temporary folder, run by pytest in a subprocess."""

    root: Path

    @property
    def cassettes(self) -> Path:
        return self.root / "cassettes"

    @property
    def cassette(self) -> Path:
        return self.cassettes / "test_flow" / "test_round_trip.json"

    def run(
        self, *args: str, env: dict[str, str] | None = None, timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "test_flow.py",
                "-p",
                "yuno_contracts.pytest_plugin",
                "--cassette-dir",
                str(self.cassettes),
                "-q",
                *args,
            ],
            cwd=self.root,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def popen(self, *args: str, env: dict[str, str]) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pytest",
                "test_flow.py",
                "-p",
                "yuno_contracts.pytest_plugin",
                "--cassette-dir",
                str(self.cassettes),
                "-q",
                *args,
            ],
            cwd=self.root,
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            text=True,
        )
