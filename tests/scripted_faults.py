"""A requests adapter that fails chosen requests in chosen ways before or after the in-process emulator."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict
from urllib3.exceptions import MaxRetryError, NewConnectionError

from pulumi_twilio_flex.emulator import EmulatorTransport, FlexApiEmulator

IN_PROCESS = "http://flex-emulator.local"
CODES = {429: 20429, 500: 20500, 503: 20503}

# Faults: "429" (+ Retry-After: 1), "429-" (none), "429:<seconds>", "503" and "500" (not processed),
# "500-after" (processed, then 500), "garbled-after" (processed, then its status with a body that is not JSON),
# "lost" (processed, no answer), "refused" (never sent), None (pass).


class ScriptedFaults(BaseAdapter):
    """Fails the n-th request the n-th way in `script`; every later request passes through."""

    def __init__(self, app: FlexApiEmulator, script: Iterable[str | None] = ()) -> None:
        super().__init__()
        self.inner = EmulatorTransport(app)
        self.script = list(script)
        self.sent: list[tuple[str, str]] = []  # (method, path) of every attempt, faulted or not

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        self.sent.append((request.method or "", (request.path_url or "").split("?")[0]))
        fault = self.script.pop(0) if self.script else None
        if fault == "refused":
            reason = NewConnectionError(None, "Failed to establish a new connection: [Errno 111] refused")  # type: ignore[arg-type]
            raise requests.ConnectionError(MaxRetryError(None, request.url or "", reason), request=request)  # type: ignore[arg-type]
        if fault is not None and fault.startswith(("429", "503", "500")) and fault != "500-after":
            return error_response(request, fault)
        response = self.inner.send(request, **kwargs)
        if fault == "lost":
            raise requests.ConnectionError("Connection aborted: RemoteDisconnected", request=request)
        if fault == "500-after":
            return error_response(request, "500")
        if fault == "garbled-after":
            response._content = b"<html><body>upstream proxy says hello</body></html>"
            response.headers["Content-Type"] = "text/html"
        return response

    def close(self) -> None:
        """Nothing to release."""


def error_response(request: requests.PreparedRequest, fault: str) -> requests.Response:
    status = int(fault[:3])
    headers = CaseInsensitiveDict({"Content-Type": "application/json"})
    if fault == "429":
        headers["Retry-After"] = "1"
    elif fault.startswith("429:"):
        headers["Retry-After"] = fault[4:]
    response = requests.Response()
    response.status_code = status
    response.headers = headers
    body = {
        "code": CODES[status],
        "message": "Too Many Requests" if status == 429 else "Service error",
        "status": status,
    }
    response._content = json.dumps(body).encode()
    response.request = request
    response.url = request.url or ""
    return response


ACCOUNT = "AC" + "4" * 32
TOKEN = "retry-test-token-" + "s3cr3t" * 3


def scripted_client(
    script: Iterable[str | None] = (),
    app: FlexApiEmulator | None = None,
    *,
    description: Any = None,
    **retry: Any,
) -> tuple[Any, ScriptedFaults, list[float]]:
    """A client on the in-process emulator behind ScriptedFaults; sleeps are recorded, not slept.

    The client is a Flex Flows client unless `description` names another resource (ADDRESS_CONFIGURATION)."""
    from pulumi_twilio_flex._client import FlexFlowsClient, TwilioClient
    from pulumi_twilio_flex._config import ConnectionSettings, Credentials
    from pulumi_twilio_flex._retry import RetrySettings

    adapter = ScriptedFaults(app if app is not None else FlexApiEmulator(), script)
    session = requests.Session()
    session.mount(IN_PROCESS, adapter)
    sleeps: list[float] = []
    settings = ConnectionSettings(Credentials(ACCOUNT, TOKEN), IN_PROCESS)
    options: dict[str, Any] = {"session": session, "retry": RetrySettings(**retry), "sleep": sleeps.append}
    if description is None:
        client: Any = FlexFlowsClient(settings, **options)
    else:
        client = TwilioClient(description, settings, **options)
    return client, adapter, sleeps
