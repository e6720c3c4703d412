"""Everything around the API itself: URLs, SIDs, the journal, reset, routing, the public names, the server."""

from __future__ import annotations

import re

import pytest
import requests
from emulator_support import ACCOUNT, CHAT, FLOW, TOKEN, Api

import pulumi_twilio_flex.emulator as emulator
from pulumi_twilio_flex.emulator import EmulatorBackend, EmulatorServer, FlexApiEmulator
from pulumi_twilio_flex.emulator.responses import EmulatorResponse


def test_public_names_are_pinned() -> None:
    assert emulator.__all__ == [
        "FlexApiEmulator",
        "EmulatorServer",
        "EmulatorTransport",
        "EmulatorBackend",
        "FaultSettings",
    ]
    for name in emulator.__all__:
        assert getattr(emulator, name).__doc__


def test_sids_are_fo_and_lowercase_hex_and_unique(api: Api) -> None:
    sids = [api.create().json()["sid"] for _ in range(20)]
    assert all(re.fullmatch(r"FO[0-9a-f]{32}", sid) for sid in sids)
    assert len(set(sids)) == len(sids)


def test_url_reflects_the_host_the_request_came_in_on(served: Api) -> None:
    body = served.create().json()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/v1/FlexFlows/FO[0-9a-f]{32}", body["url"])
    assert body["url"] == f"{served.base}/v1/FlexFlows/{body['sid']}"
    other = served.request("GET", f"/v1/FlexFlows/{body['sid']}", headers={"Host": "flex.test:8080"}).json()
    assert other["url"] == f"http://flex.test:8080/v1/FlexFlows/{body['sid']}"


def test_in_process_url_uses_mounted_host(in_process: Api) -> None:
    assert in_process.create().json()["url"].startswith("http://flex-emulator.local/v1/FlexFlows/FO")


def test_journal_records_exact_parameter_names(api: Api) -> None:
    sid = api.create(**{"Integration.RetryCount": "2"}).json()["sid"]
    api.request("POST", f"/v1/FlexFlows/{sid}", data={"Enabled": "true"})
    api.request("GET", "/v1/FlexFlows?FriendlyName=Support&PageSize=5")
    api.request("DELETE", f"/v1/FlexFlows/{sid}")
    assert api.app.backend.journal == [
        (
            "POST",
            "/v1/FlexFlows",
            {
                "FriendlyName": "Support",
                "ChatServiceSid": CHAT,
                "ChannelType": "web",
                "Integration.FlowSid": FLOW,
                "Integration.RetryCount": "2",
            },
        ),
        ("POST", f"/v1/FlexFlows/{sid}", {"Enabled": "true"}),
        ("GET", "/v1/FlexFlows", {"FriendlyName": "Support", "PageSize": "5"}),
        ("DELETE", f"/v1/FlexFlows/{sid}", {}),
    ]


def test_reset_route_clears_everything_without_auth(api: Api) -> None:
    sid = api.create().json()["sid"]
    response = api.request("POST", "/__emulator/reset", auth=None)
    assert response.status_code == 204
    assert response.content == b""
    assert api.app.backend.journal == []
    assert api.request("GET", f"/v1/FlexFlows/{sid}").status_code == 404
    assert api.request("GET", "/v1/FlexFlows").json()["flex_flows"] == []


def test_backend_reset() -> None:
    backend = EmulatorBackend()
    fields = {"friendly_name": "x", "chat_service_sid": CHAT, "channel_type": "web"}
    flow = backend.create_flow(ACCOUNT, fields, {"flow_sid": FLOW})
    backend.record("GET", "/v1/FlexFlows", {})
    backend.reset()
    assert backend.list_flows(ACCOUNT) == [] and backend.journal == []
    with pytest.raises(emulator.exceptions.NotFoundError):
        backend.get_flow(ACCOUNT, flow.sid)


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [("DELETE", "/v1/FlexFlows", "GET, POST"), ("PUT", "/v1/FlexFlows/FO" + "0" * 32, "GET, POST, DELETE")],
)
def test_wrong_method_is_405(api: Api, method: str, path: str, allow: str) -> None:
    response = api.request(method, path)
    assert response.status_code == 405
    assert response.json()["status"] == 405
    assert response.json()["message"] == "Method not allowed"
    assert response.headers["Allow"] == allow


def test_unknown_route_is_404(api: Api) -> None:
    response = api.request("GET", "/v1/Configuration")
    assert response.status_code == 404
    assert response.json()["message"] == "The requested resource /v1/Configuration was not found"


def test_fault_hook_answers_before_dispatch(api: Api) -> None:
    too_many = EmulatorResponse.json(429, {"code": 20429, "message": "Too Many Requests", "status": 429})
    api.app.faults.append(lambda request: too_many if request.method == "POST" else None)
    assert api.create().status_code == 429
    assert api.request("GET", "/v1/FlexFlows").json()["flex_flows"] == []


def test_handle_is_callable_directly() -> None:
    app = FlexApiEmulator()
    status, headers, body = app.handle(
        "POST",
        "http://example.test/v1/FlexFlows",
        {"Authorization": requests.auth._basic_auth_str(ACCOUNT, TOKEN)},  # type: ignore[attr-defined]
        f"FriendlyName=a&ChatServiceSid={CHAT}&ChannelType=line&Integration.FlowSid={FLOW}".encode(),
    )
    assert status == 201
    assert headers["Content-Length"] == str(len(body))
    assert b'"url": "http://example.test/v1/FlexFlows/FO' in body


def test_server_lifecycle() -> None:
    server = EmulatorServer()
    assert isinstance(server.app, FlexApiEmulator)
    with server:
        url = server.url
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url) and not url.endswith(":0")
        assert requests.get(f"{url}/v1/FlexFlows", auth=(ACCOUNT, TOKEN), timeout=5).status_code == 200
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{url}/v1/FlexFlows", auth=(ACCOUNT, TOKEN), timeout=5)


def test_server_is_quiet(capfd: pytest.CaptureFixture[str]) -> None:
    with EmulatorServer() as server:
        requests.get(f"{server.url}/v1/FlexFlows", auth=(ACCOUNT, TOKEN), timeout=5)
        requests.get(f"{server.url}/v1/FlexFlows", timeout=5)
    out, err = capfd.readouterr()
    assert out == "" and err == ""
