"""`diff`: only declared inputs count, nothing forces replacement, unknowns count as changes."""

from __future__ import annotations

from pulumi.output import Unknown

from pulumi_twilio_flex._diff import changed_properties
from pulumi_twilio_flex._provider import FlexFlowProvider
from pulumi_twilio_flex.flex_flow.description import FLEX_FLOW

IS, FW = "IS" + "a" * 32, "FW" + "b" * 32


def reported(**overrides):
    """Outputs as the provider stores them after a create of a studio flow."""
    outs = {
        "sid": "FO" + "1" * 32,
        "account_sid": "AC" + "2" * 32,
        "date_created": "2026-11-25T10:00:00Z",
        "date_updated": "2026-11-25T10:00:00Z",
        "url": "http://127.0.0.1:1/v1/FlexFlows/FO" + "1" * 32,
        "friendly_name": "Support",
        "chat_service_sid": IS,
        "channel_type": "web",
        "contact_identity": None,
        "enabled": True,
        "integration_type": "studio",
        "integration": {"flow_sid": FW, "retry_count": 3.0},
        "long_lived": False,
        "janitor_enabled": False,
        "__provider": "serialized-old",
    }
    outs.update(overrides)
    return outs


def declared(**overrides):
    inputs = {
        "friendly_name": "Support",
        "chat_service_sid": IS,
        "channel_type": "web",
        "enabled": True,
        "integration": {"flow_sid": FW},
        "__provider": "serialized-new",
    }
    inputs.update(overrides)
    return inputs


def test_no_change_when_declared_inputs_match():
    result = FlexFlowProvider().diff("FO1", reported(), declared())
    assert result.changes is False
    assert result.replaces == []
    assert result.delete_before_replace is False


def test_server_fields_defaults_and_provider_never_diff():
    assert changed_properties(FLEX_FLOW, reported(date_updated="2030-01-01T00:00:00Z"), declared()) == []


def test_declared_default_value_equal_to_reported_is_no_change():
    news = declared(long_lived=False, integration={"flow_sid": FW, "retry_count": 3})
    assert changed_properties(FLEX_FLOW, reported(), news) == []


def test_each_changed_field_is_named():
    news = declared(friendly_name="Sales", integration={"flow_sid": FW, "retry_count": 1})
    assert changed_properties(FLEX_FLOW, reported(), news) == ["friendly_name", "integration.retry_count"]
    result = FlexFlowProvider().diff("FO1", reported(), news)
    assert result.changes is True and result.replaces == []


def test_falsy_values_are_compared_not_dropped():
    assert changed_properties(FLEX_FLOW, reported(), declared(enabled=False)) == ["enabled"]
    assert changed_properties(FLEX_FLOW, reported(contact_identity="x"), declared(contact_identity="")) == [
        "contact_identity"
    ]


def test_removed_input_with_non_default_value_is_a_change():
    assert changed_properties(FLEX_FLOW, reported(janitor_enabled=True), declared()) == ["janitor_enabled"]
    olds = reported(integration={"flow_sid": FW, "retry_count": 1})
    assert changed_properties(FLEX_FLOW, olds, declared()) == ["integration.retry_count"]


def test_removed_input_without_documented_default_is_left_alone():
    news = declared()
    del news["enabled"]
    assert changed_properties(FLEX_FLOW, reported(enabled=False), news) == []


def test_changing_the_integration_type_is_an_update_not_a_replace():
    news = declared(integration_type="external", integration={"url": "https://example.com/h"})
    changes = changed_properties(FLEX_FLOW, reported(), news)
    assert changes == ["integration_type", "integration.url"]
    result = FlexFlowProvider().diff("FO1", reported(), news)
    assert result.changes is True and result.replaces == []


def test_drift_on_a_declared_field_is_a_change():
    assert changed_properties(FLEX_FLOW, reported(friendly_name="Renamed in console"), declared()) == ["friendly_name"]


def test_unknown_values_are_changes():
    assert changed_properties(FLEX_FLOW, reported(), declared(friendly_name=Unknown())) == ["friendly_name"]
    assert changed_properties(FLEX_FLOW, reported(), declared(integration=Unknown())) == ["integration"]
