"""The wire parameters of the Flex Flows API: names, conversions and validation, as Twilio applies them.

Converters take the raw form or query string and return the Python value, or raise ValueError with a
detail that becomes ``Invalid parameter <Name>: <detail>``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from .exceptions import InvalidParameterError, MissingParameterError, UnknownParameterError
from .models import CHANNEL_TYPES, INTEGRATION_TYPES

Converter = Callable[[str], Any]

_INTEGER = re.compile(r"[+-]?[0-9]+", re.ASCII)
INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1
FLOW_SID_PATTERN = re.compile(r"FO[0-9a-fA-F]{32}", re.ASCII)


def _text(raw: str) -> str:
    if raw == "":
        raise ValueError("must not be empty")
    return raw


def _contact_identity(raw: str) -> str | None:
    return raw or None  # "" clears it


def _enum(allowed: tuple[str, ...]) -> Converter:
    def convert(raw: str) -> str:
        if raw not in allowed:
            raise ValueError(f"{raw!r} is not one of {', '.join(allowed)}")
        return raw

    return convert


def _sid(prefix: str) -> Converter:
    pattern = re.compile(prefix + r"[0-9a-fA-F]{32}", re.ASCII)

    def convert(raw: str) -> str:
        if not pattern.fullmatch(raw):
            raise ValueError(f"{raw!r} does not match ^{prefix}[0-9a-fA-F]{{32}}$")
        return raw

    return convert


def _boolean(raw: str) -> bool:
    # `true`/`false` in any letter case: twilio-python before 9.x sent `True`/`False`, and Twilio accepts them.
    if raw.lower() not in ("true", "false"):
        raise ValueError(f"{raw!r} is not a boolean (true or false)")
    return raw.lower() == "true"


def integer(raw: str, minimum: int | None = None, maximum: int | None = None) -> int:
    """A decimal 32-bit integer within [minimum, maximum]; ValueError with a detail otherwise.

    Twilio's integer parameters are 32-bit; a longer one is refused rather than stored, since a stored
    value beyond 32 bits breaks clients that read it back (the Go SDK's list).
    """
    if not _INTEGER.fullmatch(raw):
        raise ValueError(f"{raw!r} is not an integer")
    digits = raw.lstrip("+-").lstrip("0")
    if len(digits) > 10 or not INT32_MIN <= int(raw) <= INT32_MAX:
        shown = raw if len(raw) <= 24 else f"{raw[:20]}... ({len(raw)} characters)"
        raise ValueError(f"{shown} is not a 32-bit integer")
    value = int(raw)
    if minimum is not None and maximum is not None and not minimum <= value <= maximum:
        raise ValueError(f"{value} is not between {minimum} and {maximum}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{value} is less than {minimum}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{value} is greater than {maximum}")
    return value


def _integer(minimum: int | None = None, maximum: int | None = None) -> Converter:
    return lambda raw: integer(raw, minimum, maximum)


def _url(raw: str) -> str:
    try:
        parts = urlsplit(raw)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in raw):
        raise ValueError(f"{raw!r} is not an absolute http(s) URL")
    return raw


# Wire name -> (model attribute, converter), in the order Twilio documents them.
FLOW_PARAMS: dict[str, tuple[str, Converter]] = {
    "FriendlyName": ("friendly_name", _text),
    "ChatServiceSid": ("chat_service_sid", _sid("IS")),
    "ChannelType": ("channel_type", _enum(CHANNEL_TYPES)),
    "ContactIdentity": ("contact_identity", _contact_identity),
    "Enabled": ("enabled", _boolean),
    "IntegrationType": ("integration_type", _enum(INTEGRATION_TYPES)),
    "LongLived": ("long_lived", _boolean),
    "JanitorEnabled": ("janitor_enabled", _boolean),
}
INTEGRATION_PARAMS: dict[str, tuple[str, Converter]] = {
    "Integration.FlowSid": ("flow_sid", _sid("FW")),
    "Integration.Url": ("url", _url),
    "Integration.WorkspaceSid": ("workspace_sid", _sid("WS")),
    "Integration.WorkflowSid": ("workflow_sid", _sid("WW")),
    "Integration.Channel": ("channel", _text),
    "Integration.Timeout": ("timeout", _integer(minimum=0)),
    "Integration.Priority": ("priority", _integer(minimum=0)),
    "Integration.CreationOnMessage": ("creation_on_message", _boolean),
    "Integration.RetryCount": ("retry_count", _integer(0, 3)),
}
REQUIRED_ON_CREATE = ("FriendlyName", "ChatServiceSid", "ChannelType")
LIST_PARAMS = ("FriendlyName", "PageSize", "Page", "PageToken")

INTEGRATION_WIRE_NAME = {attr: name for name, (attr, _) in INTEGRATION_PARAMS.items()}


def reject_unknown(params: Mapping[str, str], known: tuple[str, ...] | Mapping[str, Any]) -> None:
    """UnknownParameterError for the first parameter not in ``known``."""
    for name in params:
        if name not in known:
            raise UnknownParameterError(name)


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
    fields = _convert(form, FLOW_PARAMS)
    integration = _convert(form, INTEGRATION_PARAMS)
    return fields, integration


def _convert(form: Mapping[str, str], specs: Mapping[str, tuple[str, Converter]]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, (attr, convert) in specs.items():
        if name not in form:
            continue
        try:
            values[attr] = convert(form[name])
        except ValueError as exc:
            raise InvalidParameterError(name, str(exc)) from None
    return values
