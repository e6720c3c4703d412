"""Twilio's OpenAPI description of Conversations v1 (twilio_conversations_v1.json): where it is, and the parts
that describe address configurations (`/v1/Configuration/Addresses`).

The file is found through CONVERSATIONS_OPENAPI_SPEC, default ../shared/twilio-oai/twilio_conversations_v1.json
beside the repository; a missing file fails the tests that need it, with a message saying where to get it.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from flex_oai import FORM, REPO_ROOT, inline_refs

SPEC_ENV = "CONVERSATIONS_OPENAPI_SPEC"
DEFAULT_SPEC = REPO_ROOT.parent / "shared" / "twilio-oai" / "twilio_conversations_v1.json"

LIST_PATH = "/v1/Configuration/Addresses"
INSTANCE_PATH = "/v1/Configuration/Addresses/{Sid}"
WEBHOOK_FILTERS = "AutoCreation.WebhookFilters"
WEBHOOK_METHOD = "AutoCreation.WebhookMethod"


def spec_path() -> Path:
    return Path(os.environ.get(SPEC_ENV) or DEFAULT_SPEC).expanduser()


def missing_spec_message(path: Path) -> str:
    return (
        f"Twilio's OpenAPI description of Conversations v1 is not at {path}. Get twilio_conversations_v1.json from "
        "Twilio's public twilio-oai repository (github.com/twilio/twilio-oai, spec/json/) and either put it at "
        f"{DEFAULT_SPEC} or point {SPEC_ENV} at it."
    )


class AddressesSpec:
    """The address configuration operations of twilio_conversations_v1.json."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))

    def operation(self, path: str, method: str) -> dict[str, Any]:
        return inline_refs(self.document["paths"][path][method], self.document)

    def request_schema(self, operation: str) -> dict[str, Any]:
        """The form schema of `create` (POST list) or `update` (POST instance)."""
        path = LIST_PATH if operation == "create" else INSTANCE_PATH
        return self.operation(path, "post")["requestBody"]["content"][FORM]["schema"]

    def request_property(self, operation: str, name: str) -> dict[str, Any]:
        return self.request_schema(operation)["properties"][name]

    def webhook_filters_schema(self, operation: str) -> dict[str, Any]:
        """The schema of `AutoCreation.WebhookFilters`, its items held to the events its description lists.

        The spec types the items only as strings and names the allowed events in prose (in backquotes); without
        that enum a list joined into one string (`"a,b"`) would pass as a list of one string.
        """
        schema = self.request_property(operation, WEBHOOK_FILTERS)
        events = re.findall(r"`(on[A-Za-z]+)`", schema.get("description", ""))
        assert events, f"the spec's description of {WEBHOOK_FILTERS} no longer lists the events in backquotes"
        return {**schema, "items": {**schema["items"], "enum": events}}
