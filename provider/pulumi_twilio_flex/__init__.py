"""Twilio Flex's messaging addresses as Pulumi resources: Flex Flows (legacy) and Conversations address
configurations.

    from pulumi_twilio_flex import AddressConfiguration, FlexFlow, FlexFlowIntegrationArgs

    flows = flows_from_yaml("flows.yaml")   # the YAML catalog, checked whole before anything is declared

`python -m pulumi_twilio_flex scan` prints the declarations that adopt an account's existing flows.
The emulator of the Flex API lives in `pulumi_twilio_flex.emulator`.
"""

from ._catalog import CatalogError, addresses_from_yaml, flows_from_yaml
from ._errors import (
    ConfigurationError,
    FlexFlowError,
    FlexFlowNotFoundError,
    NotFoundError,
    TransportError,
    TwilioApiError,
)
from ._version import __version__ as __version__
from .address_configuration.resource import (
    AddressConfiguration,
    AddressConfigurationArgs,
    AddressConfigurationAutoCreationArgs,
)
from .flex_flow.resource import FlexFlow, FlexFlowArgs, FlexFlowIntegrationArgs

__all__ = [
    "AddressConfiguration",
    "AddressConfigurationArgs",
    "AddressConfigurationAutoCreationArgs",
    "CatalogError",
    "ConfigurationError",
    "FlexFlow",
    "FlexFlowArgs",
    "FlexFlowError",
    "FlexFlowIntegrationArgs",
    "FlexFlowNotFoundError",
    "NotFoundError",
    "TransportError",
    "TwilioApiError",
    "addresses_from_yaml",
    "flows_from_yaml",
]
