"""Provider inputs (snake_case, as a Pulumi program declares them) used by the contract tests.

Together the three integration types use every field of `_schema`; `UPDATE_FALSY` sets every field at once,
with the falsy values (false, 0, "") that an encoder is most likely to drop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

CHAT = "IS" + "0123456789abcdef" * 2
STUDIO_FLOW = "FW" + "1123456789abcdef" * 2
WORKSPACE = "WS" + "2123456789abcdef" * 2
WORKFLOW = "WW" + "3123456789abcdef" * 2
FLOW_SID = "FO" + "4123456789abcdef" * 2

_COMMON: dict[str, Any] = {
    "friendly_name": "Contract flow",
    "chat_service_sid": CHAT,
    "contact_identity": "+15005550006",
    "enabled": True,
    "long_lived": True,
    "janitor_enabled": True,
}

INPUTS_BY_TYPE: dict[str, dict[str, Any]] = {
    "studio": {
        **_COMMON,
        "channel_type": "sms",
        "integration_type": "studio",
        "integration": {"flow_sid": STUDIO_FLOW, "retry_count": 2, "creation_on_message": True},
    },
    "external": {
        **_COMMON,
        "channel_type": "web",
        "integration_type": "external",
        "integration": {"url": "https://example.com/flex/webhook?source=contract", "retry_count": 1},
    },
    # Numbers as Pulumi delivers them to a dynamic provider: floats.
    "task": {
        **_COMMON,
        "channel_type": "custom",
        "integration_type": "task",
        "integration": {
            "workspace_sid": WORKSPACE,
            "workflow_sid": WORKFLOW,
            "channel": "sms",
            "timeout": 3600.0,
            "priority": 5.0,
            "creation_on_message": False,
        },
    },
}

UPDATE_FALSY: dict[str, Any] = {
    "friendly_name": "Contract flow, renamed",
    "chat_service_sid": CHAT,
    "channel_type": "whatsapp",
    "contact_identity": "",
    "enabled": False,
    "integration_type": "task",
    "long_lived": False,
    "janitor_enabled": False,
    "integration": {
        "flow_sid": STUDIO_FLOW,
        "url": "https://example.com/flex/other",
        "workspace_sid": WORKSPACE,
        "workflow_sid": WORKFLOW,
        "channel": "default",
        "timeout": 0,
        "priority": 0,
        "creation_on_message": False,
        "retry_count": 0,
    },
}

MINIMAL_STUDIO: dict[str, Any] = {
    "friendly_name": "Contract flow",
    "chat_service_sid": CHAT,
    "channel_type": "sms",
    "integration_type": "studio",
    "integration": {"flow_sid": STUDIO_FLOW},
}


Params = dict[str, str]
Mutation = Callable[[Params], Params]


def _replace(name: str, value: str) -> Mutation:
    return lambda params: {**params, name: value}


def _rename(old: str, new: str) -> Mutation:
    return lambda params: {(new if key == old else key): value for key, value in params.items()}


# What a broken encoder could send, applied to the create parameters of the studio inputs:
# (label, mutation, text a violation must name).
BROKEN_ENCODINGS: list[tuple[str, Mutation, str]] = [
    ("boolean-as-python-str", _replace("Enabled", "True"), "Enabled"),
    ("boolean-as-1", _replace("LongLived", "1"), "LongLived"),
    ("misspelled-required-name", _rename("FriendlyName", "Friendlyname"), "FriendlyName"),
    ("snake-case-name", _rename("ChatServiceSid", "chat_service_sid"), "ChatServiceSid"),
    ("enum-in-wrong-case", _replace("ChannelType", "SMS"), "ChannelType"),
    ("sid-off-pattern", _replace("Integration.FlowSid", "FW123"), "Integration.FlowSid"),
    ("integer-as-word", _replace("Integration.RetryCount", "two"), "Integration.RetryCount"),
]
