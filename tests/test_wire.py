"""The wire format: every seed parameter under its exact API name, booleans and integers as Twilio wants."""

from __future__ import annotations

import pytest
from seed_document import seed_sections

from pulumi_twilio_flex._wire import create_params, inputs_from, outputs_from, update_params
from pulumi_twilio_flex.flex_flow.description import FLEX_FLOW, FLOW_FIELDS, INTEGRATION_FIELDS

IS, FW, WS, WW = ("IS" + "a" * 32, "FW" + "b" * 32, "WS" + "c" * 32, "WW" + "d" * 32)


def everything() -> dict:
    """Inputs that use every field once (not one valid flow: the encoder does not validate)."""
    return {
        "friendly_name": "All fields",
        "chat_service_sid": IS,
        "channel_type": "sms",
        "contact_identity": "+15550001111",
        "enabled": True,
        "integration_type": "task",
        "long_lived": False,
        "janitor_enabled": True,
        "integration": {
            "flow_sid": FW,
            "url": "https://hooks.example.com/flex",
            "workspace_sid": WS,
            "workflow_sid": WW,
            "channel": "sms",
            "timeout": 600.0,
            "priority": 0,
            "creation_on_message": False,
            "retry_count": 2,
        },
    }


def test_seed_is_readable():
    params, fields = seed_sections()
    assert len(params) == 17 and len(fields) == 14, (params, fields)


def test_every_seed_parameter_is_sent_under_its_api_name():
    params, _ = seed_sections()
    assert set(create_params(FLEX_FLOW, everything())) == params


def test_every_seed_response_field_is_an_output():
    _, fields = seed_sections()
    assert set(FLEX_FLOW.output_names) == fields


def test_values_are_encoded_like_twilio_expects():
    params = create_params(FLEX_FLOW, everything())
    assert params["Enabled"] == "true"
    assert params["LongLived"] == "false"
    assert params["JanitorEnabled"] == "true"
    assert params["Integration.CreationOnMessage"] == "false"
    assert params["Integration.Timeout"] == "600"  # Pulumi sends numbers as floats
    assert params["Integration.Priority"] == "0"
    assert params["Integration.RetryCount"] == "2"
    assert params["ContactIdentity"] == "+15550001111"
    assert all(isinstance(v, str) for v in params.values())


def test_undeclared_inputs_are_not_sent():
    assert create_params(FLEX_FLOW, {"friendly_name": "x", "integration": {"flow_sid": FW}}) == {
        "FriendlyName": "x",
        "Integration.FlowSid": FW,
    }


def test_update_sends_falsy_values():
    olds = outputs_from(FLEX_FLOW, {"integration": {}})
    news = {
        "contact_identity": "",
        "enabled": False,
        "integration_type": "task",
        "integration": {"priority": 0},
    }
    params = update_params(FLEX_FLOW, olds, news)
    assert params["ContactIdentity"] == ""
    assert params["Enabled"] == "false"
    assert params["Integration.Priority"] == "0"


@pytest.mark.parametrize(
    "old, field, api_name, sent",
    [
        ({"janitor_enabled": True}, "janitor_enabled", "JanitorEnabled", "false"),
        ({"long_lived": True}, "long_lived", "LongLived", "false"),
        ({"contact_identity": "+1555"}, "contact_identity", "ContactIdentity", ""),
    ],
)
def test_update_resets_a_removed_input_to_its_documented_default(old, field, api_name, sent):
    olds = outputs_from(FLEX_FLOW, {**old, "integration": {"flow_sid": FW, "retry_count": 3}})
    news = {"friendly_name": "x", "integration": {"flow_sid": FW}}
    assert update_params(FLEX_FLOW, olds, news)[api_name] == sent


def test_update_resets_removed_integration_fields_of_the_current_type_only():
    olds = outputs_from(
        FLEX_FLOW, {"integration_type": "task", "integration": {"workspace_sid": WS, "workflow_sid": WW, "priority": 5}}
    )
    news = {"integration_type": "task", "integration": {"workspace_sid": WS, "workflow_sid": WW}}
    assert update_params(FLEX_FLOW, olds, news)["Integration.Priority"] == "0"
    # Switching type: fields of the old type are not reset, the new type's are sent.
    news = {"integration_type": "studio", "integration": {"flow_sid": FW}}
    assert "Integration.Priority" not in update_params(FLEX_FLOW, olds, news)


def test_update_does_not_touch_a_removed_field_without_documented_default():
    olds = outputs_from(FLEX_FLOW, {"enabled": True, "integration": {}})
    assert "Enabled" not in update_params(FLEX_FLOW, olds, {"friendly_name": "x"})


def test_outputs_have_every_field_and_integration_is_a_dict():
    outputs = outputs_from(FLEX_FLOW, {"sid": "FO" + "0" * 32, "integration": None})
    assert set(outputs) == set(FLEX_FLOW.output_names)
    assert outputs["integration"] == {}
    assert outputs["enabled"] is None


def test_inputs_from_outputs_keep_what_the_api_would_not_fill_in():
    outputs = outputs_from(
        FLEX_FLOW,
        {
            "sid": "FO" + "0" * 32,
            "friendly_name": "x",
            "chat_service_sid": IS,
            "channel_type": "web",
            "contact_identity": None,
            "enabled": False,
            "integration_type": "studio",
            "integration": {"flow_sid": FW, "retry_count": 3},
            "long_lived": True,
            "janitor_enabled": False,
            "url": "https://flex-api.twilio.com/v1/FlexFlows/FO" + "0" * 32,
        },
    )
    assert inputs_from(FLEX_FLOW, outputs) == {
        "friendly_name": "x",
        "chat_service_sid": IS,
        "channel_type": "web",
        "enabled": False,
        "long_lived": True,
        "integration": {"flow_sid": FW},
    }


def test_field_table_has_unique_names():
    names = [f.api_name for f in FLOW_FIELDS + INTEGRATION_FIELDS]
    assert len(names) == len(set(names)) == 17
