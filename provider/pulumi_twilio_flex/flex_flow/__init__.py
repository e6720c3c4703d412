"""Flex Flows (`/v1/FlexFlows`): the description, the `FlexFlow` resource and its provider."""
