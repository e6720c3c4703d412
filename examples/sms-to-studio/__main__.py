"""An SMS number whose inbound messages start a conversation handled by a Studio flow (Flex Conversations)."""

import pulumi

from pulumi_twilio_flex import AddressConfiguration, AddressConfigurationAutoCreationArgs

config = pulumi.Config("flex")
sms = AddressConfiguration(
    "support-sms",
    type="sms",
    address=config.get("smsNumber") or "+15550100001",
    friendly_name=config.get("smsName") or "Support SMS",
    auto_creation=AddressConfigurationAutoCreationArgs(
        enabled=True,
        type="studio",
        conversation_service_sid=config.get("conversationServiceSid") or "IS" + "0" * 32,
        studio_flow_sid=config.get("studioFlowSid") or "FW" + "0" * 32,
        studio_retry_count=1,
    ),
)
pulumi.export("sid", sms.sid)
pulumi.export("url", sms.url)
