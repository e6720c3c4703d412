"""What a route is, for every service's ``urls`` and the emulator's own control routes."""

from __future__ import annotations

import re
from dataclasses import dataclass

CONTROL = "control"


@dataclass(frozen=True)
class Route:
    """One path; ``methods`` maps an HTTP method to a handler name of ``service``'s responses class.
    A ``control`` route is out of band: not counted, not delayed, no faults."""

    pattern: re.Pattern[str]
    methods: dict[str, str]
    service: str

    @property
    def control(self) -> bool:
        return self.service == CONTROL
