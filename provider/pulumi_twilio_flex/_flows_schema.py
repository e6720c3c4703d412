"""The JSON Schema of a YAML catalog, generated from a resource's description so editors check what the provider
checks.

`flows.schema.json` beside this module is the Flex Flows catalog's (`python -m pulumi_twilio_flex schema`),
`addresses.schema.json` the address configurations' (`schema --kind addresses`); the tests keep each identical to
the generated one and check that the schema and `_validation.validate` accept and refuse the same
entries.
"""

from __future__ import annotations

import re
from typing import Any

from ._description import NO_DEFAULT, Field, Group, ResourceDescription
from .address_configuration.description import ADDRESS_CONFIGURATION
from .flex_flow.description import FLEX_FLOW

RESOURCE_NAME_PATTERN = r"^[A-Za-z_][A-Za-z0-9_-]*$"
"""Catalog keys: what scan derives from names, and safe as Pulumi resource names."""

_JSON_TYPES = {str: "string", bool: "boolean", int: "integer", list: "array"}
# Unicode's control characters (category Cc), which validation refuses, as a `not` rule: in Python's dialect `$`
# also matches before a final newline, so an anchored "no control character" pattern would let "x\n" through.
_CONTROL = {"pattern": r"[\x00-\x1f\x7f-\x9f]"}
_HTTP_URL = r"^https?://[^\s/?#]+\S*$"


def flows_schema() -> dict[str, Any]:
    """The schema of flows.yaml."""
    return catalog_schema(FLEX_FLOW, "Twilio Flex Flows catalog (pulumi_twilio_flex.flows_from_yaml)")


def addresses_schema() -> dict[str, Any]:
    """The schema of addresses.yaml: the address configurations, each may name the flow it replaces."""
    title = "Twilio address configurations catalog (pulumi_twilio_flex.addresses_from_yaml)"
    replaces = {
        "type": "string",
        "pattern": RESOURCE_NAME_PATTERN,
        "description": "The resource name of the FlexFlow this address takes over in the stack (migration).",
    }
    return catalog_schema(ADDRESS_CONFIGURATION, title, catalog_keys={"replaces_flow": replaces})


def catalog_schema(
    description: ResourceDescription, title: str, catalog_keys: dict[str, dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The whole schema: an object of resources keyed by resource name.

    `catalog_keys`: keys an entry of this catalog may have besides the resource's properties.
    """
    definition = description.noun.replace(" ", "_")
    group = description.group
    variants = {f"{group.name}_{v}": _group(group, v) for v in group.variants} if group is not None else {}
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": title,
        "description": (
            f"One entry per {description.noun}, keyed by Pulumi resource name; the keys of {description.type_name}, "
            "in snake_case."
        ),
        "type": "object",
        "propertyNames": {"pattern": RESOURCE_NAME_PATTERN},
        "additionalProperties": {"$ref": f"#/definitions/{definition}"},
        "definitions": {definition: _resource(description, catalog_keys or {}), **variants},
    }


def _resource(description: ResourceDescription, catalog_keys: dict[str, dict[str, Any]]) -> dict[str, Any]:
    adopt = description.adopt_field
    properties = {field.name: _property(field) for field in (adopt, *description.fields)}
    properties.update(catalog_keys)
    by = "".join(f", or its {name.replace('_', ' ')}" for name in description.adopt_by)
    properties[adopt.name]["description"] = (
        f"Take over this existing {description.noun} ({description.sid_prefix}...{by}) instead of creating one."
    )
    schema: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in description.fields if f.required],
        "properties": properties,
    }
    group = description.group
    if group is not None:
        properties[group.name] = {"type": "object", "description": f"Fields depend on {group.variant_path}."}
        parent, _, name = group.variant_path.rpartition(".")
        if parent == group.name:  # a variant of the group's own: no variant's rule applies to a value outside them
            properties[group.name]["properties"] = {name: _property(group.fields_by_name[name])}
        schema["allOf"] = [_variant_rule(group, v) for v in group.variants]
    return schema


def _variant_rule(group: Group, variant: str) -> dict[str, Any]:
    """If the resource has this variant (the default when absent), its group follows that variant."""
    parent, _, name = group.variant_path.rpartition(".")
    const: dict[str, Any] = {"properties": {name: {"const": variant}}}
    if variant != group.default_variant:
        const["required"] = [name]
    condition = {"properties": {parent: const}, "required": [parent]} if parent else const
    return {
        "if": condition,
        "then": {
            "required": [group.name],
            "properties": {group.name: {"$ref": f"#/definitions/{group.name}_{variant}"}},
        },
    }


def _group(group: Group, variant: str) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(group.required[variant]),
        "properties": {f.name: _property(f) for f in group.fields_for(variant)},
    }


def _property(field: Field) -> dict[str, Any]:
    prop: dict[str, Any] = {"type": _JSON_TYPES[field.kind]}
    if field.kind is list:
        item: dict[str, Any] = {"enum": list(field.enum)} if field.enum else {"type": "string"}
        prop.update(items=item, uniqueItems=True)
    elif field.enum and not field.enum_case_insensitive:
        prop = {"enum": list(field.enum)}
    elif field.enum:  # any letter case; JSON Schema's regexes take no flags, so each letter is a class
        prop.update(pattern=_any_case(field.enum), examples=list(field.enum))  # examples: editors complete them
    elif field.pattern:
        prop["pattern"] = f"^{field.pattern}$"
    elif field.http_url:
        prop["pattern"] = _HTTP_URL
    elif field.non_empty:
        prop["pattern"] = r"\S"  # not blank
    if field.kind is str and (not field.enum or field.enum_case_insensitive):
        prop["not"] = _CONTROL
    if field.max_length is not None:
        prop["maxLength"] = field.max_length
    if field.kind is int:
        prop["minimum"], prop["maximum"] = field.integer_range
    if field.default is not NO_DEFAULT and field.default is not None:
        prop["default"] = field.default
    return prop


def _any_case(values: tuple[str, ...]) -> str:
    """A pattern matching exactly one of `values`, in any letter case (`sms` as `^(?:[sS][mM][sS])$`)."""
    spelled = (
        "".join(f"[{c.lower()}{c.upper()}]" if c.lower() != c.upper() else re.escape(c) for c in v) for v in values
    )
    return f"^(?:{'|'.join(spelled)})$"
