"""The emulator application: authentication, routing to the services and the WSGI entry point.

``FlexApiEmulator.handle`` is the single path every request takes, whether it comes from the threaded
server (through WSGI) or from ``EmulatorTransport`` (in process), and whichever service it is for: auth,
API keys, faults, latency, counters and the journal apply to all of them alike.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable, Iterable, Mapping
from http import HTTPStatus
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from .auth import Authenticator
from .control import ControlResponses
from .counters import Counters, operation_of
from .exceptions import FlexApiError, InternalServerError, MethodNotAllowedError, NotFoundError
from .faults import FaultInjector, FaultSettings
from .messages import EmulatorRequest, EmulatorResponse, FormData, lower_keys, parse_form
from .models import EmulatorBackend
from .routing import Route
from .services.base import ServiceResponses
from .services.conversations import urls as conversations_urls
from .services.conversations.responses import AddressConfigurationResponses
from .services.flex import urls as flex_urls
from .services.flex.responses import FlexFlowResponses
from .urls import match, operations

logger = logging.getLogger(__name__)

Fault = Callable[[EmulatorRequest], "EmulatorResponse | None"]

_FORM = "application/x-www-form-urlencoded"


class LostResponse(ConnectionError):
    """``handle`` processed the request and then, as an injected fault, dropped the answer."""


class FlexApiEmulator:
    """A stateful stand-in for Twilio's Flex Flows (Flex API) and address configurations (Conversations API)
    endpoints, as one WSGI application: routed by path, so one base URL serves both APIs.

    ``strict``: reject parameters the API does not define (Twilio ignores them).
    ``auth_token``: when set, the Basic password must equal it (control routes too); otherwise any non-empty
    one is accepted. ``api_keys``: API key SID -> the Account SID it acts for.
    ``faults``: the FaultSettings to start with (none by default); change them with ``fault_settings``.
    The ``faults`` attribute is a list of hooks consulted in order before dispatch, each given the
    EmulatorRequest; the first that returns an EmulatorResponse answers instead of the API.
    """

    def __init__(
        self,
        backend: EmulatorBackend | None = None,
        *,
        strict: bool = False,
        auth_token: str | None = None,
        api_keys: Mapping[str, str] | None = None,
        faults: FaultSettings | None = None,
    ) -> None:
        self.backend = backend if backend is not None else EmulatorBackend()
        self.strict = strict
        self._auth = Authenticator(auth_token, api_keys)
        self.faults: list[Fault] = []
        self.injector = FaultInjector(faults)
        self.stats = Counters()
        self.sleep: Callable[[float], None] = time.sleep
        self._services: dict[str, ServiceResponses] = {
            flex_urls.SERVICE: FlexFlowResponses(self.backend.flex, strict=strict),
            conversations_urls.SERVICE: AddressConfigurationResponses(self.backend.conversations, strict=strict),
        }
        self._control = ControlResponses(self.backend, self.injector, self.stats)

    def __repr__(self) -> str:  # never show the token
        return f"FlexApiEmulator(strict={self.strict}, auth_token={'set' if self._auth.has_token else 'unset'})"

    @property
    def fault_settings(self) -> FaultSettings:
        return self.injector.settings

    @fault_settings.setter
    def fault_settings(self, settings: FaultSettings) -> None:
        self.injector.settings = settings

    def counters(self) -> dict[str, Any]:
        """Requests by operation and outcome, faults injected and connections opened (the control route's JSON)."""
        return self.stats.snapshot()

    def add_api_key(self, key_sid: str, account_sid: str) -> None:
        """Register an API key that acts for ``account_sid`` (as ``--api-key SK…=AC…``)."""
        self._auth.add_api_key(key_sid, account_sid)

    def connection_opened(self) -> None:
        """Called by the server for each TCP connection it accepts."""
        self.stats.connection_opened()

    # -- the one request path ----------------------------------------------------------------------

    def handle(
        self, method: str, url: str, headers: Mapping[str, str], body: bytes | str | None
    ) -> tuple[int, dict[str, str], bytes]:
        """Answer one request. ``url`` is absolute; returns (status, headers, body bytes).

        Raises LostResponse when a lost response was injected (the request was processed).
        """
        response = self.respond(method, url, headers, body)
        if response.lost:
            raise LostResponse("the emulator dropped this response (an injected fault)")
        return response.status, response.headers, response.body

    def respond(self, method: str, url: str, headers: Mapping[str, str], body: bytes | str | None) -> EmulatorResponse:
        """Answer one request as an EmulatorResponse; ``lost`` set means: close without answering."""
        method = method.upper()
        try:
            response = self._respond(method, url, lower_keys(headers), body)
        except Exception:
            logger.exception("Flex API emulator failed on %s %s", method, urlsplit(url).path)
            response = EmulatorResponse.error(InternalServerError())
        response.headers.setdefault("Twilio-Request-Id", "RQ" + secrets.token_hex(16))
        response.headers["Content-Length"] = str(len(response.body))
        if method == "HEAD":
            response.body = b""  # the length of the GET answer, no body
        return response

    def _request(self, method: str, url: str, headers: dict[str, str], body: bytes | str | None) -> EmulatorRequest:
        parts = urlsplit(url)
        host = headers.get("host") or parts.netloc
        raw = body.encode("utf-8") if isinstance(body, str) else (body or b"")
        form = FormData()
        if method == "POST" and raw:
            content_type = headers.get("content-type", _FORM).split(";")[0].strip().lower()
            if content_type == _FORM:
                form = parse_form(raw.decode("utf-8", errors="replace"))
        return EmulatorRequest(
            method=method,
            path=unquote(parts.path) or "/",
            query=parse_form(parts.query),
            form=form,
            headers=headers,
            base_url=f"{parts.scheme or 'http'}://{host}",
            body=raw,
        )

    def _respond(self, method: str, url: str, headers: dict[str, str], body: bytes | str | None) -> EmulatorResponse:
        request = self._request(method, url, headers, body)
        found = match(request.path)
        route = found[0] if found is not None else None
        if route is not None and route.control:
            return self._control_request(route, request)

        handler = _handler(route, method)
        operation = operation_of(handler if method != "HEAD" else None, operations)
        settings = self.injector.settings
        if settings.latency_ms:
            self.sleep(settings.latency_ms / 1000)
        self.backend.record(request.method, request.path, request.params)

        try:
            response = self._hooks(request)
            fault = self.injector.draw_fault() if response is None else None
            if fault is not None:
                self.stats.request(operation, f"fault-{fault}")
                return EmulatorResponse.error(self.injector.error(fault))
            if response is None:
                response = self._api_request(found, handler, request)
        except Exception:
            logger.exception("Flex API emulator failed on %s %s", method, request.path)
            response = EmulatorResponse.error(InternalServerError())
        if self.injector.draw_lost():
            response.lost = True
            self.stats.request(operation, "lost")
        else:
            self.stats.request(operation, str(response.status))
        return response

    def _hooks(self, request: EmulatorRequest) -> EmulatorResponse | None:
        for hook in list(self.faults):
            injected = hook(request)
            if injected is not None:
                return injected
        return None

    def _api_request(
        self, found: tuple[Route, dict[str, str]] | None, handler: str | None, request: EmulatorRequest
    ) -> EmulatorResponse:
        if found is None:
            return EmulatorResponse.error(NotFoundError(request.path))
        route, request.path_params = found
        try:
            request.account_sid = self._auth.account(request.headers.get("authorization"))
            if handler is None:
                raise MethodNotAllowedError(request.method, tuple(route.methods))
        except FlexApiError as error:
            return EmulatorResponse.error(error)
        return self._services[route.service].dispatch(handler, request)

    def _control_request(self, route: Route, request: EmulatorRequest) -> EmulatorResponse:
        try:
            self._auth.control(request.headers.get("authorization"))
            handler = route.methods.get(request.method)
            if handler is None:
                raise MethodNotAllowedError(request.method, tuple(route.methods))
        except FlexApiError as error:
            return EmulatorResponse.error(error)
        return self._control.dispatch(handler, request)

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


def _handler(route: Route | None, method: str) -> str | None:
    """The handler name for ``method`` on ``route``; HEAD is answered as GET without a body."""
    if route is None:
        return None
    return route.methods.get("GET" if method == "HEAD" else method)
