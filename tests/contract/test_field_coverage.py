"""The provider's field table (`flex_flow.description`) against the spec: the same parameters, outputs, types and enums.

A parameter Twilio adds, or one we misspell, shows up here as a set difference rather than as a silently
ignored form field (Prism and Twilio both accept parameters they do not know).
"""

from __future__ import annotations

import pytest
from flex_oai import INSTANCE_PATH, LIST_PATH, FlexSpec

from pulumi_twilio_flex import _description
from pulumi_twilio_flex.emulator import params as emulator_params
from pulumi_twilio_flex.flex_flow import description as _schema

pytestmark = pytest.mark.contract

FIELDS = _schema.FLOW_FIELDS + _schema.INTEGRATION_FIELDS
SPEC_TYPES = {str: "string", bool: "boolean", int: "integer"}


@pytest.mark.parametrize("operation", ["create", "update"])
def test_the_provider_can_send_exactly_the_parameters_the_spec_declares(spec: FlexSpec, operation: str) -> None:
    ours = {field.api_name for field in FIELDS}
    theirs = set(spec.request_params(operation))
    assert ours == theirs, f"only ours: {sorted(ours - theirs)}; only in the spec: {sorted(theirs - ours)}"


def test_the_provider_outputs_are_exactly_the_response_properties(spec: FlexSpec) -> None:
    ours, theirs = set(_schema.FLEX_FLOW.output_names), spec.flow_properties
    assert ours == theirs, f"only ours: {sorted(ours - theirs)}; only in the spec: {sorted(theirs - ours)}"


def test_the_responses_of_every_operation_use_the_flex_flow_schema(spec: FlexSpec) -> None:
    for path, method in ((LIST_PATH, "post"), (INSTANCE_PATH, "get"), (INSTANCE_PATH, "post")):
        assert spec.response_schema(path, method) == spec.flow_schema, (path, method)
    page = spec.response_schema(LIST_PATH, "get")["properties"]
    assert page["flex_flows"]["items"] == spec.flow_schema


def test_required_create_parameters_match(spec: FlexSpec) -> None:
    assert {f.api_name for f in FIELDS if f.required} == spec.required_params("create")
    assert set(emulator_params.REQUIRED_ON_CREATE) == spec.required_params("create")


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.api_name)
def test_each_field_has_the_spec_type_and_pattern(spec: FlexSpec, field: _description.Field) -> None:
    for operation in ("create", "update"):
        declared = spec.request_params(operation)[field.api_name]
        assert SPEC_TYPES[field.kind] == declared.get("type", "string"), operation
        pattern = declared.get("pattern")
        assert (f"^{field.pattern}$" if field.pattern else None) == pattern, operation


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


def test_input_names_are_the_snake_case_of_the_parameters(spec: FlexSpec) -> None:
    """Twilio reports `Integration.RetryCount` as `integration.retry_count`: inputs and outputs share names."""
    flow_params = {p for p in spec.request_params("create") if not p.startswith("Integration.")}
    integration_params = {p.removeprefix("Integration.") for p in spec.request_params("create")} - flow_params
    assert {f.name: f.api_name for f in _schema.FLOW_FIELDS} == {_snake(p): p for p in flow_params}
    assert {f.name: f.api_name for f in _schema.INTEGRATION_FIELDS} == {
        _snake(p): f"Integration.{p}" for p in integration_params
    }


@pytest.mark.parametrize(
    ("param", "ours"),
    [
        ("ChannelType", _schema.CHANNEL_TYPES),
        ("IntegrationType", _schema.INTEGRATION_TYPES),
    ],
)
def test_enums_match(spec: FlexSpec, param: str, ours: tuple[str, ...]) -> None:
    for operation in ("create", "update"):
        assert sorted(ours) == sorted(spec.enum(operation, param)), operation
    names = {"ChannelType": "CHANNEL_TYPES", "IntegrationType": "INTEGRATION_TYPES"}
    assert sorted(getattr(emulator_params, names[param])) == sorted(ours), "emulator"


def test_emulator_knows_exactly_the_spec_parameters(spec: FlexSpec) -> None:
    ours = set(emulator_params.FLOW_PARAMS) | set(emulator_params.INTEGRATION_PARAMS)
    assert ours == set(spec.request_params("create")) == set(spec.request_params("update"))
    assert set(emulator_params.LIST_PARAMS) == set(spec.query_params())
