"""``python -m yuno_contracts.sandbox``: serve the reference sandbox on loopback (``make serve``).

    python -m yuno_contracts.sandbox [--host 127.0.0.1] [--port 8765]
        [--reading key=value ...] [--fault NAME ...] [--latency 150ms[±20ms]]
        [--ready-json] [--allow-non-loopback]

Settings come from ``YUNO_SANDBOX_CONFIG`` if set, else fresh credentials are generated;
``--reading`` and ``--fault`` apply on top. Without ``--ready-json`` a banner shows the base URL
and the credentials as ``export`` lines to paste; with it, one JSON line ``{"base_url": ...}``
is the only thing written to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import uuid
from collections.abc import Sequence
from typing import NoReturn

from yuno_contracts.core.net import is_loopback_host
from yuno_contracts.sandbox.readings import Readings
from yuno_contracts.sandbox.serving import serve
from yuno_contracts.sandbox.settings import ENV_CONFIG, SandboxSettings

PROG = "python -m yuno_contracts.sandbox"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    readings = "; ".join(f"{k}={'|'.join(v)}" for k, v in Readings.choices().items())
    parser = _Parser(prog=PROG, description="Serve the Yuno Checkout Sessions reference sandbox.")
    parser.add_argument("--host", default="127.0.0.1", help="loopback address (127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="port, 0 for a free one (8765)")
    parser.add_argument(
        "--reading", action="append", default=[], metavar="KEY=VALUE", help=readings
    )
    parser.add_argument(
        "--fault", action="append", default=[], metavar="NAME", help="test-only fault switch"
    )
    parser.add_argument(
        "--latency",
        default="",
        metavar="DELAY",
        help="answer every request this late, e.g. 150ms or 150ms±20ms (off by default)",
    )
    parser.add_argument(
        "--ready-json", action="store_true", help='print one line {"base_url": ...} when ready'
    )
    parser.add_argument(
        "--allow-non-loopback", action="store_true", help="allow binding a non-loopback host"
    )
    return parser


def _banner(settings: SandboxSettings, base_url: str) -> str:
    lines = [
        f"Yuno reference sandbox serving {base_url}",
        "",
        "Credentials (paste into a shell):",
        f"  export YUNO_BASE_URL={base_url}",
        f"  export YUNO_PUBLIC_API_KEY={settings.public_api_key}",
        f"  export YUNO_PRIVATE_SECRET_KEY={settings.private_secret_key}",
        f"  export YUNO_ACCOUNT_ID={settings.account_id}",
        # The reference sandbox keeps no customer registry: any UUID is a customer (as in
        # the local target), so the customer_id tests run against it too.
        f"  export YUNO_CUSTOMER_ID={uuid.uuid4()}",
        f"  export YUNO_RESTRICTED_PUBLIC_API_KEY={settings.restricted_public_api_key}",
        f"  export YUNO_RESTRICTED_PRIVATE_SECRET_KEY={settings.restricted_private_secret_key}",
        "",
        "Readings:",
        *(f"  {key} = {value}" for key, value in settings.readings.to_dict().items()),
    ]
    if settings.latency:
        lines += ["", f"Latency: every answer {settings.latency} late"]
    if settings.faults:
        lines += [
            "",
            "!!! FAULTS ON: this sandbox breaks the contract on purpose: "
            + ", ".join(sorted(settings.faults))
            + " !!!",
        ]
    lines += ["", "Ctrl-C to stop."]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        base = (
            SandboxSettings.from_env(os.environ)
            if ENV_CONFIG in os.environ
            else SandboxSettings.generate()
        )
        settings = base.with_changes(readings=args.reading, faults=args.fault, latency=args.latency)
    except ValueError as exc:
        parser.error(str(exc))
    if not is_loopback_host(args.host) and not args.allow_non_loopback:
        parser.error(
            f"refusing to bind non-loopback host {args.host!r}: "
            "pass --allow-non-loopback on purpose"
        )
    if not 0 <= args.port <= 65535:
        parser.error(f"port {args.port} is not in 0..65535")

    def ready(base_url: str) -> None:
        if args.ready_json:
            print(json.dumps({"base_url": base_url}), flush=True)
        else:
            print(_banner(settings, base_url), flush=True)

    try:
        serve(settings, host=args.host, port=args.port, ready=ready)
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        print(f"{PROG}: error: cannot serve on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
