"""Translation between Pulumi properties (snake_case, nested `integration`) and Twilio's wire format."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._diff import removed_inputs
from ._schema import (
    ADOPT_SID,
    DEFAULT_INTEGRATION_TYPE,
    FLOW_FIELDS,
    FLOW_FIELDS_BY_NAME,
    INTEGRATION,
    INTEGRATION_FIELDS_BY_NAME,
    NO_DEFAULT,
    OUTPUT_NAMES,
    REQUIRED_INTEGRATION_FIELDS,
    Field,
    integration_fields_for,
)
from ._values import normalize

DECLARED = "__declared"  # output key: the paths the program declared, space-separated (a list in older state)
DECLARABLE = frozenset((*FLOW_FIELDS_BY_NAME, ADOPT_SID))


def encode(field: Field, value: Any) -> str:
    """One form value: booleans as `true`/`false`, integers in decimal, strings as they are."""
    if field.kind is bool:
        return "true" if value else "false"
    if field.kind is int:
        return str(int(value))
    return "" if value is None else str(value)


def create_params(inputs: Mapping[str, Any]) -> dict[str, str]:
    """The form body of a create: every declared input under its API name."""
    inputs = normalize(dict(inputs))
    params = {f.api_name: encode(f, inputs[f.name]) for f in FLOW_FIELDS if f.name in inputs}
    for name, value in (inputs.get(INTEGRATION) or {}).items():
        field = INTEGRATION_FIELDS_BY_NAME[name]
        params[field.api_name] = encode(field, value)
    return params


def update_params(olds: Mapping[str, Any], news: Mapping[str, Any]) -> dict[str, str]:
    """The form body of an update: the whole desired state, plus documented defaults for removed inputs.

    Sending every declared field (not only the changed ones) also heals drift on fields the diff did not
    name, and lets Twilio rebuild the integration when the integration type changes.
    """
    params = create_params(news)
    for field, _path in removed_inputs(olds, news):
        params[field.api_name] = encode(field, field.reset_value)
    return params


def declared_paths(inputs: Mapping[str, Any]) -> list[str]:
    """The property paths a program declared (`friendly_name`, `integration.retry_count`), sorted."""
    paths = [name for name, value in inputs.items() if value is not None and name in DECLARABLE]
    integration = inputs.get(INTEGRATION)
    if isinstance(integration, Mapping):
        paths += [f"{INTEGRATION}.{name}" for name, value in integration.items() if value is not None]
    return sorted(paths)


def outputs_from(flow: Mapping[str, Any], declared: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Pulumi outputs from a Twilio Flex Flow: every response field, `integration` always a dict.

    With the `declared` inputs, the outputs also record which paths the program declared (under `__declared`):
    `read` only ever sees outputs, and needs that to give back inputs of the same shape.
    """
    outputs = {name: flow.get(name) for name in OUTPUT_NAMES}
    outputs[INTEGRATION] = dict(flow.get(INTEGRATION) or {})
    if declared is not None:
        # One string rather than a list: it is in every resource's state, where a list takes a line per path.
        outputs[DECLARED] = " ".join(declared_paths(declared))
    return outputs


def read_inputs(outputs: Mapping[str, Any]) -> dict[str, Any]:
    """The inputs a refresh leaves in state: the declared paths holding what Twilio reports now, plus any
    undeclared field that drifted from its documented default (the next update resets it).

    So a refresh changes the stored inputs only where Twilio's value drifted, and the next preview shows exactly
    the drift and the program's edits. State written before paths were recorded (and a flow read with
    `FlexFlow.get`) falls back to the minimal declaration, `inputs_from`.
    """
    paths = outputs.get(DECLARED)
    if isinstance(paths, str):
        paths = paths.split()
    if not isinstance(paths, list):
        return inputs_from(outputs)
    outputs = normalize(dict(outputs))
    inputs: dict[str, Any] = {}

    def reported(path: str) -> Any:
        group, _, name = path.rpartition(".")
        return ((outputs.get(INTEGRATION) or {}) if group else outputs).get(name)

    def put(path: str, value: Any) -> None:
        group, _, name = path.rpartition(".")
        if value is not None:
            (inputs.setdefault(INTEGRATION, {}) if group else inputs)[name] = value

    for path in map(str, paths):
        if path == ADOPT_SID:  # the flow adopted is the flow read
            inputs[ADOPT_SID] = outputs.get("sid")
            continue
        field = _field_at(path)
        if field is not None:
            value = reported(path)
            # A declared reset value (contact_identity "") reads back as the default (null): keep the declared form.
            put(path, field.reset_to if field.reset_to is not NO_DEFAULT and value == field.default else value)
    for _field, path in removed_inputs(outputs, inputs):
        put(path, reported(path))
    return inputs


def _field_at(path: str) -> Field | None:
    """The field a declared path names (`channel_type`, `integration.priority`), or None."""
    group, _, name = path.rpartition(".")
    if not group:
        return FLOW_FIELDS_BY_NAME.get(name)
    return INTEGRATION_FIELDS_BY_NAME.get(name) if group == INTEGRATION else None


def inputs_from(outputs: Mapping[str, Any]) -> dict[str, Any]:
    """The minimal declaration equivalent to what Twilio reports: values the API would not fill in by itself."""
    outputs = normalize(dict(outputs))
    inputs = {f.name: outputs[f.name] for f in FLOW_FIELDS if _declared(f, outputs.get(f.name))}
    integration_type = outputs.get("integration_type") or DEFAULT_INTEGRATION_TYPE
    reported = outputs.get(INTEGRATION) or {}
    required = REQUIRED_INTEGRATION_FIELDS.get(integration_type, ())
    integration = {
        f.name: reported[f.name]
        for f in integration_fields_for(integration_type)
        if reported.get(f.name) is not None and (f.name in required or _declared(f, reported[f.name]))
    }
    if integration:
        inputs[INTEGRATION] = integration
    return inputs


def _declared(field: Field, value: Any) -> bool:
    if value is None:
        return False
    return field.required or not field.resettable or value != field.default
