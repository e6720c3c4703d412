"""The public surface is small and pinned; the resource carries a fixed type token and typed outputs."""

from __future__ import annotations

from pathlib import Path

import pulumi
import pytest

import pulumi_twilio_flex
from pulumi_twilio_flex import AddressConfiguration, FlexFlow, FlexFlowArgs, FlexFlowIntegrationArgs


def test_public_names_are_pinned():
    assert sorted(pulumi_twilio_flex.__all__) == [
        "AddressConfiguration",
        "AddressConfigurationArgs",
        "AddressConfigurationAutoCreationArgs",
        "CatalogError",
        "ConfigurationError",
        "FlexFlow",
        "FlexFlowArgs",
        "FlexFlowError",
        "FlexFlowIntegrationArgs",
        "FlexFlowNotFoundError",
        "NotFoundError",
        "TransportError",
        "TwilioApiError",
        "addresses_from_yaml",
        "flows_from_yaml",
    ]


def test_package_is_typed():
    assert (Path(pulumi_twilio_flex.__file__).parent / "py.typed").is_file()


def test_type_token_is_fixed():
    assert FlexFlow._resource_type_name == "dynamic/twilio-flex:FlexFlow"


@pytest.mark.parametrize("resource", [FlexFlow, AddressConfiguration])
def test_every_output_is_an_annotated_attribute(resource):
    annotated = {
        name: str(hint) for cls in resource.__mro__ for name, hint in vars(cls).get("__annotations__", {}).items()
    }
    outputs = {name for name, hint in annotated.items() if "Output[" in hint}
    assert outputs == set(resource.description.output_names)


@pulumi.runtime.test
def test_args_object_and_dict_integration_register_the_same_inputs(mocks):
    fw = "FW" + "b" * 32
    common = {"friendly_name": "x", "chat_service_sid": "IS" + "a" * 32, "channel_type": "web"}
    flows = [
        FlexFlow("typed", integration=FlexFlowIntegrationArgs(flow_sid=fw, retry_count=0), **common),
        FlexFlow("plain", integration={"flow_sid": fw, "retry_count": 0}, **common),
        FlexFlow("args", FlexFlowArgs(integration=FlexFlowIntegrationArgs(flow_sid=fw, retry_count=0), **common)),
    ]

    def check(_):
        inputs = [{k: v for k, v in r.inputs.items() if k != "__provider"} for r in mocks.registered]
        assert [r.typ for r in mocks.registered] == ["pulumi-python:dynamic/twilio-flex:FlexFlow"] * 3
        assert inputs[0] == inputs[1] == inputs[2]
        assert inputs[0]["integration"] == {"flow_sid": fw, "retry_count": 0}
        assert "contact_identity" not in inputs[0]  # None is "not declared"

    return pulumi.Output.all(*[f.sid for f in flows]).apply(check)


def test_args_and_keywords_together_are_refused():
    args = FlexFlowArgs(friendly_name="x", chat_service_sid="IS" + "a" * 32, channel_type="web")
    with pytest.raises(TypeError, match=r"pass either args or keywords, not both \(\['enabled'\]\)"):
        FlexFlow("both", args, enabled=True)
