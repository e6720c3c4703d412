"""Twilio Flex's messaging addresses managed by Pulumi: one Flex Flow of each integration type, and the
Conversations address configuration that current Flex accounts use instead."""

import pulumi

from pulumi_twilio_flex import (
    AddressConfiguration,
    AddressConfigurationAutoCreationArgs,
    FlexFlow,
    FlexFlowIntegrationArgs,
)

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

# Flex Conversations: a chat address whose new conversations run the same Studio flow.
chat = AddressConfiguration(
    "chat-conversations",
    type="chat",
    address=flex.get("chatAddress") or f"{pulumi.get_project()}-chat",
    friendly_name="Chat (Conversations)",
    auto_creation=AddressConfigurationAutoCreationArgs(
        enabled=True, type="studio", studio_flow_sid=flex.require("studioFlowSid"), studio_retry_count=1
    ),
)
pulumi.export("address_sid", chat.sid)
pulumi.export("address_url", chat.url)
