"""A web chat whose inbound messages run a Studio flow."""

import pulumi

from pulumi_twilio_flex import FlexFlow, FlexFlowIntegrationArgs

config = pulumi.Config("flex")
support = FlexFlow(
    "support-chat",
    friendly_name=config.get("supportChatName") or "Support chat",
    chat_service_sid=config.get("chatServiceSid") or "IS" + "0" * 32,
    channel_type="web",
    integration_type="studio",
    integration=FlexFlowIntegrationArgs(flow_sid=config.get("studioFlowSid") or "FW" + "0" * 32, retry_count=1),
    enabled=True,
    janitor_enabled=False,
    long_lived=False,
)
pulumi.export("sid", support.sid)
pulumi.export("url", support.url)
