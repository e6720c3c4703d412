"""Settings that would fail late, or be ignored, are refused when resolved (so at preview), naming the key."""

from __future__ import annotations

import pytest

from pulumi_twilio_flex import ConfigurationError
from pulumi_twilio_flex._config import resolve_settings

AC, TOKEN = "AC" + "1" * 32, "token-from-config"
CREDENTIALS = {"twilio:accountSid": AC, "twilio:authToken": TOKEN}


def refused(config, keys=(), env=None) -> ConfigurationError:
    with pytest.raises(ConfigurationError) as err:
        resolve_settings(config.get, env or {}, config_keys=keys or tuple(config))
    assert TOKEN not in str(err.value)
    return err.value


@pytest.mark.parametrize("account_sid", ["not-an-account", "AC123", "ac" + "1" * 32, "AC" + "g" * 32, AC + "\n"])
def test_a_malformed_account_sid_is_refused_without_repeating_it(account_sid):
    error = refused({**CREDENTIALS, "twilio:accountSid": account_sid})
    assert error.key == "twilio:accountSid"
    assert "must be an Account SID, AC followed by 32 hex digits" in str(error)
    assert account_sid.strip() not in str(error)


def test_a_malformed_api_key_is_refused():
    error = refused({"twilio:apiKey": "key-1", "twilio:apiSecret": "s3cret"})
    assert error.key == "twilio:apiKey" and "SK followed by 32 hex digits" in str(error)
    assert "key-1" not in str(error) and "s3cret" not in str(error)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8718/v1", "https://flex-api.twilio.com/v1/", "http://h/proxy/V1"])
def test_a_base_url_ending_in_the_version_path_is_refused(url):
    error = refused({**CREDENTIALS, "twilio:flexApiUrl": url})
    assert error.key == "twilio:flexApiUrl" and "drop the trailing /v1" in str(error)


def test_a_base_url_with_another_path_is_kept():
    config = {**CREDENTIALS, "twilio:flexApiUrl": "http://127.0.0.1:9/v1-proxy/"}
    assert resolve_settings(config.get, {}, config_keys=tuple(config)).base_url == "http://127.0.0.1:9/v1-proxy"


def test_an_unknown_twilio_key_is_refused_with_the_nearest_setting():
    config = {**CREDENTIALS, "twilio:flexApiUrl2": "http://127.0.0.1:9"}
    error = refused(config)
    assert error.key == "twilio:flexApiUrl2"
    assert "twilio:flexApiUrl2 is not a setting of this provider; did you mean twilio:flexApiUrl?" in str(error)
    assert "pulumi config rm twilio:flexApiUrl2" in str(error)


def test_keys_of_other_namespaces_are_not_ours_to_judge():
    config = {**CREDENTIALS, "aws:region": "eu-west-1", "flex-demo:name": "x"}
    assert resolve_settings(config.get, {}, config_keys=tuple(config)).base_url == "https://flex-api.twilio.com"


@pytest.mark.parametrize(
    ("regional", "named"),
    [
        ({"twilio:edge": "sydney"}, "twilio:edge"),
        ({"twilio:edge": "sydney", "twilio:region": "au1"}, "twilio:edge and twilio:region"),
    ],
)
def test_edge_or_region_beside_a_base_url_is_refused(regional, named):
    error = refused({**CREDENTIALS, "twilio:flexApiUrl": "http://127.0.0.1:9", **regional})
    assert error.key == "twilio:edge"
    assert f"{named} cannot be used with twilio:flexApiUrl" in str(error)


def test_edge_from_the_environment_beside_a_base_url_is_refused_too():
    config = {**CREDENTIALS, "twilio:flexApiUrl": "http://127.0.0.1:9"}
    error = refused(config, env={"TWILIO_EDGE": "dublin"})
    assert error.key == "twilio:edge" and "TWILIO_EDGE" in str(error)
