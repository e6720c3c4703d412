"""The pooled session reads the proxy and CA bundle settings once, and ends up where requests itself would."""

from __future__ import annotations

import pytest
import requests

from pulumi_twilio_flex._session import new_session

HOST = "https://flex-api.twilio.com"
URL = HOST + "/v1/FlexFlows"
VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE")


@pytest.mark.parametrize(
    "environment",
    [
        {},
        {"HTTPS_PROXY": "http://proxy.example:3128"},
        {"HTTPS_PROXY": "http://proxy.example:3128", "NO_PROXY": "twilio.com"},
        {"HTTPS_PROXY": "http://proxy.example:3128", "NO_PROXY": "example.org"},
        {"ALL_PROXY": "socks5://proxy.example:1080"},
        {"REQUESTS_CA_BUNDLE": "/etc/corporate-ca.pem"},
        {"CURL_CA_BUNDLE": "/etc/curl-ca.pem"},
    ],
    ids=["none", "https-proxy", "no-proxy-match", "no-proxy-other", "all-proxy", "requests-ca", "curl-ca"],
)
def test_settings_resolved_once_match_what_requests_reads_per_request(monkeypatch, environment):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    expected = requests.Session().merge_environment_settings(URL, {}, None, None, None)

    session = new_session(HOST)
    for name in VARIABLES:  # whatever the environment says from now on, the session already knows
        monkeypatch.setenv(name, "http://changed.example:1")

    assert session.trust_env is False
    settled = session.merge_environment_settings(URL, {}, None, None, None)
    assert {k: v for k, v in settled["proxies"].items() if k != "no"} == {
        k: v for k, v in expected["proxies"].items() if k != "no"
    }
    assert settled["verify"] == expected["verify"]


def test_without_a_base_url_the_session_still_reads_the_environment_itself():
    assert new_session().trust_env is True
