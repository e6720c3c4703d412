"""Three flows of the three integration types, as a team finds them made in Twilio's console."""

from __future__ import annotations

from typing import Any

from pulumi_twilio_flex._client import FlexFlowsClient
from pulumi_twilio_flex._wire import create_params
from pulumi_twilio_flex.flex_flow.description import FLEX_FLOW

IS, FW, WS, WW = "IS" + "a" * 32, "FW" + "b" * 32, "WS" + "c" * 32, "WW" + "d" * 32
CONSOLE_FLOWS = [
    {"friendly_name": "Default Webchat", "channel_type": "web", "integration_type": "studio",
     "integration": {"flow_sid": FW}, "enabled": True},
    {"friendly_name": "SMS hook", "channel_type": "sms", "integration_type": "external",
     "integration": {"url": "https://hooks.example.com/flex", "retry_count": 1}, "janitor_enabled": True},
    {"friendly_name": "WhatsApp tasks", "channel_type": "whatsapp", "integration_type": "task",
     "integration": {"workspace_sid": WS, "workflow_sid": WW, "priority": 5}, "long_lived": True},
]  # fmt: skip


def make_console_flows(api: FlexFlowsClient) -> list[dict[str, Any]]:
    """Create CONSOLE_FLOWS behind Pulumi's back; Twilio's answers, in order."""
    return [api.create(create_params(FLEX_FLOW, {"chat_service_sid": IS, **flow})) for flow in CONSOLE_FLOWS]
