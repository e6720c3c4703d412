"""The rules `check` enforces before any request is sent; each failure names the property and the rule.

Secret inputs reach `check` unwrapped (the dynamic provider server accepts no secrets), so the provider cannot
tell a secret from a plain value. Reasons therefore never repeat an input's value: they say what the value is
(`got a string`) instead. Callers that read plain text they own, such as a YAML catalog, may ask for the values
with `reveal=True`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from ._schema import (
    ADOPT_SID,
    ADOPT_SID_FIELD,
    CHANNEL_TYPES,
    DEFAULT_INTEGRATION_TYPE,
    FLOW_FIELDS,
    INPUT_NAMES,
    INTEGRATION,
    INTEGRATION_FIELDS,
    INTEGRATION_FIELDS_BY_NAME,
    INTEGRATION_TYPES,
    REQUIRED_INTEGRATION_FIELDS,
    Field,
)
from ._values import is_http_url, is_integer, is_unknown

Failure = tuple[str, str]  # (property path, reason)

INT32_MAX = 2**31 - 1  # Twilio's integer parameters are 32-bit
INTEGER_RANGES: dict[str, tuple[int, int]] = {
    "retry_count": (0, 3),
    "timeout": (0, INT32_MAX),
    "priority": (0, INT32_MAX),
}
INT32_RANGE = (-INT32_MAX - 1, INT32_MAX)
NON_EMPTY: frozenset[str] = frozenset({"friendly_name", "channel"})  # blank values Twilio refuses


def validate(inputs: Mapping[str, Any], *, reveal: bool = False) -> list[Failure]:
    """Every rule broken by these (normalized) inputs; unknown values are skipped, never failures.

    With `reveal`, reasons end with the offending value (`got 'pigeon'`); without, with its kind only.
    """
    rules = _Rules(reveal, show_type=reveal or "integration_type" not in inputs)
    failures: list[Failure] = []
    for name in inputs:
        if name not in INPUT_NAMES and name != ADOPT_SID and not name.startswith("__"):
            failures.append(
                (name, f"is not a Flex Flow property; expected one of {', '.join((*INPUT_NAMES, ADOPT_SID))}")
            )
    for field in (*FLOW_FIELDS, ADOPT_SID_FIELD):
        failures += rules.field(field, field.name, inputs.get(field.name))
    channel_type = inputs.get("channel_type")
    if isinstance(channel_type, str) and channel_type not in CHANNEL_TYPES:
        failures.append(("channel_type", rules.one_of(CHANNEL_TYPES, channel_type)))
    integration_type = inputs.get("integration_type", DEFAULT_INTEGRATION_TYPE)
    if isinstance(integration_type, str) and integration_type not in INTEGRATION_TYPES:
        failures.append(("integration_type", rules.one_of(INTEGRATION_TYPES, integration_type)))
    failures += rules.integration(inputs.get(INTEGRATION), integration_type)
    return failures


def describe(value: Any) -> str:
    """What a value is, without what it says: safe to print for a secret."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "an empty string" if not value else "a string"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, (list, tuple)):
        return "a list"
    return "a value of another type"


def has_control_character(value: str) -> bool:
    return any(unicodedata.category(char) == "Cc" for char in value)


class _Rules:
    """The rules, with the one decision of how a reason refers to the value it rejects."""

    def __init__(self, reveal: bool, show_type: bool) -> None:
        self.reveal = reveal
        self.show_type = show_type  # the default integration type is no secret

    def got(self, value: Any, *, always: bool = False) -> str:
        """`; got ...`: the value when revealing; its kind when that is the problem (`always`); else nothing."""
        if self.reveal:
            return f"; got {value!r}"
        return f"; got {describe(value)}" if always else ""

    def when(self, integration_type: str) -> str:
        """Names a declared integration type only when revealing: even an enum value may have arrived as a secret."""
        return (
            f"when integration_type is {integration_type!r}" if self.show_type else "for the declared integration_type"
        )

    def one_of(self, allowed: tuple[str, ...], value: Any) -> str:
        return f"must be one of {', '.join(allowed)}{self.got(value)}"

    def field(self, field: Field, path: str, value: Any) -> list[Failure]:
        if is_unknown(value):
            return []
        if value is None:
            return [(path, "is required")] if field.required else []
        if field.kind is bool and not isinstance(value, bool):
            return [(path, f"must be a boolean (true or false){self.got(value, always=True)}")]
        if field.kind is int:
            return self._integer(field, path, value)
        if field.kind is str:
            return self._string(field, path, value)
        return []

    def _integer(self, field: Field, path: str, value: Any) -> list[Failure]:
        if not is_integer(value):
            return [(path, f"must be an integer{self.got(value, always=True)}")]
        low, high = INTEGER_RANGES.get(field.name, INT32_RANGE)
        if not low <= value <= high:
            return [(path, f"must be an integer between {low} and {high}{self.got(value)}")]
        return []

    def _string(self, field: Field, path: str, value: Any) -> list[Failure]:
        if not isinstance(value, str):
            return [(path, f"must be a string{self.got(value, always=True)}")]
        if field.name in NON_EMPTY and not value.strip():
            rule = "is required and must not be empty" if field.required else "must not be empty when set"
            return [(path, rule)]
        if has_control_character(value):
            return [(path, f"must not contain control characters (such as NUL, tab or newline){self.got(value)}")]
        if field.pattern and not re.fullmatch(field.pattern, value):
            prefix = field.pattern[:2]
            return [(path, f"must be a SID of the form {prefix} followed by 32 hex digits{self.got(value)}")]
        if field.name == "url" and not is_http_url(value):
            return [(path, f"must be an absolute http(s) URL{self.got(value)}")]
        return []

    def integration(self, integration: Any, integration_type: Any) -> list[Failure]:
        if integration is None:
            integration = {}
        if is_unknown(integration):
            return []
        if not isinstance(integration, Mapping):
            rule = f"must be an object (FlexFlowIntegrationArgs or a dict){self.got(integration, always=True)}"
            return [(INTEGRATION, rule)]
        failures: list[Failure] = []
        known_type = isinstance(integration_type, str) and integration_type in INTEGRATION_TYPES
        for name, value in integration.items():
            path = f"{INTEGRATION}.{name}"
            field = INTEGRATION_FIELDS_BY_NAME.get(name)
            if field is None:
                names = ", ".join(f.name for f in INTEGRATION_FIELDS)
                failures.append((path, f"is not an integration property; expected one of {names}"))
            elif known_type and integration_type not in field.applies_to:
                applies = ", ".join(field.applies_to)
                failures.append((path, f"does not apply {self.when(integration_type)}; it applies to: {applies}"))
            else:
                failures += self.field(field, path, value)
        if known_type:
            for name in REQUIRED_INTEGRATION_FIELDS[integration_type]:
                if integration.get(name) is None:
                    failures.append((f"{INTEGRATION}.{name}", f"is required {self.when(integration_type)}"))
        return failures
