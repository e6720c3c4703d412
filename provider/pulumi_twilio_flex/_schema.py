"""The Flex Flow fields: input names, API parameter names, types and documented defaults.

One table serves validation, encoding, diffing and resetting, so a field is described once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

CHANNEL_TYPES = ("web", "sms", "facebook", "whatsapp", "line", "custom")
INTEGRATION_TYPES = ("studio", "external", "task")
DEFAULT_INTEGRATION_TYPE = "studio"  # documented default of IntegrationType

NO_DEFAULT: Any = object()
"""Marks a field whose default Twilio does not document: a removed input of this kind is left as it is."""


@dataclass(frozen=True)
class Field:
    """One property: how users name it, how Twilio names it, and how it is reset when removed."""

    name: str
    api_name: str
    kind: type
    required: bool = False
    default: Any = NO_DEFAULT  # what the API reports when the field was never set
    reset_to: Any = NO_DEFAULT  # what to send to get back to `default` (defaults to `default`)
    pattern: str | None = None
    applies_to: tuple[str, ...] = INTEGRATION_TYPES

    @property
    def resettable(self) -> bool:
        return self.default is not NO_DEFAULT

    @property
    def reset_value(self) -> Any:
        return self.default if self.reset_to is NO_DEFAULT else self.reset_to

    def canonical(self, value: Any) -> Any:
        """The value as the API reports it back: sending `reset_value` reads back as `default`."""
        if self.reset_to is not NO_DEFAULT and value == self.reset_to:
            return self.default
        return value


FLOW_FIELDS: tuple[Field, ...] = (
    Field("friendly_name", "FriendlyName", str, required=True),
    Field("chat_service_sid", "ChatServiceSid", str, required=True, pattern=r"IS[0-9a-fA-F]{32}"),
    Field("channel_type", "ChannelType", str, required=True),
    Field("contact_identity", "ContactIdentity", str, default=None, reset_to=""),
    Field("enabled", "Enabled", bool),
    Field("integration_type", "IntegrationType", str, default=DEFAULT_INTEGRATION_TYPE),
    Field("long_lived", "LongLived", bool, default=False),
    Field("janitor_enabled", "JanitorEnabled", bool, default=False),
)

INTEGRATION_FIELDS: tuple[Field, ...] = (
    Field("flow_sid", "Integration.FlowSid", str, pattern=r"FW[0-9a-fA-F]{32}", applies_to=("studio",)),
    Field("url", "Integration.Url", str, applies_to=("external",)),
    Field("workspace_sid", "Integration.WorkspaceSid", str, pattern=r"WS[0-9a-fA-F]{32}", applies_to=("task",)),
    Field("workflow_sid", "Integration.WorkflowSid", str, pattern=r"WW[0-9a-fA-F]{32}", applies_to=("task",)),
    Field("channel", "Integration.Channel", str, default="default", applies_to=("task",)),
    Field("timeout", "Integration.Timeout", int, default=86400, applies_to=("task",)),
    Field("priority", "Integration.Priority", int, default=0, applies_to=("task",)),
    Field("creation_on_message", "Integration.CreationOnMessage", bool),
    Field("retry_count", "Integration.RetryCount", int, default=3, applies_to=("studio", "external")),
)

ADOPT_SID = "adopt_sid"
ADOPT_SID_FIELD = Field(ADOPT_SID, "", str, pattern=r"FO[0-9a-fA-F]{32}")
FLOW_SID = re.compile(rf"^{ADOPT_SID_FIELD.pattern}\Z")  # a Flex Flow's SID, the resource's ID
"""Not an API field: the flow `create` adopts. Described like one so validation, the catalog and its JSON Schema
share its rule."""

REQUIRED_INTEGRATION_FIELDS: dict[str, tuple[str, ...]] = {
    "studio": ("flow_sid",),
    "external": ("url",),
    "task": ("workspace_sid", "workflow_sid"),
}

INTEGRATION = "integration"
INPUT_NAMES: tuple[str, ...] = tuple(f.name for f in FLOW_FIELDS) + (INTEGRATION,)
SERVER_FIELDS: tuple[str, ...] = ("sid", "account_sid", "date_created", "date_updated", "url")
OUTPUT_NAMES: tuple[str, ...] = SERVER_FIELDS + INPUT_NAMES

FLOW_FIELDS_BY_NAME = {f.name: f for f in FLOW_FIELDS}
INTEGRATION_FIELDS_BY_NAME = {f.name: f for f in INTEGRATION_FIELDS}


def integration_fields_for(integration_type: str) -> tuple[Field, ...]:
    """The integration fields that apply to an integration type."""
    return tuple(f for f in INTEGRATION_FIELDS if integration_type in f.applies_to)
