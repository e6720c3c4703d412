"""`FlexFlow`, the resource users declare, and its typed arguments."""

from dataclasses import dataclass
from typing import Any

import pulumi

from .._declared_resource import RESOURCE_MODULE, TwilioResource, get_options
from .description import FLEX_FLOW
from .provider import FlexFlowProvider


@dataclass
class FlexFlowIntegrationArgs:
    """How inbound messages are handled; which fields apply depends on `integration_type`.

    studio: `flow_sid` (required), `retry_count`; external: `url` (required), `retry_count`;
    task: `workspace_sid` and `workflow_sid` (required), `channel`, `timeout`, `priority`.
    `creation_on_message` applies to every type (outbound messaging).
    """

    flow_sid: pulumi.Input[str] | None = None
    url: pulumi.Input[str] | None = None
    workspace_sid: pulumi.Input[str] | None = None
    workflow_sid: pulumi.Input[str] | None = None
    channel: pulumi.Input[str] | None = None
    timeout: pulumi.Input[int] | None = None
    priority: pulumi.Input[int] | None = None
    creation_on_message: pulumi.Input[bool] | None = None
    retry_count: pulumi.Input[int] | None = None


@dataclass
class FlexFlowArgs:
    """The arguments of a `FlexFlow`, for programs that build them apart from the resource."""

    friendly_name: pulumi.Input[str]
    chat_service_sid: pulumi.Input[str]
    channel_type: pulumi.Input[str]
    integration_type: pulumi.Input[str] | None = None
    integration: FlexFlowIntegrationArgs | pulumi.Input[dict[str, Any]] | None = None
    contact_identity: pulumi.Input[str] | None = None
    enabled: pulumi.Input[bool] | None = None
    long_lived: pulumi.Input[bool] | None = None
    janitor_enabled: pulumi.Input[bool] | None = None
    adopt_sid: pulumi.Input[str] | None = None  # take over this existing flow (FO...) instead of creating one


class FlexFlow(TwilioResource, module=RESOURCE_MODULE, name="FlexFlow"):
    """A Twilio Flex Flow (`/v1/FlexFlows`): a messaging channel wired to Studio, a webhook or TaskRouter."""

    description = FLEX_FLOW

    friendly_name: pulumi.Output[str]
    chat_service_sid: pulumi.Output[str]
    channel_type: pulumi.Output[str]
    contact_identity: pulumi.Output[str | None]
    enabled: pulumi.Output[bool]
    integration_type: pulumi.Output[str]
    integration: pulumi.Output[dict[str, Any]]
    long_lived: pulumi.Output[bool]
    janitor_enabled: pulumi.Output[bool]

    def __init__(
        self,
        resource_name: str,
        args: FlexFlowArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        *,
        friendly_name: pulumi.Input[str] | None = None,
        chat_service_sid: pulumi.Input[str] | None = None,
        channel_type: pulumi.Input[str] | None = None,
        integration_type: pulumi.Input[str] | None = None,
        integration: FlexFlowIntegrationArgs | pulumi.Input[dict[str, Any]] | None = None,
        contact_identity: pulumi.Input[str] | None = None,
        enabled: pulumi.Input[bool] | None = None,
        long_lived: pulumi.Input[bool] | None = None,
        janitor_enabled: pulumi.Input[bool] | None = None,
        adopt_sid: pulumi.Input[str] | None = None,
    ) -> None:
        super().__init__(FlexFlowProvider(), resource_name, args, opts, locals())

    @staticmethod
    def get(resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None) -> "FlexFlow":
        """Read an existing flow by SID into the program, without managing it (as every Pulumi resource offers).

        The flow's properties are available as outputs; Pulumi neither updates nor deletes it. An ID that is not
        a Flex Flow SID fails the program, and a SID the account does not hold fails the read, naming it.
        """
        return FlexFlow(resource_name, opts=get_options(FLEX_FLOW, resource_name, id, opts))
