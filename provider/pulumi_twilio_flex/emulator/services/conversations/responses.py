"""Address configuration handlers: parse the wire request, call the backend, serialize. No state here."""

from __future__ import annotations

from functools import partial
from typing import Any

from ...messages import EmulatorRequest, EmulatorResponse
from ..base import ServiceResponses, attributes, server_fields
from .models import PATH, AddressConfiguration, AddressConfigurationsBackend, reported_auto_creation
from .params import LIST_PARAMS, MAX_PAGE_SIZE, parse_create_form, parse_update_form


def address_configuration_to_json(config: AddressConfiguration, base_url: str) -> dict[str, Any]:
    """Every field of Twilio's conversations.v1.configuration_address schema, snake_case."""
    reported = attributes(config, ("type", "address", "friendly_name", "address_country"))
    return {
        **server_fields(config, base_url, PATH),
        **reported,
        "auto_creation": reported_auto_creation(config.auto_creation),
    }


class AddressConfigurationResponses(ServiceResponses):
    """The ``/v1/Configuration/Addresses`` endpoints of the Conversations API.

    ``strict`` also makes a PageSize above 50 an error (20007); otherwise a page holds 50 at most, since the
    SDKs send ``PageSize=limit`` for ``list(limit=...)``.
    """

    def __init__(self, backend: AddressConfigurationsBackend, *, strict: bool = False) -> None:
        super().__init__(strict=strict)
        self.backend = backend

    def create_address_configuration(self, request: EmulatorRequest) -> EmulatorResponse:
        fields, auto_creation = parse_create_form(request.form, strict=self.strict)
        config = self.backend.create_configuration(request.account, auto_creation=auto_creation, **fields)
        return EmulatorResponse.json(201, address_configuration_to_json(config, request.base_url))

    def fetch_address_configuration(self, request: EmulatorRequest) -> EmulatorResponse:
        config = self.backend.get_configuration(request.account, request.path_params["sid"])
        return EmulatorResponse.json(200, address_configuration_to_json(config, request.base_url))

    def update_address_configuration(self, request: EmulatorRequest) -> EmulatorResponse:
        target = request.path_params["sid"]
        self.backend.get_configuration(request.account, target)  # a missing one is a 404 before a 400
        fields, auto_creation = parse_update_form(request.form, strict=self.strict)
        config = self.backend.update_configuration(request.account, target, auto_creation=auto_creation, **fields)
        return EmulatorResponse.json(200, address_configuration_to_json(config, request.base_url))

    def delete_address_configuration(self, request: EmulatorRequest) -> EmulatorResponse:
        self.backend.delete_configuration(request.account, request.path_params["sid"])
        return EmulatorResponse.empty(204)

    def list_address_configurations(self, request: EmulatorRequest) -> EmulatorResponse:
        page = {
            "path": PATH,
            "key": "address_configurations",
            "serialize": partial(address_configuration_to_json, base_url=request.base_url),
            "max_page_size": MAX_PAGE_SIZE,
            "clamp": not self.strict,  # Twilio's SDK asks for its whole `limit` as the page size
        }
        configs = partial(self.backend.list_configurations, request.account)
        return self.list_response(request, list_params=LIST_PARAMS, filter_param="Type", items=configs, page=page)
