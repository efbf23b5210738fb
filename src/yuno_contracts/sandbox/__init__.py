"""The reference sandbox: a local, stateful implementation of Yuno's Checkout Sessions API.

    from yuno_contracts.sandbox import SandboxThread
    with SandboxThread() as sandbox:
        sandbox.base_url, sandbox.settings.public_api_key, ...

``create_app`` builds the Starlette app; ``SandboxSettings`` holds its credentials, its
``Readings`` (one per documented ambiguity) and its test-only ``FAULTS``; ``SandboxThread`` and
``SandboxProcess`` run it on a free loopback port.
"""

from yuno_contracts.sandbox.app import create_app
from yuno_contracts.sandbox.faults import FAULTS
from yuno_contracts.sandbox.readings import Readings
from yuno_contracts.sandbox.serving import SandboxProcess, SandboxThread
from yuno_contracts.sandbox.settings import SandboxSettings

__all__ = ["FAULTS", "Readings", "SandboxProcess", "SandboxSettings", "SandboxThread", "create_app"]
