"""Routes of the address configurations service: path pattern -> handler name of AddressConfigurationResponses.

``{Sid}`` is either the configuration's SID or its address (URL-encoded, e.g. ``%2B15551234567``).
"""

from __future__ import annotations

import re

from ...routing import Route

SERVICE = "conversations"

url_paths: tuple[Route, ...] = (
    Route(
        re.compile(r"/v1/Configuration/Addresses"),
        {"GET": "list_address_configurations", "POST": "create_address_configuration"},
        SERVICE,
    ),
    Route(
        re.compile(r"/v1/Configuration/Addresses/(?P<sid>[^/]+)"),
        {
            "GET": "fetch_address_configuration",
            "POST": "update_address_configuration",
            "DELETE": "delete_address_configuration",
        },
        SERVICE,
    ),
)

# Handler -> the operation the counters report, named after the resource beside the Flex Flows ones.
operations = {
    "create_address_configuration": "address_configuration.create",
    "fetch_address_configuration": "address_configuration.fetch",
    "update_address_configuration": "address_configuration.update",
    "delete_address_configuration": "address_configuration.delete",
    "list_address_configurations": "address_configuration.list",
}
