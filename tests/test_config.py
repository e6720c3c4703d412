"""Credentials and endpoint: config wins over environment; missing pieces give errors naming both ways."""

from __future__ import annotations

import pytest

from pulumi_twilio_flex import ConfigurationError
from pulumi_twilio_flex._config import resolve_settings

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
    with pytest.raises(ConfigurationError, match=r"twilio:region is set to 'ie1' but twilio:edge is not"):
        resolve_settings(from_config({"twilio:accountSid": AC, "twilio:authToken": TOKEN}), {"TWILIO_REGION": "ie1"})


def test_bad_url_and_host_labels_are_errors():
    base = {"twilio:accountSid": AC, "twilio:authToken": TOKEN}
    with pytest.raises(ConfigurationError, match=r"twilio:flexApiUrl must be an absolute http\(s\) URL"):
        resolve_settings(from_config({**base, "twilio:flexApiUrl": "flex-api.twilio.com"}), {})
    with pytest.raises(ConfigurationError, match=r"twilio:edge must be a lowercase host label"):
        resolve_settings(from_config({**base, "twilio:edge": "evil.com/x"}), {})


def test_credentials_repr_hides_the_password():
    settings = resolve_settings(from_config({"twilio:accountSid": AC, "twilio:authToken": TOKEN}), {})
    assert TOKEN not in repr(settings)
