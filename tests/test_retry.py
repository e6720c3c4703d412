"""Retries: 429 on every request, 5xx and lost connections on idempotent ones, bounded, honouring Retry-After."""

from __future__ import annotations

import pytest
from scripted_faults import TOKEN, scripted_client

from pulumi_twilio_flex import ConfigurationError, FlexFlowNotFoundError, TwilioApiError
from pulumi_twilio_flex._config import resolve_settings
from pulumi_twilio_flex._provider import FlexFlowProvider
from pulumi_twilio_flex._retry import RetrySettings

FORM = {
    "FriendlyName": "retried",
    "ChatServiceSid": "IS" + "a" * 32,
    "ChannelType": "web",
    "Integration.FlowSid": "FW" + "b" * 32,
}
POST, LIST = ("POST", "/v1/FlexFlows"), ("GET", "/v1/FlexFlows")


def test_429_on_create_waits_for_retry_after_and_sends_again():
    client, adapter, sleeps = scripted_client(["429"])
    flow = client.create(FORM)
    assert adapter.sent == [POST, POST]  # never processed: no need to look for the flow first
    assert len(sleeps) == 1 and sleeps[0] >= 1.0
    assert [f["sid"] for f in client.list()] == [flow["sid"]]


def test_429_without_retry_after_backs_off_exponentially_with_jitter():
    client, adapter, sleeps = scripted_client(["429-"] * 3, backoff_initial=0.5, backoff_max=1.5)
    client.create(FORM)
    assert len(adapter.sent) == 4
    assert 0.5 <= sleeps[0] <= 1.0 and 1.0 <= sleeps[1] <= 1.5 and sleeps[2] == 1.5


def test_5xx_and_lost_answers_are_retried_on_fetch_update_and_delete():
    client, adapter, _ = scripted_client()
    sid = client.create(FORM)["sid"]
    adapter.script = ["503", "lost", "500"]
    assert client.fetch(sid)["sid"] == sid
    adapter.script = ["lost"]
    assert client.update(sid, {"FriendlyName": "renamed"})["friendly_name"] == "renamed"
    adapter.script = ["lost"]  # the delete is processed, the retry finds the flow gone
    provider = FlexFlowProvider()
    provider.use_client_factory(lambda _settings: client)
    provider._config_get = {"twilio:accountSid": "AC" + "0" * 32, "twilio:authToken": "t"}.get
    provider.delete(sid, {})
    with pytest.raises(FlexFlowNotFoundError):
        client.fetch(sid)


def test_a_request_that_keeps_failing_says_how_many_attempts_and_not_the_token():
    client, adapter, sleeps = scripted_client(["503"] * 9, max_attempts=3)
    with pytest.raises(TwilioApiError) as err:
        list(client.list())
    assert len(adapter.sent) == 3 and len(sleeps) == 2
    assert (err.value.status, err.value.code) == (503, 20503)
    assert str(err.value) == "list Flex Flow: HTTP 503, Twilio error 20503: Service error (gave up after 3 attempts)"
    assert TOKEN not in str(err.value) and TOKEN not in repr(err.value.args)


def test_total_time_bounds_the_wait_a_retry_after_asks_for():
    client, adapter, sleeps = scripted_client(["429:120"], max_elapsed=10)
    with pytest.raises(TwilioApiError) as err:
        client.create(FORM)
    assert err.value.status == 429 and sleeps == [] and adapter.sent == [POST]


def test_a_refused_connection_is_sent_again_without_looking_for_the_flow():
    client, adapter, _ = scripted_client(["refused"])
    client.create(FORM)
    assert adapter.sent == [POST, POST]


def test_client_errors_are_final():
    client, adapter, _ = scripted_client()
    with pytest.raises(TwilioApiError) as err:
        client.create({**FORM, "ChannelType": "fax"})
    assert err.value.status == 400 and adapter.sent == [POST]


CREDENTIALS = {"TWILIO_ACCOUNT_SID": "AC" + "0" * 32, "TWILIO_AUTH_TOKEN": "t"}


def test_retry_bounds_come_from_config_then_environment():
    assert resolve_settings(None, CREDENTIALS).retry == RetrySettings()
    env = {**CREDENTIALS, "TWILIO_MAX_ATTEMPTS": "7", "TWILIO_RETRY_TIMEOUT": "90"}
    assert resolve_settings(None, env).retry == RetrySettings(max_attempts=7, max_elapsed=90.0)
    config = {"twilio:maxAttempts": "2"}.get
    assert resolve_settings(config, env).retry == RetrySettings(max_attempts=2, max_elapsed=90.0)


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("TWILIO_MAX_ATTEMPTS", "0", "twilio:maxAttempts (TWILIO_MAX_ATTEMPTS) must be a whole number of at least 1"),
        ("TWILIO_MAX_ATTEMPTS", "many", "twilio:maxAttempts (TWILIO_MAX_ATTEMPTS) must be a whole number"),
        ("TWILIO_RETRY_TIMEOUT", "-1", "twilio:retryTimeout (TWILIO_RETRY_TIMEOUT) must be a number of seconds"),
    ],
)
def test_bad_retry_bounds_name_the_key(variable, value, message):
    with pytest.raises(ConfigurationError) as err:
        resolve_settings(None, {**CREDENTIALS, variable: value})
    assert str(err.value).startswith(message) and repr(value) not in str(err.value)  # values are never echoed
