"""Conversations address configurations (`/v1/Configuration/Addresses`): the description, the `AddressConfiguration`
resource and its provider."""
