"""The threaded server's HTTP: keep-alive, concurrency, lost responses, HEAD and protocol errors."""

from __future__ import annotations

import http.client
import json
import socket
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from emulator_support import ACCOUNT, CHAT, FLOW, TOKEN, Api

from pulumi_twilio_flex.emulator import EmulatorServer, FlexApiEmulator
from pulumi_twilio_flex.emulator.faults import FaultSettings

AUTH = requests.auth._basic_auth_str(ACCOUNT, TOKEN)  # type: ignore[attr-defined]
CREATE_BODY = f"FriendlyName=a&ChatServiceSid={CHAT}&ChannelType=web&Integration.FlowSid={FLOW}"


@pytest.fixture
def server() -> Iterator[EmulatorServer]:
    with EmulatorServer() as server:
        yield server


def raw_exchange(server: EmulatorServer, request: bytes, timeout: float = 10) -> bytes:
    """Send raw bytes, read until the server closes; returns everything it wrote."""
    with socket.create_connection((server.host, server.port), timeout=timeout) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_one_session_keeps_one_connection(served: Api) -> None:
    for _ in range(10):
        assert served.create().status_code == 201
        assert served.request("GET", "/v1/FlexFlows").status_code == 200
    counters = served.app.counters()
    assert counters["requests_total"] == 20
    assert counters["connections_opened"] == 1


def test_speaks_http_1_1(server: EmulatorServer) -> None:
    connection = http.client.HTTPConnection(server.host, server.port, timeout=10)
    connection.request("GET", "/v1/FlexFlows", headers={"Authorization": AUTH})
    response = connection.getresponse()
    assert response.version == 11
    assert response.status == 200
    response.read()
    assert not response.will_close
    connection.close()


def test_64_concurrent_creates_succeed_with_unique_sids(server: EmulatorServer) -> None:
    # Every create waits inside the emulator until all 64 are inside it: had any waited behind another's
    # connection (a short listen backlog, one connection at a time), the barrier would break.
    inside = threading.Barrier(64)

    def wait_for_all(request: object) -> None:
        inside.wait(timeout=30)
        return None

    server.app.faults.append(wait_for_all)
    start = threading.Barrier(64)

    def create(_: int) -> requests.Response:
        with requests.Session() as session:
            start.wait(timeout=30)
            return session.post(
                f"{server.url}/v1/FlexFlows",
                data=CREATE_BODY,
                headers={"Content-Type": "application/x-www-form-urlencoded"},
                auth=(ACCOUNT, TOKEN),
                timeout=60,
            )

    with ThreadPoolExecutor(max_workers=64) as pool:
        responses = list(pool.map(create, range(64)))
    assert not inside.broken
    assert [response.status_code for response in responses] == [201] * 64
    assert len({response.json()["sid"] for response in responses}) == 64
    counters = server.app.counters()
    assert counters["connections_opened"] == 64
    assert counters["requests"]["create"] == {"201": 64}


def test_lost_response_closes_with_no_byte_after_processing(server: EmulatorServer) -> None:
    server.app.fault_settings = FaultSettings(lost_response_rate=1.0)
    request = (
        f"POST /v1/FlexFlows HTTP/1.1\r\nHost: x\r\nAuthorization: {AUTH}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(CREATE_BODY)}\r\n\r\n{CREATE_BODY}"
    ).encode()
    assert raw_exchange(server, request) == b""
    assert len(server.app.backend.list_flows(ACCOUNT)) == 1
    assert server.app.counters()["requests"]["create"] == {"lost": 1}


def test_lost_response_reaches_requests_as_connection_error(served: Api) -> None:
    served.app.fault_settings = FaultSettings(lost_response_rate=1.0)
    with pytest.raises(requests.ConnectionError):
        served.create()
    served.app.fault_settings = FaultSettings()
    assert len(served.request("GET", "/v1/FlexFlows").json()["flex_flows"]) == 1


def test_head_answers_headers_without_body(server: EmulatorServer) -> None:
    connection = http.client.HTTPConnection(server.host, server.port, timeout=10)
    connection.request("GET", "/v1/FlexFlows", headers={"Authorization": AUTH})
    get = connection.getresponse()
    get_body = get.read()
    connection.request("HEAD", "/v1/FlexFlows", headers={"Authorization": AUTH})
    head = connection.getresponse()
    assert head.status == 200
    assert head.read() == b""
    assert head.getheader("Content-Length") == str(len(get_body))
    connection.request("HEAD", "/v1/FlexFlows")  # the same connection still answers, unauthenticated
    unauthenticated = connection.getresponse()
    assert unauthenticated.status == 401 and unauthenticated.read() == b""
    connection.close()


def test_uri_too_long_is_414_json(server: EmulatorServer) -> None:
    answer = raw_exchange(server, b"GET /v1/FlexFlows?x=" + b"a" * 70000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 414 ")
    assert b"Content-Type: application/json" in head
    assert body == (
        b'{"code": 20414, "message": "Request-URI Too Long", '
        b'"more_info": "https://www.twilio.com/docs/errors/20414", "status": 414}'
    )


@pytest.mark.parametrize(
    "headers",
    [b"X-Big: " + b"a" * 70000 + b"\r\n", b"".join(b"X-%d: 1\r\n" % n for n in range(120))],
    ids=["long-line", "too-many"],
)
def test_header_errors_are_431_json(server: EmulatorServer, headers: bytes) -> None:
    answer = raw_exchange(server, b"GET /v1/FlexFlows HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 431 ")
    assert b"Content-Type: application/json" in head
    assert b'"code": 20431' in body and b'"status": 431' in body


def test_body_that_never_comes_is_408_json(monkeypatch: pytest.MonkeyPatch, server: EmulatorServer) -> None:
    monkeypatch.setattr("pulumi_twilio_flex.emulator.server.BODY_TIMEOUT", 0.3)
    request = b"POST /v1/FlexFlows HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nFriendlyName=a"
    answer = raw_exchange(server, request)
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert b'"code": 20408' in answer
    assert server.app.backend.journal == []


def test_unsupported_method_is_json(server: EmulatorServer) -> None:
    answer = raw_exchange(server, b"BREW /v1/FlexFlows HTTP/1.1\r\nHost: x\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 501 ")
    assert b'"code": 20501' in answer


def test_stop_ends_kept_alive_connections() -> None:
    app = FlexApiEmulator()
    with requests.Session() as session:
        with EmulatorServer(app) as server:
            assert session.get(f"{server.url}/v1/FlexFlows", auth=(ACCOUNT, TOKEN), timeout=5).status_code == 200
            url = server.url
        with pytest.raises(requests.ConnectionError):
            session.get(f"{url}/v1/FlexFlows", auth=(ACCOUNT, TOKEN), timeout=5)


@pytest.mark.parametrize(
    ("request_line", "status", "message"),
    [
        (b"GET /v1/FlexFlows\r\n", 400, "HTTP/0.9 is not supported"),
        (b"garbage\r\n", 400, "Bad request syntax ('garbage')"),
        (b"GET /v1/FlexFlows HTTP/2.0\r\n", 505, "Invalid HTTP version (2.0)"),
        (b"GET /v1/FlexFlows HTTP/1.1\r\nContent-Length: ten\r\n", 400, "Invalid Content-Length"),
        (b"POST /v1/FlexFlows HTTP/1.1\r\nTransfer-Encoding: chunked\r\n", 411, "Length Required"),
    ],
)
def test_malformed_requests_answer_json(server: EmulatorServer, request_line: bytes, status: int, message: str) -> None:
    head, _, body = raw_exchange(server, request_line + b"\r\n").partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 %d " % status)
    assert b"Connection: close" in head and b"Server: FlexApiEmulator\r\n" in head
    assert json.loads(body) == {
        "code": 20000 + status,
        "message": message,
        "more_info": f"https://www.twilio.com/docs/errors/{20000 + status}",
        "status": status,
    }
