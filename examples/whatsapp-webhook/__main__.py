"""A WhatsApp sender whose conversations call a webhook on the events it filters (Flex Conversations)."""

import pulumi

from pulumi_twilio_flex import AddressConfiguration, AddressConfigurationAutoCreationArgs

config = pulumi.Config("flex")
whatsapp = AddressConfiguration(
    "support-whatsapp",
    type="whatsapp",
    address=config.get("whatsappSender") or "whatsapp:+15550100002",
    friendly_name=config.get("whatsappName") or "Support WhatsApp",
    auto_creation=AddressConfigurationAutoCreationArgs(
        enabled=True,
        type="webhook",
        conversation_service_sid=config.get("conversationServiceSid") or "IS" + "0" * 32,
        webhook_url=config.get("webhookUrl") or "https://hooks.example.com/conversations",
        webhook_method="POST",
        webhook_filters=["onMessageAdded", "onParticipantAdded"],
    ),
)
pulumi.export("sid", whatsapp.sid)
pulumi.export("url", whatsapp.url)
