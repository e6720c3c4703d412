"""The provider's lifecycle against the emulator, for every integration type."""

from __future__ import annotations

import re

import pytest
from seed_document import seed_sections

from pulumi_twilio_flex import FlexFlowNotFoundError, TwilioApiError
from pulumi_twilio_flex._client import FlexFlowsClient
from pulumi_twilio_flex._config import ConnectionSettings, Credentials
from pulumi_twilio_flex._wire import DECLARED
from pulumi_twilio_flex.flex_flow.description import FLEX_FLOW

IS = "IS" + "a" * 32
FW, FW2 = "FW" + "b" * 32, "FW" + "e" * 32
WS, WW = "WS" + "c" * 32, "WW" + "d" * 32

FLOWS = {
    "studio": {"integration_type": "studio", "integration": {"flow_sid": FW, "retry_count": 1}},
    "external": {"integration_type": "external", "integration": {"url": "https://hooks.example.com/flex"}},
    "task": {
        "integration_type": "task",
        "integration": {"workspace_sid": WS, "workflow_sid": WW, "channel": "chat", "priority": 2},
    },
}


def inputs_for(kind, **overrides):
    inputs = {"friendly_name": f"{kind} flow", "chat_service_sid": IS, "channel_type": "web", "enabled": True}
    inputs.update(FLOWS[kind])
    inputs.update(overrides)
    return inputs


def create(provider, inputs):
    checked = provider.check({}, inputs)
    assert checked.failures == []
    return provider.create(checked.inputs), checked.inputs


@pytest.mark.parametrize("kind", sorted(FLOWS))
def test_create_returns_sid_url_and_every_output(emulator, kind):
    provider = emulator.provider()
    created, inputs = create(provider, inputs_for(kind))
    assert re.fullmatch(r"FO[0-9a-f]{32}", created.id)
    outs = created.outs
    assert set(outs) == {*FLEX_FLOW.output_names, DECLARED}
    assert outs["sid"] == created.id
    assert outs["url"] == f"{emulator.url}/v1/FlexFlows/{created.id}"
    assert outs["account_sid"].startswith("AC")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", outs["date_created"])
    assert outs["integration_type"] == kind
    for name, value in inputs["integration"].items():
        assert outs["integration"][name] == value
    assert provider.diff(created.id, outs, inputs).changes is False


@pytest.mark.parametrize("kind", sorted(FLOWS))
def test_emulator_answers_every_response_field_of_the_seed(emulator, kind):
    created, _ = create(emulator.provider(), inputs_for(kind))
    _, seed_fields = seed_sections()
    for answer in (emulator.api().fetch(created.id), next(iter(emulator.api().list()))):
        assert set(answer) == seed_fields
        unset = {name for name, value in answer.items() if value is None}
        assert unset == {"contact_identity"}, unset  # the one field these flows leave unset


@pytest.mark.parametrize("kind", sorted(FLOWS))
def test_read_returns_outputs_and_inputs(emulator, kind):
    provider = emulator.provider()
    created, inputs = create(provider, inputs_for(kind))
    read = provider.read(created.id, created.outs)
    assert read.id == created.id
    assert read.outs == created.outs
    assert read.inputs["friendly_name"] == inputs["friendly_name"]
    assert provider.diff(created.id, read.outs, read.inputs).changes is False


def test_read_of_a_deleted_flow_says_it_is_gone(emulator):
    provider = emulator.provider()
    created, _ = create(provider, inputs_for("studio"))
    emulator.api().delete(created.id)  # out-of-band deletion
    read = provider.read(created.id, created.outs)
    assert (read.id, read.outs) == ("", {})


def test_drift_made_behind_the_providers_back_shows_up(emulator):
    provider = emulator.provider()
    created, inputs = create(provider, inputs_for("studio"))
    emulator.api().update(created.id, {"FriendlyName": "Renamed in console", "JanitorEnabled": "true"})
    read = provider.read(created.id, created.outs)
    assert read.outs["friendly_name"] == "Renamed in console"
    assert read.inputs["janitor_enabled"] is True
    diff = provider.diff(created.id, read.outs, inputs)
    assert diff.changes is True
    healed = provider.update(created.id, read.outs, inputs).outs
    assert healed["friendly_name"] == "studio flow"
    assert healed["janitor_enabled"] is False  # undeclared: back to the documented default


UPDATES = [
    ("studio", {"friendly_name": "Renamed"}),
    ("studio", {"chat_service_sid": "IS" + "f" * 32}),
    ("studio", {"channel_type": "whatsapp"}),
    ("studio", {"contact_identity": "+15550001111"}),
    ("studio", {"enabled": False}),
    ("studio", {"long_lived": True}),
    ("studio", {"janitor_enabled": True}),
    ("studio", {"integration": {"flow_sid": FW2, "retry_count": 0}}),
    ("studio", {"integration": {"flow_sid": FW, "retry_count": 1, "creation_on_message": True}}),
    ("external", {"integration": {"url": "https://other.example.com/x", "retry_count": 2}}),
    ("task", {"integration": {"workspace_sid": "WS" + "9" * 32, "workflow_sid": "WW" + "8" * 32}}),
    ("task", {"integration": {"workspace_sid": WS, "workflow_sid": WW, "channel": "sms", "timeout": 0}}),
    ("task", {"integration": {"workspace_sid": WS, "workflow_sid": WW, "priority": 0}}),
    ("studio", {"integration_type": "external", "integration": {"url": "https://switched.example.com"}}),
    ("external", {"integration_type": "task", "integration": {"workspace_sid": WS, "workflow_sid": WW}}),
]


@pytest.mark.parametrize("kind, change", UPDATES, ids=[f"{k}-{'-'.join(c)}" for k, c in UPDATES])
def test_update_of_every_field(emulator, kind, change):
    provider = emulator.provider()
    created, _ = create(provider, inputs_for(kind))
    news = provider.check(created.outs, inputs_for(kind, **change))
    assert news.failures == []
    assert provider.diff(created.id, created.outs, news.inputs).changes is True
    updated = provider.update(created.id, created.outs, news.inputs).outs
    assert set(updated) == {*FLEX_FLOW.output_names, DECLARED}  # the full outputs, not the SDK's empty default
    assert updated["sid"] == created.id
    assert updated["date_updated"] >= created.outs["date_updated"]  # whole seconds, never ahead of the clock
    for name, value in change.items():
        if name == "integration":
            for key, wanted in value.items():
                assert updated["integration"][key] == wanted, key
        else:
            assert updated[name] == value, name
    fetched = emulator.api().fetch(created.id)
    assert fetched["friendly_name"] == updated["friendly_name"]
    assert provider.diff(created.id, updated, news.inputs).changes is False


@pytest.mark.parametrize(
    "kind, declared, removed, default",
    [
        ("studio", {"janitor_enabled": True}, "janitor_enabled", False),
        ("studio", {"long_lived": True}, "long_lived", False),
        ("studio", {"contact_identity": "+15550001111"}, "contact_identity", None),
        ("studio", {"integration": {"flow_sid": FW, "retry_count": 0}}, "integration.retry_count", 3),
        (
            "task",
            {"integration": {"workspace_sid": WS, "workflow_sid": WW, "channel": "sms"}},
            "integration.channel",
            "default",
        ),
        (
            "task",
            {"integration": {"workspace_sid": WS, "workflow_sid": WW, "timeout": 60}},
            "integration.timeout",
            86400,
        ),
        (
            "task",
            {"integration": {"workspace_sid": WS, "workflow_sid": WW, "priority": 7}},
            "integration.priority",
            0,
        ),
    ],
)
def test_removed_input_is_reset_to_its_documented_default(emulator, kind, declared, removed, default):
    provider = emulator.provider()
    created, _ = create(provider, inputs_for(kind, **declared))
    news = inputs_for(kind)
    if "." in removed:
        parent, key = removed.split(".")
        news[parent] = {k: v for k, v in declared[parent].items() if k != key}
    assert provider.diff(created.id, created.outs, news).changes is True
    updated = provider.update(created.id, created.outs, news).outs
    value = updated["integration"][removed.split(".")[1]] if "." in removed else updated[removed]
    assert value == default
    assert provider.diff(created.id, updated, news).changes is False


@pytest.mark.parametrize("kind", sorted(FLOWS))
def test_delete_and_delete_again(emulator, kind):
    provider = emulator.provider()
    created, _ = create(provider, inputs_for(kind))
    provider.delete(created.id, created.outs)
    with pytest.raises(FlexFlowNotFoundError):
        emulator.api().fetch(created.id)
    provider.delete(created.id, created.outs)  # already gone counts as deleted


def test_api_errors_carry_operation_sid_status_code_and_never_the_token(emulator):
    provider = emulator.provider()
    missing = "FO" + "0" * 32
    with pytest.raises(TwilioApiError) as err:
        provider.update(missing, {"integration": {}}, inputs_for("studio"))
    error = err.value
    assert (error.operation, error.sid, error.status, error.code) == ("update", missing, 404, 20404)
    assert str(error).startswith(f"update Flex Flow {missing}: HTTP 404, Twilio error 20404: ")
    assert "tok-" not in str(error)


def test_flows_of_other_accounts_are_invisible(emulator):
    provider = emulator.provider()
    created, _ = create(provider, inputs_for("studio"))
    assert [f["sid"] for f in emulator.api().list()] == [created.id]
    other = FlexFlowsClient(ConnectionSettings(Credentials("AC" + "9" * 32, "other-token"), emulator.url))
    assert list(other.list()) == []
    with pytest.raises(FlexFlowNotFoundError):
        other.fetch(created.id)
