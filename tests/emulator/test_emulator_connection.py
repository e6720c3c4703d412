"""Connection management (RFC 9112 section 9) as a strict client sees it: close, keep-alive, HTTP/1.0, pipelines.

Every answer is parsed by h11 (h11_client), and what h11 concludes about reusing the connection is what the
server must then do: close it cleanly, or answer the next request on it.
"""

from __future__ import annotations

from collections.abc import Iterator

import h11
import pytest
from emulator_support import ACCOUNT, CHAT, FLOW
from h11_client import AUTH, H11Client, request, wire

from pulumi_twilio_flex.emulator import EmulatorServer
from pulumi_twilio_flex.emulator.faults import FaultSettings

CREATE = f"FriendlyName=a&ChatServiceSid={CHAT}&ChannelType=web&Integration.FlowSid={FLOW}".encode()
LIST = "/v1/FlexFlows"


@pytest.fixture
def server() -> Iterator[EmulatorServer]:
    with EmulatorServer() as server:
        yield server


@pytest.fixture
def client(server: EmulatorServer) -> Iterator[H11Client]:
    client = H11Client.connect(server)
    yield client
    client.close()


@pytest.mark.parametrize("token", ["close", "Close", "x-trace, close"])
def test_connection_close_is_answered_with_close_then_closed(
    server: EmulatorServer, client: H11Client, token: str
) -> None:
    answer = client.exchange(request("POST", LIST, CREATE, connection=token))
    assert answer.status == 201
    assert answer.connection == "close"
    assert answer.reusable is False
    assert client.closed_cleanly()
    assert len(server.app.backend.list_flows(ACCOUNT)) == 1


def test_http_1_1_keeps_the_connection_without_a_connection_header(server: EmulatorServer, client: H11Client) -> None:
    for _ in range(3):
        answer = client.exchange(request("GET", LIST))
        assert (answer.status, answer.reusable, answer.connection) == (200, True, None)
    answer = client.exchange(request("GET", LIST, connection="keep-alive"))
    assert (answer.status, answer.reusable) == (200, True)
    assert server.app.counters()["connections_opened"] == 1


def test_http_1_0_without_keep_alive_is_answered_as_1_1_then_closed(client: H11Client) -> None:
    client.send_raw(f"GET {LIST} HTTP/1.0\r\nAuthorization: {AUTH}\r\n\r\n".encode())
    # h11 writes only HTTP/1.1: a 1.1 request with Connection: close is what a 1.0 one without keep-alive means.
    answer = client.expect(request("GET", LIST, connection="close"))
    assert answer.status == 200
    assert answer.connection == "close"
    assert client.h11.their_http_version == b"1.1"
    assert answer.reusable is False
    assert client.closed_cleanly()


def test_http_1_0_asking_keep_alive_is_kept_alive_and_told_so(server: EmulatorServer, client: H11Client) -> None:
    raw = f"GET {LIST} HTTP/1.0\r\nAuthorization: {AUTH}\r\nConnection: Keep-Alive\r\n\r\n".encode()
    for _ in range(2):
        client.send_raw(raw)
        answer = client.expect(request("GET", LIST))
        assert answer.status == 200
        assert answer.connection == "keep-alive"
        assert answer.reusable is True
    client.send_raw(f"GET {LIST} HTTP/1.0\r\nAuthorization: {AUTH}\r\n\r\n".encode())  # not asked: closed after
    answer = client.expect(request("GET", LIST, connection="close"))
    assert (answer.status, answer.connection, answer.reusable) == (200, "close", False)
    assert client.closed_cleanly()
    assert server.app.counters()["connections_opened"] == 1


def test_pipelined_requests_are_answered_in_order(server: EmulatorServer, client: H11Client) -> None:
    pipeline = [
        request("POST", LIST, CREATE),
        request("HEAD", LIST),  # a body written for HEAD would be read as the next answer's start
        request("GET", LIST),
        request("GET", f"{LIST}/FO{'0' * 32}"),
        request("DELETE", f"{LIST}/FO{'0' * 32}"),
        request("GET", LIST + "?PageSize=1"),
    ]
    client.send_raw(b"".join(wire(message) for message in pipeline))
    answers = [client.expect(message) for message in pipeline]
    assert [answer.status for answer in answers] == [201, 200, 200, 404, 404, 200]
    assert all(answer.reusable for answer in answers)
    assert answers[1].body == b"" and int(answers[1].headers["content-length"]) == len(answers[2].body)
    assert b'"friendly_name": "a"' in answers[2].body
    assert b'"page_size": 1' in answers[5].body
    assert server.app.counters()["connections_opened"] == 1


def test_pipeline_ends_at_the_request_that_says_close(server: EmulatorServer, client: H11Client) -> None:
    pipeline = [request("GET", LIST), request("POST", LIST, CREATE, connection="close"), request("POST", LIST, CREATE)]
    client.send_raw(b"".join(wire(message) for message in pipeline))
    first, second = client.expect(pipeline[0]), client.expect(pipeline[1])
    assert (first.status, first.reusable) == (200, True)
    assert (second.status, second.connection, second.reusable) == (201, "close", False)
    assert client.closed_cleanly()  # the third request is neither answered nor processed
    assert server.app.counters()["requests"]["create"] == {"201": 1}


def test_lost_response_closes_without_an_answer(server: EmulatorServer, client: H11Client) -> None:
    server.app.fault_settings = FaultSettings(lost_response_rate=1.0)
    client.send_raw(wire(request("POST", LIST, CREATE)))
    client.h11.send(request("POST", LIST, CREATE)[0])
    client.h11.send(h11.Data(data=CREATE))
    client.h11.send(h11.EndOfMessage())
    assert client.sock.recv(65536) == b""  # processed, then closed with no byte: the intended fault
    client.h11.receive_data(b"")
    with pytest.raises(h11.RemoteProtocolError):  # h11 reports an answer that never came, as a client must
        client.h11.next_event()
    assert server.app.counters()["requests"]["create"] == {"lost": 1}
