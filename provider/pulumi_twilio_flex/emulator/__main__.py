"""Run the Flex API emulator.

    python -m pulumi_twilio_flex.emulator [--host H] [--port N] [--auth-token T] [--strict] [--verbose]

Prints one line, ``Flex API emulator listening on http://HOST:PORT``, then serves until SIGINT or SIGTERM.
"""

from __future__ import annotations

import argparse
import signal
import threading
from collections.abc import Sequence
from types import FrameType

from .app import FlexApiEmulator
from .server import EmulatorServer


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pulumi_twilio_flex.emulator",
        description="Local, stateful emulator of Twilio's Flex API Flex Flows endpoints.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port to bind; 0 picks a free one (default: 0)")
    parser.add_argument(
        "--auth-token", default=None, help="accept only this Basic password (default: any non-empty one)"
    )
    parser.add_argument("--strict", action="store_true", help="reject parameters the API does not define")
    parser.add_argument("--verbose", action="store_true", help="log one line per request to stderr")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Serve until SIGINT or SIGTERM; returns the exit status."""
    args = _parser().parse_args(argv)
    stop = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    app = FlexApiEmulator(strict=args.strict, auth_token=args.auth_token)
    try:
        with EmulatorServer(app, host=args.host, port=args.port, verbose=args.verbose) as server:
            print(f"Flex API emulator listening on {server.url}", flush=True)
            while not stop.wait(0.5):
                pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
