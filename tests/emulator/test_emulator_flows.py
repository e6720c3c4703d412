"""Create, fetch, update and delete Flex Flows, through the transport and a real server."""

from __future__ import annotations

import re

from emulator_support import ACCOUNT, CHAT, FLOW, WORKFLOW, WORKSPACE, Api, FakeClock

SCHEMA_FIELDS = {
    "account_sid",
    "channel_type",
    "chat_service_sid",
    "contact_identity",
    "date_created",
    "date_updated",
    "enabled",
    "friendly_name",
    "integration",
    "integration_type",
    "janitor_enabled",
    "long_lived",
    "sid",
    "url",
}


def test_create_studio_flow_with_every_field(api: Api) -> None:
    response = api.create(
        FriendlyName="Support",
        ChannelType="sms",
        ContactIdentity="+15551234567",
        Enabled="true",
        IntegrationType="studio",
        LongLived="true",
        JanitorEnabled="true",
        **{"Integration.RetryCount": "1", "Integration.CreationOnMessage": "false"},
    )
    assert response.status_code == 201
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == SCHEMA_FIELDS
    assert re.fullmatch(r"FO[0-9a-f]{32}", body["sid"])
    assert body["account_sid"] == ACCOUNT
    assert body["friendly_name"] == "Support"
    assert body["chat_service_sid"] == CHAT
    assert body["channel_type"] == "sms"
    assert body["contact_identity"] == "+15551234567"
    assert body["enabled"] is True
    assert body["long_lived"] is True
    assert body["janitor_enabled"] is True
    assert body["integration_type"] == "studio"
    assert body["integration"] == {"flow_sid": FLOW, "retry_count": 1, "creation_on_message": False}
    assert body["date_created"] == body["date_updated"] == "2024-05-01T12:00:00Z"
    assert body["url"] == f"{api.base}/v1/FlexFlows/{body['sid']}"


def test_create_fills_documented_defaults(api: Api) -> None:
    body = api.create().json()
    assert body["integration_type"] == "studio"
    assert body["integration"] == {"flow_sid": FLOW, "retry_count": 3}
    assert body["enabled"] is False
    assert body["long_lived"] is False
    assert body["janitor_enabled"] is False
    assert body["contact_identity"] is None


def test_enabled_default_is_a_backend_option(api: Api) -> None:
    api.app.backend.enabled_default = True
    assert api.create().json()["enabled"] is True


def test_create_external_flow(api: Api) -> None:
    response = api.create(
        IntegrationType="external",
        **{"Integration.FlowSid": None, "Integration.Url": "https://example.com/hook?x=1"},
    )
    assert response.status_code == 201
    assert response.json()["integration"] == {"url": "https://example.com/hook?x=1", "retry_count": 3}


def test_create_task_flow_drops_keys_of_other_types(api: Api) -> None:
    response = api.create(
        IntegrationType="task",
        **{
            "Integration.WorkspaceSid": WORKSPACE,
            "Integration.WorkflowSid": WORKFLOW,
            "Integration.RetryCount": "2",  # not applicable to task
        },
    )
    assert response.status_code == 201
    assert response.json()["integration"] == {
        "workspace_sid": WORKSPACE,
        "workflow_sid": WORKFLOW,
        "channel": "default",
        "timeout": 86400,
        "priority": 0,
    }


def test_fetch_returns_what_create_returned(api: Api) -> None:
    created = api.create().json()
    response = api.request("GET", f"/v1/FlexFlows/{created['sid']}")
    assert response.status_code == 200
    assert response.json() == created


def test_partial_update_keeps_other_fields_and_sets_date_updated(api: Api, clock: FakeClock) -> None:
    created = api.create(ContactIdentity="alice", Enabled="true").json()
    clock.advance(1.4)
    response = api.request(
        "POST",
        f"/v1/FlexFlows/{created['sid']}",
        data={"FriendlyName": "Renamed", "Integration.RetryCount": "0"},
    )
    assert response.status_code == 200
    updated = response.json()
    assert updated["friendly_name"] == "Renamed"
    assert updated["integration"] == {"flow_sid": FLOW, "retry_count": 0}
    assert updated["date_created"] == created["date_created"]
    assert updated["date_updated"] == "2024-05-01T12:00:01Z"
    unchanged = {"sid", "channel_type", "chat_service_sid", "contact_identity", "enabled", "integration_type"}
    assert {k: updated[k] for k in unchanged} == {k: created[k] for k in unchanged}

    clock.advance(60)
    again = api.request("POST", f"/v1/FlexFlows/{created['sid']}", data={"Enabled": "false"}).json()
    assert again["date_updated"] == "2024-05-01T12:01:01Z"
    assert again["enabled"] is False and again["friendly_name"] == "Renamed"


def test_empty_contact_identity_clears_it(api: Api) -> None:
    created = api.create(ContactIdentity="alice").json()
    updated = api.request("POST", f"/v1/FlexFlows/{created['sid']}", data={"ContactIdentity": ""}).json()
    assert updated["contact_identity"] is None


def test_changing_integration_type_rebuilds_integration(api: Api) -> None:
    created = api.create(**{"Integration.RetryCount": "1"}).json()
    path = f"/v1/FlexFlows/{created['sid']}"
    response = api.request(
        "POST",
        path,
        data={
            "IntegrationType": "task",
            "Integration.WorkspaceSid": WORKSPACE,
            "Integration.WorkflowSid": WORKFLOW,
            "Integration.Priority": "5",
        },
    )
    assert response.status_code == 200
    assert response.json()["integration_type"] == "task"
    assert response.json()["integration"] == {
        "workspace_sid": WORKSPACE,
        "workflow_sid": WORKFLOW,
        "channel": "default",
        "timeout": 86400,
        "priority": 5,
    }
    back = api.request("POST", path, data={"IntegrationType": "external", "Integration.Url": "http://h.example/x"})
    assert back.json()["integration"] == {"url": "http://h.example/x", "retry_count": 3}


def test_changing_integration_type_without_its_required_keys_is_rejected(api: Api) -> None:
    created = api.create().json()
    path = f"/v1/FlexFlows/{created['sid']}"
    response = api.request("POST", path, data={"IntegrationType": "task", "Integration.WorkspaceSid": WORKSPACE})
    assert response.status_code == 400
    assert response.json()["code"] == 20001
    assert response.json()["message"] == "Missing required parameter Integration.WorkflowSid in the post body"
    assert api.request("GET", path).json() == created  # nothing changed


def test_delete_then_fetch_is_404(api: Api) -> None:
    sid = api.create().json()["sid"]
    deleted = api.request("DELETE", f"/v1/FlexFlows/{sid}")
    assert deleted.status_code == 204
    assert deleted.content == b""
    fetched = api.request("GET", f"/v1/FlexFlows/{sid}")
    assert fetched.status_code == 404
    assert fetched.json() == {
        "code": 20404,
        "message": f"The requested resource /v1/FlexFlows/{sid} was not found",
        "more_info": "https://www.twilio.com/docs/errors/20404",
        "status": 404,
    }
    assert api.request("DELETE", f"/v1/FlexFlows/{sid}").status_code == 404
    assert api.request("POST", f"/v1/FlexFlows/{sid}", data={"FriendlyName": "x"}).status_code == 404


def test_malformed_sid_in_path_is_404(api: Api) -> None:
    response = api.request("GET", "/v1/FlexFlows/FOnot-a-sid")
    assert response.status_code == 404
    assert response.json()["code"] == 20404
    assert response.json()["message"] == "The requested resource /v1/FlexFlows/FOnot-a-sid was not found"


def test_date_updated_is_never_ahead_of_the_clock(api: Api, clock: FakeClock) -> None:
    sid = api.create().json()["sid"]
    for n in range(15):  # quick updates, all within the same second
        body = api.request("POST", f"/v1/FlexFlows/{sid}", data={"FriendlyName": f"n{n}"}).json()
        assert body["date_updated"] == "2024-05-01T12:00:00Z"
    clock.advance(0.999)
    assert api.request("POST", f"/v1/FlexFlows/{sid}", data={"Enabled": "true"}).json()["date_updated"] == (
        "2024-05-01T12:00:00Z"
    )
