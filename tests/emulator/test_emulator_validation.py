"""Parameters rejected as Twilio rejects them: 400, code 20001, a message naming the parameter."""

from __future__ import annotations

import pytest
import requests
from emulator_support import IN_PROCESS_BASE, Api

from pulumi_twilio_flex.emulator import EmulatorTransport, FlexApiEmulator


def assert_bad_request(response: requests.Response, message: str) -> None:
    assert response.status_code == 400
    assert response.json() == {
        "code": 20001,
        "message": message,
        "more_info": "https://www.twilio.com/docs/errors/20001",
        "status": 400,
    }


@pytest.mark.parametrize("name", ["FriendlyName", "ChatServiceSid", "ChannelType"])
@pytest.mark.parametrize("how", ["absent", "empty"])
def test_required_parameter_missing(api: Api, name: str, how: str) -> None:
    response = api.create(**{name: None if how == "absent" else ""})
    assert_bad_request(response, f"Missing required parameter {name} in the post body")


@pytest.mark.parametrize(
    ("integration_type", "missing"),
    [
        ("studio", "Integration.FlowSid"),
        ("external", "Integration.Url"),
        ("task", "Integration.WorkspaceSid"),
    ],
)
def test_integration_type_requirements_on_create(api: Api, integration_type: str, missing: str) -> None:
    response = api.create(IntegrationType=integration_type, **{"Integration.FlowSid": None})
    assert_bad_request(response, f"Missing required parameter {missing} in the post body")


INVALID = [
    ("ChannelType", "telegram", "'telegram' is not one of web, sms, facebook, whatsapp, line, custom"),
    ("IntegrationType", "flex", "'flex' is not one of studio, external, task"),
    ("ChatServiceSid", "IS123", "'IS123' does not match ^IS[0-9a-fA-F]{32}$"),
    ("ChatServiceSid", "CH" + "a" * 32, "'CH" + "a" * 32 + "' does not match ^IS[0-9a-fA-F]{32}$"),
    ("Integration.FlowSid", "FW" + "z" * 32, "'FW" + "z" * 32 + "' does not match ^FW[0-9a-fA-F]{32}$"),
    ("Integration.WorkspaceSid", "WSx", "'WSx' does not match ^WS[0-9a-fA-F]{32}$"),
    ("Integration.WorkflowSid", "WWx", "'WWx' does not match ^WW[0-9a-fA-F]{32}$"),
    ("Integration.Url", "example.com/hook", "'example.com/hook' is not an absolute http(s) URL"),
    ("Integration.Url", "ftp://example.com/", "'ftp://example.com/' is not an absolute http(s) URL"),
    ("Integration.Timeout", "ten", "'ten' is not an integer"),
    ("Integration.Timeout", "1.5", "'1.5' is not an integer"),
    ("Integration.Timeout", "-1", "-1 is less than 0"),
    ("Integration.Priority", "-3", "-3 is less than 0"),
    ("Integration.RetryCount", "4", "4 is not between 0 and 3"),
    ("Integration.RetryCount", "-1", "-1 is not between 0 and 3"),
    ("Enabled", "yes", "'yes' is not a boolean (true or false)"),
    ("LongLived", "1", "'1' is not a boolean (true or false)"),
    ("Enabled", "Tru", "'Tru' is not a boolean (true or false)"),
    ("Integration.Timeout", "2147483648", "2147483648 is not a 32-bit integer"),
    ("Integration.Priority", "-2147483649", "-2147483649 is not a 32-bit integer"),
    ("Integration.Timeout", "1" + "0" * 400, "10000000000000000000... (401 characters) is not a 32-bit integer"),
    ("Integration.Priority", "9" * 5000, "99999999999999999999... (5000 characters) is not a 32-bit integer"),
    ("JanitorEnabled", "", "'' is not a boolean (true or false)"),
    ("Integration.CreationOnMessage", "no", "'no' is not a boolean (true or false)"),
]


@pytest.mark.parametrize(("name", "value", "detail"), INVALID, ids=[f"{n}={v}" for n, v, _ in INVALID])
def test_invalid_value_on_create(api: Api, name: str, value: str, detail: str) -> None:
    assert_bad_request(api.create(**{name: value}), f"Invalid parameter {name}: {detail}")
    assert api.request("GET", "/v1/FlexFlows").json()["flex_flows"] == []  # nothing was created


@pytest.mark.parametrize(("name", "value", "detail"), INVALID, ids=[f"{n}={v}" for n, v, _ in INVALID])
def test_invalid_value_on_update(api: Api, name: str, value: str, detail: str) -> None:
    created = api.create().json()
    response = api.request("POST", f"/v1/FlexFlows/{created['sid']}", data={name: value})
    assert_bad_request(response, f"Invalid parameter {name}: {detail}")
    assert api.request("GET", f"/v1/FlexFlows/{created['sid']}").json() == created


def test_empty_friendly_name_on_update(api: Api) -> None:
    sid = api.create().json()["sid"]
    response = api.request("POST", f"/v1/FlexFlows/{sid}", data={"FriendlyName": ""})
    assert_bad_request(response, "Invalid parameter FriendlyName: must not be empty")


def test_unknown_parameter_ignored_unless_strict(api: Api) -> None:
    assert api.create(Color="blue").status_code == 201


def test_unknown_parameter_rejected_when_strict() -> None:
    app = FlexApiEmulator(strict=True)
    with requests.Session() as session:
        session.mount(IN_PROCESS_BASE, EmulatorTransport(app))
        strict = Api(session, IN_PROCESS_BASE, app)
        assert_bad_request(strict.create(Color="blue"), "Unknown parameter Color")
        assert_bad_request(strict.create(**{"Integration.Colour": "x"}), "Unknown parameter Integration.Colour")
        assert_bad_request(strict.request("GET", "/v1/FlexFlows?Limit=3"), "Unknown parameter Limit")
        assert strict.create().status_code == 201


@pytest.mark.parametrize(("raw", "value"), [("True", True), ("FALSE", False), ("tRuE", True), ("False", False)])
def test_booleans_in_any_letter_case(api: Api, raw: str, value: bool) -> None:
    body = api.create(Enabled=raw, LongLived=raw, JanitorEnabled=raw).json()
    assert (body["enabled"], body["long_lived"], body["janitor_enabled"]) == (value, value, value)


def test_largest_32_bit_integer_is_stored(api: Api) -> None:
    created = api.create(
        IntegrationType="task",
        **{
            "Integration.FlowSid": None,
            "Integration.WorkspaceSid": "WS" + "c" * 32,
            "Integration.WorkflowSid": "WW" + "d" * 32,
            "Integration.Timeout": "2147483647",
            "Integration.Priority": "+0002147483647",
        },
    ).json()
    assert created["integration"]["timeout"] == created["integration"]["priority"] == 2147483647
