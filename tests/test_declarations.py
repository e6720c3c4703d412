"""What a program refuses while declaring flows: one SID adopted twice, `get` of something not a SID; and the
shapes of input it accepts (an Output resolving to `FlexFlowIntegrationArgs`)."""

from __future__ import annotations

import pulumi
import pytest

from pulumi_twilio_flex import FlexFlow, FlexFlowIntegrationArgs
from pulumi_twilio_flex._declarations import DeclarationError

FO = "FO" + "1" * 32
COMMON = {"friendly_name": "x", "chat_service_sid": "IS" + "a" * 32, "channel_type": "web"}
INTEGRATION = {"flow_sid": "FW" + "b" * 32}


@pulumi.runtime.test
def test_one_sid_adopted_by_two_resources_is_refused_naming_both(mocks):
    first = FlexFlow("first", adopt_sid=FO, integration=INTEGRATION, **COMMON)
    with pytest.raises(DeclarationError) as err:
        FlexFlow("second", adopt_sid=FO, integration=INTEGRATION, **COMMON)
    assert str(err.value) == (
        f"FlexFlow 'second': adopt_sid {FO} is already adopted by FlexFlow 'first'; a flow can be adopted by one "
        "resource only (drop one of the two declarations)"
    )
    assert isinstance(err.value, pulumi.RunError)  # printed by Pulumi as one line, without the program's stack

    def check(_):
        assert [r.name for r in mocks.registered] == ["first"]

    return first.urn.apply(check)


@pulumi.runtime.test
def test_two_resources_adopting_two_sids_are_fine(mocks):
    first = FlexFlow("first", adopt_sid=FO, integration=INTEGRATION, **COMMON)
    second = FlexFlow("second", adopt_sid="FO" + "2" * 32, integration=INTEGRATION, **COMMON)

    def check(_):
        assert sorted(r.name for r in mocks.registered) == ["first", "second"]

    return pulumi.Output.all(first.urn, second.urn).apply(check)


@pytest.mark.parametrize("sid", ["FO123", "FO" + "0" * 31, "XX" + "0" * 32, "FO" + "0" * 32 + "\n", ""])
def test_get_of_something_that_is_not_a_flow_sid_is_refused_before_any_request(mocks, sid):
    with pytest.raises(DeclarationError) as err:
        FlexFlow.get("existing", sid)
    assert "is not a Flex Flow SID; it must be FO followed by 32 hex digits" in str(err.value)
    assert mocks.registered == []


@pulumi.runtime.test
def test_an_output_of_integration_args_registers_a_plain_dict(mocks):
    flow_sid = pulumi.Output.from_input("FW" + "c" * 32)
    integration = flow_sid.apply(lambda s: FlexFlowIntegrationArgs(flow_sid=s, retry_count=1))
    flow = FlexFlow("typed", integration=integration, **COMMON)

    def check(_):
        assert mocks.registered[0].inputs["integration"] == {"flow_sid": "FW" + "c" * 32, "retry_count": 1}

    return flow.urn.apply(check)


@pulumi.runtime.test
def test_sid_is_the_resource_id(mocks):
    flow = FlexFlow("plain", integration=INTEGRATION, **COMMON)

    def check(values):
        sid, id_ = values
        assert sid == id_ == "FO" + "0" * 32

    return pulumi.Output.all(flow.sid, flow.id).apply(check)
