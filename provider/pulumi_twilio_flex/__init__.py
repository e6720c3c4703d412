"""Twilio Flex Flows as Pulumi resources.

    from pulumi_twilio_flex import FlexFlow, FlexFlowIntegrationArgs

    flows = flows_from_yaml("flows.yaml")   # the YAML catalog, checked whole before anything is declared

`python -m pulumi_twilio_flex scan` prints the declarations that adopt an account's existing flows.
The emulator of the Flex API lives in `pulumi_twilio_flex.emulator`.
"""

from ._catalog import CatalogError, flows_from_yaml
from ._errors import (
    ConfigurationError,
    FlexFlowError,
    FlexFlowNotFoundError,
    TransportError,
    TwilioApiError,
)
from ._resource import FlexFlow, FlexFlowArgs, FlexFlowIntegrationArgs
from ._version import __version__ as __version__

__all__ = [
    "CatalogError",
    "ConfigurationError",
    "FlexFlow",
    "FlexFlowArgs",
    "FlexFlowError",
    "FlexFlowIntegrationArgs",
    "FlexFlowNotFoundError",
    "TransportError",
    "TwilioApiError",
    "flows_from_yaml",
]
