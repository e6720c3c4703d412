"""`AddressConfiguration`, the resource users declare for a Conversations address, and its typed arguments."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pulumi

from .._declared_resource import RESOURCE_MODULE, TwilioResource, get_options
from .description import ADDRESS_CONFIGURATION
from .provider import AddressConfigurationProvider


@dataclass
class AddressConfigurationAutoCreationArgs:
    """Whether and how a message to the address starts a conversation; which fields apply depends on `type`.

    webhook: `webhook_url` (required), `webhook_method`, `webhook_filters`; studio: `studio_flow_sid` (required),
    `studio_retry_count`; default: neither. `enabled`, `type` and `conversation_service_sid` apply to every type.
    """

    enabled: pulumi.Input[bool] | None = None
    type: pulumi.Input[str] | None = None
    conversation_service_sid: pulumi.Input[str] | None = None
    webhook_url: pulumi.Input[str] | None = None
    webhook_method: pulumi.Input[str] | None = None
    webhook_filters: pulumi.Input[list[pulumi.Input[str]]] | None = None
    studio_flow_sid: pulumi.Input[str] | None = None
    studio_retry_count: pulumi.Input[int] | None = None


@dataclass
class AddressConfigurationArgs:
    """The arguments of an `AddressConfiguration`, for programs that build them apart from the resource."""

    type: pulumi.Input[str]
    address: pulumi.Input[str]
    friendly_name: pulumi.Input[str] | None = None
    address_country: pulumi.Input[str] | None = None
    auto_creation: AddressConfigurationAutoCreationArgs | pulumi.Input[dict[str, Any]] | None = None
    adopt_sid: pulumi.Input[str] | None = None  # take over this existing configuration (IG... or the address)


class AddressConfiguration(TwilioResource, module=RESOURCE_MODULE, name="AddressConfiguration"):
    """A Twilio Conversations address configuration (`/v1/Configuration/Addresses`): an SMS number, WhatsApp
    sender, Messenger page or chat address and how its messages start conversations.

    `type`, `address` and `address_country` cannot be updated: changing one replaces the configuration,
    deleting the old one first (an address is unique in an account).
    """

    description = ADDRESS_CONFIGURATION

    type: pulumi.Output[str]
    address: pulumi.Output[str]
    friendly_name: pulumi.Output[str | None]
    address_country: pulumi.Output[str | None]
    auto_creation: pulumi.Output[dict[str, Any]]

    def __init__(
        self,
        resource_name: str,
        args: AddressConfigurationArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        *,
        type: pulumi.Input[str] | None = None,
        address: pulumi.Input[str] | None = None,
        friendly_name: pulumi.Input[str] | None = None,
        address_country: pulumi.Input[str] | None = None,
        auto_creation: AddressConfigurationAutoCreationArgs | pulumi.Input[dict[str, Any]] | None = None,
        adopt_sid: pulumi.Input[str] | None = None,
    ) -> None:
        super().__init__(AddressConfigurationProvider(), resource_name, args, opts, locals())

    @staticmethod
    def get(
        resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None
    ) -> AddressConfiguration:
        """Read an existing address configuration by SID into the program, without managing it."""
        return AddressConfiguration(resource_name, opts=get_options(ADDRESS_CONFIGURATION, resource_name, id, opts))
