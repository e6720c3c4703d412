"""What each flow keeps in state stays small: the declared paths as one string."""

from __future__ import annotations

from pulumi_twilio_flex._wire import DECLARED, outputs_from, read_inputs
from pulumi_twilio_flex.flex_flow.description import FLEX_FLOW

DECLARED_INPUTS = {
    "friendly_name": "Support",
    "chat_service_sid": "IS" + "a" * 32,
    "channel_type": "web",
    "integration_type": "studio",
    "integration": {"flow_sid": "FW" + "b" * 32, "retry_count": 1},
    "long_lived": False,
}
TWILIO_ANSWER = {
    **DECLARED_INPUTS,
    "sid": "FO" + "c" * 32,
    "enabled": False,
    "janitor_enabled": False,
    "contact_identity": None,
    "integration": {"flow_sid": "FW" + "b" * 32, "retry_count": 1, "creation_on_message": None},
}


def test_declared_paths_are_one_string():
    outputs = outputs_from(FLEX_FLOW, TWILIO_ANSWER, declared=DECLARED_INPUTS)
    assert outputs[DECLARED] == (
        "channel_type chat_service_sid friendly_name integration.flow_sid integration.retry_count "
        "integration_type long_lived"
    )


def test_state_written_with_a_list_of_paths_reads_the_same():
    outputs = outputs_from(FLEX_FLOW, TWILIO_ANSWER, declared=DECLARED_INPUTS)
    as_list = dict(outputs, **{DECLARED: outputs[DECLARED].split()})
    assert read_inputs(FLEX_FLOW, as_list) == read_inputs(FLEX_FLOW, outputs) == DECLARED_INPUTS
