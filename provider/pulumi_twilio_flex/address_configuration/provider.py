"""`AddressConfigurationProvider`: the dynamic provider of `AddressConfiguration`.

Its module path and class name are pickled into the state of every stack that declares one: they never change.
"""

from __future__ import annotations

from .._resource_provider import TwilioResourceProvider
from .description import ADDRESS_CONFIGURATION


class AddressConfigurationProvider(TwilioResourceProvider):
    """Creates, reads, updates and deletes Conversations address configurations for `AddressConfiguration`."""

    description = ADDRESS_CONFIGURATION
