"""Out-of-band control routes (not Twilio's API): reset, fault settings and counters of every service, as JSON."""

from __future__ import annotations

import json

from .counters import Counters
from .exceptions import BadRequestError
from .faults import FaultInjector
from .messages import EmulatorRequest, EmulatorResponse
from .models import EmulatorBackend
from .services.base import Handlers


class ControlResponses(Handlers):
    """Handlers of ``/__emulator/*``; the app authenticates them (the emulator's token, when one is set)."""

    def __init__(self, backend: EmulatorBackend, injector: FaultInjector, counters: Counters) -> None:
        self.backend = backend
        self.injector = injector
        self.counters = counters

    def reset(self, request: EmulatorRequest) -> EmulatorResponse:
        self.backend.reset()
        return EmulatorResponse.empty(204)

    def get_faults(self, request: EmulatorRequest) -> EmulatorResponse:
        return EmulatorResponse.json(200, self.injector.settings.to_json())

    def set_faults(self, request: EmulatorRequest) -> EmulatorResponse:
        try:
            changes = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise BadRequestError("body", "The body must be a JSON object of fault settings") from None
        if not isinstance(changes, dict):
            raise BadRequestError("body", "The body must be a JSON object of fault settings")
        return EmulatorResponse.json(200, self.injector.update(changes).to_json())

    def get_counters(self, request: EmulatorRequest) -> EmulatorResponse:
        return EmulatorResponse.json(200, self.counters.snapshot())

    def clear_counters(self, request: EmulatorRequest) -> EmulatorResponse:
        self.counters.clear()
        return EmulatorResponse.empty(204)
