"""`FlexFlowProvider`: the dynamic provider of `FlexFlow`.

Its module path and class name are pickled into the state of every stack made since this layout; stacks made
before it pickle `pulumi_twilio_flex._provider.FlexFlowProvider`, which names this same class.
"""

from __future__ import annotations

from .._resource_provider import TwilioResourceProvider
from .description import FLEX_FLOW


class FlexFlowProvider(TwilioResourceProvider):
    """Creates, reads, updates and deletes Twilio Flex Flows for the `FlexFlow` resource."""

    description = FLEX_FLOW
