"""The Flex Flow (`/v1/FlexFlows` on the Flex API, Flex's legacy addresses), described for the generic machinery."""

from __future__ import annotations

from .._description import FLEX_API, INT32_MAX, Field, Group, ResourceDescription
from .._errors import FlexFlowNotFoundError

CHANNEL_TYPES = ("web", "sms", "facebook", "whatsapp", "line", "custom")
INTEGRATION_TYPES = ("studio", "external", "task")
DEFAULT_INTEGRATION_TYPE = "studio"  # documented default of IntegrationType

FLOW_FIELDS: tuple[Field, ...] = (
    Field("friendly_name", "FriendlyName", str, required=True, non_empty=True),
    Field("chat_service_sid", "ChatServiceSid", str, required=True, pattern=r"IS[0-9a-fA-F]{32}"),
    Field("channel_type", "ChannelType", str, required=True, enum=CHANNEL_TYPES),
    Field("contact_identity", "ContactIdentity", str, default=None, reset_to=""),
    Field("enabled", "Enabled", bool),
    Field("integration_type", "IntegrationType", str, default=DEFAULT_INTEGRATION_TYPE, enum=INTEGRATION_TYPES),
    Field("long_lived", "LongLived", bool, default=False),
    Field("janitor_enabled", "JanitorEnabled", bool, default=False),
)

INTEGRATION_FIELDS: tuple[Field, ...] = (
    Field("flow_sid", "Integration.FlowSid", str, pattern=r"FW[0-9a-fA-F]{32}", applies_to=("studio",)),
    Field("url", "Integration.Url", str, http_url=True, applies_to=("external",)),
    Field("workspace_sid", "Integration.WorkspaceSid", str, pattern=r"WS[0-9a-fA-F]{32}", applies_to=("task",)),
    Field("workflow_sid", "Integration.WorkflowSid", str, pattern=r"WW[0-9a-fA-F]{32}", applies_to=("task",)),
    Field("channel", "Integration.Channel", str, default="default", non_empty=True, applies_to=("task",)),
    Field("timeout", "Integration.Timeout", int, default=86400, minimum=0, maximum=INT32_MAX, applies_to=("task",)),
    Field("priority", "Integration.Priority", int, default=0, minimum=0, maximum=INT32_MAX, applies_to=("task",)),
    Field("creation_on_message", "Integration.CreationOnMessage", bool),
    Field(
        "retry_count", "Integration.RetryCount", int, default=3, minimum=0, maximum=3, applies_to=("studio", "external")
    ),
)

REQUIRED_INTEGRATION_FIELDS: dict[str, tuple[str, ...]] = {
    "studio": ("flow_sid",),
    "external": ("url",),
    "task": ("workspace_sid", "workflow_sid"),
}

FLEX_FLOW = ResourceDescription(
    type_name="FlexFlow",
    title="Flex Flow",
    noun="flow",
    plural="Flex Flows",
    catalog="flows",
    name_from=("friendly_name",),
    sid_prefix="FO",
    fields=FLOW_FIELDS,
    group=Group(
        name="integration",
        fields=INTEGRATION_FIELDS,
        variant_path="integration_type",
        default_variant=DEFAULT_INTEGRATION_TYPE,
        variants=INTEGRATION_TYPES,
        required=REQUIRED_INTEGRATION_FIELDS,
        args_class="FlexFlowIntegrationArgs",
    ),
    collection_path="/v1/FlexFlows",
    list_key="flex_flows",
    max_page_size=1000,
    reconcile_filter="friendly_name",
    api=FLEX_API,
    not_found_error=FlexFlowNotFoundError,
)
