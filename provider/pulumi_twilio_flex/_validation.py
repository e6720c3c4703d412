"""The rules `check` enforces before any request is sent; each failure names the property and the rule.

Secret inputs reach `check` unwrapped (the dynamic provider server accepts no secrets), so the provider cannot
tell a secret from a plain value. Reasons therefore never repeat an input's value: they say what the value is
(`got a string`) instead. Callers that read plain text they own, such as a YAML catalog, may ask for the values
with `reveal=True`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from ._description import INT32_MAX, INT32_RANGE, Field, Group, ResourceDescription
from ._values import is_http_url, is_integer, is_unknown

Failure = tuple[str, str]  # (property path, reason)

__all__ = ["INT32_MAX", "INT32_RANGE", "Failure", "describe", "validate"]


def validate(description: ResourceDescription, inputs: Mapping[str, Any], *, reveal: bool = False) -> list[Failure]:
    """Every rule broken by these (normalized) inputs; unknown values are skipped, never failures.

    With `reveal`, reasons end with the offending value (`got 'pigeon'`); without, with its kind only.
    """
    group = description.group
    variant_declared = group is not None and _has_path(inputs, group.variant_path)
    rules = _Rules(reveal, show_variant=reveal or not variant_declared)
    failures: list[Failure] = []
    names = (*description.input_names, description.adopt_field.name)
    for name in inputs:
        if name not in names and not name.startswith("__"):
            failures.append((name, f"is not a {description.title} property; expected one of {', '.join(names)}"))
    for field in (*description.fields, description.adopt_field):
        failures += rules.field(field, field.name, inputs.get(field.name))
    if group is not None:
        failures += rules.group(group, inputs.get(group.name), group.variant_of(inputs))
    return failures


def _has_path(inputs: Mapping[str, Any], path: str) -> bool:
    group, _, name = path.rpartition(".")
    source = inputs.get(group) if group else inputs
    return isinstance(source, Mapping) and source.get(name) is not None


def describe(value: Any) -> str:
    """What a value is, without what it says: safe to print for a secret."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "an empty string" if not value else "a string"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, (list, tuple)):
        return "a list"
    return "a value of another type"


def has_control_character(value: str) -> bool:
    return any(unicodedata.category(char) == "Cc" for char in value)


class _Rules:
    """The rules, with the one decision of how a reason refers to the value it rejects."""

    def __init__(self, reveal: bool, show_variant: bool) -> None:
        self.reveal = reveal
        self.show_variant = show_variant  # the default variant is no secret

    def got(self, value: Any, *, always: bool = False) -> str:
        """`; got ...`: the value when revealing; its kind when that is the problem (`always`); else nothing."""
        if self.reveal:
            return f"; got {value!r}"
        return f"; got {describe(value)}" if always else ""

    def when(self, group: Group, variant: str) -> str:
        """Names a declared variant only when revealing: even an enum value may have arrived as a secret."""
        if self.show_variant:
            return f"when {group.variant_path} is {variant!r}"
        return f"for the declared {group.variant_path}"

    def one_of(self, allowed: tuple[str, ...], value: Any) -> str:
        return f"must be one of {', '.join(allowed)}{self.got(value)}"

    def field(self, field: Field, path: str, value: Any) -> list[Failure]:
        if is_unknown(value):
            return []
        if value is None:
            return [(path, "is required")] if field.required else []
        if field.kind is bool and not isinstance(value, bool):
            return [(path, f"must be a boolean (true or false){self.got(value, always=True)}")]
        if field.kind is int:
            return self._integer(field, path, value)
        if field.kind is str:
            return self._string(field, path, value)
        if field.kind is list:
            return self._list(field, path, value)
        return []

    def _integer(self, field: Field, path: str, value: Any) -> list[Failure]:
        if not is_integer(value):
            return [(path, f"must be an integer{self.got(value, always=True)}")]
        low, high = field.integer_range
        if not low <= value <= high:
            return [(path, f"must be an integer between {low} and {high}{self.got(value)}")]
        return []

    def _string(self, field: Field, path: str, value: Any) -> list[Failure]:
        if not isinstance(value, str):
            return [(path, f"must be a string{self.got(value, always=True)}")]
        if field.non_empty and not value.strip():
            rule = "is required and must not be empty" if field.required else "must not be empty when set"
            return [(path, rule)]
        if has_control_character(value):
            return [(path, f"must not contain control characters (such as NUL, tab or newline){self.got(value)}")]
        if field.max_length is not None and len(value) > field.max_length:
            return [(path, f"must be at most {field.max_length} characters long{self.got(value)}")]
        if field.pattern and not re.fullmatch(field.pattern, value):
            prefix = field.pattern[:2]
            return [(path, f"must be a SID of the form {prefix} followed by 32 hex digits{self.got(value)}")]
        if field.http_url and not is_http_url(value):
            return [(path, f"must be an absolute http(s) URL{self.got(value)}")]
        if field.enum and not _in_enum(field, value):
            return [(path, self.one_of(field.enum, value))]
        return []

    def _list(self, field: Field, path: str, value: Any) -> list[Failure]:
        if not isinstance(value, (list, tuple)):
            return [(path, f"must be a list of strings{self.got(value, always=True)}")]
        failures: list[Failure] = []
        seen: set[Any] = set()
        for index, item in enumerate(value):
            if is_unknown(item):
                continue
            where = f"{path}[{index}]"
            if not isinstance(item, str):
                failures.append((where, f"must be a string{self.got(item, always=True)}"))
            elif field.enum and not _in_enum(field, item):
                failures.append((where, self.one_of(field.enum, item)))
            elif field.canonical([item]) in seen:
                failures.append((where, f"repeats an earlier item{self.got(item)}"))
            else:
                seen.add(field.canonical([item]))
        return failures

    def group(self, group: Group, values: Any, variant: Any) -> list[Failure]:
        if values is None:
            values = {}
        if is_unknown(values):
            return []
        if not isinstance(values, Mapping):
            rule = f"must be an object ({group.args_class} or a dict){self.got(values, always=True)}"
            return [(group.name, rule)]
        failures: list[Failure] = []
        known = isinstance(variant, str) and variant in group.variants
        fields = group.fields_by_name
        for name, value in values.items():
            path = f"{group.name}.{name}"
            field = fields.get(name)
            if field is None:
                names = ", ".join(f.name for f in group.fields)
                failures.append((path, f"is not a property of {group.name}; expected one of {names}"))
            elif known and field.applies_to is not None and variant not in field.applies_to:
                applies = ", ".join(field.applies_to)
                failures.append((path, f"does not apply {self.when(group, variant)}; it applies to: {applies}"))
            else:
                failures += self.field(field, path, value)
        if known:
            for name in group.required[variant]:
                if values.get(name) is None:
                    failures.append((f"{group.name}.{name}", f"is required {self.when(group, variant)}"))
        return failures


def _in_enum(field: Field, value: str) -> bool:
    if field.enum_case_insensitive:
        return value.lower() in (v.lower() for v in field.enum)
    return value in field.enum
