"""HTTP Basic authentication and per-account state."""

from __future__ import annotations

import pytest
import requests
from emulator_support import ACCOUNT, API_KEY, IN_PROCESS_BASE, OTHER_ACCOUNT, TOKEN, Api

from pulumi_twilio_flex.emulator import EmulatorServer, EmulatorTransport, FlexApiEmulator

UNAUTHENTICATED = {
    "code": 20003,
    "message": "Authenticate",
    "more_info": "https://www.twilio.com/docs/errors/20003",
    "status": 401,
}


def assert_unauthenticated(response: requests.Response) -> None:
    assert response.status_code == 401
    assert response.json() == UNAUTHENTICATED


@pytest.mark.parametrize(
    "auth",
    [
        None,
        ("US" + "0" * 32, TOKEN),  # not an account or API key SID
        ("AC123", TOKEN),  # too short
        (ACCOUNT, ""),  # empty password
    ],
    ids=["no-header", "bad-prefix", "short-sid", "empty-password"],
)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_rejected_credentials(api: Api, auth: tuple[str, str] | None, method: str) -> None:
    api.auth = auth
    response = api.request(method, "/v1/FlexFlows")
    assert_unauthenticated(response)
    assert response.headers["WWW-Authenticate"].startswith("Basic")


def test_not_basic_scheme(api: Api) -> None:
    response = api.request("GET", "/v1/FlexFlows", auth=None, headers={"Authorization": "Bearer abc"})
    assert_unauthenticated(response)


def test_every_v1_route_needs_auth(api: Api) -> None:
    sid = api.create().json()["sid"]
    api.auth = None
    for method in ("GET", "POST", "DELETE"):
        assert_unauthenticated(api.request(method, f"/v1/FlexFlows/{sid}"))


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


def test_auth_token_option_requires_exact_password(guarded: Api) -> None:
    guarded.auth = (ACCOUNT, TOKEN + "x")
    assert_unauthenticated(guarded.request("GET", "/v1/FlexFlows"))
    guarded.auth = (ACCOUNT, TOKEN.upper())
    assert_unauthenticated(guarded.request("GET", "/v1/FlexFlows"))
    guarded.auth = (ACCOUNT, TOKEN)
    assert guarded.request("GET", "/v1/FlexFlows").status_code == 200
    assert TOKEN not in repr(guarded.app)


def test_state_is_separated_per_account(api: Api) -> None:
    sid = api.create().json()["sid"]
    api.auth = (OTHER_ACCOUNT, "another-token")
    assert api.request("GET", "/v1/FlexFlows").json()["flex_flows"] == []
    assert api.request("GET", f"/v1/FlexFlows/{sid}").status_code == 404
    assert api.request("DELETE", f"/v1/FlexFlows/{sid}").status_code == 404
    api.auth = (ACCOUNT, TOKEN)
    assert [f["sid"] for f in api.request("GET", "/v1/FlexFlows").json()["flex_flows"]] == [sid]


def test_api_key_maps_to_its_account(api: Api) -> None:
    sid = api.create().json()["sid"]
    api.app.add_api_key(API_KEY, ACCOUNT)
    api.auth = (API_KEY, "api-secret")
    response = api.request("GET", f"/v1/FlexFlows/{sid}")
    assert response.status_code == 200
    assert response.json()["account_sid"] == ACCOUNT


def test_unknown_api_key_is_refused(api: Api) -> None:
    api.app.add_api_key(API_KEY, ACCOUNT)
    api.auth = ("SK" + ACCOUNT[2:], "api-secret")  # well formed, never registered
    assert_unauthenticated(api.request("GET", "/v1/FlexFlows"))


def test_api_key_of_another_account_sees_only_that_account(api: Api) -> None:
    api.create()
    api.app.add_api_key(API_KEY, OTHER_ACCOUNT)
    api.auth = (API_KEY, "api-secret")
    assert api.request("GET", "/v1/FlexFlows").json()["flex_flows"] == []
    assert api.create().json()["account_sid"] == OTHER_ACCOUNT
