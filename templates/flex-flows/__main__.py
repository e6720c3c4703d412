"""Twilio Flex Flows managed by Pulumi: one flow of each integration type."""

import pulumi

from pulumi_twilio_flex import FlexFlow, FlexFlowIntegrationArgs

flex = pulumi.Config("flex")
chat_service_sid = flex.require("chatServiceSid")

# Web chat: each new conversation runs a Studio flow.
studio = FlexFlow(
    "web-chat-studio",
    friendly_name="Web chat (Studio)",
    chat_service_sid=chat_service_sid,
    channel_type="web",
    integration_type="studio",
    integration=FlexFlowIntegrationArgs(flow_sid=flex.require("studioFlowSid"), retry_count=1),
    enabled=True,
)

# SMS: inbound messages are posted to your own webhook.
webhook = FlexFlow(
    "sms-webhook",
    friendly_name="SMS to webhook",
    chat_service_sid=chat_service_sid,
    channel_type="sms",
    contact_identity=flex.require("smsNumber"),
    integration_type="external",
    integration=FlexFlowIntegrationArgs(url=flex.require("webhookUrl"), retry_count=2),
    enabled=True,
)

# WhatsApp: each new conversation becomes a TaskRouter task.
tasks = FlexFlow(
    "whatsapp-tasks",
    friendly_name="WhatsApp tasks",
    chat_service_sid=chat_service_sid,
    channel_type="whatsapp",
    integration_type="task",
    integration=FlexFlowIntegrationArgs(
        workspace_sid=flex.require("workspaceSid"),
        workflow_sid=flex.require("workflowSid"),
        channel="chat",
        priority=10,
    ),
    enabled=True,
    long_lived=True,
)

for name, flow in (("studio", studio), ("external", webhook), ("task", tasks)):
    pulumi.export(f"{name}_sid", flow.sid)
    pulumi.export(f"{name}_url", flow.url)
