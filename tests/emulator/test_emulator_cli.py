"""``python -m pulumi_twilio_flex.emulator`` as users run it in CI."""

from __future__ import annotations

import re
import selectors
import signal
import subprocess
import sys
import time

import requests
from emulator_support import ACCOUNT

TOKEN = "cli-token"


def _first_line(process: subprocess.Popen[str], timeout: float = 30) -> str:
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if selector.select(timeout=0.5):
                return process.stdout.readline()
            assert process.poll() is None, "the emulator exited before printing its URL"
    raise AssertionError("the emulator printed nothing")


def test_module_prints_url_serves_and_stops_on_sigterm() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "pulumi_twilio_flex.emulator", "--port", "0", "--auth-token", TOKEN],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = _first_line(process)
        found = re.fullmatch(r"Flex API emulator listening on (http://127\.0\.0\.1:(\d+))\n", line)
        assert found, line
        base = found.group(1)
        assert int(found.group(2)) > 0

        assert requests.get(f"{base}/v1/FlexFlows", auth=(ACCOUNT, "wrong"), timeout=5).status_code == 401
        response = requests.get(f"{base}/v1/FlexFlows", auth=(ACCOUNT, TOKEN), timeout=5)
        assert response.status_code == 200
        assert response.json()["meta"]["key"] == "flex_flows"

        process.send_signal(signal.SIGTERM)
        stdout, stderr = process.communicate(timeout=15)
        assert process.returncode == 0
        assert stdout == ""  # exactly one line was printed
        assert TOKEN not in stderr
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
