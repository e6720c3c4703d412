"""The emulator driven by Twilio's own Python SDK, as users' code would drive Twilio."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import pytest
from emulator_support import ACCOUNT, API_KEY, CHAT, FLOW, OTHER_ACCOUNT, TOKEN, WORKFLOW, WORKSPACE
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.rest import Client

from pulumi_twilio_flex.emulator import EmulatorServer, FlexApiEmulator
from pulumi_twilio_flex.emulator.faults import FaultSettings

API_SECRET = "sdk-api-secret"


@pytest.fixture
def server() -> Iterator[EmulatorServer]:
    app = FlexApiEmulator(api_keys={API_KEY: ACCOUNT})
    with EmulatorServer(app) as server:
        yield server


def sdk(server: EmulatorServer, username: str = ACCOUNT, password: str = TOKEN) -> Client:
    """The SDK's client, pointed at the emulator (the Flex domain's base URL replaces flex-api.twilio.com)."""
    client = Client(username, password, account_sid=ACCOUNT)
    client.flex_api.base_url = server.url
    return client


def test_studio_flow_lifecycle(server: EmulatorServer) -> None:
    flows = sdk(server).flex_api.v1.flex_flow
    created = flows.create(
        friendly_name="Support",
        chat_service_sid=CHAT,
        channel_type="web",
        integration_type="studio",
        integration_flow_sid=FLOW,
        integration_retry_count=2,
        enabled=True,
        janitor_enabled=False,
    )
    assert created.sid.startswith("FO") and created.account_sid == ACCOUNT
    assert created.integration == {"flow_sid": FLOW, "retry_count": 2}
    assert created.enabled is True and created.janitor_enabled is False
    assert isinstance(created.date_created, datetime)
    assert created.url == f"{server.url}/v1/FlexFlows/{created.sid}"

    fetched = flows(created.sid).fetch()
    assert fetched.friendly_name == "Support" and fetched.channel_type == "web"
    updated = flows(created.sid).update(friendly_name="Renamed", enabled=False, long_lived=True)
    assert (updated.friendly_name, updated.enabled, updated.long_lived) == ("Renamed", False, True)
    assert updated.integration == created.integration
    assert flows(created.sid).delete() is True
    with pytest.raises(TwilioRestException) as raised:
        flows(created.sid).fetch()
    assert (raised.value.status, raised.value.code) == (404, 20404)


def test_external_flow(server: EmulatorServer) -> None:
    flows = sdk(server).flex_api.v1.flex_flow
    created = flows.create(
        friendly_name="Webhook",
        chat_service_sid=CHAT,
        channel_type="sms",
        integration_type="external",
        integration_url="https://example.com/flex",
        integration_retry_count=0,
    )
    assert created.integration_type == "external"
    assert created.integration == {"url": "https://example.com/flex", "retry_count": 0}
    updated = flows(created.sid).update(integration_url="https://example.com/other")
    assert updated.integration == {"url": "https://example.com/other", "retry_count": 0}


def test_task_flow(server: EmulatorServer) -> None:
    flows = sdk(server).flex_api.v1.flex_flow
    created = flows.create(
        friendly_name="Routing",
        chat_service_sid=CHAT,
        channel_type="whatsapp",
        integration_type="task",
        integration_workspace_sid=WORKSPACE,
        integration_workflow_sid=WORKFLOW,
        integration_channel="chat",
        integration_timeout=600,
        integration_priority=5,
        integration_creation_on_message=True,
        long_lived=True,
    )
    assert created.integration == {
        "workspace_sid": WORKSPACE,
        "workflow_sid": WORKFLOW,
        "channel": "chat",
        "timeout": 600,
        "priority": 5,
        "creation_on_message": True,
    }
    switched = flows(created.sid).update(integration_type="studio", integration_flow_sid=FLOW)
    assert switched.integration_type == "studio"
    assert switched.integration == {"flow_sid": FLOW, "retry_count": 3}  # a new type starts a new integration


def test_paging_follows_next_page_url(server: EmulatorServer) -> None:
    client = sdk(server)
    flows = client.flex_api.v1.flex_flow
    sids = [
        flows.create(
            friendly_name="queue" if n % 2 else "other",
            chat_service_sid=CHAT,
            channel_type="web",
            integration_flow_sid=FLOW,
        ).sid
        for n in range(7)
    ]
    assert [flow.sid for flow in flows.list(page_size=2)] == sids
    assert [flow.sid for flow in flows.list(friendly_name="queue", page_size=2)] == sids[1::2]
    assert [flow.sid for flow in flows.list(page_size=3, limit=4)] == sids[:4]
    page = flows.page(page_size=3)
    second = page.next_page()
    assert second is not None and [flow.sid for flow in second] == sids[3:6]
    assert server.app.counters()["connections_opened"] == 1  # the SDK's session keeps its connection


@pytest.mark.parametrize(
    ("call", "status", "code"),
    [
        (lambda flows: flows.create(friendly_name="x", chat_service_sid="IS1", channel_type="web"), 400, 20001),
        (lambda flows: flows("FO" + "0" * 32).update(friendly_name="x"), 404, 20404),
        (lambda flows: flows("FO" + "0" * 32).delete(), 404, 20404),
    ],
    ids=["bad-sid", "update-missing", "delete-missing"],
)
def test_errors_reach_the_sdk_as_twilio_rest_exceptions(
    server: EmulatorServer, call: Callable[[Any], object], status: int, code: int
) -> None:
    with pytest.raises(TwilioRestException) as raised:
        call(sdk(server).flex_api.v1.flex_flow)
    assert (raised.value.status, raised.value.code) == (status, code)
    assert raised.value.msg


def list_error(call: Callable[[], object]) -> tuple[int, int]:
    """The SDK reports a failed page as TwilioException("Unable to fetch page", response): (status, code)."""
    with pytest.raises(TwilioException) as raised:
        call()
    response = raised.value.args[1]
    return response.status_code, json.loads(response.text)["code"]


def test_list_errors_reach_the_sdk(server: EmulatorServer) -> None:
    flows = sdk(server).flex_api.v1.flex_flow
    assert list_error(lambda: flows.list(page_size=1001)) == (400, 20007)
    assert list_error(lambda: flows.page(page_token="PAgarbage")) == (400, 21481)


def test_injected_faults_reach_the_sdk(server: EmulatorServer) -> None:
    flows = sdk(server).flex_api.v1.flex_flow
    server.app.fault_settings = FaultSettings(fault_rate=1.0, fault_codes=("429",))
    with pytest.raises(TwilioRestException) as raised:
        flows.create(friendly_name="x", chat_service_sid=CHAT, channel_type="web", integration_flow_sid=FLOW)
    assert (raised.value.status, raised.value.code) == (429, 20429)
    server.app.fault_settings = FaultSettings(fault_rate=1.0, fault_codes=("503",))
    assert list_error(flows.list) == (503, 20503)
    server.app.fault_settings = FaultSettings()
    assert flows.list() == []  # the faulted create was never processed
    assert server.app.counters()["requests"] == {"create": {"fault-429": 1}, "list": {"fault-503": 1, "200": 1}}


def test_api_key_acts_for_its_account(server: EmulatorServer) -> None:
    flows = sdk(server, API_KEY, API_SECRET).flex_api.v1.flex_flow
    created = flows.create(friendly_name="k", chat_service_sid=CHAT, channel_type="web", integration_flow_sid=FLOW)
    assert created.account_sid == ACCOUNT
    assert [flow.sid for flow in sdk(server).flex_api.v1.flex_flow.list()] == [created.sid]
    assert sdk(server, OTHER_ACCOUNT, TOKEN).flex_api.v1.flex_flow.list() == []
    assert list_error(sdk(server, "SK" + "9" * 32, API_SECRET).flex_api.v1.flex_flow.list) == (401, 20003)
