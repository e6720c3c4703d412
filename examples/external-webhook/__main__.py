"""An SMS channel whose inbound messages are posted to your own webhook."""

import pulumi

from pulumi_twilio_flex import FlexFlow, FlexFlowIntegrationArgs

config = pulumi.Config("flex")
webhook = FlexFlow(
    "sms-webhook",
    friendly_name="SMS to webhook",
    chat_service_sid=config.get("chatServiceSid") or "IS" + "0" * 32,
    channel_type="sms",
    contact_identity=config.get("smsNumber") or "+15005550006",
    integration_type="external",
    integration=FlexFlowIntegrationArgs(
        url=config.get("webhookUrl") or "https://hooks.example.com/flex/inbound", retry_count=2
    ),
    enabled=True,
)
pulumi.export("sid", webhook.sid)
pulumi.export("url", webhook.url)
