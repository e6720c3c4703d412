"""Flex Flows and address configurations on one emulator: the plumbing applies to both services alike."""

from __future__ import annotations

import pytest
import requests
from emulator_support import ACCOUNT, API_KEY, OTHER_ACCOUNT, TOKEN, Api

from pulumi_twilio_flex.emulator import EmulatorServer, FaultSettings, FlexApiEmulator

ADDRESSES = "/v1/Configuration/Addresses"


def create_address(api: Api, address: str = "+15551234567") -> requests.Response:
    return api.request("POST", ADDRESSES, data={"Type": "sms", "Address": address})


def test_one_base_url_serves_both_apis(served: Api) -> None:
    flow = served.create().json()
    address = create_address(served).json()
    assert flow["url"] == f"{served.base}/v1/FlexFlows/{flow['sid']}"
    assert address["url"] == f"{served.base}{ADDRESSES}/{address['sid']}"
    assert served.app.counters()["connections_opened"] == 1


def test_counters_count_each_service_under_its_own_operations(api: Api) -> None:
    flow = api.create().json()["sid"]
    api.request("GET", f"/v1/FlexFlows/{flow}")
    sid = create_address(api).json()["sid"]
    create_address(api)  # the duplicate: 409
    api.request("GET", f"{ADDRESSES}/{sid}")
    api.request("POST", f"{ADDRESSES}/{sid}", data={"FriendlyName": "x"})
    api.request("GET", ADDRESSES)
    api.request("DELETE", f"{ADDRESSES}/{sid}")
    api.request("GET", f"{ADDRESSES}/{sid}")
    api.request("GET", "/v1/Configuration")  # no route
    assert api.app.counters()["requests"] == {
        "create": {"201": 1},
        "fetch": {"200": 1},
        "address_configuration.create": {"201": 1, "409": 1},
        "address_configuration.fetch": {"200": 1, "404": 1},
        "address_configuration.update": {"200": 1},
        "address_configuration.list": {"200": 1},
        "address_configuration.delete": {"204": 1},
        "other": {"404": 1},
    }
    assert api.app.counters()["requests_total"] == 10


def test_faults_apply_to_both_and_process_nothing(api: Api) -> None:
    api.app.fault_settings = FaultSettings(fault_rate=1.0, fault_codes=("429",), retry_after=2)
    refused = create_address(api)
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "2"
    assert refused.json()["code"] == 20429
    assert api.create().status_code == 429
    api.app.fault_settings = FaultSettings()
    assert api.request("GET", ADDRESSES).json()["address_configurations"] == []
    assert api.request("GET", "/v1/FlexFlows").json()["flex_flows"] == []
    counters = api.app.counters()
    assert counters["requests"]["address_configuration.create"] == {"fault-429": 1}
    assert counters["faults_injected"]["429"] == 2


def test_a_lost_response_to_an_address_create_was_processed(served: Api) -> None:
    served.app.fault_settings = FaultSettings(lost_response_rate=1.0)
    with pytest.raises(requests.ConnectionError):
        create_address(served)
    served.app.fault_settings = FaultSettings()
    assert len(served.request("GET", ADDRESSES).json()["address_configurations"]) == 1


def test_latency_delays_both_services(api: Api) -> None:
    slept: list[float] = []
    api.app.sleep = slept.append
    api.app.fault_settings = FaultSettings(latency_ms=40)
    create_address(api)
    api.request("GET", "/v1/FlexFlows")
    assert slept == [0.04, 0.04]


@pytest.mark.parametrize("auth", [None, (ACCOUNT, ""), ("AC" + "1" * 31, TOKEN), ("SK" + "9" * 32, TOKEN)])
def test_auth_applies_to_every_address_route(api: Api, auth: tuple[str, str] | None) -> None:
    for method, path in [
        ("GET", ADDRESSES),
        ("POST", ADDRESSES),
        ("GET", f"{ADDRESSES}/+1555"),
        ("DELETE", f"{ADDRESSES}/x"),
    ]:
        response = api.request(method, path, auth=auth)
        assert (response.status_code, response.json()["code"]) == (401, 20003), (method, path)
        assert response.headers["WWW-Authenticate"] == 'Basic realm="Twilio API"'
    assert api.app.backend.conversations.list_configurations(ACCOUNT) == []


def test_api_key_acts_for_its_account_and_the_token_option_holds() -> None:
    app = FlexApiEmulator(auth_token=TOKEN, api_keys={API_KEY: ACCOUNT})
    with EmulatorServer(app) as server, requests.Session() as session:
        api = Api(session, server.url, app)
        api.auth = (API_KEY, TOKEN)
        assert create_address(api).json()["account_sid"] == ACCOUNT
        api.auth = (ACCOUNT, TOKEN)
        assert len(api.request("GET", ADDRESSES).json()["address_configurations"]) == 1
        api.auth = (OTHER_ACCOUNT, TOKEN)
        assert api.request("GET", ADDRESSES).json()["address_configurations"] == []
        api.auth = (ACCOUNT, "not-the-token")
        assert api.request("GET", ADDRESSES).status_code == 401


def test_reset_forgets_both_services(api: Api) -> None:
    api.create()
    create_address(api)
    assert api.request("POST", "/__emulator/reset", auth=None).status_code == 204
    assert api.request("GET", ADDRESSES).json()["address_configurations"] == []
    assert api.request("GET", "/v1/FlexFlows").json()["flex_flows"] == []
    assert create_address(api).status_code == 201  # the address is free again
