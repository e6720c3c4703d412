"""Fault injection and counters, set in Python and through the control routes."""

from __future__ import annotations

import pytest
import requests
from emulator_support import ACCOUNT, IN_PROCESS_BASE, TOKEN, Api

from pulumi_twilio_flex.emulator import EmulatorServer, EmulatorTransport, FlexApiEmulator
from pulumi_twilio_flex.emulator.app import LostResponse
from pulumi_twilio_flex.emulator.faults import FaultSettings

DEFAULTS = {
    "fault_rate": 0.0,
    "fault_codes": ["429", "500", "503"],
    "retry_after": 1,
    "lost_response_rate": 0.0,
    "latency_ms": 0,
    "seed": None,
}
FAULT_BODIES = {
    "429": (429, 20429, "Too Many Requests"),
    "429-": (429, 20429, "Too Many Requests"),
    "500": (500, 20500, "Internal Server Error"),
    "503": (503, 20503, "Service Unavailable"),
}


def set_faults(api: Api, **settings: object) -> requests.Response:
    response = api.request("POST", "/__emulator/faults", json=settings, auth=None)
    assert response.status_code == 200, response.text
    return response


def test_faults_are_off_by_default(api: Api) -> None:
    response = api.request("GET", "/__emulator/faults", auth=None)
    assert response.status_code == 200
    assert response.json() == DEFAULTS
    assert api.app.fault_settings == FaultSettings()


def test_post_sets_a_subset_and_answers_all_settings(api: Api) -> None:
    response = set_faults(api, fault_rate=0.25, fault_codes=["429-", "503"], seed=7)
    assert response.json() == {**DEFAULTS, "fault_rate": 0.25, "fault_codes": ["429-", "503"], "seed": 7}
    assert api.request("GET", "/__emulator/faults", auth=None).json() == response.json()
    assert api.app.fault_settings.fault_codes == ("429-", "503")


@pytest.mark.parametrize(
    ("settings", "key"),
    [
        ({"fault_rate": 1.5}, "fault_rate"),
        ({"fault_rate": "0.5"}, "fault_rate"),
        ({"lost_response_rate": -0.1}, "lost_response_rate"),
        ({"fault_codes": ["418"]}, "fault_codes"),
        ({"fault_codes": 429}, "fault_codes"),
        ({"retry_after": -1}, "retry_after"),
        ({"latency_ms": 1.5}, "latency_ms"),
        ({"seed": True}, "seed"),
        ({"fault_rat": 0.5}, "fault_rat"),
    ],
)
def test_bad_settings_are_400_naming_the_key(api: Api, settings: dict[str, object], key: str) -> None:
    response = api.request("POST", "/__emulator/faults", json=settings, auth=None)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == 20001 and body["status"] == 400
    assert key in body["message"]
    assert api.app.fault_settings == FaultSettings()  # nothing applied


def test_body_that_is_not_a_json_object_is_400(api: Api) -> None:
    for body in (b"fault_rate=1", b"[1]"):
        response = api.request("POST", "/__emulator/faults", data=body, auth=None)
        assert response.status_code == 400
        assert response.json()["message"] == "The body must be a JSON object of fault settings"


@pytest.mark.parametrize("code", ["429", "429-", "500", "503"])
def test_each_fault_answers_twilio_error_and_processes_nothing(api: Api, code: str) -> None:
    set_faults(api, fault_rate=1.0, fault_codes=[code], retry_after=3)
    response = api.create()
    status, twilio_code, message = FAULT_BODIES[code]
    assert response.status_code == status
    assert response.json() == {
        "code": twilio_code,
        "message": message,
        "more_info": f"https://www.twilio.com/docs/errors/{twilio_code}",
        "status": status,
    }
    assert response.headers.get("Retry-After") == ("3" if code == "429" else None)
    set_faults(api, fault_rate=0.0)
    assert api.request("GET", "/v1/FlexFlows").json()["flex_flows"] == []
    counters = api.app.counters()
    assert counters["requests"]["create"] == {f"fault-{code}": 1}
    assert counters["faults_injected"][code] == 1


def test_seeded_fault_draws_repeat(api: Api) -> None:
    def statuses() -> list[int]:
        set_faults(api, fault_rate=0.5, fault_codes=["503"], seed=42)
        return [api.request("GET", "/v1/FlexFlows").status_code for _ in range(30)]

    first = statuses()
    assert first == statuses()
    assert {200, 503} == set(first)


def test_lost_response_in_process_raises_after_processing(in_process: Api) -> None:
    set_faults(in_process, lost_response_rate=1.0)
    with pytest.raises(requests.ConnectionError):
        in_process.create()
    set_faults(in_process, lost_response_rate=0.0)
    assert len(in_process.request("GET", "/v1/FlexFlows").json()["flex_flows"]) == 1
    assert in_process.app.counters()["requests"]["create"] == {"lost": 1}
    assert in_process.app.counters()["faults_injected"]["lost_response"] == 1


def test_handle_raises_lost_response() -> None:
    app = FlexApiEmulator(faults=FaultSettings(lost_response_rate=1.0))
    with pytest.raises(LostResponse):
        app.handle("GET", "http://x.test/v1/FlexFlows", {"Authorization": "Basic eDp5"}, None)


def test_latency_applies_to_api_requests_not_control(in_process: Api) -> None:
    slept: list[float] = []
    in_process.app.sleep = slept.append
    set_faults(in_process, latency_ms=250)
    in_process.request("GET", "/v1/FlexFlows")
    in_process.create()
    in_process.request("GET", "/__emulator/counters", auth=None)
    assert slept == [0.25, 0.25]


def test_counters_by_operation_and_outcome(api: Api) -> None:
    sid = api.create().json()["sid"]
    api.request("GET", f"/v1/FlexFlows/{sid}")
    api.request("POST", f"/v1/FlexFlows/{sid}", data={"FriendlyName": "x"})
    api.request("GET", "/v1/FlexFlows")
    api.request("DELETE", f"/v1/FlexFlows/{sid}")
    api.request("DELETE", f"/v1/FlexFlows/{sid}")
    api.request("GET", "/v1/Configuration")
    api.request("GET", "/__emulator/faults", auth=None)  # control routes are not counted
    counters = api.request("GET", "/__emulator/counters", auth=None).json()
    assert counters["requests_total"] == 7
    assert counters["requests"] == {
        "create": {"201": 1},
        "fetch": {"200": 1},
        "update": {"200": 1},
        "list": {"200": 1},
        "delete": {"204": 1, "404": 1},
        "other": {"404": 1},
    }
    assert counters["faults_injected"] == {"429": 0, "429-": 0, "500": 0, "503": 0, "lost_response": 0}
    assert api.request("DELETE", "/__emulator/counters", auth=None).status_code == 204
    cleared = api.app.counters()
    assert cleared["requests_total"] == 0 and cleared["requests"] == {} and cleared["connections_opened"] == 0


def test_in_process_opens_no_connections(in_process: Api) -> None:
    in_process.create()
    assert in_process.app.counters()["connections_opened"] == 0


@pytest.fixture(params=["transport", "server"])
def guarded(request: pytest.FixtureRequest) -> Api:
    app = FlexApiEmulator(auth_token=TOKEN)
    session = requests.Session()
    request.addfinalizer(session.close)
    if request.param == "transport":
        session.mount(IN_PROCESS_BASE, EmulatorTransport(app))
        return Api(session, IN_PROCESS_BASE, app)
    server = EmulatorServer(app).start()
    request.addfinalizer(server.stop)
    return Api(session, server.url, app)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/__emulator/reset"),
        ("GET", "/__emulator/faults"),
        ("POST", "/__emulator/faults"),
        ("GET", "/__emulator/counters"),
        ("DELETE", "/__emulator/counters"),
    ],
)
def test_control_routes_need_the_token_when_one_is_set(guarded: Api, method: str, path: str) -> None:
    sid = guarded.create().json()["sid"]
    for auth in (None, (ACCOUNT, "wrong"), ("anyone", TOKEN + "x")):
        response = guarded.request(method, path, auth=auth, json={"fault_rate": 1.0})
        assert response.status_code == 401
        assert response.json()["code"] == 20003
        assert TOKEN not in response.text
    assert guarded.request("GET", f"/v1/FlexFlows/{sid}").status_code == 200  # nothing was reset
    assert guarded.app.fault_settings == FaultSettings()
    assert guarded.app.counters()["requests_total"] == 2
    response = guarded.request(method, path, auth=("anyone", TOKEN), json={"seed": 1})
    assert response.status_code in (200, 204)
