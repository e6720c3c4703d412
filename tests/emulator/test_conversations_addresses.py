"""Address configurations over HTTP, reached in process and over a socket: the wire details the SDK hides."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from emulator_support import ACCOUNT, CHAT, OTHER_ACCOUNT, TOKEN, Api, FakeClock

from pulumi_twilio_flex.emulator import EmulatorServer, FlexApiEmulator

PATH = "/v1/Configuration/Addresses"
NUMBER = "+15551234567"


def create(api: Api, **overrides: Any) -> requests.Response:
    data: dict[str, Any] = {"Type": "sms", "Address": NUMBER}
    data.update(overrides)
    return api.request("POST", PATH, data={k: v for k, v in data.items() if v is not None})


def test_create_of_the_two_required_parameters(api: Api) -> None:
    response = create(api)
    assert response.status_code == 201
    body = response.json()
    assert body == {
        "sid": body["sid"],
        "account_sid": ACCOUNT,
        "type": "sms",
        "address": NUMBER,
        "friendly_name": None,
        "address_country": None,
        "auto_creation": {"enabled": False},  # Twilio documents no default: the emulator's choice
        "date_created": "2024-05-01T12:00:00Z",
        "date_updated": "2024-05-01T12:00:00Z",
        "url": f"{api.base}{PATH}/{body['sid']}",
    }


def test_type_is_echoed_in_the_case_sent_and_filtered_in_any_case(api: Api) -> None:
    # Twilio's createWhatsappCaseInsensitive example: Type=whAtsAPP answers "type": "whAtsAPP".
    assert create(api, Type="whAtsAPP").json()["type"] == "whAtsAPP"
    create(api, Type="sms", Address="+15550000000")
    listed = api.request("GET", PATH, params={"Type": "WhatsApp"}).json()
    assert [config["type"] for config in listed["address_configurations"]] == ["whAtsAPP"]


@pytest.mark.parametrize("target", ["%2B15551234567", "+15551234567"])
def test_the_address_stands_for_the_sid_encoded_or_not(api: Api, target: str) -> None:
    sid = create(api).json()["sid"]
    assert api.request("GET", f"{PATH}/{target}").json()["sid"] == sid
    assert api.request("POST", f"{PATH}/{target}", data={"FriendlyName": "by address"}).json()["sid"] == sid
    assert api.request("DELETE", f"{PATH}/{target}").status_code == 204
    assert api.request("GET", f"{PATH}/{sid}").status_code == 404


def test_repeated_filters_are_kept_in_order_and_journaled(api: Api) -> None:
    form = [("Type", "sms"), ("Address", NUMBER), ("AutoCreation.Type", "webhook")]
    form += [("AutoCreation.WebhookFilters", event) for event in ("onMessageAdded", "onDeliveryUpdated")]
    body = api.request("POST", PATH, data=form).json()
    assert body["auto_creation"]["webhook_filters"] == ["onMessageAdded", "onDeliveryUpdated"]
    (_, path, params) = api.app.backend.journal[-1]
    assert path == PATH
    assert params.getlist("AutoCreation.WebhookFilters") == ["onMessageAdded", "onDeliveryUpdated"]


def test_an_empty_filter_value_clears_the_filters(api: Api) -> None:
    sid = create(api, **{"AutoCreation.Type": "webhook", "AutoCreation.WebhookFilters": "onMessageAdded"}).json()["sid"]
    updated = api.request("POST", f"{PATH}/{sid}", data={"AutoCreation.WebhookFilters": ""}).json()
    assert updated["auto_creation"]["webhook_filters"] == []


def test_update_stamps_date_updated_and_ignores_what_it_does_not_take(api: Api, clock: FakeClock) -> None:
    sid = create(api, AddressCountry="CA").json()["sid"]
    clock.advance(61.5)
    response = api.request(
        "POST",
        f"{PATH}/{sid}",
        data={"FriendlyName": "new", "Type": "email", "Address": "x@y.z", "AddressCountry": "US"},
    )
    body = response.json()
    assert response.status_code == 200
    assert (body["type"], body["address"], body["address_country"]) == ("sms", NUMBER, "CA")
    assert body["friendly_name"] == "new"
    assert (body["date_created"], body["date_updated"]) == ("2024-05-01T12:00:00Z", "2024-05-01T12:01:01Z")


@pytest.mark.parametrize("name", ["Type", "Address", "AddressCountry"])
def test_strict_refuses_what_update_does_not_take(name: str) -> None:
    app = FlexApiEmulator(strict=True)
    with EmulatorServer(app) as server, requests.Session() as session:
        api = Api(session, server.url, app)
        sid = create(api).json()["sid"]
        response = api.request("POST", f"{PATH}/{sid}", data={name: "sms"})
        assert response.status_code == 400
        assert (response.json()["code"], response.json()["message"]) == (20001, f"Unknown parameter {name}")
        assert api.request("GET", f"{PATH}/{sid}").json()["type"] == "sms"


def test_an_address_is_unique_per_account_only(api: Api) -> None:
    assert create(api).status_code == 201
    duplicate = create(api, Type="whatsapp")
    assert duplicate.status_code == 409
    assert duplicate.json() == {
        "code": 20409,
        "message": "An address configuration already exists for this address",
        "more_info": "https://www.twilio.com/docs/errors/20409",
        "status": 409,
    }
    api.auth = (OTHER_ACCOUNT, TOKEN)
    assert create(api).status_code == 201


def test_page_size_above_fifty_is_served_as_fifty_or_refused_when_strict(api: Api) -> None:
    for n in range(51):
        assert create(api, Type="chat", Address=f"chat-{n}").status_code == 201
    page = api.request("GET", PATH, params={"PageSize": "51"}).json()
    assert (page["meta"]["page_size"], len(page["address_configurations"])) == (50, 50)
    assert "PageSize=50" in page["meta"]["next_page_url"]
    assert page["meta"]["key"] == "address_configurations"

    app = FlexApiEmulator(strict=True)
    with EmulatorServer(app) as server, requests.Session() as session:
        strict = Api(session, server.url, app)
        response = strict.request("GET", PATH, params={"PageSize": "51"})
        assert response.status_code == 400
        assert (response.json()["code"], response.json()["message"]) == (
            20007,
            "Page size too large: PageSize must be at most 50",
        )
        assert strict.request("GET", PATH, params={"PageSize": "50"}).status_code == 200


def test_list_meta_repeats_the_type_filter(api: Api) -> None:
    meta = api.request("GET", PATH, params={"Type": "sms"}).json()["meta"]
    assert meta["first_page_url"] == f"{api.base}{PATH}?Type=sms&PageSize=50&Page=0"
    assert meta["next_page_url"] is None and meta["previous_page_url"] is None


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"Address": "a/b"}, "Invalid parameter Address: must not be blank, nor hold control characters or /"),
        ({"Address": "  "}, "Invalid parameter Address: must not be blank, nor hold control characters or /"),
        ({"AutoCreation.Enabled": "yes"}, "Invalid parameter AutoCreation.Enabled: must be true or false"),
        (
            {"AutoCreation.WebhookMethod": "PUT"},
            "Invalid parameter AutoCreation.WebhookMethod: must be one of GET, POST",
        ),
        (
            {"AutoCreation.WebhookUrl": "ftp://x"},
            "Invalid parameter AutoCreation.WebhookUrl: must be an absolute http(s) URL",
        ),
        (
            {"AutoCreation.StudioRetryCount": "-1"},
            "Invalid parameter AutoCreation.StudioRetryCount: must be a whole number of at least 0",
        ),
        (
            {"AutoCreation.ConversationServiceSid": "IS-secret-looking"},
            "Invalid parameter AutoCreation.ConversationServiceSid: must match ^IS[0-9a-fA-F]{32}$",
        ),
    ],
    ids=["slash", "blank", "enabled", "method", "url", "retry", "service-sid"],
)
def test_refusals_name_the_parameter_and_the_rule_not_the_value(api: Api, params: dict[str, str], message: str) -> None:
    response = create(api, **params)
    assert response.status_code == 400
    assert (response.json()["code"], response.json()["message"]) == (20001, message)
    for value in params.values():
        if value.strip() and len(value) > 2:
            assert value not in response.json()["message"]


def test_method_and_auto_creation_type_are_normalised(api: Api) -> None:
    body = create(api, **{"AutoCreation.Type": "Webhook", "AutoCreation.WebhookMethod": "get"}).json()
    assert body["auto_creation"] == {"enabled": False, "type": "webhook", "webhook_method": "GET"}


def test_studio_and_default_report_only_their_keys(api: Api) -> None:
    studio = create(
        api,
        **{
            "AutoCreation.Enabled": "true",
            "AutoCreation.Type": "studio",
            "AutoCreation.ConversationServiceSid": CHAT,
            "AutoCreation.StudioFlowSid": "FW" + "b" * 32,
            "AutoCreation.StudioRetryCount": "1",
            "AutoCreation.WebhookUrl": "https://example.com/ignored",  # not a studio key: not reported
        },
    ).json()
    assert studio["auto_creation"] == {
        "enabled": True,
        "type": "studio",
        "conversation_service_sid": CHAT,
        "studio_flow_sid": "FW" + "b" * 32,
        "studio_retry_count": 1,
    }
    default = create(api, Address="hello@example.com", Type="email", **{"AutoCreation.Type": "default"}).json()
    assert default["auto_creation"] == {"enabled": False, "type": "default"}


def test_wrong_method_is_405(api: Api) -> None:
    response = api.request("DELETE", PATH)
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, POST"
