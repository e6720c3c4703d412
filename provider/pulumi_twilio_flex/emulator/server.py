"""A threaded HTTP server for the emulator, on an ephemeral port by default.

with EmulatorServer() as server:
    requests.get(f"{server.url}/v1/FlexFlows", auth=(account_sid, "token"))
"""

from __future__ import annotations

import socket
import socketserver
import sys
import threading
from types import TracebackType
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from .app import FlexApiEmulator


class _ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True

    def server_bind(self) -> None:
        # HTTPServer.server_bind resolves the host's FQDN, which can stall on a machine without DNS.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)
        self.setup_environ()


class _ThreadingWSGIServer6(_ThreadingWSGIServer):
    address_family = socket.AF_INET6


class _RequestHandler(WSGIRequestHandler):
    verbose = False

    def log_message(self, format: str, *args: Any) -> None:
        # The request line only; headers (Authorization) are never logged.
        if self.verbose:
            sys.stderr.write(f"{self.address_string()} - {format % args}\n")


class _VerboseRequestHandler(_RequestHandler):
    verbose = True


class EmulatorServer:
    """Serves a FlexApiEmulator over HTTP from a background thread; ``port=0`` picks a free port."""

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
        self._server: _ThreadingWSGIServer | None = None
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
        handler = _VerboseRequestHandler if self._verbose else _RequestHandler
        server_class = _ThreadingWSGIServer
        if ":" in self.host:
            server_class = _ThreadingWSGIServer6
        server = server_class((self.host, self._port), handler)
        server.set_app(self.app)
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, args=(0.05,), name="flex-api-emulator", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket; safe to call when not started."""
        server, thread = self._server, self._thread
        if server is None:
            return
        server.shutdown()
        server.server_close()
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
