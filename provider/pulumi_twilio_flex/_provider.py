"""`pulumi_twilio_flex._provider.FlexFlowProvider` is pickled into the state of every stack made before each
resource had its folder: this name must go on importing, for those stacks to refresh, update and destroy.

The provider machinery is in `_resource_provider`; the Flex Flow provider in `flex_flow.provider`.
"""

from ._resource_provider import PROVIDER_KEY
from .flex_flow.provider import FlexFlowProvider

__all__ = ["PROVIDER_KEY", "FlexFlowProvider"]
