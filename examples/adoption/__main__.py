"""Take over the web chat flow Flex made when the account was created, instead of creating a new one."""

import pulumi

from pulumi_twilio_flex import FlexFlow, FlexFlowIntegrationArgs

config = pulumi.Config("flex")
webchat = FlexFlow(
    "default-webchat",
    adopt_sid=config.require("adoptSid"),  # FO... of the existing flow (`python -m pulumi_twilio_flex scan`)
    friendly_name="Flex Web Channel",
    chat_service_sid=config.get("chatServiceSid") or "IS" + "0" * 32,
    channel_type="web",
    integration_type="studio",
    integration=FlexFlowIntegrationArgs(flow_sid=config.get("studioFlowSid") or "FW" + "0" * 32),
    enabled=True,
    # Keep the flow in Twilio if this resource is ever destroyed: it was there before Pulumi.
    opts=pulumi.ResourceOptions(retain_on_delete=True),
)
pulumi.export("sid", webchat.sid)
pulumi.export("url", webchat.url)
