"""`check`: every rule names the property and the rule, unknowns pass, and nothing is sent on failure."""

from __future__ import annotations

import pytest
from pulumi.output import Unknown

from pulumi_twilio_flex._provider import FlexFlowProvider
from pulumi_twilio_flex._validation import validate
from pulumi_twilio_flex._values import normalize
from pulumi_twilio_flex.flex_flow.description import FLEX_FLOW

IS = "IS" + "a" * 32
FW = "FW" + "b" * 32
WS = "WS" + "c" * 32
WW = "WW" + "d" * 32


def studio(**overrides):
    inputs = {
        "friendly_name": "Support chat",
        "chat_service_sid": IS,
        "channel_type": "web",
        "integration_type": "studio",
        "integration": {"flow_sid": FW, "retry_count": 1},
    }
    inputs.update(overrides)
    return {k: v for k, v in inputs.items() if v is not None}


def failures(inputs):
    result = FlexFlowProvider().check({}, inputs)
    return {f.property: f.reason for f in result.failures}


def revealed(inputs):
    """The reasons as a plain-text source (a catalog file) gets them: with the offending values."""
    return dict(validate(FLEX_FLOW, normalize(inputs), reveal=True))


def test_valid_inputs_pass_and_come_back_normalized():
    result = FlexFlowProvider().check({}, studio(integration={"flow_sid": FW, "retry_count": 2.0}))
    assert result.failures == []
    assert result.inputs["integration"] == {"flow_sid": FW, "retry_count": 2}
    assert isinstance(result.inputs["integration"]["retry_count"], int)


@pytest.mark.parametrize("prop", ["friendly_name", "chat_service_sid", "channel_type"])
def test_required_properties(prop):
    inputs = studio()
    del inputs[prop]
    assert failures(inputs) == {prop: "is required"}


def test_friendly_name_must_not_be_blank():
    assert failures(studio(friendly_name="  ")) == {"friendly_name": "is required and must not be empty"}


@pytest.mark.parametrize("value", ["IS123", "XX" + "a" * 32, "IS" + "g" * 32, "IS" + "a" * 33])
def test_chat_service_sid_pattern(value):
    reason = failures(studio(chat_service_sid=value))["chat_service_sid"]
    assert reason == "must be a SID of the form IS followed by 32 hex digits"
    assert revealed(studio(chat_service_sid=value))["chat_service_sid"] == f"{reason}; got {value!r}"


def test_channel_type_enum():
    assert failures(studio(channel_type="telegram")) == {
        "channel_type": "must be one of web, sms, facebook, whatsapp, line, custom"
    }
    assert revealed(studio(channel_type="telegram")) == {
        "channel_type": "must be one of web, sms, facebook, whatsapp, line, custom; got 'telegram'"
    }


@pytest.mark.parametrize("channel_type", ["web", "sms", "facebook", "whatsapp", "line", "custom"])
def test_every_channel_type_is_accepted(channel_type):
    assert failures(studio(channel_type=channel_type)) == {}


def test_integration_type_enum():
    assert failures(studio(integration_type="queue"))["integration_type"] == "must be one of studio, external, task"
    assert revealed(studio(integration_type="queue"))["integration_type"].endswith("; got 'queue'")


def test_studio_requires_flow_sid_and_it_is_the_default_type():
    declared = "is required for the declared integration_type"  # a declared type may be a secret
    assert failures(studio(integration={})) == {"integration.flow_sid": declared}
    assert revealed(studio(integration={})) == {"integration.flow_sid": "is required when integration_type is 'studio'"}
    inputs = studio(integration=None)
    del inputs["integration_type"]
    assert failures(inputs) == {"integration.flow_sid": "is required when integration_type is 'studio'"}


def test_flow_sid_pattern():
    reason = failures(studio(integration={"flow_sid": "FW1"}))["integration.flow_sid"]
    assert reason.startswith("must be a SID of the form FW followed by 32 hex digits")


def test_external_requires_an_http_url():
    assert revealed(studio(integration_type="external", integration={})) == {
        "integration.url": "is required when integration_type is 'external'"
    }
    for bad in ("ftp://example.com/hook", "example.com/hook", "https://", "http://host:port/x", "https://a b.com"):
        reason = failures(studio(integration_type="external", integration={"url": bad}))["integration.url"]
        assert reason == "must be an absolute http(s) URL"
        reason = revealed(studio(integration_type="external", integration={"url": bad}))["integration.url"]
        assert reason == f"must be an absolute http(s) URL; got {bad!r}"
    assert failures(studio(integration_type="external", integration={"url": "https://example.com/h"})) == {}


def test_task_requires_workspace_and_workflow():
    assert revealed(studio(integration_type="task", integration={})) == {
        "integration.workspace_sid": "is required when integration_type is 'task'",
        "integration.workflow_sid": "is required when integration_type is 'task'",
    }
    bad = failures(studio(integration_type="task", integration={"workspace_sid": "WS1", "workflow_sid": "WW1"}))
    assert bad["integration.workspace_sid"].startswith("must be a SID of the form WS")
    assert bad["integration.workflow_sid"].startswith("must be a SID of the form WW")


@pytest.mark.parametrize(
    "integration_type, integration, wrong, applies",
    [
        ("studio", {"flow_sid": FW, "workspace_sid": WS}, "workspace_sid", "task"),
        ("studio", {"flow_sid": FW, "priority": 1}, "priority", "task"),
        ("external", {"url": "https://x.example/h", "flow_sid": FW}, "flow_sid", "studio"),
        (
            "task",
            {"workspace_sid": WS, "workflow_sid": WW, "retry_count": 1},
            "retry_count",
            "studio, external",
        ),
        ("task", {"workspace_sid": WS, "workflow_sid": WW, "url": "https://x.example"}, "url", "external"),
    ],
)
def test_fields_that_do_not_apply_to_the_type(integration_type, integration, wrong, applies):
    got = revealed(studio(integration_type=integration_type, integration=integration))
    reason = f"does not apply when integration_type is {integration_type!r}; it applies to: {applies}"
    assert got == {f"integration.{wrong}": reason}
    got = failures(studio(integration_type=integration_type, integration=integration))
    assert got == {
        f"integration.{wrong}": f"does not apply for the declared integration_type; it applies to: {applies}"
    }


def test_unknown_integration_property():
    reason = failures(studio(integration={"flow_sid": FW, "flowSid": FW}))["integration.flowSid"]
    assert reason.startswith("is not a property of integration; expected one of flow_sid, url,")


def test_integration_must_be_an_object():
    assert failures(studio(integration="FW")) == {
        "integration": "must be an object (FlexFlowIntegrationArgs or a dict); got a string"
    }


@pytest.mark.parametrize("value, ok", [(0, True), (3, True), (-1, False), (4, False), (1.5, False), ("1", False)])
def test_retry_count_range(value, ok):
    got = failures(studio(integration={"flow_sid": FW, "retry_count": value}))
    if ok:
        assert got == {}
    elif isinstance(value, int):
        assert got == {"integration.retry_count": "must be an integer between 0 and 3"}
    else:
        kind = "a number" if isinstance(value, float) else "a string"
        assert got == {"integration.retry_count": f"must be an integer; got {kind}"}


@pytest.mark.parametrize("prop", ["priority", "timeout"])
@pytest.mark.parametrize(
    "value, ok",
    [(0, True), (86400, True), (2**31 - 1, True), (2**31, False), (10**30, False), (-5, False), (True, False)],
)
def test_priority_and_timeout_are_non_negative_integers(prop, value, ok):
    integration = {"workspace_sid": WS, "workflow_sid": WW, prop: value}
    got = failures(studio(integration_type="task", integration=integration))
    if ok:
        assert got == {}
    elif value is True:
        assert got == {f"integration.{prop}": "must be an integer; got a boolean"}
    else:
        assert got == {f"integration.{prop}": "must be an integer between 0 and 2147483647"}


@pytest.mark.parametrize("prop", ["enabled", "long_lived", "janitor_enabled"])
def test_booleans_must_be_booleans(prop):
    assert failures(studio(**{prop: "true"})) == {prop: "must be a boolean (true or false); got a string"}
    assert failures(studio(**{prop: 1})) == {prop: "must be a boolean (true or false); got an integer"}
    assert revealed(studio(**{prop: 1})) == {prop: "must be a boolean (true or false); got 1"}
    assert failures(studio(**{prop: False})) == {}


def test_creation_on_message_must_be_a_boolean():
    got = failures(studio(integration={"flow_sid": FW, "creation_on_message": "yes"}))
    assert got == {"integration.creation_on_message": "must be a boolean (true or false); got a string"}


def test_unknown_top_level_property():
    reason = failures(studio(friendlyName="x"))["friendlyName"]
    assert reason.startswith("is not a Flex Flow property; expected one of friendly_name,")


def test_several_failures_are_all_reported():
    got = failures({"channel_type": "fax", "integration": {"retry_count": 9}})
    assert set(got) == {
        "friendly_name",
        "chat_service_sid",
        "channel_type",
        "integration.flow_sid",
        "integration.retry_count",
    }


def test_unknown_values_are_not_failures():
    unknown = Unknown()
    inputs = {
        "friendly_name": unknown,
        "chat_service_sid": unknown,
        "channel_type": unknown,
        "integration_type": unknown,
        "integration": {"flow_sid": unknown, "retry_count": unknown},
        "enabled": unknown,
    }
    assert failures(inputs) == {}
    assert failures(studio(integration=unknown)) == {}


def test_a_failed_check_sends_nothing(emulator):
    provider = emulator.provider()
    result = provider.check({}, studio(channel_type="fax"))
    assert result.failures
    assert emulator.journal() == []


def test_an_empty_task_channel_is_refused():
    integration = {"workspace_sid": WS, "workflow_sid": WW, "channel": ""}
    assert failures(studio(integration_type="task", integration=integration)) == {
        "integration.channel": "must not be empty when set"
    }


@pytest.mark.parametrize("bad", ["a\x00b", "line\nbreak", "tab\there", "del\x7f", "c1\x85"])
@pytest.mark.parametrize("prop", ["friendly_name", "contact_identity"])
def test_control_characters_are_refused(prop, bad):
    assert failures(studio(**{prop: bad})) == {
        prop: "must not contain control characters (such as NUL, tab or newline)"
    }


@pytest.mark.parametrize(
    "inputs, path",
    [
        (studio(contact_identity="hunter2\x00secret"), "contact_identity"),
        (studio(integration_type="external", integration={"url": "ftp://admin:hunter2@host/x"}), "integration.url"),
        (studio(integration={"flow_sid": "FWhunter2", "retry_count": 1}), "integration.flow_sid"),
        (studio(channel_type="hunter2"), "channel_type"),
        (studio(friendly_name="hunter2\n"), "friendly_name"),
    ],
)
def test_reasons_never_repeat_a_value_that_may_be_a_secret(inputs, path):
    got = failures(inputs)
    assert set(got) == {path}
    assert "hunter2" not in got[path]


def test_integer_values_are_not_repeated_either():
    got = failures(studio(integration={"flow_sid": FW, "retry_count": 731}))
    assert "731" not in got["integration.retry_count"]
