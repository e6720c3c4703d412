"""The wire parameters of the Flex Flows API: names, conversions and validation, as Twilio applies them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ...converters import Converter, boolean, convert_all, enum, integer_in, reject_unknown, sid, text, url
from ...exceptions import MissingParameterError
from .models import CHANNEL_TYPES, INTEGRATION_TYPES

FLOW_SID_PATTERN = re.compile(r"FO[0-9a-fA-F]{32}", re.ASCII)


def _contact_identity(raw: str) -> str | None:
    return raw or None  # "" clears it


# Wire name -> (model attribute, converter), in the order Twilio documents them.
FLOW_PARAMS: dict[str, tuple[str, Converter]] = {
    "FriendlyName": ("friendly_name", text),
    "ChatServiceSid": ("chat_service_sid", sid("IS")),
    "ChannelType": ("channel_type", enum(CHANNEL_TYPES)),
    "ContactIdentity": ("contact_identity", _contact_identity),
    "Enabled": ("enabled", boolean),
    "IntegrationType": ("integration_type", enum(INTEGRATION_TYPES)),
    "LongLived": ("long_lived", boolean),
    "JanitorEnabled": ("janitor_enabled", boolean),
}
INTEGRATION_PARAMS: dict[str, tuple[str, Converter]] = {
    "Integration.FlowSid": ("flow_sid", sid("FW")),
    "Integration.Url": ("url", url),
    "Integration.WorkspaceSid": ("workspace_sid", sid("WS")),
    "Integration.WorkflowSid": ("workflow_sid", sid("WW")),
    "Integration.Channel": ("channel", text),
    "Integration.Timeout": ("timeout", integer_in(minimum=0)),
    "Integration.Priority": ("priority", integer_in(minimum=0)),
    "Integration.CreationOnMessage": ("creation_on_message", boolean),
    "Integration.RetryCount": ("retry_count", integer_in(0, 3)),
}
REQUIRED_ON_CREATE = ("FriendlyName", "ChatServiceSid", "ChannelType")
LIST_PARAMS = ("FriendlyName", "PageSize", "Page", "PageToken")
MAX_PAGE_SIZE = 1000

INTEGRATION_WIRE_NAME = {attr: name for name, (attr, _) in INTEGRATION_PARAMS.items()}


def parse_flow_form(form: Mapping[str, str], *, creating: bool, strict: bool) -> tuple[dict[str, Any], dict[str, Any]]:
    """Validate a create or update body; return (flow fields, integration fields) keyed by model attribute.

    Raises UnknownParameterError (strict only), MissingParameterError or InvalidParameterError,
    for the first offending parameter.
    """
    if strict:
        reject_unknown(form, {**FLOW_PARAMS, **INTEGRATION_PARAMS})
    if creating:
        for name in REQUIRED_ON_CREATE:
            if form.get(name, "") == "":
                raise MissingParameterError(name)
    return convert_all(form, FLOW_PARAMS), convert_all(form, INTEGRATION_PARAMS)
