"""Stoplight Prism, Twilio's OpenAPI file turned into a judge: installed on demand, run as a child process.

    install_prism()                      -> path of Prism's CLI script (installs the pinned version once)
    with PrismServer(cli, spec, log) as prism:
        requests.get(prism.url + "/v1/FlexFlows", auth=...)

Prism answers a request that breaks the contract with 422 and a JSON body whose `validation` list names each
violation; a request that keeps it gets the spec's example (or, with `Prefer: dynamic=true`, a response
generated from the schema).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests

from pulumi_twilio_flex._errors import TransportError, TwilioApiError

T = TypeVar("T")

PRISM_PACKAGE = "@stoplight/prism-cli"
# 5.14.2 is the newest release whose `engines` accepts Node 20 (5.15 and later ask for Node >= 24).
PRISM_VERSION = "5.14.2"
MIN_NODE = (18, 20, 1)
CACHE_ENV = "FLEX_PRISM_CACHE"  # where Prism is installed; default ~/.cache/pulumi-twilio-flex/prism
INSTALL_TIMEOUT = 600.0
START_TIMEOUT = 90.0


class PrismUnavailable(RuntimeError):
    """Prism could not be installed or started."""


class NodeMissing(PrismUnavailable):
    """node or npm is not on PATH (a local run may skip for this; CI may not)."""


def cache_dir() -> Path:
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured).expanduser()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "pulumi-twilio-flex" / "prism"


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        raise NodeMissing(
            f"node is not on PATH: the contract tests run {PRISM_PACKAGE} {PRISM_VERSION}, which needs Node.js "
            f">= {'.'.join(map(str, MIN_NODE))} and npm (on Debian: apt-get install nodejs npm)."
        )
    output = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    found = re.match(r"v(\d+)\.(\d+)\.(\d+)", output)
    if found is None or tuple(int(part) for part in found.groups()) < MIN_NODE:
        raise PrismUnavailable(
            f"{PRISM_PACKAGE} {PRISM_VERSION} needs Node.js >= {'.'.join(map(str, MIN_NODE))}; {node} is {output!r}."
        )
    return node


def install_prism() -> tuple[str, Path]:
    """(node, Prism's CLI script), installing the pinned Prism into the cache directory if it is not there."""
    node = _node()
    target = cache_dir() / PRISM_VERSION
    cli = target / "node_modules" / "@stoplight" / "prism-cli" / "dist" / "index.js"
    if cli.is_file():
        return node, cli
    npm = shutil.which("npm")
    if npm is None:
        raise NodeMissing(
            f"npm is not on PATH: it is needed once to install {PRISM_PACKAGE}@{PRISM_VERSION} into {target} "
            "(on Debian: apt-get install npm)."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    # Install beside the target and rename, so an interrupted or concurrent install never leaves half a Prism.
    staging = Path(tempfile.mkdtemp(prefix=f".{PRISM_VERSION}-", dir=target.parent))
    try:
        result = subprocess.run(
            [
                npm,
                "install",
                "--prefix",
                str(staging),
                "--save-exact",
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                f"{PRISM_PACKAGE}@{PRISM_VERSION}",
            ],
            capture_output=True,
            text=True,
            timeout=INSTALL_TIMEOUT,
        )
        if result.returncode != 0:
            raise PrismUnavailable(
                f"`npm install {PRISM_PACKAGE}@{PRISM_VERSION}` failed (exit {result.returncode}):\n"
                f"{result.stdout[-3000:]}{result.stderr[-3000:]}"
            )
        try:
            staging.rename(target)
        except OSError:
            if not cli.is_file():  # someone else won the race only if their install is complete
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if not cli.is_file():
        raise PrismUnavailable(f"npm installed {PRISM_PACKAGE}@{PRISM_VERSION} but {cli} is missing")
    return node, cli


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PrismServer:
    """`prism mock <spec> -h 127.0.0.1 -p <free port>` as a child process, its output in `log_path`."""

    def __init__(self, node: str, cli: Path, spec: Path, log_path: Path, seed: str = "flex-contract") -> None:
        self.node, self.cli, self.spec, self.log_path, self.seed = node, cli, spec, log_path, seed
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, limit: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-limit:]
        except OSError:
            return ""

    def start(self) -> PrismServer:
        last_error = ""
        for _attempt in range(3):  # the free port can be taken between probing and Prism binding it
            self.port = free_port()
            command = [
                self.node,
                str(self.cli),
                "mock",
                str(self.spec),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
            ]
            command += ["--seed", self.seed]  # deterministic `Prefer: dynamic=true` answers
            with self.log_path.open("ab") as log:
                log.write(f"$ {' '.join(command)}\n".encode())
                log.flush()
                self._process = subprocess.Popen(
                    command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
                )
            if self._wait_until_answering():
                return self
            last_error = self.log_tail()
            self.stop()
        raise PrismUnavailable(f"Prism did not start on 127.0.0.1; its output:\n{last_error}")

    def _wait_until_answering(self) -> bool:
        assert self._process is not None
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                return False
            try:
                # Any HTTP answer will do (401 here: the spec requires Basic auth).
                requests.get(f"{self.url}/v1/FlexFlows", timeout=2)
                return True
            except requests.RequestException:
                time.sleep(0.25)
        return False

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)

    def __enter__(self) -> PrismServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()


class RecordingSession(requests.Session):
    """A session that keeps every response (and so every request it sent), for the judge and the tests."""

    def __init__(self) -> None:
        super().__init__()
        self.responses: list[requests.Response] = []
        self.hooks["response"].append(self._record)

    def _record(self, response: requests.Response, *_args: Any, **_kwargs: Any) -> requests.Response:
        self.responses.append(response)
        return response

    @property
    def last(self) -> requests.Response:
        assert self.responses, "no request was sent"
        return self.responses[-1]

    def last_form(self) -> dict[str, str]:
        """The form body of the last request, decoded (blank values kept)."""
        body = self.last.request.body or ""
        text = body.decode() if isinstance(body, bytes) else body
        return dict(parse_qsl(text, keep_blank_values=True))

    def last_query(self) -> dict[str, str]:
        return dict(parse_qsl(urlsplit(self.last.request.url or "").query, keep_blank_values=True))


def prism_violations(response: requests.Response) -> list[str]:
    """The violations Prism listed in a 422 answer, as `location: message` lines."""
    try:
        body = response.json()
    except ValueError:
        return [f"(body is not JSON: {response.text[:500]!r})"]
    items = body.get("validation", []) if isinstance(body, dict) else []
    return [f"{'.'.join(map(str, v.get('location', [])))}: {v.get('message')}" for v in items]


def judged(session: RecordingSession, operation: str, call: Callable[[], T]) -> T:
    """Run a client call against Prism; fail the test on a contract violation or an unparseable answer."""
    try:
        return call()
    except TwilioApiError as exc:
        response = session.last
        lines = "\n  ".join(prism_violations(response)) if exc.status == 422 else response.text[:1000]
        pytest.fail(
            f"Prism rejected {operation} ({response.request.method} {response.request.url}) with HTTP "
            f"{exc.status}: the request breaks Twilio's OpenAPI contract:\n  {lines}\n"
            f"sent: {response.request.body!r}",
            pytrace=False,
        )
    except TransportError as exc:
        response = session.last
        pytest.fail(
            f"the client could not parse Prism's answer to {operation}: {exc}\n"
            f"HTTP {response.status_code} {response.headers.get('Content-Type')}: {response.text[:1000]!r}",
            pytrace=False,
        )
