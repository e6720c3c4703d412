"""Twilio Flex Flows as Pulumi resources.

    from pulumi_twilio_flex import FlexFlow, FlexFlowIntegrationArgs

The emulator of the Flex API lives in `pulumi_twilio_flex.emulator`.
"""

from ._errors import (
    ConfigurationError,
    FlexFlowError,
    FlexFlowNotFoundError,
    TransportError,
    TwilioApiError,
)
from ._resource import FlexFlow, FlexFlowArgs, FlexFlowIntegrationArgs

__all__ = [
    "ConfigurationError",
    "FlexFlow",
    "FlexFlowArgs",
    "FlexFlowError",
    "FlexFlowIntegrationArgs",
    "FlexFlowNotFoundError",
    "TransportError",
    "TwilioApiError",
]
