"""Route table of the emulator: path pattern (named groups) -> handler name per HTTP method."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Route:
    """One path; ``methods`` maps an HTTP method to a handler name: of FlexFlowResponses for the API,
    of ControlResponses for a ``control`` route (out of band, not counted, not delayed, no faults)."""

    pattern: re.Pattern[str]
    methods: dict[str, str]
    control: bool = False


url_paths: tuple[Route, ...] = (
    Route(re.compile(r"/v1/FlexFlows"), {"GET": "list_flows", "POST": "create_flow"}),
    Route(
        re.compile(r"/v1/FlexFlows/(?P<sid>[^/]+)"),
        {"GET": "fetch_flow", "POST": "update_flow", "DELETE": "delete_flow"},
    ),
    # Out of band: not part of Twilio's API, for demos, tests and users' CI.
    Route(re.compile(r"/__emulator/reset"), {"POST": "reset"}, control=True),
    Route(re.compile(r"/__emulator/faults"), {"GET": "get_faults", "POST": "set_faults"}, control=True),
    Route(re.compile(r"/__emulator/counters"), {"GET": "get_counters", "DELETE": "clear_counters"}, control=True),
)


def match(path: str) -> tuple[Route, dict[str, str]] | None:
    """The route for ``path`` and its captured groups, or None."""
    for route in url_paths:
        found = route.pattern.fullmatch(path)
        if found:
            return route, found.groupdict()
    return None
