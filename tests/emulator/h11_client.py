"""A strict HTTP/1.1 client for connection-management tests: a raw socket read through h11's state machine.

    client = H11Client.connect(server)
    answer = client.exchange(request("GET", "/v1/FlexFlows", connection="close"))
    assert answer.reusable is False and client.closed_cleanly()

The bytes on the wire are the test's to choose (``send_raw``: an HTTP/1.0 request line, a pipeline, garbage),
while h11 is told which request they stand for (``expect``) and parses each answer as a client must: any
framing or syntax fault raises ``h11.RemoteProtocolError``. ``reusable`` is h11's verdict on the connection
after the answer, which the tests hold the server to.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass, field

import h11
import requests
from emulator_support import ACCOUNT, TOKEN

from pulumi_twilio_flex.emulator import EmulatorServer

AUTH = requests.auth._basic_auth_str(ACCOUNT, TOKEN)  # type: ignore[attr-defined]
FORM = "application/x-www-form-urlencoded"


def request(
    method: str,
    target: str,
    body: bytes = b"",
    *,
    connection: str | None = None,
    auth: str | None = AUTH,
    extra: tuple[tuple[str, str], ...] = (),
) -> tuple[h11.Request, bytes]:
    """An HTTP/1.1 request and its body, with Host, Authorization, and Content-Length when there is a body."""
    headers = [("Host", "flex-api.test")]
    if auth is not None:
        headers.append(("Authorization", auth))
    if body:
        headers += [("Content-Type", FORM), ("Content-Length", str(len(body)))]
    if connection is not None:
        headers.append(("Connection", connection))
    return h11.Request(method=method, target=target, headers=headers + list(extra)), body


def wire(message: tuple[h11.Request, bytes]) -> bytes:
    """The bytes h11 writes for a request (a fresh client of its own, so pipelines can be built ahead)."""
    event, body = message
    writer = h11.Connection(h11.CLIENT)
    data = writer.send(event) or b""
    if body:
        data += writer.send(h11.Data(data=body)) or b""
    return data + (writer.send(h11.EndOfMessage()) or b"")


def wire_head(message: tuple[h11.Request, bytes]) -> bytes:
    """The request line and headers alone, as a client waiting for ``100 Continue`` sends them."""
    return h11.Connection(h11.CLIENT).send(message[0]) or b""


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    reusable: bool  # h11: may the next request go out on this connection?
    informational: list[int] = field(default_factory=list)

    @property
    def connection(self) -> str | None:
        return self.headers.get("connection")


class H11Client:
    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.h11 = h11.Connection(h11.CLIENT)

    @classmethod
    def connect(cls, server: EmulatorServer, timeout: float = 10) -> H11Client:
        return cls(socket.create_connection((server.host, server.port), timeout=timeout))

    def close(self) -> None:
        self.sock.close()

    def send_raw(self, data: bytes) -> None:
        self.sock.sendall(data)

    def expect(self, message: tuple[h11.Request, bytes]) -> Answer:
        """Tell h11 that ``message`` went out (the bytes were sent already), then read and parse its answer."""
        event, body = message
        self.h11.send(event)
        if body:
            self.h11.send(h11.Data(data=body))
        self.h11.send(h11.EndOfMessage())
        return self.read_answer()

    def exchange(self, message: tuple[h11.Request, bytes]) -> Answer:
        """Send ``message`` as h11 writes it and read its answer."""
        self.send_raw(wire(message))
        return self.expect(message)

    def _next_event(self) -> object:
        while True:
            event = self.h11.next_event()
            if event is not h11.NEED_DATA:
                return event
            self.h11.receive_data(self.sock.recv(65536))

    def read_answer(self) -> Answer:
        informational = []
        event = self._next_event()
        while isinstance(event, h11.InformationalResponse):
            informational.append(event.status_code)
            event = self._next_event()
        if not isinstance(event, h11.Response):
            raise AssertionError(f"expected a response, h11 read {event!r}")
        headers = {name.decode().lower(): value.decode() for name, value in event.headers}
        body = b""
        while not isinstance(part := self._next_event(), h11.EndOfMessage):
            assert isinstance(part, h11.Data), part
            body += part.data
        reusable = self.h11.our_state is h11.DONE and self.h11.their_state is h11.DONE
        if reusable:
            self.h11.start_next_cycle()
        return Answer(event.status_code, headers, body, reusable, informational)

    def closed_cleanly(self, timeout: float = 10) -> bool:
        """True when the server ends the connection with a FIN and no further byte (never a reset)."""
        self.sock.settimeout(timeout)
        data = self.sock.recv(65536)  # ConnectionResetError here: the server reset instead of closing
        if data:
            self.h11.receive_data(data)
            raise AssertionError(f"the server wrote after its last answer: {data[:200]!r}")
        self.h11.receive_data(b"")
        return isinstance(self.h11.next_event(), h11.ConnectionClosed)
