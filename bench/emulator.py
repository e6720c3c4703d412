"""The Flex API emulator in its own process on loopback, and its control routes (counters, latency)."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from types import TracebackType
from typing import Any


class Emulator:
    """`python -m pulumi_twilio_flex.emulator` on a free port, as users run it."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[str] | None = None
        self.url = ""

    def __enter__(self) -> Emulator:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "pulumi_twilio_flex.emulator", "--host", "127.0.0.1", "--port", "0"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None
        line = self._process.stdout.readline()
        if "listening on " not in line:
            self._process.kill()
            raise RuntimeError(f"the emulator did not start: {line!r}")
        self.url = line.rsplit(" ", 1)[-1].strip()
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=10) as answer:
            raw = answer.read()
        return json.loads(raw) if raw else None

    def counters(self) -> dict[str, Any]:
        return self._call("GET", "/__emulator/counters")  # type: ignore[no-any-return]

    def clear_counters(self) -> None:
        self._call("DELETE", "/__emulator/counters")

    def set_latency(self, milliseconds: int) -> None:
        self._call("POST", "/__emulator/faults", {"latency_ms": milliseconds})
