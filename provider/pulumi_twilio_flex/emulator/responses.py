"""Where the request and answer types and the Flex Flows handlers were before the services were split.

Kept so existing imports (``from pulumi_twilio_flex.emulator.responses import EmulatorResponse``) work; new
code imports from ``messages`` and ``services.flex.responses``.
"""

from __future__ import annotations

from .messages import DATE_FORMAT, EmulatorRequest, EmulatorResponse, FormData, format_date, lower_keys
from .paging import DEFAULT_PAGE_SIZE
from .services.flex.params import MAX_PAGE_SIZE
from .services.flex.responses import FlexFlowResponses, flow_to_json

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "MAX_PAGE_SIZE",
    "DATE_FORMAT",
    "EmulatorRequest",
    "EmulatorResponse",
    "FlexFlowResponses",
    "FormData",
    "flow_to_json",
    "format_date",
    "lower_keys",
]
