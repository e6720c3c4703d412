"""Where the Flex Flows wire parameters were before the services were split.

Kept so existing imports (``from pulumi_twilio_flex.emulator import params``) work; the tables live in
``services.flex.params``, the shared converters in ``converters``.
"""

from __future__ import annotations

from .converters import INT32_MAX, INT32_MIN, Converter, integer, reject_unknown
from .services.flex.models import CHANNEL_TYPES, INTEGRATION_TYPES
from .services.flex.params import (
    FLOW_PARAMS,
    FLOW_SID_PATTERN,
    INTEGRATION_PARAMS,
    INTEGRATION_WIRE_NAME,
    LIST_PARAMS,
    REQUIRED_ON_CREATE,
    parse_flow_form,
)

__all__ = [
    "CHANNEL_TYPES",
    "INTEGRATION_TYPES",
    "INT32_MAX",
    "INT32_MIN",
    "Converter",
    "FLOW_PARAMS",
    "FLOW_SID_PATTERN",
    "INTEGRATION_PARAMS",
    "INTEGRATION_WIRE_NAME",
    "LIST_PARAMS",
    "REQUIRED_ON_CREATE",
    "integer",
    "parse_flow_form",
    "reject_unknown",
]
