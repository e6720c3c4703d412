"""``python -m pulumi_twilio_flex.emulator`` as users run it in CI."""

from __future__ import annotations

import re
import signal
import subprocess
import sys

import pytest
import requests
from emulator_support import ACCOUNT, first_line

TOKEN = "cli-token"


def test_module_prints_url_serves_and_stops_on_sigterm() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "pulumi_twilio_flex.emulator", "--port", "0", "--auth-token", TOKEN],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = first_line(process)
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


def test_fault_and_api_key_flags_reach_the_control_route() -> None:
    key = "SK" + "1" * 32
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pulumi_twilio_flex.emulator",
            *("--port", "0", "--auth-token", TOKEN, "--api-key", f"{key}={ACCOUNT}", "--fault-rate", "1"),
            *("--fault-codes", "429-,503", "--retry-after", "5", "--lost-response-rate", "0.5"),
            *("--latency-ms", "3", "--seed", "9"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        found = re.fullmatch(r"Flex API emulator listening on (http://\S+)\n", first_line(process))
        assert found
        base = found.group(1)
        assert requests.get(f"{base}/__emulator/faults", timeout=5).status_code == 401
        faults = requests.get(f"{base}/__emulator/faults", auth=("ci", TOKEN), timeout=5).json()
        assert faults == {
            "fault_rate": 1.0,
            "fault_codes": ["429-", "503"],
            "retry_after": 5,
            "lost_response_rate": 0.5,
            "latency_ms": 3,
            "seed": 9,
        }
        response = requests.get(f"{base}/v1/FlexFlows", auth=(key, TOKEN), timeout=5)
        assert response.status_code in (429, 503)
        off = {"fault_rate": 0, "lost_response_rate": 0}
        settings = requests.post(f"{base}/__emulator/faults", json=off, auth=("ci", TOKEN), timeout=5)
        assert settings.json()["fault_rate"] == 0 and settings.json()["lost_response_rate"] == 0
        assert requests.get(f"{base}/v1/FlexFlows", auth=(key, TOKEN), timeout=5).status_code == 200
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=15)
        assert process.returncode == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


@pytest.mark.parametrize(
    ("flag", "value", "rule"),
    [
        ("--fault-rate", "2", "is not a number between 0 and 1"),
        ("--fault-codes", "429,418", "is not a list of 429,429-,500,503"),
        ("--latency-ms", "-1", "is not a whole number of at least 0"),
        ("--api-key", "SK123=AC123", "is not SK<32 hex>=AC<32 hex>"),
    ],
)
def test_bad_flags_exit_2_naming_the_flag(flag: str, value: str, rule: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pulumi_twilio_flex.emulator", flag, value],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert flag in result.stderr and rule in result.stderr
