"""Routes of the Flex Flows service: path pattern (named groups) -> handler name of FlexFlowResponses."""

from __future__ import annotations

import re

from ...routing import Route

SERVICE = "flex"

url_paths: tuple[Route, ...] = (
    Route(re.compile(r"/v1/FlexFlows"), {"GET": "list_flows", "POST": "create_flow"}, SERVICE),
    Route(
        re.compile(r"/v1/FlexFlows/(?P<sid>[^/]+)"),
        {"GET": "fetch_flow", "POST": "update_flow", "DELETE": "delete_flow"},
        SERVICE,
    ),
)

# Handler -> the operation the counters report (the keys the Flex Flows counters always had).
operations = {
    "create_flow": "create",
    "fetch_flow": "fetch",
    "update_flow": "update",
    "delete_flow": "delete",
    "list_flows": "list",
}
