"""A WhatsApp channel that creates a TaskRouter task for every new conversation."""

import pulumi

from pulumi_twilio_flex import FlexFlow, FlexFlowIntegrationArgs

config = pulumi.Config("flex")
routing = FlexFlow(
    "whatsapp-tasks",
    friendly_name="WhatsApp tasks",
    chat_service_sid=config.get("chatServiceSid") or "IS" + "0" * 32,
    channel_type="whatsapp",
    integration_type="task",
    integration=FlexFlowIntegrationArgs(
        workspace_sid=config.get("workspaceSid") or "WS" + "0" * 32,
        workflow_sid=config.get("workflowSid") or "WW" + "0" * 32,
        channel="chat",
        priority=10,
        timeout=3600,
    ),
    enabled=True,
    long_lived=True,
)
pulumi.export("sid", routing.sid)
pulumi.export("url", routing.url)
