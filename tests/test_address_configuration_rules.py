"""AddressConfiguration on the generic machinery: its rules, wire format and diff, with no request sent."""

from __future__ import annotations

import pulumi
import pytest
from pulumi.dynamic import ConfigureRequest
from pulumi.dynamic.config import Config
from pulumi.output import Unknown

from pulumi_twilio_flex import AddressConfiguration, AddressConfigurationAutoCreationArgs
from pulumi_twilio_flex._diff import changed_properties, replaced_properties
from pulumi_twilio_flex._validation import validate
from pulumi_twilio_flex._values import normalize
from pulumi_twilio_flex._wire import create_params, outputs_from, read_inputs, update_params
from pulumi_twilio_flex.address_configuration.description import ADDRESS_CONFIGURATION as ADDRESS
from pulumi_twilio_flex.address_configuration.provider import AddressConfigurationProvider

IS, FW = "IS" + "a" * 32, "FW" + "b" * 32
WEBHOOK = {
    "type": "whatsapp",
    "address": "whatsapp:+15550001111",
    "friendly_name": "Support on WhatsApp",
    "auto_creation": {
        "enabled": True,
        "type": "webhook",
        "webhook_url": "https://hooks.example.com/conversations",
        "webhook_method": "POST",
        "webhook_filters": ["onMessageAdded", "onParticipantAdded"],
    },
}
STUDIO = {
    "type": "sms",
    "address": "+15550002222",
    "auto_creation": {"enabled": True, "type": "studio", "studio_flow_sid": FW, "studio_retry_count": 1},
}


def failures(inputs, reveal=False):
    return dict(validate(ADDRESS, normalize(inputs), reveal=reveal))


def reported(inputs, **changes):
    """What Twilio reports for `inputs`: webhook_method in upper case, filters in its own order."""
    resource = {"sid": "IG" + "1" * 32, "account_sid": "AC" + "2" * 32, **inputs, **changes}
    auto = dict(resource.get("auto_creation") or {})
    if "webhook_method" in auto:
        auto["webhook_method"] = auto["webhook_method"].upper()
    if "webhook_filters" in auto:
        auto["webhook_filters"] = list(reversed(auto["webhook_filters"]))
    resource["auto_creation"] = auto
    return outputs_from(ADDRESS, resource)


def test_valid_declarations_pass():
    assert failures(WEBHOOK) == {} and failures(STUDIO) == {}
    assert failures({"type": "chat", "address": "support-chat", "auto_creation": {"type": "default"}}) == {}


def test_type_and_address_are_required():
    assert failures({}) == {"type": "is required", "address": "is required"}


def test_each_rule_names_the_property_and_never_the_value():
    got = failures(
        {
            "type": "pigeon",
            "address": " ",
            "friendly_name": "x" * 257,
            "auto_creation": {
                "type": "webhook",
                "webhook_url": "ftp://user:hunter2@example.com",
                "webhook_method": "PUT",
                "webhook_filters": ["onMessageAdded", "onMessageSent", "onMessageAdded"],
                "conversation_service_sid": "IS123",
            },
        }
    )
    assert got == {
        "type": "must be one of sms, whatsapp, messenger, gbm, email, rcs, apple, chat",
        "address": "is required and must not be empty",
        "friendly_name": "must be at most 256 characters long",
        "auto_creation.webhook_url": "must be an absolute http(s) URL",
        "auto_creation.webhook_method": "must be one of get, post",
        "auto_creation.webhook_filters[1]": (
            "must be one of onMessageAdded, onMessageUpdated, onMessageRemoved, onConversationUpdated, "
            "onConversationStateUpdated, onConversationRemoved, onParticipantAdded, onParticipantUpdated, "
            "onParticipantRemoved, onDeliveryUpdated"
        ),
        "auto_creation.webhook_filters[2]": "repeats an earlier item",
        "auto_creation.conversation_service_sid": "must be a SID of the form IS followed by 32 hex digits",
    }
    assert not any("hunter2" in reason or "pigeon" in reason for reason in got.values())


def test_the_rules_of_each_auto_creation_type():
    assert failures({**STUDIO, "auto_creation": {"type": "studio"}}) == {
        "auto_creation.studio_flow_sid": "is required for the declared auto_creation.type"
    }
    assert failures({**STUDIO, "auto_creation": {"type": "webhook"}}) == {
        "auto_creation.webhook_url": "is required for the declared auto_creation.type"
    }
    mixed = failures({**STUDIO, "auto_creation": {"type": "studio", "studio_flow_sid": FW, "webhook_url": "https://x"}})
    assert mixed == {
        "auto_creation.webhook_url": "does not apply for the declared auto_creation.type; it applies to: webhook"
    }
    assert failures({**STUDIO, "auto_creation": {"type": "studio"}}, reveal=True) == {
        "auto_creation.studio_flow_sid": "is required when auto_creation.type is 'studio'"
    }


def test_unknown_values_are_not_failures():
    assert failures({"type": Unknown(), "address": Unknown(), "auto_creation": Unknown()}) == {}
    assert failures({**WEBHOOK, "auto_creation": {**WEBHOOK["auto_creation"], "webhook_filters": [Unknown()]}}) == {}


def test_filters_are_a_repeated_key_and_the_method_is_sent_as_the_enum_spells_it():
    params = create_params(ADDRESS, WEBHOOK)
    assert params == {
        "Type": "whatsapp",
        "Address": "whatsapp:+15550001111",
        "FriendlyName": "Support on WhatsApp",
        "AutoCreation.Enabled": "true",
        "AutoCreation.Type": "webhook",
        "AutoCreation.WebhookUrl": "https://hooks.example.com/conversations",
        "AutoCreation.WebhookMethod": "post",
        "AutoCreation.WebhookFilters": ["onMessageAdded", "onParticipantAdded"],
    }


def test_an_update_never_sends_what_the_update_endpoint_does_not_take():
    params = update_params(ADDRESS, reported(WEBHOOK), {**WEBHOOK, "friendly_name": "Renamed"})
    assert "Type" not in params and "Address" not in params and "AddressCountry" not in params
    assert params["FriendlyName"] == "Renamed"


def test_what_twilio_normalises_is_never_a_change():
    assert changed_properties(ADDRESS, reported(WEBHOOK), WEBHOOK) == []
    upper_type = {**STUDIO, "type": "SMS"}
    assert changed_properties(ADDRESS, reported(STUDIO), upper_type) == []


def test_a_reordered_filter_list_is_not_a_change_but_another_filter_is():
    news = {
        **WEBHOOK,
        "auto_creation": {**WEBHOOK["auto_creation"], "webhook_filters": ["onParticipantAdded", "onMessageAdded"]},
    }
    assert changed_properties(ADDRESS, reported(WEBHOOK), news) == []
    news["auto_creation"]["webhook_filters"] = ["onMessageAdded"]
    assert changed_properties(ADDRESS, reported(WEBHOOK), news) == ["auto_creation.webhook_filters"]


@pytest.mark.parametrize("prop", ["type", "address", "address_country"])
def test_a_create_only_property_replaces_deleting_first(prop):
    olds = reported({**STUDIO, "address_country": "US"})
    news = {**STUDIO, "address_country": "US", prop: {"type": "whatsapp", "address": "+15550009999"}.get(prop, "CA")}
    assert replaced_properties(ADDRESS, olds, news) == [prop]
    result = AddressConfigurationProvider().diff("IG" + "1" * 32, olds, news)
    assert (result.changes, result.replaces, result.delete_before_replace) == (True, [prop], True)


def test_an_in_place_edit_is_no_replacement():
    result = AddressConfigurationProvider().diff("IG" + "1" * 32, reported(STUDIO), {**STUDIO, "friendly_name": "x"})
    assert (result.changes, result.replaces, result.delete_before_replace) == (True, [], False)


def test_a_refresh_keeps_the_declared_shape():
    outputs = reported(WEBHOOK)
    outputs["__declared"] = " ".join(
        ["address", "auto_creation.enabled", "auto_creation.type", "auto_creation.webhook_filters"]
        + ["auto_creation.webhook_method", "auto_creation.webhook_url", "friendly_name", "type"]
    )
    assert changed_properties(ADDRESS, outputs, read_inputs(ADDRESS, outputs)) == []
    assert set(read_inputs(ADDRESS, outputs)) == {"type", "address", "friendly_name", "auto_creation"}


def test_settings_name_the_conversations_url():
    provider = AddressConfigurationProvider()
    config = {"twilio:accountSid": "AC" + "1" * 32, "twilio:authToken": "t", "twilio:conversationsApiUrl": "x"}
    provider.configure(ConfigureRequest(Config(config, "test")))
    checked = provider.check({}, STUDIO)
    assert [f.property for f in checked.failures] == ["twilio:conversationsApiUrl"]


@pulumi.runtime.test
def test_typed_args_register_a_plain_auto_creation_dict(mocks):
    resource = AddressConfiguration(
        "sms",
        type="sms",
        address="+15550002222",
        auto_creation=AddressConfigurationAutoCreationArgs(enabled=True, type="studio", studio_flow_sid=FW),
    )

    def check(_):
        registered = mocks.registered[0]
        assert registered.typ == "pulumi-python:dynamic/twilio-flex:AddressConfiguration"
        assert registered.inputs["auto_creation"] == {"enabled": True, "type": "studio", "studio_flow_sid": FW}

    return resource.urn.apply(check)


def test_an_empty_filter_list_is_sent_as_one_empty_value_which_clears_it():
    news = {**WEBHOOK, "auto_creation": {**WEBHOOK["auto_creation"], "webhook_filters": []}}
    assert changed_properties(ADDRESS, reported(WEBHOOK), news) == ["auto_creation.webhook_filters"]
    assert update_params(ADDRESS, reported(WEBHOOK), news)["AutoCreation.WebhookFilters"] == [""]
