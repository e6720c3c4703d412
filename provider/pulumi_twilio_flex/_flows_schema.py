"""The JSON Schema of flows.yaml, generated from the field table so editors check what `check` checks.

`flows.schema.json` beside this module is its output (`python -m pulumi_twilio_flex schema`); the tests keep
the two identical and check that the schema and `_validation.validate` accept and refuse the same entries.
"""

from __future__ import annotations

from typing import Any

from ._schema import (
    ADOPT_SID_FIELD,
    CHANNEL_TYPES,
    DEFAULT_INTEGRATION_TYPE,
    FLOW_FIELDS,
    INTEGRATION,
    INTEGRATION_FIELDS,
    INTEGRATION_TYPES,
    NO_DEFAULT,
    REQUIRED_INTEGRATION_FIELDS,
    Field,
)
from ._validation import INT32_RANGE, INTEGER_RANGES, NON_EMPTY

RESOURCE_NAME_PATTERN = r"^[A-Za-z_][A-Za-z0-9_-]*$"
"""Catalog keys: what scan derives from friendly names, and safe as Pulumi resource names."""

_JSON_TYPES = {str: "string", bool: "boolean", int: "integer"}
_ENUMS = {"channel_type": CHANNEL_TYPES, "integration_type": INTEGRATION_TYPES}
# Unicode's control characters (category Cc), which check refuses, as a `not` rule: in Python's dialect `$` also
# matches before a final newline, so an anchored "no control character" pattern would let "x\n" through.
_CONTROL = {"pattern": r"[\x00-\x1f\x7f-\x9f]"}
_HTTP_URL = r"^https?://[^\s/?#]+\S*$"


def flows_schema() -> dict[str, Any]:
    """The whole schema: an object of flows keyed by resource name."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Twilio Flex Flows catalog (pulumi_twilio_flex.flows_from_yaml)",
        "description": "One entry per flow, keyed by Pulumi resource name; the keys of FlexFlow, in snake_case.",
        "type": "object",
        "propertyNames": {"pattern": RESOURCE_NAME_PATTERN},
        "additionalProperties": {"$ref": "#/definitions/flow"},
        "definitions": {"flow": _flow(), **{f"integration_{t}": _integration(t) for t in INTEGRATION_TYPES}},
    }


def _flow() -> dict[str, Any]:
    properties = {field.name: _property(field) for field in (ADOPT_SID_FIELD, *FLOW_FIELDS)}
    properties[ADOPT_SID_FIELD.name]["description"] = "Take over this existing flow (FO...) instead of creating one."
    properties[INTEGRATION] = {"type": "object", "description": "Fields depend on integration_type."}
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in FLOW_FIELDS if f.required],
        "properties": properties,
        "allOf": [_integration_rule(t) for t in INTEGRATION_TYPES],
    }


def _integration_rule(integration_type: str) -> dict[str, Any]:
    """If the flow has this integration type (studio when absent), its integration follows that type."""
    condition: dict[str, Any] = {"properties": {"integration_type": {"const": integration_type}}}
    if integration_type != DEFAULT_INTEGRATION_TYPE:
        condition["required"] = ["integration_type"]
    return {
        "if": condition,
        "then": {
            "required": [INTEGRATION],
            "properties": {INTEGRATION: {"$ref": f"#/definitions/integration_{integration_type}"}},
        },
    }


def _integration(integration_type: str) -> dict[str, Any]:
    fields = [f for f in INTEGRATION_FIELDS if integration_type in f.applies_to]
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(REQUIRED_INTEGRATION_FIELDS[integration_type]),
        "properties": {f.name: _property(f) for f in fields},
    }


def _property(field: Field) -> dict[str, Any]:
    prop: dict[str, Any] = {"type": _JSON_TYPES[field.kind]}
    if field.name in _ENUMS:
        prop = {"enum": list(_ENUMS[field.name])}
    elif field.pattern:
        prop["pattern"] = f"^{field.pattern}$"
    elif field.name == "url":
        prop["pattern"] = _HTTP_URL
    elif field.name in NON_EMPTY:
        prop["pattern"] = r"\S"  # not blank
    if field.kind is str and field.name not in _ENUMS:
        prop["not"] = _CONTROL
    if field.kind is int:
        prop["minimum"], prop["maximum"] = INTEGER_RANGES.get(field.name, INT32_RANGE)
    if field.default is not NO_DEFAULT and field.default is not None:
        prop["default"] = field.default
    return prop
