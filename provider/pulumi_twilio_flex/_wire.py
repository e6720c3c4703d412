"""Translation between Pulumi properties (snake_case, nested `integration`) and Twilio's wire format."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._diff import removed_inputs
from ._schema import (
    DEFAULT_INTEGRATION_TYPE,
    FLOW_FIELDS,
    INTEGRATION,
    INTEGRATION_FIELDS_BY_NAME,
    OUTPUT_NAMES,
    REQUIRED_INTEGRATION_FIELDS,
    Field,
    integration_fields_for,
)
from ._values import normalize


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


def outputs_from(flow: Mapping[str, Any]) -> dict[str, Any]:
    """Pulumi outputs from a Twilio Flex Flow: every response field, `integration` always a dict."""
    outputs = {name: flow.get(name) for name in OUTPUT_NAMES}
    outputs[INTEGRATION] = dict(flow.get(INTEGRATION) or {})
    return outputs


def inputs_from(outputs: Mapping[str, Any]) -> dict[str, Any]:
    """The inputs equivalent to what Twilio reports: values the API would not fill in by itself.

    `read` returns these so a refresh that found drift also moves the stored inputs, and a later preview shows
    the drifted property rather than an update with nothing to see.
    """
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
