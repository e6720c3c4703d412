"""Where `FlexFlow` lived before each resource had its folder; kept so that imports of it go on working."""

from .flex_flow.resource import FlexFlow, FlexFlowArgs, FlexFlowIntegrationArgs

__all__ = ["FlexFlow", "FlexFlowArgs", "FlexFlowIntegrationArgs"]
