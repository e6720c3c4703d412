"""The HTTP client: in-process transport, paging, and errors that carry context but never the token."""

from __future__ import annotations

import socket

import pytest
import requests

from pulumi_twilio_flex import FlexFlowNotFoundError, TransportError, TwilioApiError
from pulumi_twilio_flex._client import FlexFlowsClient
from pulumi_twilio_flex._config import ConnectionSettings, Credentials
from pulumi_twilio_flex._retry import RetrySettings
from pulumi_twilio_flex.emulator import EmulatorServer, EmulatorTransport, FlexApiEmulator
from pulumi_twilio_flex.emulator.responses import EmulatorResponse

ACCOUNT = "AC" + "3" * 32
TOKEN = "client-test-token-do-not-leak"
IN_PROCESS = "http://flex-emulator.local"
FORM = {
    "FriendlyName": "f",
    "ChatServiceSid": "IS" + "a" * 32,
    "ChannelType": "web",
    "Integration.FlowSid": "FW" + "b" * 32,
}


def in_process_client(app: FlexApiEmulator, token: str = TOKEN) -> FlexFlowsClient:
    session = requests.Session()
    session.mount(IN_PROCESS, EmulatorTransport(app))
    return FlexFlowsClient(ConnectionSettings(Credentials(ACCOUNT, token), IN_PROCESS), session=session)


def test_crud_through_the_in_process_transport():
    app = FlexApiEmulator()
    client = in_process_client(app)
    created = client.create(FORM)
    assert client.fetch(created["sid"])["friendly_name"] == "f"
    assert client.update(created["sid"], {"FriendlyName": "g"})["friendly_name"] == "g"
    assert client.delete(created["sid"]) is None
    with pytest.raises(FlexFlowNotFoundError):
        client.fetch(created["sid"])
    assert [method for method, _path, _params in app.backend.journal] == ["POST", "GET", "POST", "DELETE", "GET"]


def test_list_follows_next_page_url_to_the_end():
    client = in_process_client(FlexApiEmulator())
    sids = [client.create({**FORM, "FriendlyName": f"flow {i}"})["sid"] for i in range(5)]
    client.create({**FORM, "FriendlyName": "other"})
    assert [f["sid"] for f in client.list(page_size=2)][:5] == sids
    assert [f["friendly_name"] for f in client.list(friendly_name="flow 3", page_size=1)] == ["flow 3"]


def test_api_error_message_names_operation_sid_status_code_and_not_the_token():
    client = in_process_client(FlexApiEmulator(auth_token="the-right-token"))
    with pytest.raises(TwilioApiError) as err:
        client.fetch("FO" + "1" * 32)
    error = err.value
    assert (error.operation, error.status, error.code, error.message) == ("fetch", 401, 20003, "Authenticate")
    assert str(error).startswith(
        f"fetch Flex Flow FO{'1' * 32}: HTTP 401, Twilio error 20003: Authenticate "
        "(https://www.twilio.com/docs/errors/20003). Check twilio:accountSid with twilio:authToken"
    )
    assert "after rotating them, run `pulumi refresh --run-program`" in str(error)  # the hint for a rotated token
    assert TOKEN not in str(error) and TOKEN not in repr(error.args)


def test_validation_error_from_twilio_is_a_twilio_api_error():
    client = in_process_client(FlexApiEmulator())
    with pytest.raises(TwilioApiError) as err:
        client.create({**FORM, "ChannelType": "fax"})
    assert (err.value.operation, err.value.sid, err.value.status, err.value.code) == ("create", None, 400, 20001)
    assert "ChannelType" in err.value.message


def test_unreachable_api_is_a_transport_error_without_credentials():
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings = ConnectionSettings(Credentials(ACCOUNT, TOKEN), f"http://127.0.0.1:{port}")
    client = FlexFlowsClient(settings, timeout=2, retry=RetrySettings(max_attempts=2, backoff_initial=0.01))
    with pytest.raises(TransportError) as err:
        client.create(FORM)
    assert str(err.value) == (
        f"create Flex Flow: could not reach http://127.0.0.1:{port}: ConnectionError (Connection refused) "
        "(gave up after 2 attempts)"
    )
    assert TOKEN not in str(err.value)


def test_a_body_that_is_not_json_is_a_transport_error():
    app = FlexApiEmulator()
    app.faults.append(lambda request: _html_page())
    with EmulatorServer(app) as server:
        client = FlexFlowsClient(ConnectionSettings(Credentials(ACCOUNT, TOKEN), server.url))
        with pytest.raises(TransportError, match=r"^fetch Flex Flow FO1: HTTP 200 with a body that is not JSON"):
            client.fetch("FO1")


def _html_page() -> EmulatorResponse:
    return EmulatorResponse(200, {"Content-Type": "text/html"}, b"<html>maintenance</html>")


def test_requests_say_which_version_sent_them():
    import pulumi_twilio_flex

    seen: list[str] = []

    class Recording(EmulatorTransport):
        def send(self, request, **kwargs):
            seen.append(request.headers["User-Agent"])
            return super().send(request, **kwargs)

    session = requests.Session()
    session.mount(IN_PROCESS, Recording(FlexApiEmulator()))
    client = FlexFlowsClient(ConnectionSettings(Credentials(ACCOUNT, TOKEN), IN_PROCESS), session=session)
    client.create(FORM)
    assert seen == [f"pulumi-twilio-flex/{pulumi_twilio_flex.__version__}"]
