"""The base of every service's responses class: dispatch by handler name, Twilio errors as error bodies."""

from __future__ import annotations

from ..exceptions import FlexApiError
from ..messages import EmulatorRequest, EmulatorResponse


class ServiceResponses:
    """Parses a request, calls the service's backend, serializes the answer. Holds options, never request
    state. ``strict``: reject parameters the API does not define (Twilio ignores them)."""

    def __init__(self, *, strict: bool = False) -> None:
        self.strict = strict

    def dispatch(self, handler: str, request: EmulatorRequest) -> EmulatorResponse:
        try:
            response: EmulatorResponse = getattr(self, handler)(request)
        except FlexApiError as error:
            return EmulatorResponse.error(error)
        return response
