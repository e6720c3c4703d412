"""The rules `check` enforces before any request is sent; each failure names the property and the rule."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlparse

from ._adoption import ADOPT_SID, ADOPT_SID_FIELD
from ._schema import (
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
from ._values import is_integer, is_unknown

Failure = tuple[str, str]  # (property path, reason)

_RANGES: dict[str, tuple[int, int | None]] = {
    "retry_count": (0, 3),
    "timeout": (0, None),
    "priority": (0, None),
}


def validate(inputs: Mapping[str, Any]) -> list[Failure]:
    """Every rule broken by these (normalized) inputs; unknown values are skipped, never failures."""
    failures: list[Failure] = []
    for name in inputs:
        if name not in INPUT_NAMES and name != ADOPT_SID and not name.startswith("__"):
            failures.append((name, f"is not a Flex Flow property; expected one of {', '.join(INPUT_NAMES)}"))
    for field in (*FLOW_FIELDS, ADOPT_SID_FIELD):
        failures += _check_field(field, field.name, inputs.get(field.name))
    channel_type = inputs.get("channel_type")
    if isinstance(channel_type, str) and channel_type not in CHANNEL_TYPES:
        failures.append(("channel_type", f"must be one of {', '.join(CHANNEL_TYPES)}; got {channel_type!r}"))
    integration_type = inputs.get("integration_type", DEFAULT_INTEGRATION_TYPE)
    if isinstance(integration_type, str) and integration_type not in INTEGRATION_TYPES:
        failures.append(
            ("integration_type", f"must be one of {', '.join(INTEGRATION_TYPES)}; got {integration_type!r}")
        )
    failures += _check_integration(inputs.get(INTEGRATION), integration_type)
    return failures


def _check_field(field: Field, path: str, value: Any) -> list[Failure]:
    if is_unknown(value):
        return []
    if value is None:
        return [(path, "is required")] if field.required else []
    if field.kind is bool and not isinstance(value, bool):
        return [(path, f"must be a boolean (true or false); got {value!r}")]
    if field.kind is int:
        if not is_integer(value):
            return [(path, f"must be an integer; got {value!r}")]
        low, high = _RANGES.get(field.name, (None, None))
        if low is not None and value < low or high is not None and value > high:
            rule = f"between {low} and {high}" if high is not None else f"at least {low}"
            return [(path, f"must be an integer {rule}; got {value}")]
    if field.kind is str:
        if not isinstance(value, str):
            return [(path, f"must be a string; got {value!r}")]
        if field.required and not value.strip():
            return [(path, "is required and must not be empty")]
        if field.pattern and not re.fullmatch(field.pattern, value):
            prefix = field.pattern[:2]
            return [(path, f"must be a SID of the form {prefix} followed by 32 hex digits; got {value!r}")]
    return []


def _check_integration(integration: Any, integration_type: Any) -> list[Failure]:
    if integration is None:
        integration = {}
    if is_unknown(integration):
        return []
    if not isinstance(integration, Mapping):
        return [(INTEGRATION, f"must be an object (FlexFlowIntegrationArgs or a dict); got {integration!r}")]
    failures: list[Failure] = []
    known_type = isinstance(integration_type, str) and integration_type in INTEGRATION_TYPES
    for name, value in integration.items():
        path = f"{INTEGRATION}.{name}"
        field = INTEGRATION_FIELDS_BY_NAME.get(name)
        if field is None:
            names = ", ".join(f.name for f in INTEGRATION_FIELDS)
            failures.append((path, f"is not an integration property; expected one of {names}"))
            continue
        if known_type and integration_type not in field.applies_to:
            failures.append(
                (
                    path,
                    f"does not apply when integration_type is {integration_type!r}; "
                    f"it applies to: {', '.join(field.applies_to)}",
                )
            )
            continue
        failures += _check_field(field, path, value)
        if name == "url" and isinstance(value, str) and not _is_http_url(value):
            failures.append((path, f"must be an absolute http(s) URL; got {value!r}"))
    if known_type:
        for name in REQUIRED_INTEGRATION_FIELDS[integration_type]:
            if integration.get(name) is None:
                failures.append((f"{INTEGRATION}.{name}", f"is required when integration_type is {integration_type!r}"))
    return failures


def _is_http_url(value: str) -> bool:
    parsed = urlparse(value)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc) and " " not in value
