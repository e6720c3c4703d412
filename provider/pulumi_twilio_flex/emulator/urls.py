"""The emulator's route table: every service's routes side by side, then the control routes.

One emulator, one port: a request is routed by its path alone, so the same base URL serves as the Flex
API's and the Conversations API's.
"""

from __future__ import annotations

import re

from .routing import CONTROL, Route
from .services.conversations import urls as conversations
from .services.flex import urls as flex

url_paths: tuple[Route, ...] = (
    *flex.url_paths,
    *conversations.url_paths,
    # Out of band: not part of Twilio's API, for demos, tests and users' CI.
    Route(re.compile(r"/__emulator/reset"), {"POST": "reset"}, CONTROL),
    Route(re.compile(r"/__emulator/faults"), {"GET": "get_faults", "POST": "set_faults"}, CONTROL),
    Route(re.compile(r"/__emulator/counters"), {"GET": "get_counters", "DELETE": "clear_counters"}, CONTROL),
)

# Handler name -> the operation the counters report.
operations: dict[str, str] = {**flex.operations, **conversations.operations}


def match(path: str) -> tuple[Route, dict[str, str]] | None:
    """The route for ``path`` and its captured groups, or None."""
    for route in url_paths:
        found = route.pattern.fullmatch(path)
        if found:
            return route, found.groupdict()
    return None
