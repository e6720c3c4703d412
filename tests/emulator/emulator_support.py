"""Constants and helpers shared by the emulator tests (imported by conftest and the test modules)."""

from __future__ import annotations

import selectors
import subprocess
import time
from datetime import datetime, timedelta, timezone
from typing import Any

import requests

from pulumi_twilio_flex.emulator import FlexApiEmulator

ACCOUNT = "AC" + "0123456789abcdef" * 2
OTHER_ACCOUNT = "AC" + "fedcba9876543210" * 2
API_KEY = "SK" + "0a1b2c3d4e5f6a7b" * 2
TOKEN = "secret-token"
CHAT = "IS" + "a" * 32
FLOW = "FW" + "b" * 32
WORKSPACE = "WS" + "c" * 32
WORKFLOW = "WW" + "d" * 32
IN_PROCESS_BASE = "http://flex-emulator.local"


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self) -> None:
        self.now = datetime(2024, 5, 1, 12, 0, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


class Api:
    """A tiny client: a requests session, a base URL and default credentials."""

    def __init__(self, session: requests.Session, base: str, app: FlexApiEmulator) -> None:
        self.session = session
        self.base = base
        self.app = app
        self.auth: tuple[str, str] | None = (ACCOUNT, TOKEN)

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("auth", self.auth)
        url = path if path.startswith("http") else self.base + path
        return self.session.request(method, url, timeout=10, **kwargs)

    def create(self, **overrides: Any) -> requests.Response:
        data = {
            "FriendlyName": "Support",
            "ChatServiceSid": CHAT,
            "ChannelType": "web",
            "Integration.FlowSid": FLOW,
        }
        data.update(overrides)
        return self.request("POST", "/v1/FlexFlows", data={k: v for k, v in data.items() if v is not None})


def first_line(process: subprocess.Popen[str], timeout: float = 30) -> str:
    """The first line the emulator process prints (its URL), waiting at most ``timeout`` seconds."""
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if selector.select(timeout=0.5):
                return process.stdout.readline()
            assert process.poll() is None, "the emulator exited before printing its URL"
    raise AssertionError("the emulator printed nothing")
