"""A threaded HTTP/1.1 server for the emulator, on an ephemeral port by default.

with EmulatorServer() as server:
    requests.get(f"{server.url}/v1/FlexFlows", auth=(account_sid, "token"))

Built on the standard library's ``http.server``: a thread per connection, keep-alive, a deep listen backlog.
It owns the socket, which a lost response needs (close with no byte written), and its error path, so
protocol errors (414, 431, 408 on a body that never comes) answer with Twilio's JSON error body.

Connections follow RFC 9112 section 9: every answer that ends its connection says ``Connection: close``
(a pooling client would otherwise send its next request into a closed socket), an HTTP/1.0 client is kept
alive only when it asks and is then told so, and a closing connection is half-closed and drained for a
moment, so unread bytes (a refused body, a pipelined request) do not turn the close into a reset that could
destroy the answer before the client reads it.
"""

from __future__ import annotations

import socket
import socketserver
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

from .app import FlexApiEmulator
from .exceptions import ProtocolError
from .messages import EmulatorResponse

IDLE_TIMEOUT = 60.0  # seconds a kept-alive connection may wait for its next request line and headers
BODY_TIMEOUT = 10.0  # seconds a declared body may take to arrive
MAX_BODY = 1024 * 1024  # bytes; a Flex Flow's form is a few hundred, so a larger body is refused unread (413)
LINGER_TIMEOUT = 2.0  # seconds a closing connection keeps reading what the client still sends


def _tokens(values: list[str] | None) -> list[str]:
    """The comma-separated tokens of a list header's lines, lower-cased (``Connection: x-trace, Close``)."""
    return [token.strip().lower() for value in values or [] for token in value.split(",") if token.strip()]


def _drain(connection: socket.socket) -> None:
    """Read and drop what the client still sends until it closes too, for LINGER_TIMEOUT at most."""
    deadline = time.monotonic() + LINGER_TIMEOUT
    try:
        while (left := deadline - time.monotonic()) > 0:
            connection.settimeout(left)
            if not connection.recv(65536):
                return
    except OSError:  # the timeout, or the client reset the connection itself
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 1024  # the listen backlog: Pulumi opens many connections at once
    app: FlexApiEmulator
    verbose = False

    def server_bind(self) -> None:
        # HTTPServer.server_bind resolves the host's FQDN, which can stall on a machine without DNS.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)
        self.open_connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A failure inside a connection's thread (the client went away mid-answer): a line in verbose mode only.
        if self.verbose:
            sys.stderr.write(f"{client_address[0]} - connection failed: {sys.exc_info()[0]!r}\n")

    def shutdown_request(self, request: Any) -> None:
        """Close a finished connection: FIN after the last answer, then drain, then close (RFC 9112 9.6)."""
        try:
            request.shutdown(socket.SHUT_WR)
        except OSError:
            pass  # already gone
        else:
            _drain(request)
        self.close_request(request)

    def close_open_connections(self) -> None:
        """End kept-alive connections so their threads stop serving once the server stops."""
        with self.connections_lock:
            connections = list(self.open_connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class _Server6(_Server):
    address_family = socket.AF_INET6


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FlexApiEmulator"
    sys_version = ""
    timeout = IDLE_TIMEOUT
    disable_nagle_algorithm = True  # small answers go out at once, not after the client's delayed ACK
    server: _Server

    def version_string(self) -> str:
        return self.server_version

    def setup(self) -> None:
        super().setup()
        with self.server.connections_lock:
            self.server.open_connections.add(self.connection)
        self.server.app.connection_opened()

    def finish(self) -> None:
        with self.server.connections_lock:
            self.server.open_connections.discard(self.connection)
        super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        # The request line and status only; headers (Authorization) and bodies are never logged.
        if self.server.verbose:
            sys.stderr.write(f"{self.address_string()} - {format % args}\n")

    def parse_request(self) -> bool:
        """The request line and headers, then whether the connection outlives this request (RFC 9112 9.3)."""
        if not super().parse_request():
            return False
        tokens = _tokens(self.headers.get_all("Connection"))
        if "close" in tokens or self.request_version == "HTTP/0.9":
            self.close_connection = True
        elif self.request_version == "HTTP/1.0":
            self.close_connection = "keep-alive" not in tokens  # 1.0 keeps alive only when asked to
        else:
            self.close_connection = False
        return True

    def handle_expect_100(self) -> bool:
        # Invite the body only when it will be read: a body refused unread gets its error at once instead.
        length = self._declared_length()
        if length is None or length > MAX_BODY or self.headers.get_all("Transfer-Encoding"):
            return True
        return super().handle_expect_100()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Protocol errors as Twilio's JSON error body, then close the connection."""
        self.close_connection = True
        if getattr(self, "request_version", "HTTP/0.9") in ("HTTP/0.9", ""):
            self.request_version = self.protocol_version  # a full answer (status line, headers), never HTTP/0.9's
        error = ProtocolError(code, message or HTTPStatus(code).phrase)
        response = EmulatorResponse.error(error)
        response.headers["Content-Length"] = str(len(response.body))
        if getattr(self, "command", None) == "HEAD":
            response.body = b""
        self._write(response)

    def _declared_length(self) -> int | None:
        """The Content-Length (0 when absent), or None when it is malformed or its copies disagree."""
        values = set(_tokens(self.headers.get_all("Content-Length")))
        if not values:
            return 0
        if len(values) > 1:
            return None
        (text,) = values
        return int(text) if text.isascii() and text.isdigit() else None

    def _serve(self) -> None:
        if self.request_version == "HTTP/0.9":
            self.send_error(400, "HTTP/0.9 is not supported")
            return
        codings = _tokens(self.headers.get_all("Transfer-Encoding"))
        if codings:
            # Twilio's clients always send a Content-Length; a body framed otherwise is refused unread.
            if codings[-1] == "chunked":
                self.send_error(411)
            else:
                self.send_error(400, "Invalid Transfer-Encoding")
            return
        length = self._declared_length()
        if length is None:
            self.send_error(400, "Invalid Content-Length")
            return
        if length > MAX_BODY:
            self.send_error(413, "Request body too large")
            return
        body = self._read_body(length)
        if body is None:
            return
        host = self.headers.get("Host") or f"{self.server.server_name}:{self.server.server_port}"
        url = self.path if "://" in self.path.split("?")[0] else f"http://{host}{self.path}"
        headers = {name: value for name, value in self.headers.items()}
        response = self.server.app.respond(self.command, url, headers, body)
        if response.lost:
            # Processed; now close with no byte written, as a dropped network answer looks to the client.
            self.log_message('"%s" lost', self.requestline)
            self.close_connection = True
            return
        self._write(response)

    def _read_body(self, length: int) -> bytes | None:
        """The declared body, or None after answering 408 (too slow) or closing (the client went away)."""
        if length == 0:
            return b""
        self.connection.settimeout(BODY_TIMEOUT)
        try:
            body = self.rfile.read(length)
        except TimeoutError:
            self.send_error(408, "The request body did not arrive in time")
            return None
        finally:
            self.connection.settimeout(self.timeout)
        if len(body) < length:
            self.close_connection = True
            return None
        return body

    def _write(self, response: EmulatorResponse) -> None:
        """Status line, headers and body in one write; the Connection header tells what happens next."""
        self.send_response(response.status)
        for name, value in response.headers.items():
            if name.lower() != "connection":
                self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        elif self.request_version == "HTTP/1.0":
            self.send_header("Connection", "keep-alive")
        self._headers_buffer.append(b"\r\n" + response.body)  # type: ignore[attr-defined]
        self.flush_headers()

    do_GET = do_POST = do_DELETE = do_PUT = do_PATCH = do_HEAD = do_OPTIONS = _serve


class EmulatorServer:
    """Serves a FlexApiEmulator over HTTP/1.1 from a background thread; ``port=0`` picks a free port."""

    def __init__(
        self,
        app: FlexApiEmulator | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        verbose: bool = False,
    ) -> None:
        self.app = app if app is not None else FlexApiEmulator()
        self.host = host
        self._port = port
        self._verbose = verbose
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The bound port (the requested one until started)."""
        return self._server.server_port if self._server is not None else self._port

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:45123``; clients append ``/v1/FlexFlows``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def start(self) -> EmulatorServer:
        """Bind and serve in a daemon thread; returns self. Calling it twice is an error."""
        if self._server is not None:
            raise RuntimeError("EmulatorServer already started")
        server_class = _Server6 if ":" in self.host else _Server
        server = server_class((self.host, self._port), _Handler)
        server.app = self.app
        server.verbose = self._verbose
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, args=(0.05,), name="flex-api-emulator", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, end open connections and close the socket; safe to call when not started."""
        server, thread = self._server, self._thread
        if server is None:
            return
        server.shutdown()
        server.server_close()
        server.close_open_connections()
        if thread is not None:
            thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> EmulatorServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
