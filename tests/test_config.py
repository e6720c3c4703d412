"""Credentials and endpoint: config wins over environment; missing pieces give errors naming both ways."""

from __future__ import annotations

import pytest
from pulumi.dynamic import ConfigureRequest
from pulumi.dynamic.config import Config

from pulumi_twilio_flex import ConfigurationError
from pulumi_twilio_flex._config import resolve_settings
from pulumi_twilio_flex._provider import FlexFlowProvider

AC, TOKEN = "AC" + "1" * 32, "token-from-config"


def from_config(values):
    return values.get


def test_config_credentials_and_default_host():
    settings = resolve_settings(from_config({"twilio:accountSid": AC, "twilio:authToken": TOKEN}), {})
    assert settings.credentials.username == AC
    assert settings.credentials.password == TOKEN
    assert settings.base_url == "https://flex-api.twilio.com"


def test_environment_is_used_when_config_is_absent():
    env = {
        "TWILIO_ACCOUNT_SID": AC,
        "TWILIO_AUTH_TOKEN": "env-token",
        "TWILIO_FLEX_API_URL": "http://127.0.0.1:9/",
    }
    settings = resolve_settings(None, env)
    assert (settings.credentials.username, settings.credentials.password) == (AC, "env-token")
    assert settings.base_url == "http://127.0.0.1:9"


def test_config_wins_over_environment_key_by_key():
    env = {"TWILIO_ACCOUNT_SID": "AC" + "9" * 32, "TWILIO_AUTH_TOKEN": "env-token"}
    settings = resolve_settings(from_config({"twilio:authToken": TOKEN}), env)
    assert settings.credentials.username == "AC" + "9" * 32
    assert settings.credentials.password == TOKEN


def test_api_key_and_secret_take_precedence():
    config = {"twilio:accountSid": AC, "twilio:authToken": TOKEN, "twilio:apiKey": "SK" + "2" * 32}
    settings = resolve_settings(from_config({**config, "twilio:apiSecret": "api-secret"}), {})
    assert settings.credentials.username == "SK" + "2" * 32
    assert settings.credentials.password == "api-secret"
    with pytest.raises(ConfigurationError, match=r"both twilio:apiKey and twilio:apiSecret"):
        resolve_settings(from_config(config), {})


def test_missing_credentials_name_both_ways_to_set_them():
    with pytest.raises(ConfigurationError) as err:
        resolve_settings(from_config({"twilio:accountSid": AC}), {})
    message = str(err.value)
    assert "twilio:authToken" in message and "TWILIO_AUTH_TOKEN" in message and "pulumi config set" in message


@pytest.mark.parametrize(
    "region, edge, url",
    [
        (None, "sydney", "https://flex-api.sydney.us1.twilio.com"),
        ("au1", "sydney", "https://flex-api.sydney.au1.twilio.com"),
    ],
)
def test_regional_hosts(region, edge, url):
    config = {
        "twilio:accountSid": AC,
        "twilio:authToken": TOKEN,
        "twilio:region": region,
        "twilio:edge": edge,
    }
    assert resolve_settings(from_config(config), {}).base_url == url


def test_region_without_edge_is_an_error():
    with pytest.raises(ConfigurationError, match=r"twilio:region is set but twilio:edge is not") as err:
        resolve_settings(from_config({"twilio:accountSid": AC, "twilio:authToken": TOKEN}), {"TWILIO_REGION": "ie1"})
    assert err.value.key == "twilio:edge"
    assert "pulumi config set twilio:edge" in str(err.value) and "TWILIO_EDGE" in str(err.value)


@pytest.mark.parametrize(
    "config, key, env_name",
    [
        ({"twilio:flexApiUrl": "127.0.0.1:8718"}, "twilio:flexApiUrl", "TWILIO_FLEX_API_URL"),
        ({"twilio:flexApiUrl": "http://user:pw@host:port/"}, "twilio:flexApiUrl", "TWILIO_FLEX_API_URL"),
        ({"twilio:authToken": None}, "twilio:authToken", "TWILIO_AUTH_TOKEN"),
        ({"twilio:accountSid": None}, "twilio:accountSid", "TWILIO_ACCOUNT_SID"),
        ({"twilio:apiKey": "SK" + "1" * 32}, "twilio:apiSecret", "TWILIO_API_SECRET"),
        ({"twilio:region": "ie1"}, "twilio:edge", "TWILIO_EDGE"),
    ],
)
def test_check_fails_on_bad_settings_naming_the_key_and_both_ways(config, key, env_name):
    settings = {"twilio:accountSid": AC, "twilio:authToken": TOKEN, **config}
    provider = FlexFlowProvider()
    provider.configure(ConfigureRequest(Config({k: v for k, v in settings.items() if v is not None}, "test")))
    result = provider.check({}, VALID_INPUTS)
    assert [f.property for f in result.failures] == [key]
    reason = result.failures[0].reason
    assert "pulumi config set" in reason and key in reason and env_name in reason
    assert "pw@" not in reason and TOKEN not in reason


def test_check_of_an_unconfigured_provider_leaves_settings_to_the_first_request():
    assert FlexFlowProvider().check({}, VALID_INPUTS).failures == []


def test_bad_url_and_host_labels_are_errors():
    base = {"twilio:accountSid": AC, "twilio:authToken": TOKEN}
    with pytest.raises(ConfigurationError, match=r"twilio:flexApiUrl must be an absolute http\(s\) URL"):
        resolve_settings(from_config({**base, "twilio:flexApiUrl": "flex-api.twilio.com"}), {})
    with pytest.raises(ConfigurationError, match=r"twilio:edge must be a lowercase host label"):
        resolve_settings(from_config({**base, "twilio:edge": "evil.com/x"}), {})


def test_credentials_repr_hides_the_password():
    settings = resolve_settings(from_config({"twilio:accountSid": AC, "twilio:authToken": TOKEN}), {})
    assert TOKEN not in repr(settings)


VALID_INPUTS = {
    "friendly_name": "Support chat",
    "chat_service_sid": "IS" + "a" * 32,
    "channel_type": "web",
    "integration": {"flow_sid": "FW" + "b" * 32},
}
