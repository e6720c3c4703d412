"""Errors of the address configurations API beyond the shared ones (exceptions.py at the package root)."""

from __future__ import annotations

from ...exceptions import FlexApiError


class AddressInUseError(FlexApiError):
    """A create for an address the account has already configured: an address is unique per account.

    Status and code are not verified against Twilio: neither the Address Configuration Resource page, the
    Conversations OpenAPI description (twilio_conversations_v1.json), twilio-python's
    conversations/v1/address_configuration.py nor Twilio's error catalogue (searched for address
    configuration conflicts; 50416/50425/50437 are participant bindings) names the error a duplicate
    gets. 409 Conflict is what Conversations answers for its other uniqueness rules, and the code
    follows this emulator's pattern where Twilio documents none (20000 + status, as ProtocolError).
    """

    status = 409
    code = 20409

    def __init__(self) -> None:
        super().__init__("An address configuration already exists for this address")
