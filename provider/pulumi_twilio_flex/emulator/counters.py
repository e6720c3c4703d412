"""Counters of requests by operation and outcome, of injected faults and of TCP connections opened.

Requests are counted per service, under their operation. Connections opened are the proof of keep-alive:
one ``requests.Session`` doing many requests opens one. Control routes are not counted.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from .faults import FAULT_CODES, LOST_RESPONSE

OTHER = "other"


def operation_of(handler: str | None, operations: Mapping[str, str]) -> str:
    """The counted operation of a route handler name (``other`` for no route or an unknown one).

    ``operations``: handler -> operation, from the services' urls (Flex Flows count as ``create``...,
    address configurations as ``address_configuration.create``...).
    """
    return operations.get(handler or "", OTHER)


class Counters:
    """Thread-safe tallies, read as the JSON the control route answers."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.clear()

    def clear(self) -> None:
        with self._lock:
            self._connections = 0
            self._total = 0
            self._requests: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
            self._faults = dict.fromkeys((*FAULT_CODES, LOST_RESPONSE), 0)

    def connection_opened(self) -> None:
        with self._lock:
            self._connections += 1

    def request(self, operation: str, outcome: str) -> None:
        """Count one answered request; ``outcome`` is the status, ``fault-<code>`` or ``lost``."""
        with self._lock:
            self._total += 1
            self._requests[operation][outcome] += 1
            if outcome.startswith("fault-"):
                self._faults[outcome[len("fault-") :]] += 1
            elif outcome == "lost":
                self._faults[LOST_RESPONSE] += 1

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "connections_opened": self._connections,
                "requests_total": self._total,
                "requests": {operation: dict(outcomes) for operation, outcomes in self._requests.items()},
                "faults_injected": dict(self._faults),
            }
