"""Flex Flows handlers: parse the wire request, call the backend, serialize the answer. No state here."""

from __future__ import annotations

from functools import partial
from typing import Any

from ...exceptions import MissingParameterError, NotFoundError
from ...messages import EmulatorRequest, EmulatorResponse
from ..base import ServiceResponses, attributes, server_fields
from .models import FlexFlow, FlexFlowsBackend, IntegrationIncompleteError
from .params import FLOW_SID_PATTERN, INTEGRATION_WIRE_NAME, LIST_PARAMS, MAX_PAGE_SIZE, parse_flow_form

PATH = "/v1/FlexFlows"


REPORTED_FIELDS = (
    "channel_type",
    "chat_service_sid",
    "contact_identity",
    "enabled",
    "friendly_name",
    "integration_type",
    "janitor_enabled",
    "long_lived",
)


def flow_to_json(flow: FlexFlow, base_url: str) -> dict[str, Any]:
    """Every field of Twilio's flex.v1.flex_flow schema, snake_case."""
    reported = attributes(flow, REPORTED_FIELDS)
    return {**server_fields(flow, base_url, PATH), **reported, "integration": dict(flow.integration)}


def _incomplete(error: IntegrationIncompleteError) -> MissingParameterError:
    return MissingParameterError(INTEGRATION_WIRE_NAME[error.missing[0]])


class FlexFlowResponses(ServiceResponses):
    """The Flex Flows endpoints."""

    def __init__(self, backend: FlexFlowsBackend, *, strict: bool = False) -> None:
        super().__init__(strict=strict)
        self.backend = backend

    @staticmethod
    def _sid(request: EmulatorRequest) -> str:
        sid = request.path_params["sid"]
        if not FLOW_SID_PATTERN.fullmatch(sid):
            raise NotFoundError(request.path)
        return sid

    def create_flow(self, request: EmulatorRequest) -> EmulatorResponse:
        fields, integration = parse_flow_form(request.form, creating=True, strict=self.strict)
        try:
            flow = self.backend.create_flow(request.account, fields, integration)
        except IntegrationIncompleteError as error:
            raise _incomplete(error) from None
        return EmulatorResponse.json(201, flow_to_json(flow, request.base_url))

    def fetch_flow(self, request: EmulatorRequest) -> EmulatorResponse:
        flow = self.backend.get_flow(request.account, self._sid(request))
        return EmulatorResponse.json(200, flow_to_json(flow, request.base_url))

    def update_flow(self, request: EmulatorRequest) -> EmulatorResponse:
        account, sid = request.account, self._sid(request)
        fields, integration = parse_flow_form(request.form, creating=False, strict=self.strict)
        try:
            flow = self.backend.update_flow(account, sid, fields, integration)
        except IntegrationIncompleteError as error:
            raise _incomplete(error) from None
        return EmulatorResponse.json(200, flow_to_json(flow, request.base_url))

    def delete_flow(self, request: EmulatorRequest) -> EmulatorResponse:
        self.backend.delete_flow(request.account, self._sid(request))
        return EmulatorResponse.empty(204)

    def list_flows(self, request: EmulatorRequest) -> EmulatorResponse:
        serialize = partial(flow_to_json, base_url=request.base_url)
        page = {"path": PATH, "key": "flex_flows", "serialize": serialize, "max_page_size": MAX_PAGE_SIZE}
        flows = partial(self.backend.list_flows, request.account)
        return self.list_response(request, list_params=LIST_PARAMS, filter_param="FriendlyName", items=flows, page=page)
