"""A requests transport adapter that answers from a FlexApiEmulator in process, with no socket.

session = requests.Session()
session.mount("http://flex-emulator.local", EmulatorTransport(FlexApiEmulator()))
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict
from requests.utils import get_encoding_from_headers

from .app import FlexApiEmulator


class EmulatorTransport(BaseAdapter):
    """Sends each prepared request to ``app.respond`` and wraps the answer in a ``requests.Response``.

    An injected lost response raises ``requests.ConnectionError`` after the request was processed.
    """

    def __init__(self, app: FlexApiEmulator | None = None) -> None:
        super().__init__()
        self.app = app if app is not None else FlexApiEmulator()

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: Any = None,
        verify: Any = True,
        cert: Any = None,
        proxies: Mapping[str, str] | None = None,
    ) -> requests.Response:
        body = request.body
        if body is not None and not isinstance(body, (bytes, str)):
            body = b"".join(chunk if isinstance(chunk, bytes) else chunk.encode("utf-8") for chunk in body)
        answer = self.app.respond(request.method or "GET", request.url or "", dict(request.headers), body)
        if answer.lost:
            # The request was processed; as over a socket, the caller sees the connection drop.
            raise requests.ConnectionError("Connection aborted: the emulator dropped the response", request=request)
        status, headers, payload = answer.status, answer.headers, answer.body
        response = requests.Response()
        response.status_code = status
        response.reason = HTTPStatus(status).phrase
        response.headers = CaseInsensitiveDict(headers)
        response.encoding = get_encoding_from_headers(response.headers)
        response.raw = io.BytesIO(payload)
        response.url = request.url or ""
        response.request = request
        response.connection = self  # type: ignore[assignment]  # typed as HTTPAdapter, any adapter works
        if not stream:
            response._content = payload  # what Response.content reads once consumed
        return response

    def close(self) -> None:
        """Nothing to release."""
