"""The emulator application: authentication, routing and the WSGI entry point.

``FlexApiEmulator.handle`` is the single path every request takes, whether it comes from the threaded
server (through WSGI) or from ``EmulatorTransport`` (in process).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import logging
import re
import secrets
from collections.abc import Callable, Iterable, Mapping
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from .exceptions import (
    AuthenticationError,
    FlexApiError,
    InternalServerError,
    MethodNotAllowedError,
    NotFoundError,
)
from .models import EmulatorBackend
from .responses import EmulatorRequest, EmulatorResponse, FlexFlowResponses, lower_keys
from .urls import match

logger = logging.getLogger(__name__)

Fault = Callable[[EmulatorRequest], "EmulatorResponse | None"]

_ACCOUNT = re.compile(r"AC([0-9a-fA-F]{32})", re.ASCII)
_API_KEY = re.compile(r"SK([0-9a-fA-F]{32})", re.ASCII)
_FORM = "application/x-www-form-urlencoded"


def _parse_pairs(text: str) -> dict[str, str]:
    """Form or query pairs; the last value wins for a repeated name."""
    return dict(parse_qsl(text, keep_blank_values=True))


class FlexApiEmulator:
    """A stateful stand-in for Twilio's Flex API Flex Flows endpoints, as a WSGI application.

    ``strict``: reject parameters the API does not define (Twilio ignores them).
    ``auth_token``: when set, the Basic password must equal it; otherwise any non-empty one is accepted.
    ``faults``: callables consulted in order before dispatch, each given the EmulatorRequest; the first
    that returns an EmulatorResponse answers the request instead of the API (a hook for fault injection).
    """

    def __init__(
        self,
        backend: EmulatorBackend | None = None,
        *,
        strict: bool = False,
        auth_token: str | None = None,
    ) -> None:
        self.backend = backend if backend is not None else EmulatorBackend()
        self.strict = strict
        self._auth_token = auth_token
        self.faults: list[Fault] = []
        self._responses = FlexFlowResponses(self.backend, strict=strict)

    def __repr__(self) -> str:  # never show the token
        return f"FlexApiEmulator(strict={self.strict}, auth_token={'set' if self._auth_token else 'unset'})"

    # -- the one request path ----------------------------------------------------------------------

    def handle(
        self, method: str, url: str, headers: Mapping[str, str], body: bytes | str | None
    ) -> tuple[int, dict[str, str], bytes]:
        """Answer one request. ``url`` is absolute; returns (status, headers, body bytes)."""
        try:
            response = self._handle(method.upper(), url, lower_keys(headers), body)
        except Exception:
            logger.exception("Flex API emulator failed on %s %s", method, urlsplit(url).path)
            response = EmulatorResponse.error(InternalServerError())
        response.headers.setdefault("Twilio-Request-Id", "RQ" + secrets.token_hex(16))
        response.headers["Content-Length"] = str(len(response.body))
        return response.status, response.headers, response.body

    def _handle(self, method: str, url: str, headers: dict[str, str], body: bytes | str | None) -> EmulatorResponse:
        parts = urlsplit(url)
        host = headers.get("host") or parts.netloc
        form: dict[str, str] = {}
        if method == "POST" and body:
            content_type = headers.get("content-type", _FORM).split(";")[0].strip().lower()
            if content_type == _FORM:
                text = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else body
                form = _parse_pairs(text)
        request = EmulatorRequest(
            method=method,
            path=unquote(parts.path) or "/",
            query=_parse_pairs(parts.query),
            form=form,
            headers=headers,
            base_url=f"{parts.scheme or 'http'}://{host}",
        )
        self.backend.record(request.method, request.path, request.params)

        for fault in list(self.faults):
            injected = fault(request)
            if injected is not None:
                return injected

        found = match(request.path)
        if found is None:
            return EmulatorResponse.error(NotFoundError(request.path))
        route, request.path_params = found
        try:
            if route.authenticated:
                request.account_sid = self._authenticate(headers.get("authorization"))
            handler = route.methods.get(method)
            if handler is None:
                raise MethodNotAllowedError(method, tuple(route.methods))
        except FlexApiError as error:
            return EmulatorResponse.error(error)
        return self._responses.dispatch(handler, request)

    def _authenticate(self, authorization: str | None) -> str:
        """The Account SID whose state this request uses; AuthenticationError otherwise."""
        scheme, _, encoded = (authorization or "").strip().partition(" ")
        if scheme.lower() != "basic":
            raise AuthenticationError()
        try:
            decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            raise AuthenticationError() from None
        username, separator, password = decoded.partition(":")
        if not separator or not password:
            raise AuthenticationError()
        if self._auth_token is not None and not hmac.compare_digest(
            password.encode("utf-8"), self._auth_token.encode("utf-8")
        ):
            raise AuthenticationError()
        if _ACCOUNT.fullmatch(username):
            return username
        api_key = _API_KEY.fullmatch(username)
        if api_key:
            return "AC" + api_key.group(1)
        raise AuthenticationError()

    # -- WSGI --------------------------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        scheme = environ.get("wsgi.url_scheme", "http")
        host = (
            environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME', 'localhost')}:{environ.get('SERVER_PORT', '80')}"
        )
        path = quote(environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""), safe="/")
        query = environ.get("QUERY_STRING", "")
        url = f"{scheme}://{host}{path}" + (f"?{query}" if query else "")

        headers = {key[5:].replace("_", "-"): value for key, value in environ.items() if key.startswith("HTTP_")}
        if environ.get("CONTENT_TYPE"):
            headers["Content-Type"] = environ["CONTENT_TYPE"]
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        body = environ["wsgi.input"].read(length) if length > 0 else b""

        status, response_headers, payload = self.handle(environ.get("REQUEST_METHOD", "GET"), url, headers, body)
        start_response(f"{status} {HTTPStatus(status).phrase}", list(response_headers.items()))
        return [payload]
