"""The Conversations address configuration (`/v1/Configuration/Addresses` on the Conversations API, `IG` SIDs),
Flex's current messaging addresses, described for the generic machinery.

From Twilio's OpenAPI description (conversations.v1.configuration_address) and its docs: create takes `Type` and
`Address` (both required), `FriendlyName` (at most 256 characters), `AddressCountry` and the `AutoCreation.*`
group; update takes `FriendlyName` and `AutoCreation.*` only, so `type`, `address` and `address_country` are
create-only. `AutoCreation.WebhookFilters` is a list sent as a repeated key. Twilio reports `webhook_method` in
upper case (`POST`) though its enum is `get`/`post`, and echoes `type` in the case it was sent: both compare
without case. The list's page size is at most 50. An address is unique in an account, and the fetch endpoint
takes the address in place of the SID.
"""

from __future__ import annotations

from .._description import CONVERSATIONS_API, Field, Group, ResourceDescription

ADDRESS_TYPES = ("sms", "whatsapp", "messenger", "gbm", "email", "rcs", "apple", "chat")
AUTO_CREATION_TYPES = ("webhook", "studio", "default")
WEBHOOK_METHODS = ("get", "post")
WEBHOOK_FILTERS = (
    "onMessageAdded",
    "onMessageUpdated",
    "onMessageRemoved",
    "onConversationUpdated",
    "onConversationStateUpdated",
    "onConversationRemoved",
    "onParticipantAdded",
    "onParticipantUpdated",
    "onParticipantRemoved",
    "onDeliveryUpdated",
)

ADDRESS_FIELDS: tuple[Field, ...] = (
    Field("type", "Type", str, required=True, enum=ADDRESS_TYPES, enum_case_insensitive=True, create_only=True),
    Field("address", "Address", str, required=True, non_empty=True, create_only=True),
    Field("friendly_name", "FriendlyName", str, max_length=256),
    Field("address_country", "AddressCountry", str, non_empty=True, create_only=True),
)

AUTO_CREATION_FIELDS: tuple[Field, ...] = (
    Field("enabled", "AutoCreation.Enabled", bool),
    Field("type", "AutoCreation.Type", str, enum=AUTO_CREATION_TYPES),
    Field("conversation_service_sid", "AutoCreation.ConversationServiceSid", str, pattern=r"IS[0-9a-fA-F]{32}"),
    Field("webhook_url", "AutoCreation.WebhookUrl", str, http_url=True, applies_to=("webhook",)),
    Field(
        "webhook_method",
        "AutoCreation.WebhookMethod",
        str,
        enum=WEBHOOK_METHODS,
        enum_case_insensitive=True,
        applies_to=("webhook",),
    ),
    Field("webhook_filters", "AutoCreation.WebhookFilters", list, enum=WEBHOOK_FILTERS, applies_to=("webhook",)),
    Field("studio_flow_sid", "AutoCreation.StudioFlowSid", str, pattern=r"FW[0-9a-fA-F]{32}", applies_to=("studio",)),
    Field("studio_retry_count", "AutoCreation.StudioRetryCount", int, minimum=0, applies_to=("studio",)),
)

ADDRESS_CONFIGURATION = ResourceDescription(
    type_name="AddressConfiguration",
    title="address configuration",
    noun="address configuration",
    plural="address configurations",
    catalog="addresses",
    name_from=("friendly_name", "address"),
    sid_prefix="IG",
    fields=ADDRESS_FIELDS,
    group=Group(
        name="auto_creation",
        fields=AUTO_CREATION_FIELDS,
        variant_path="auto_creation.type",
        default_variant="default",
        variants=AUTO_CREATION_TYPES,
        required={"webhook": ("webhook_url",), "studio": ("studio_flow_sid",), "default": ()},
        args_class="AddressConfigurationAutoCreationArgs",
    ),
    collection_path="/v1/Configuration/Addresses",
    list_key="address_configurations",
    max_page_size=50,
    reconcile_filter="type",
    api=CONVERSATIONS_API,
    adopt_by=("address",),
)
