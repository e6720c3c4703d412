"""Translation between Pulumi properties (snake_case, one nested group such as `integration`) and Twilio's wire
format (form-encoded PascalCase in, with a repeated key for a list; snake_case JSON out)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._description import NO_DEFAULT, Field, ResourceDescription
from ._diff import removed_inputs
from ._values import normalize

DECLARED = "__declared"  # output key: the paths the program declared, space-separated (a list in older state)
ADOPT_SID = "adopt_sid"

FormValue = str | list[str]
Form = dict[str, FormValue]  # requests sends a list value as the key repeated once per item


def encode(field: Field, value: Any) -> FormValue:
    """One form value: booleans as `true`/`false`, integers in decimal, lists item by item, strings as they are."""
    if field.kind is bool:
        return "true" if value else "false"
    if field.kind is int:
        return str(int(value))
    if field.kind is list:
        # An empty list travels as the key with one empty value, which clears it: no key at all would leave it.
        return [str(field.spelled(item)) for item in value or ()] or [""]
    return "" if value is None else str(field.spelled(value))


def create_params(description: ResourceDescription, inputs: Mapping[str, Any]) -> Form:
    """The form body of a create: every declared input under its API name."""
    inputs = normalize(dict(inputs))
    params = {f.api_name: encode(f, inputs[f.name]) for f in description.fields if f.name in inputs}
    group = description.group
    if group is not None:
        fields = group.fields_by_name
        for name, value in (inputs.get(group.name) or {}).items():
            params[fields[name].api_name] = encode(fields[name], value)
    return params


def update_params(description: ResourceDescription, olds: Mapping[str, Any], news: Mapping[str, Any]) -> Form:
    """The form body of an update: the whole desired state, plus documented defaults for removed inputs.

    Sending every declared field (not only the changed ones) also heals drift on fields the diff did not
    name, and lets Twilio rebuild the group when its variant changes. Fields the update endpoint does not take
    (create-only) are left out: changing one replaces the resource instead.
    """
    params = create_params(description, news)
    for field, _path in removed_inputs(description, olds, news):
        params[field.api_name] = encode(field, field.reset_value)
    for field in description.create_only:
        params.pop(field.api_name, None)
    return params


def declared_paths(description: ResourceDescription, inputs: Mapping[str, Any]) -> list[str]:
    """The property paths a program declared (`friendly_name`, `integration.retry_count`), sorted."""
    declarable = {*description.fields_by_name, ADOPT_SID}
    paths = [name for name, value in inputs.items() if value is not None and name in declarable]
    group = description.group
    values = inputs.get(group.name) if group is not None else None
    if group is not None and isinstance(values, Mapping):
        paths += [f"{group.name}.{name}" for name, value in values.items() if value is not None]
    return sorted(paths)


def outputs_from(
    description: ResourceDescription, resource: Mapping[str, Any], declared: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Pulumi outputs from what Twilio answered: every response field, the group always a dict.

    With the `declared` inputs, the outputs also record which paths the program declared (under `__declared`):
    `read` only ever sees outputs, and needs that to give back inputs of the same shape.
    """
    outputs = {name: resource.get(name) for name in description.output_names}
    if description.group is not None:
        outputs[description.group.name] = dict(resource.get(description.group.name) or {})
    if declared is not None:
        # One string rather than a list: it is in every resource's state, where a list takes a line per path.
        outputs[DECLARED] = " ".join(declared_paths(description, declared))
    return outputs


def read_inputs(description: ResourceDescription, outputs: Mapping[str, Any]) -> dict[str, Any]:
    """The inputs a refresh leaves in state: the declared paths holding what Twilio reports now, plus any
    undeclared field that drifted from its documented default (the next update resets it).

    So a refresh changes the stored inputs only where Twilio's value drifted, and the next preview shows exactly
    the drift and the program's edits. State written before paths were recorded (and a resource read with
    `.get`) falls back to the minimal declaration, `inputs_from`.
    """
    paths = outputs.get(DECLARED)
    if isinstance(paths, str):
        paths = paths.split()
    if not isinstance(paths, list):
        return inputs_from(description, outputs)
    outputs = normalize(dict(outputs))
    group_name = description.group.name if description.group is not None else ""
    inputs: dict[str, Any] = {}

    def reported(path: str) -> Any:
        group, _, name = path.rpartition(".")
        return ((outputs.get(group_name) or {}) if group else outputs).get(name)

    def put(path: str, value: Any) -> None:
        group, _, name = path.rpartition(".")
        if value is not None:
            (inputs.setdefault(group_name, {}) if group else inputs)[name] = value

    for path in map(str, paths):
        if path == ADOPT_SID:  # the resource adopted is the resource read
            inputs[ADOPT_SID] = outputs.get("sid")
            continue
        field = description.field_at(path)
        if field is not None:
            value = reported(path)
            # A declared reset value (contact_identity "") reads back as the default (null): keep the declared form.
            put(path, field.reset_to if field.reset_to is not NO_DEFAULT and value == field.default else value)
    for _field, path in removed_inputs(description, outputs, inputs):
        put(path, reported(path))
    return inputs


def inputs_from(description: ResourceDescription, outputs: Mapping[str, Any]) -> dict[str, Any]:
    """The minimal declaration equivalent to what Twilio reports: values the API would not fill in by itself."""
    outputs = normalize(dict(outputs))
    inputs = {f.name: outputs[f.name] for f in description.fields if _declared(f, outputs.get(f.name))}
    group = description.group
    if group is None:
        return inputs
    variant = group.variant_of(outputs)
    reported = outputs.get(group.name) or {}
    required = group.required.get(variant, ()) if isinstance(variant, str) else ()
    values = {
        f.name: reported[f.name]
        for f in group.fields_for(variant)
        if reported.get(f.name) is not None and (f.name in required or _declared(f, reported[f.name]))
    }
    if values:
        inputs[group.name] = values
    return inputs


def _declared(field: Field, value: Any) -> bool:
    if value is None:
        return False
    return field.required or not field.resettable or field.canonical(value) != field.canonical(field.default)
