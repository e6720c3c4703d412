"""Connection management when a request is refused: unread bodies, protocol errors, the body size limit.

An answer given before the body is read either leaves the connection usable (the body was read and dropped)
or says ``Connection: close`` and closes cleanly, with a FIN after the answer rather than a reset that could
destroy it. h11 parses every answer (h11_client).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from emulator_support import ACCOUNT, CHAT, FLOW
from h11_client import AUTH, H11Client, request, wire, wire_head

from pulumi_twilio_flex.emulator import EmulatorServer
from pulumi_twilio_flex.emulator.server import MAX_BODY

CREATE = f"FriendlyName=a&ChatServiceSid={CHAT}&ChannelType=web&Integration.FlowSid={FLOW}".encode()
LIST = "/v1/FlexFlows"
WRONG_AUTH = "Basic " + "QUMxOg=="  # "AC1:" : no valid Account SID, no password


@pytest.fixture
def server() -> Iterator[EmulatorServer]:
    with EmulatorServer() as server:
        yield server


@pytest.fixture
def client(server: EmulatorServer) -> Iterator[H11Client]:
    client = H11Client.connect(server)
    yield client
    client.close()


@pytest.mark.parametrize(
    ("refused", "status"),
    [
        (request("POST", LIST, CREATE, auth=WRONG_AUTH), 401),
        (request("POST", LIST, CREATE, auth=None), 401),
        (request("POST", "/v1/Nowhere", CREATE), 404),
        (request("POST", f"{LIST}/FO{'0' * 32}", CREATE), 404),
        (request("PUT", LIST, CREATE), 405),
    ],
    ids=["bad-credentials", "no-credentials", "unknown-route", "unknown-flow", "method"],
)
def test_refused_request_with_a_body_leaves_the_connection_usable(
    server: EmulatorServer, client: H11Client, refused: tuple, status: int
) -> None:
    follow_up = request("POST", LIST, CREATE)
    client.send_raw(wire(refused) + wire(follow_up))  # pipelined: the body must not be read as a request
    answer = client.expect(refused)
    assert answer.status == status
    if answer.reusable:
        assert answer.connection is None
        assert client.expect(follow_up).status == 201
        assert len(server.app.backend.list_flows(ACCOUNT)) == 1
    else:
        assert answer.connection == "close"
        assert client.closed_cleanly()


def test_body_over_the_limit_is_413_then_closed_without_reading_it(server: EmulatorServer, client: H11Client) -> None:
    # All of it, more than the socket buffers hold: had the server closed without draining, the kernel would
    # reset the connection under the unread bytes and this send would fail before the answer could be read.
    refused = request("POST", LIST, b"FriendlyName=" + b"a" * 4 * MAX_BODY)
    client.send_raw(wire(refused))
    answer = client.expect(refused)
    assert answer.status == 413
    assert answer.connection == "close" and answer.reusable is False
    assert b'"code": 20413' in answer.body and b'"message": "Request body too large"' in answer.body
    assert client.closed_cleanly()
    assert server.app.backend.journal == []


def test_expect_100_continue_over_the_limit_gets_413_instead_of_100(client: H11Client) -> None:
    refused = request("POST", LIST, extra=(("Content-Length", str(MAX_BODY + 1)), ("Expect", "100-continue")))
    client.send_raw(wire_head(refused))
    client.h11.send(refused[0])  # the body is never sent: the client waits for the invitation
    answer = client.read_answer()
    assert answer.informational == [] and answer.status == 413
    assert answer.connection == "close" and answer.reusable is False
    assert client.closed_cleanly()


def test_expect_100_continue_within_the_limit_is_continued(server: EmulatorServer, client: H11Client) -> None:
    answer = client.exchange(request("POST", LIST, CREATE, extra=(("Expect", "100-continue"),)))
    assert answer.informational == [100] and answer.status == 201 and answer.reusable
    assert client.exchange(request("GET", LIST)).status == 200


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        (b"garbage\r\n\r\n", 400),
        (b"GET /v1/FlexFlows\r\n\r\n", 400),
        (b"GET /v1/FlexFlows HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n", 400),
        (b"POST /v1/FlexFlows HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400),
        (b"POST /v1/FlexFlows HTTP/1.1\r\nHost: x\r\nContent-Length: +3\r\n\r\nabc", 400),
        (b"POST /v1/FlexFlows HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\nabc", 400),
        (b"POST /v1/FlexFlows HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", 411),
        (b"GET /v1/FlexFlows?x=" + b"a" * 70000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
        (b"GET /v1/FlexFlows HTTP/1.1\r\nX-Big: " + b"a" * 70000 + b"\r\n\r\n", 431),
        (b"GET /v1/FlexFlows HTTP/1.1\r\n" + b"".join(b"X-%d: 1\r\n" % n for n in range(120)) + b"\r\n", 431),
        (b"GET /v1/FlexFlows HTTP/2.0\r\nHost: x\r\n\r\n", 505),
        (b"BREW /v1/FlexFlows HTTP/1.1\r\nHost: x\r\n\r\n", 501),
    ],
    ids=[
        "garbage", "http-0.9", "bad-length", "two-lengths", "signed-length", "unknown-coding", "chunked",
        "uri-too-long", "header-too-long", "too-many-headers", "http-2.0", "unknown-method",
    ],
)  # fmt: skip
def test_protocol_errors_say_close_then_close_cleanly(client: H11Client, raw: bytes, status: int) -> None:
    # A pipelined follow-up that must go unanswered, large enough to be still unread when the server closes.
    client.send_raw(raw + wire(request("POST", LIST, b"FriendlyName=" + b"a" * 256 * 1024)))
    answer = client.expect(request("GET", LIST))  # what h11 is told was asked; it only frames the answer
    assert answer.status == status
    assert answer.connection == "close" and answer.reusable is False
    assert answer.headers["content-type"].startswith("application/json")
    assert f'"status": {status}'.encode() in answer.body
    assert client.closed_cleanly()


def test_body_that_stops_coming_is_408_then_closed(monkeypatch: pytest.MonkeyPatch, client: H11Client) -> None:
    monkeypatch.setattr("pulumi_twilio_flex.emulator.server.BODY_TIMEOUT", 0.3)
    client.send_raw(f"POST {LIST} HTTP/1.1\r\nHost: x\r\nAuthorization: {AUTH}\r\nContent-Length: 100\r\n\r\n".encode())
    client.send_raw(b"FriendlyName=a")
    answer = client.expect(request("GET", LIST))
    assert answer.status == 408
    assert answer.connection == "close" and answer.reusable is False
    assert client.closed_cleanly()
