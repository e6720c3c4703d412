"""The emulator's whole state: one backend per service side by side, the shared clock and the request journal.

Like moto's backends, each service keeps its own resources (``flex``: Flex Flows, ``conversations``: address
configurations), all per Account SID; ``reset`` forgets every one. The Flex Flows methods stay on the root
for the callers that use them directly. No HTTP here.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from .messages import FormData
from .services.conversations.models import AddressConfigurationsBackend
from .services.flex.models import (
    ANY_TYPE_INTEGRATION_KEYS,
    CHANNEL_TYPES,
    FLOW_FIELDS,
    INTEGRATION_DEFAULTS,
    INTEGRATION_TYPES,
    FlexFlow,
    FlexFlowsBackend,
    IntegrationIncompleteError,
)
from .state import Clock, utc_now

JournalEntry = tuple[str, str, dict[str, str]]

__all__ = [
    "ANY_TYPE_INTEGRATION_KEYS",
    "CHANNEL_TYPES",
    "FLOW_FIELDS",
    "INTEGRATION_DEFAULTS",
    "INTEGRATION_TYPES",
    "EmulatorBackend",
    "FlexFlow",
    "IntegrationIncompleteError",
    "JournalEntry",
]


class EmulatorBackend:
    """All emulator state: the services' backends, the request journal, the clock (``clock`` may be replaced).

    Thread-safe: the threaded server calls it from many threads.
    """

    def __init__(self, *, clock: Clock | None = None, enabled_default: bool = False) -> None:
        self.clock: Clock = clock or utc_now
        self.journal: list[JournalEntry] = []
        self._lock = threading.Lock()
        self.flex = FlexFlowsBackend(lambda: self.clock, enabled_default=enabled_default)
        self.conversations = AddressConfigurationsBackend(lambda: self.clock)

    @property
    def enabled_default(self) -> bool:
        """A Flex Flow's ``enabled`` when its create does not send it."""
        return self.flex.enabled_default

    @enabled_default.setter
    def enabled_default(self, value: bool) -> None:
        self.flex.enabled_default = value

    def reset(self) -> None:
        """Forget every resource of every service and account, and clear the journal."""
        self.flex.reset()
        self.conversations.reset()
        with self._lock:
            self.journal.clear()

    def record(self, method: str, path: str, params: Mapping[str, str]) -> None:
        """Append a received request to the journal (a FormData keeps repeated names: ``getlist``)."""
        copy = params.copy() if isinstance(params, FormData) else dict(params)
        with self._lock:
            self.journal.append((method, path, copy))

    # -- Flex Flows, as before the services were split ----------------------------------------------

    def create_flow(self, account_sid: str, fields: Mapping[str, Any], integration: Mapping[str, Any]) -> FlexFlow:
        return self.flex.create_flow(account_sid, fields, integration)

    def get_flow(self, account_sid: str, sid: str) -> FlexFlow:
        return self.flex.get_flow(account_sid, sid)

    def update_flow(
        self, account_sid: str, sid: str, fields: Mapping[str, Any], integration: Mapping[str, Any]
    ) -> FlexFlow:
        return self.flex.update_flow(account_sid, sid, fields, integration)

    def delete_flow(self, account_sid: str, sid: str) -> None:
        self.flex.delete_flow(account_sid, sid)

    def list_flows(self, account_sid: str, friendly_name: str | None = None) -> list[FlexFlow]:
        return self.flex.list_flows(account_sid, friendly_name)
