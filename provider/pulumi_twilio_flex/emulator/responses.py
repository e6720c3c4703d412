"""Request handlers: parse the wire request, call the backend, serialize the answer. No state here."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from .exceptions import (
    FlexApiError,
    InvalidPageTokenError,
    InvalidParameterError,
    MissingParameterError,
    NotFoundError,
    PageSizeTooLargeError,
)
from .models import EmulatorBackend, FlexFlow, IntegrationIncompleteError
from .params import (
    FLOW_SID_PATTERN,
    INTEGRATION_WIRE_NAME,
    LIST_PARAMS,
    integer,
    parse_flow_form,
    reject_unknown,
)

DATE_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000


@dataclass
class EmulatorRequest:
    """A request as the handlers (and fault hooks) see it. ``headers`` keys are lower-case."""

    method: str
    path: str
    query: dict[str, str]
    form: dict[str, str]
    headers: dict[str, str]
    base_url: str  # scheme and host the request came in on, e.g. "http://127.0.0.1:45123"
    path_params: dict[str, str] = field(default_factory=dict)
    account_sid: str | None = None
    body: bytes = b""

    @property
    def params(self) -> dict[str, str]:
        """The form for POST, the query string otherwise (what the journal records)."""
        return self.form if self.method == "POST" else self.query


@dataclass
class EmulatorResponse:
    """A complete answer: status, headers, body bytes."""

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    lost: bool = False  # processed, but the connection closes before any answer (an injected fault)

    @classmethod
    def json(cls, status: int, payload: Any) -> EmulatorResponse:
        body = json.dumps(payload).encode("utf-8")
        return cls(status, {"Content-Type": "application/json; charset=utf-8"}, body)

    @classmethod
    def empty(cls, status: int = 204) -> EmulatorResponse:
        return cls(status, {}, b"")

    @classmethod
    def error(cls, error: FlexApiError) -> EmulatorResponse:
        response = cls.json(error.status, error.to_dict())
        response.headers.update(error.headers)
        return response


def format_date(moment: datetime) -> str:
    return moment.strftime(DATE_FORMAT)


def flow_to_json(flow: FlexFlow, base_url: str) -> dict[str, Any]:
    """Every field of Twilio's flex.v1.flex_flow schema, snake_case."""
    return {
        "account_sid": flow.account_sid,
        "channel_type": flow.channel_type,
        "chat_service_sid": flow.chat_service_sid,
        "contact_identity": flow.contact_identity,
        "date_created": format_date(flow.date_created),
        "date_updated": format_date(flow.date_updated),
        "enabled": flow.enabled,
        "friendly_name": flow.friendly_name,
        "integration": dict(flow.integration),
        "integration_type": flow.integration_type,
        "janitor_enabled": flow.janitor_enabled,
        "long_lived": flow.long_lived,
        "sid": flow.sid,
        "url": f"{base_url}/v1/FlexFlows/{flow.sid}",
    }


def _page_token(raw: str) -> tuple[str, int]:
    """("after"|"before", sequence) from a PageToken this emulator issued; InvalidPageTokenError otherwise."""
    kinds = {"PA": "after", "PB": "before"}
    digits = raw[2:]
    if raw[:2] not in kinds or not 0 < len(digits) <= 18 or not digits.isascii() or not digits.isdigit():
        raise InvalidPageTokenError()
    return kinds[raw[:2]], int(digits)


def _page_size(raw: str) -> int:
    """PageSize: 1..1000; above that Twilio answers 20007 (Page size too large), other values 20001."""
    try:
        return integer(raw, 1, MAX_PAGE_SIZE)
    except ValueError as exc:
        digits = raw.removeprefix("+").lstrip("0")
        if digits.isascii() and digits.isdigit() and (len(digits) > 4 or int(digits) > MAX_PAGE_SIZE):
            raise PageSizeTooLargeError(MAX_PAGE_SIZE) from None
        raise InvalidParameterError("PageSize", str(exc)) from None


class FlexFlowResponses:
    """The Flex Flows endpoints. Holds the backend and options, never request state."""

    def __init__(self, backend: EmulatorBackend, *, strict: bool = False) -> None:
        self.backend = backend
        self.strict = strict

    def dispatch(self, handler: str, request: EmulatorRequest) -> EmulatorResponse:
        try:
            return getattr(self, handler)(request)
        except FlexApiError as error:
            return EmulatorResponse.error(error)

    # -- helpers -----------------------------------------------------------------------------------

    def _account(self, request: EmulatorRequest) -> str:
        if request.account_sid is None:  # the app authenticates before dispatching
            raise RuntimeError("request reached a handler without an account")
        return request.account_sid

    def _sid(self, request: EmulatorRequest) -> str:
        sid = request.path_params["sid"]
        if not FLOW_SID_PATTERN.fullmatch(sid):
            raise NotFoundError(request.path)
        return sid

    @staticmethod
    def _incomplete(error: IntegrationIncompleteError) -> MissingParameterError:
        return MissingParameterError(INTEGRATION_WIRE_NAME[error.missing[0]])

    # -- endpoints ---------------------------------------------------------------------------------

    def create_flow(self, request: EmulatorRequest) -> EmulatorResponse:
        fields, integration = parse_flow_form(request.form, creating=True, strict=self.strict)
        try:
            flow = self.backend.create_flow(self._account(request), fields, integration)
        except IntegrationIncompleteError as error:
            raise self._incomplete(error) from None
        return EmulatorResponse.json(201, flow_to_json(flow, request.base_url))

    def fetch_flow(self, request: EmulatorRequest) -> EmulatorResponse:
        flow = self.backend.get_flow(self._account(request), self._sid(request))
        return EmulatorResponse.json(200, flow_to_json(flow, request.base_url))

    def update_flow(self, request: EmulatorRequest) -> EmulatorResponse:
        account, sid = self._account(request), self._sid(request)
        fields, integration = parse_flow_form(request.form, creating=False, strict=self.strict)
        try:
            flow = self.backend.update_flow(account, sid, fields, integration)
        except IntegrationIncompleteError as error:
            raise self._incomplete(error) from None
        return EmulatorResponse.json(200, flow_to_json(flow, request.base_url))

    def delete_flow(self, request: EmulatorRequest) -> EmulatorResponse:
        self.backend.delete_flow(self._account(request), self._sid(request))
        return EmulatorResponse.empty(204)

    def list_flows(self, request: EmulatorRequest) -> EmulatorResponse:
        query = request.query
        if self.strict:
            reject_unknown(query, LIST_PARAMS)
        page_size, page = DEFAULT_PAGE_SIZE, 0
        if "PageSize" in query:
            page_size = _page_size(query["PageSize"])
        try:
            if "Page" in query:
                page = integer(query["Page"], minimum=0)
        except ValueError as exc:
            raise InvalidParameterError("Page", str(exc)) from None
        token = query.get("PageToken") or None
        friendly_name = query.get("FriendlyName") or None

        flows = self.backend.list_flows(self._account(request), friendly_name)
        if token is None:
            items = flows[page * page_size : (page + 1) * page_size]
        else:
            direction, sequence = _page_token(token)
            if direction == "after":
                items = [flow for flow in flows if flow.sequence > sequence][:page_size]
            else:
                items = [flow for flow in flows if flow.sequence < sequence][-page_size:]

        def page_url(number: int, page_token: str | None) -> str:
            params: dict[str, str | int] = {}
            if friendly_name is not None:
                params["FriendlyName"] = friendly_name
            params["PageSize"] = page_size
            params["Page"] = number
            if page_token is not None:
                params["PageToken"] = page_token
            return f"{request.base_url}/v1/FlexFlows?{urlencode(params)}"

        more = bool(items) and flows[-1].sequence > items[-1].sequence
        next_url = page_url(page + 1, f"PA{items[-1].sequence}") if more else None
        previous_url = None
        if page > 0:
            previous_url = page_url(page - 1, f"PB{items[0].sequence}" if items else None)
        meta = {
            "page": page,
            "page_size": page_size,
            "first_page_url": page_url(0, None),
            "previous_page_url": previous_url,
            "url": page_url(page, token),
            "next_page_url": next_url,
            "key": "flex_flows",
        }
        body = {"flex_flows": [flow_to_json(flow, request.base_url) for flow in items], "meta": meta}
        return EmulatorResponse.json(200, body)


def lower_keys(headers: Mapping[str, str]) -> dict[str, str]:
    return {str(name).lower(): str(value) for name, value in headers.items()}
