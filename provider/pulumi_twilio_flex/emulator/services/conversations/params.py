"""The wire parameters of the address configurations API: names, conversions and validation.

Details of refused values name the rule, never the value sent (an address is personal data).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ...converters import Converter, booleans, convert_all, integer, reject_unknown, sid
from ...exceptions import InvalidParameterError, MissingParameterError
from ...messages import FormData
from .models import ADDRESS_TYPES, AUTO_CREATION_TYPES, WEBHOOK_FILTERS, WEBHOOK_METHODS

MAX_FRIENDLY_NAME = 256
MAX_PAGE_SIZE = 50  # the spec's maximum for this endpoint (Flex Flows allow 1000)


def _one_of(allowed: tuple[str, ...], normalize: Callable[[str], str]) -> Converter:
    """Any letter case of an allowed value, returned through ``normalize``."""
    folded = {value.lower() for value in allowed}

    def convert(raw: str) -> str:
        if raw.lower() not in folded:
            raise ValueError(f"must be one of {', '.join(allowed)}")
        return normalize(raw)

    return convert


def _friendly_name(raw: str) -> str:
    if len(raw) > MAX_FRIENDLY_NAME:
        raise ValueError(f"must be at most {MAX_FRIENDLY_NAME} characters")
    return raw


def _address(raw: str) -> str:
    # A "/" could not be fetched back by address, the path being split on it.
    if raw.strip() == "" or any(ord(c) < 32 or c == "/" for c in raw):
        raise ValueError("must not be blank, nor hold control characters or /")
    return raw


def _url(raw: str) -> str:
    if not re.fullmatch(r"https?://[^\s/?#]+[^\s]*", raw, re.ASCII | re.IGNORECASE):
        raise ValueError("must be an absolute http(s) URL")
    return raw


def _retry_count(raw: str) -> int:
    try:
        return integer(raw, minimum=0)
    except ValueError:
        raise ValueError("must be a whole number of at least 0") from None


def _any(raw: str) -> str:
    return raw


# Wire name -> (attribute, converter), in the order Twilio documents them.
CREATE_PARAMS: dict[str, tuple[str, Converter]] = {
    "Type": ("type", _one_of(ADDRESS_TYPES, str)),  # kept as sent: Twilio echoes its case
    "Address": ("address", _address),
    "FriendlyName": ("friendly_name", _friendly_name),
    "AddressCountry": ("address_country", _any),
}
AUTO_CREATION_PARAMS: dict[str, tuple[str, Converter]] = {
    "AutoCreation.Enabled": ("enabled", booleans(echo=False)),
    "AutoCreation.Type": ("type", _one_of(AUTO_CREATION_TYPES, str.lower)),
    "AutoCreation.ConversationServiceSid": ("conversation_service_sid", sid("IS", echo=False)),
    "AutoCreation.WebhookUrl": ("webhook_url", _url),
    "AutoCreation.WebhookMethod": ("webhook_method", _one_of(WEBHOOK_METHODS, str.upper)),  # reported as POST
    "AutoCreation.WebhookFilters": ("webhook_filters", _any),  # a list: see webhook_filters()
    "AutoCreation.StudioFlowSid": ("studio_flow_sid", sid("FW", echo=False)),
    "AutoCreation.StudioRetryCount": ("studio_retry_count", _retry_count),
}
UPDATE_PARAMS = ("FriendlyName", *AUTO_CREATION_PARAMS)
REQUIRED_ON_CREATE = ("Type", "Address")
LIST_PARAMS = ("Type", "PageSize", "Page", "PageToken")
FILTERS = "AutoCreation.WebhookFilters"


def webhook_filters(form: FormData) -> list[str]:
    """Every value of the repeated key, in order; an empty value alone clears the list."""
    values = [value for value in form.getlist(FILTERS) if value != ""]
    for value in values:
        if value not in WEBHOOK_FILTERS:
            raise InvalidParameterError(FILTERS, f"each must be one of {', '.join(WEBHOOK_FILTERS)}")
    return values


def _convert(form: FormData, specs: dict[str, tuple[str, Converter]]) -> dict[str, Any]:
    """`convert_all` of the single-valued parameters, and the filters from every value of their repeated key."""
    values = convert_all(form, {name: spec for name, spec in specs.items() if name != FILTERS})
    if FILTERS in specs and FILTERS in form:
        values[specs[FILTERS][0]] = webhook_filters(form)
    return values


def parse_create_form(form: FormData, *, strict: bool) -> tuple[dict[str, Any], dict[str, Any]]:
    """(configuration fields, auto_creation keys) of a create body, by attribute; the first error raised."""
    if strict:
        reject_unknown(form, {**CREATE_PARAMS, **AUTO_CREATION_PARAMS})
    for name in REQUIRED_ON_CREATE:
        if form.get(name, "") == "":
            raise MissingParameterError(name)
    return _convert(form, CREATE_PARAMS), _convert(form, AUTO_CREATION_PARAMS)


def parse_update_form(form: FormData, *, strict: bool) -> tuple[dict[str, Any], dict[str, Any]]:
    """(fields, auto_creation keys) of an update body. Type, Address and AddressCountry are not
    parameters of the update (spec and SDK): ignored like any unknown parameter, refused when strict."""
    if strict:
        reject_unknown(form, UPDATE_PARAMS)
    fields = _convert(form, {"FriendlyName": CREATE_PARAMS["FriendlyName"]})
    return fields, _convert(form, AUTO_CREATION_PARAMS)
