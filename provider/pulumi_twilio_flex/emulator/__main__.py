"""Run the emulator of the Flex API's Flex Flows and the Conversations API's address configurations.

    python -m pulumi_twilio_flex.emulator [--host 127.0.0.1] [--port 8718] [--auth-token T] [--strict]
        [--verbose] [--api-key SK…=AC…]... [--fault-rate R] [--fault-codes 429,429-,500,503] [--retry-after S]
        [--lost-response-rate R] [--latency-ms N] [--seed N]

Prints one line, ``Flex API emulator listening on http://HOST:PORT``, then serves until SIGINT or SIGTERM.
The default port is the one the README, the demo and the examples point ``twilio:flexApiUrl`` at (and
``twilio:conversationsApiUrl``: the same base URL serves both APIs);
``--port 0`` picks a free one, as tests and parallel CI jobs need.
"""

from __future__ import annotations

import argparse
import signal
import threading
from collections.abc import Callable, Sequence
from types import FrameType
from typing import Any

from .app import FlexApiEmulator
from .auth import parse_api_key
from .faults import DEFAULT_FAULT_CODES, FAULT_CODES, FaultSettings, parse_fault_codes
from .server import EmulatorServer

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8718


def _checked(convert: Callable[[str], Any], check: Callable[[Any], bool], rule: str) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not {rule}") from None
        if not check(value):
            raise argparse.ArgumentTypeError(f"{text!r} is not {rule}")
        return value

    return parse


_rate = _checked(float, lambda value: 0.0 <= value <= 1.0, "a number between 0 and 1")
_whole = _checked(int, lambda value: value >= 0, "a whole number of at least 0")
_port = _checked(int, lambda value: 0 <= value <= 65535, "a port number between 0 and 65535")
_codes = _checked(parse_fault_codes, lambda codes: set(codes) <= set(FAULT_CODES), "a list of " + ",".join(FAULT_CODES))


def _api_key(text: str) -> tuple[str, str]:
    try:
        return parse_api_key(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pulumi_twilio_flex.emulator",
        description="Local, stateful emulator of Twilio's Flex Flows (Flex API) and address configurations "
        "(Conversations API) endpoints, on one port.",
    )
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"interface to bind (default: {DEFAULT_HOST})")
    parser.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help=f"port to bind; 0 picks a free one (default: {DEFAULT_PORT})"
    )
    parser.add_argument(
        "--auth-token", default=None, help="accept only this Basic password (default: any non-empty one)"
    )
    parser.add_argument(
        "--api-key",
        type=_api_key,
        action="append",
        default=[],
        metavar="SK…=AC…",
        help="register an API key acting for an account (repeatable); other SK keys are refused",
    )
    parser.add_argument("--strict", action="store_true", help="reject parameters the API does not define")
    parser.add_argument("--verbose", action="store_true", help="log one line per request to stderr")
    faults = parser.add_argument_group("fault injection (off by default; change it at /__emulator/faults)")
    faults.add_argument("--fault-rate", type=_rate, default=0.0, help="share of requests answered with a fault")
    faults.add_argument(
        "--fault-codes",
        type=_codes,
        default=DEFAULT_FAULT_CODES,
        help="faults to draw from: 429 (with Retry-After), 429- (without), 500, 503 (default: 429,500,503)",
    )
    faults.add_argument("--retry-after", type=_whole, default=1, help="Retry-After seconds of a 429 (default: 1)")
    faults.add_argument(
        "--lost-response-rate",
        type=_rate,
        default=0.0,
        help="share of requests processed, then closed without an answer",
    )
    faults.add_argument("--latency-ms", type=_whole, default=0, help="delay added to every request")
    faults.add_argument("--seed", type=int, default=None, help="seed for repeatable fault draws")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Serve until SIGINT or SIGTERM; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    settings = FaultSettings(
        fault_rate=args.fault_rate,
        fault_codes=args.fault_codes,
        retry_after=args.retry_after,
        lost_response_rate=args.lost_response_rate,
        latency_ms=args.latency_ms,
        seed=args.seed,
    )
    stop = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    app = FlexApiEmulator(strict=args.strict, auth_token=args.auth_token, api_keys=dict(args.api_key), faults=settings)
    server = EmulatorServer(app, host=args.host, port=args.port, verbose=args.verbose)
    try:
        try:
            server.start()
        except OSError as exc:  # the port is taken (another emulator?) or the host is not an address here
            reason = exc.strerror or type(exc).__name__
            parser.exit(
                1,
                f"{parser.prog}: cannot listen on {args.host} port {args.port}: {reason} "
                "(--port 0 picks a free port)\n",
            )
        print(f"Flex API emulator listening on {server.url}", flush=True)
        while not stop.wait(0.5):
            pass
    finally:
        server.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
