"""How a Twilio resource is described to the generic machinery: its fields, their rules, its paths and host.

Validation, the wire format, the diff, the JSON Schema of the catalog, the client and reconcile all read a
`ResourceDescription`; each resource's folder (`flex_flow/`, ...) holds one. A field is described once, with every
rule that concerns it, so nothing outside the table is keyed by a field's name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ._errors import NotFoundError

NO_DEFAULT: Any = object()
"""Marks a field whose default Twilio does not document: a removed input of this kind is left as it is."""

INT32_MAX = 2**31 - 1  # Twilio's integer parameters are 32-bit
INT32_RANGE = (-INT32_MAX - 1, INT32_MAX)


@dataclass(frozen=True)
class Field:
    """One property: how users name it, how Twilio names it, its rules, and how it is reset when removed."""

    name: str
    api_name: str
    kind: type  # str, bool, int, or list (of strings, sent as a repeated form key)
    required: bool = False
    default: Any = NO_DEFAULT  # what the API reports when the field was never set
    reset_to: Any = NO_DEFAULT  # what to send to get back to `default` (defaults to `default`)
    pattern: str | None = None  # a SID's shape, such as r"FW[0-9a-fA-F]{32}"
    applies_to: tuple[str, ...] | None = None  # the variants of its group it belongs to; None: all of them
    enum: tuple[str, ...] = ()  # allowed values (of each item, for a list)
    enum_case_insensitive: bool = False  # Twilio accepts and echoes any case: compare without it
    minimum: int | None = None
    maximum: int | None = None
    max_length: int | None = None
    non_empty: bool = False  # a blank string is refused
    http_url: bool = False  # an absolute http(s) URL
    create_only: bool = False  # the update endpoint does not take it: a change replaces the resource
    description: str = ""

    @property
    def resettable(self) -> bool:
        return self.default is not NO_DEFAULT

    @property
    def reset_value(self) -> Any:
        return self.default if self.reset_to is NO_DEFAULT else self.reset_to

    @property
    def integer_range(self) -> tuple[int, int]:
        low, high = INT32_RANGE
        return (low if self.minimum is None else self.minimum, high if self.maximum is None else self.maximum)

    def spelled(self, value: Any) -> Any:
        """An enum value as the API's enum spells it (`POST` becomes `post`); anything else as it is."""
        if self.enum_case_insensitive and isinstance(value, str):
            return next((v for v in self.enum if v.lower() == value.lower()), value)
        return value

    def canonical(self, value: Any) -> Any:
        """The value as compared: a sent `reset_value` reads back as `default`, case and order that Twilio does
        not keep are ignored."""
        if self.reset_to is not NO_DEFAULT and value == self.reset_to:
            return self.default
        if self.enum_case_insensitive and isinstance(value, str):
            return value.lower()
        if self.kind is list and isinstance(value, (list, tuple)):
            return tuple(sorted(str(v).lower() if self.enum_case_insensitive else str(v) for v in value))
        return value


@dataclass(frozen=True)
class Group:
    """A nested object of fields (`integration`, `auto_creation`) whose fields depend on a variant.

    The variant is the value at `variant_path`: a top-level field (`integration_type`) or one of the group's own
    (`auto_creation.type`), `default_variant` when absent.
    """

    name: str
    fields: tuple[Field, ...]
    variant_path: str
    default_variant: str
    variants: tuple[str, ...]
    required: Mapping[str, tuple[str, ...]]  # variant -> the group fields it requires
    args_class: str  # the typed args class users pass, for messages

    @property
    def fields_by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    def fields_for(self, variant: str) -> tuple[Field, ...]:
        """The group's fields that apply to a variant."""
        return tuple(f for f in self.fields if f.applies_to is None or variant in f.applies_to)

    def variant_of(self, inputs: Mapping[str, Any]) -> Any:
        """The variant these inputs choose (may be an unknown or an invalid value); the default when absent."""
        group, _, name = self.variant_path.rpartition(".")
        source = inputs.get(group) if group else inputs
        value = source.get(name) if isinstance(source, Mapping) else None
        return self.default_variant if value is None else value


@dataclass(frozen=True)
class ApiHost:
    """Where a resource's API lives: the setting that overrides the base URL, and the host's first label."""

    settings_key: str  # `twilio:flexApiUrl`
    host_label: str  # `flex-api`: https://flex-api.twilio.com, or flex-api.{edge}.{region}.twilio.com


@dataclass(frozen=True)
class ResourceDescription:
    """Everything the generic machinery needs to manage one kind of Twilio resource."""

    type_name: str  # the Pulumi class name, and the last part of the type token
    title: str  # how messages name one: "Flex Flow"
    noun: str  # how prose names one: "flow"
    plural: str  # how prose names several: "Flex Flows"
    catalog: str  # the YAML catalog's and its schema's file stem: "flows" (flows.yaml, flows.schema.json)
    name_from: tuple[str, ...]  # the fields a scanned resource's name is made from, the first one set
    sid_prefix: str  # "FO"
    fields: tuple[Field, ...]  # top-level fields, in the order they are sent
    group: Group | None
    collection_path: str  # "/v1/FlexFlows"; an instance is collection_path + "/" + SID
    list_key: str  # the list page's key holding the resources: "flex_flows"
    max_page_size: int
    reconcile_filter: str  # the top-level field a lost create's listing is filtered by
    api: ApiHost
    server_fields: tuple[str, ...] = ("sid", "account_sid", "date_created", "date_updated", "url")
    adopt_by: tuple[str, ...] = ()  # fields besides the SID that name an instance (the fetch endpoint takes them)
    not_found_error: type[NotFoundError] = NotFoundError  # what a 404 raises
    adopt_field: Field = field(init=False)

    def __post_init__(self) -> None:
        # Not an API field: the resource `create` adopts, by SID, or by another identifier where Twilio takes one.
        if self.adopt_by:
            adopt = Field("adopt_sid", "", str, non_empty=True)
        else:
            adopt = Field("adopt_sid", "", str, pattern=self.sid_pattern)
        object.__setattr__(self, "adopt_field", adopt)

    @property
    def sid_pattern(self) -> str:
        return rf"{self.sid_prefix}[0-9a-fA-F]{{32}}"

    def is_sid(self, value: Any) -> bool:
        return isinstance(value, str) and re.fullmatch(self.sid_pattern, value) is not None

    @property
    def fields_by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    @property
    def input_names(self) -> tuple[str, ...]:
        """The properties a program declares, `adopt_sid` aside."""
        return tuple(f.name for f in self.fields) + ((self.group.name,) if self.group else ())

    @property
    def output_names(self) -> tuple[str, ...]:
        return self.server_fields + self.input_names

    @property
    def create_only(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.create_only)

    def field_at(self, path: str) -> Field | None:
        """The field a property path names (`channel_type`, `integration.priority`), or None."""
        group, _, name = path.rpartition(".")
        if not group:
            return self.fields_by_name.get(name)
        if self.group is not None and group == self.group.name:
            return self.group.fields_by_name.get(name)
        return None


FLEX_API = ApiHost(settings_key="twilio:flexApiUrl", host_label="flex-api")
CONVERSATIONS_API = ApiHost(settings_key="twilio:conversationsApiUrl", host_label="conversations")
