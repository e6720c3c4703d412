"""Address configurations driven by Twilio's own Python SDK, as users' code would drive Twilio."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from typing import Any

import pytest
from emulator_support import ACCOUNT, CHAT, FLOW, TOKEN
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.rest import Client

from pulumi_twilio_flex.emulator import EmulatorServer, FlexApiEmulator

NUMBER = "+15551234567"
WEBHOOK = "https://example.com/conversations"


@pytest.fixture
def server() -> Iterator[EmulatorServer]:
    with EmulatorServer(FlexApiEmulator()) as server:
        yield server


def sdk(server: EmulatorServer) -> Client:
    """The SDK's client, its Conversations domain pointed at the emulator (instead of conversations.twilio.com)."""
    client = Client(ACCOUNT, TOKEN)
    client.conversations.base_url = server.url
    return client


def addresses(server: EmulatorServer) -> Any:
    return sdk(server).conversations.v1.address_configurations


def create_webhook(configs: Any, address: str = NUMBER, **overrides: Any) -> Any:
    params: dict[str, Any] = {
        "type": "sms",
        "address": address,
        "friendly_name": "Support line",
        "auto_creation_enabled": True,
        "auto_creation_type": "webhook",
        "auto_creation_conversation_service_sid": CHAT,
        "auto_creation_webhook_url": WEBHOOK,
        "auto_creation_webhook_method": "post",
        "auto_creation_webhook_filters": ["onParticipantAdded", "onMessageAdded"],
        "address_country": "US",
    }
    return configs.create(**(params | overrides))


def test_create_with_filters_reports_what_twilio_reports(server: EmulatorServer) -> None:
    created = create_webhook(addresses(server))
    assert created.sid.startswith("IG") and len(created.sid) == 34
    assert (created.account_sid, created.type, created.address) == (ACCOUNT, "sms", NUMBER)
    assert (created.friendly_name, created.address_country) == ("Support line", "US")
    assert created.auto_creation == {
        "enabled": True,
        "type": "webhook",
        "conversation_service_sid": CHAT,
        "webhook_url": WEBHOOK,
        "webhook_method": "POST",  # sent lower-case, as the SDK's own constant is; reported as Twilio does
        "webhook_filters": ["onParticipantAdded", "onMessageAdded"],  # the repeated key, every value, in order
    }
    assert isinstance(created.date_created, datetime) and created.date_created.tzinfo == timezone.utc
    assert created.date_created == created.date_updated
    assert created.url == f"{server.url}/v1/Configuration/Addresses/{created.sid}"


def test_fetch_by_sid_and_by_address(server: EmulatorServer) -> None:
    configs = addresses(server)
    created = create_webhook(configs)
    by_sid = configs(created.sid).fetch()
    by_address = configs(NUMBER).fetch()  # the SDK puts "+15551234567" in the path as it is
    assert by_sid.sid == by_address.sid == created.sid
    assert by_address.auto_creation == created.auto_creation


def test_update_changes_what_it_sends_and_a_new_type_drops_the_old_keys(server: EmulatorServer) -> None:
    configs = addresses(server)
    created = create_webhook(configs)
    renamed = configs(created.sid).update(friendly_name="Renamed", auto_creation_webhook_filters=["onMessageAdded"])
    assert renamed.friendly_name == "Renamed" and renamed.address == NUMBER
    assert renamed.auto_creation["webhook_filters"] == ["onMessageAdded"]
    assert renamed.auto_creation["webhook_url"] == WEBHOOK  # not sent, kept

    studio = configs(NUMBER).update(
        auto_creation_enabled=False,
        auto_creation_type="studio",
        auto_creation_studio_flow_sid=FLOW,
        auto_creation_studio_retry_count=3,
    )
    # Twilio's own update example: webhook to studio reports the studio keys and the service, no webhook key.
    assert studio.auto_creation == {
        "enabled": False,
        "type": "studio",
        "conversation_service_sid": CHAT,
        "studio_flow_sid": FLOW,
        "studio_retry_count": 3,
    }
    assert configs(created.sid).fetch().auto_creation == studio.auto_creation


def test_list_filters_by_type_and_pages(server: EmulatorServer) -> None:
    configs = addresses(server)
    sms = [create_webhook(configs, f"+1555000{n:04d}").sid for n in range(5)]
    whatsapp = [
        configs.create(type="whatsapp", address=f"whatsapp:+1555111{n:04d}", auto_creation_type="default").sid
        for n in range(3)
    ]
    assert [c.sid for c in configs.list(page_size=2)] == sms + whatsapp
    assert [c.sid for c in configs.list(type="whatsapp", page_size=2)] == whatsapp
    assert [c.sid for c in configs.list(type="sms", limit=3)] == sms[:3]
    page = configs.page(page_size=3)
    second = page.next_page()
    assert second is not None and [c.sid for c in second] == sms[3:] + whatsapp[:1]
    assert server.app.counters()["connections_opened"] == 1  # the SDK's session keeps its connection


def test_list_of_more_than_fifty_follows_pages_of_fifty(server: EmulatorServer) -> None:
    configs = addresses(server)
    sids = [configs.create(type="chat", address=f"chat-{n}").sid for n in range(55)]
    assert [c.sid for c in configs.list(limit=100)] == sids  # PageSize=100 asked, pages of 50 served
    first = configs.page(page_size=100)
    assert len(list(first)) == 50


def test_delete_by_sid_and_by_address(server: EmulatorServer) -> None:
    configs = addresses(server)
    one = create_webhook(configs, "+15550000001")
    create_webhook(configs, "+15550000002")
    assert configs(one.sid).delete() is True
    assert configs("+15550000002").delete() is True
    assert configs.list() == []
    create_webhook(configs, "+15550000001")  # the address is free again


def rest_error(call: Callable[[], object]) -> TwilioRestException:
    with pytest.raises(TwilioRestException) as raised:
        call()
    return raised.value


def test_duplicate_address_is_refused(server: EmulatorServer) -> None:
    configs = addresses(server)
    create_webhook(configs)
    error = rest_error(lambda: configs.create(type="whatsapp", address=NUMBER))
    assert (error.status, error.code) == (409, 20409)
    assert error.msg == "Unable to create record: An address configuration already exists for this address"
    assert NUMBER not in error.msg
    assert len(configs.list()) == 1


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"type": "sms", "address": ""}, "Missing required parameter Address in the post body"),
        ({"type": "", "address": NUMBER}, "Missing required parameter Type in the post body"),
        (
            {"type": "fax", "address": NUMBER},
            "Invalid parameter Type: must be one of sms, whatsapp, messenger, gbm, email, rcs, apple, chat",
        ),
        (
            {"type": "sms", "address": NUMBER, "auto_creation_webhook_filters": ["onMessageAdded", "onTyping"]},
            "Invalid parameter AutoCreation.WebhookFilters: each must be one of onMessageAdded, onMessageUpdated, "
            "onMessageRemoved, onConversationUpdated, onConversationStateUpdated, onConversationRemoved, "
            "onParticipantAdded, onParticipantUpdated, onParticipantRemoved, onDeliveryUpdated",
        ),
        (
            {"type": "sms", "address": NUMBER, "auto_creation_type": "flex"},
            "Invalid parameter AutoCreation.Type: must be one of webhook, studio, default",
        ),
        (
            {"type": "sms", "address": NUMBER, "friendly_name": "x" * 257},
            "Invalid parameter FriendlyName: must be at most 256 characters",
        ),
        (
            {"type": "sms", "address": NUMBER, "auto_creation_studio_flow_sid": "FW1"},
            "Invalid parameter AutoCreation.StudioFlowSid: must match ^FW[0-9a-fA-F]{32}$",
        ),
    ],
    ids=["missing-address", "missing-type", "bad-type", "bad-filter", "bad-auto-creation-type", "long-name", "bad-sid"],
)
def test_invalid_creates_are_400_and_create_nothing(
    server: EmulatorServer, params: dict[str, Any], message: str
) -> None:
    configs = addresses(server)
    error = rest_error(lambda: configs.create(**params))
    assert (error.status, error.code, error.msg) == (400, 20001, f"Unable to create record: {message}")
    assert configs.list() == []


@pytest.mark.parametrize("call", ["fetch", "update", "delete"])
def test_unknown_sid_or_address_is_404(server: EmulatorServer, call: str) -> None:
    configs = addresses(server)
    for target in ("IG" + "0" * 32, "+15559999999"):
        error = rest_error(lambda target=target: getattr(configs(target), call)())
        assert (error.status, error.code) == (404, 20404)
        assert (
            error.msg
            == f"Unable to {call} record: The requested resource /v1/Configuration/Addresses/{target} was not found"
        )


def test_list_errors_reach_the_sdk(server: EmulatorServer) -> None:
    with pytest.raises(TwilioException) as raised:
        addresses(server).page(page_token="PAgarbage")
    response = raised.value.args[1]
    assert (response.status_code, json.loads(response.text)["code"]) == (400, 21481)
