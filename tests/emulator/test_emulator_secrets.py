"""The auth token and API secrets appear in no emulator log line, error or answer, at any verbosity, with faults on."""

from __future__ import annotations

import base64
import logging
import socket
import subprocess
import sys

import pytest
import requests
from emulator_support import ACCOUNT, API_KEY, CHAT, FLOW, IN_PROCESS_BASE, first_line

from pulumi_twilio_flex.emulator import EmulatorTransport, FlexApiEmulator
from pulumi_twilio_flex.emulator.faults import FaultSettings
from pulumi_twilio_flex.emulator.responses import EmulatorRequest

AUTH_TOKEN = "tok-" + "5ecret" * 4
API_SECRET = "apisecret-" + "h1dden" * 4
FAULTS = ["--fault-rate", "0.4", "--fault-codes", "429,429-,500,503", "--lost-response-rate", "0.2", "--seed", "3"]


def forms_of(secret: str) -> list[str]:
    """The secret as it could leak: plain, in part, or inside any Basic header the tests send."""
    basic = [base64.b64encode(f"{user}:{secret}".encode()).decode() for user in (ACCOUNT, API_KEY, "ci")]
    return [secret, secret[4:20], *basic]


def exercise(base: str, session: requests.Session) -> list[str]:
    """Every kind of request, good and bad, with both secrets; returns the text of every answer."""
    form = {"FriendlyName": "x", "ChatServiceSid": CHAT, "ChannelType": "web", "Integration.FlowSid": FLOW}
    calls = [
        ("POST", "/v1/FlexFlows", (ACCOUNT, AUTH_TOKEN), form),
        ("POST", "/v1/FlexFlows", (API_KEY, AUTH_TOKEN), {**form, "Enabled": "maybe"}),
        ("GET", "/v1/FlexFlows?PageSize=5000", (ACCOUNT, AUTH_TOKEN), None),
        ("GET", "/v1/FlexFlows", (ACCOUNT, API_SECRET), None),  # wrong password for this emulator
        ("GET", "/v1/FlexFlows", ("SK" + "9" * 32, API_SECRET), None),
        ("GET", "/v1/FlexFlows/FO" + "0" * 32, (ACCOUNT, AUTH_TOKEN), None),
        ("DELETE", "/v1/FlexFlows", (ACCOUNT, AUTH_TOKEN), None),
        ("GET", "/__emulator/counters", ("ci", API_SECRET), None),
        ("POST", "/__emulator/faults", ("ci", AUTH_TOKEN), None),
    ]
    answers = []
    for _ in range(4):
        for method, path, auth, data in calls:
            try:
                answers.append(session.request(method, base + path, auth=auth, data=data, timeout=10).text)
            except requests.ConnectionError as exc:  # a lost response
                answers.append(str(exc))
    return answers


def test_cli_logs_no_secret_verbose_with_faults() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "pulumi_twilio_flex.emulator", "--port", "0", "--verbose", "--auth-token", AUTH_TOKEN]
        + FAULTS
        + ["--api-key", f"{API_KEY}={ACCOUNT}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = first_line(process)
        base = line.rsplit(" ", 1)[1].strip()
        with requests.Session() as session:
            answers = exercise(base, session)
        host, port = base.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as sock:  # a protocol error, logged too
            sock.sendall(b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n")
            answers.append(sock.recv(65536).decode())
        process.terminate()
        stdout, stderr = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert stderr.count("\n") >= 36, stderr  # verbose: one line per request
    assert " 429 " in stderr or " 503 " in stderr or " 500 " in stderr  # faults were injected
    everything = line + stdout + stderr + "\n".join(answers)
    for secret in (AUTH_TOKEN, API_SECRET):
        for form in forms_of(secret):
            assert form not in everything


def test_in_process_logs_no_secret_when_a_request_fails(caplog: pytest.LogCaptureFixture) -> None:
    app = FlexApiEmulator(auth_token=AUTH_TOKEN, faults=FaultSettings(fault_rate=0.3, seed=5))

    def broken(request: EmulatorRequest) -> None:
        if request.method == "DELETE":
            raise RuntimeError("a bug in a hook")

    app.faults.append(broken)
    caplog.set_level(logging.DEBUG)
    with requests.Session() as session:
        session.mount(IN_PROCESS_BASE, EmulatorTransport(app))
        answers = exercise(IN_PROCESS_BASE, session)
    assert "Flex API emulator failed on" in caplog.text
    assert app.counters()["requests_total"] == 28  # 7 API calls, 4 times; control routes are not counted
    assert sum(app.counters()["faults_injected"].values()) > 0
    text = caplog.text + repr(app) + "\n".join(answers)
    for secret in (AUTH_TOKEN, API_SECRET):
        for form in forms_of(secret):
            assert form not in text
