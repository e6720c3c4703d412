"""Flex Flows (`/v1/FlexFlows` on the Flex API)."""
