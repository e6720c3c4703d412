"""Properties of `check` and `diff` over generated inputs: no input shape makes `check` raise, whatever `check`
accepts the (strict) emulator accepts, and a flow just created shows no diff against its own inputs."""

from __future__ import annotations

import requests
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pulumi.dynamic import CheckFailure, CheckResult, ConfigureRequest
from pulumi.dynamic.config import Config
from pulumi.output import Unknown

from pulumi_twilio_flex._client import FlexFlowsClient
from pulumi_twilio_flex._provider import FlexFlowProvider
from pulumi_twilio_flex.emulator import EmulatorTransport, FlexApiEmulator
from pulumi_twilio_flex.flex_flow.description import (
    CHANNEL_TYPES,
    FLEX_FLOW,
    INTEGRATION_FIELDS,
    INTEGRATION_TYPES,
    REQUIRED_INTEGRATION_FIELDS,
)

INPUT_NAMES = FLEX_FLOW.input_names

BASE = "http://flex-emulator.local"

# -- any shape at all ------------------------------------------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.builds(Unknown),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
integration_names = [f.name for f in INTEGRATION_FIELDS]
any_integration = st.one_of(
    values, st.dictionaries(st.sampled_from(integration_names) | st.text(max_size=6), values, max_size=6)
)
any_inputs = st.dictionaries(st.sampled_from(INPUT_NAMES) | st.text(max_size=8), values, max_size=10).flatmap(
    lambda d: st.one_of(st.just(d), any_integration.map(lambda i: {**d, "integration": i}))
)


@given(any_inputs)
def test_check_never_raises_on_any_input_shape(inputs):
    result = FlexFlowProvider().check({}, inputs)
    assert isinstance(result, CheckResult)
    assert all(isinstance(f, CheckFailure) and isinstance(f.property, str) and f.reason for f in result.failures)


# -- plausible inputs, valid or nearly so ----------------------------------------------------------------------


def mostly(valid, invalid):
    """Valid values nine times out of ten: enough inputs pass `check` to reach the emulator."""
    return st.sampled_from([True] * 9 + [False]).flatmap(lambda ok: valid if ok else invalid)


def sid(prefix: str):
    valid = st.text("0123456789abcdefABCDEF", min_size=32, max_size=32).map(lambda h: prefix + h)
    return mostly(valid, st.sampled_from([prefix, prefix + "x" * 32, "", prefix + "a" * 33]))


printable = st.text(st.characters(categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=16)
near_strings = mostly(printable, st.text(max_size=16))
near_ints = mostly(st.integers(0, 3), st.integers(-3, 2**31 + 1) | st.integers(2**31 - 2, 2**31 + 1))
integration_values = {
    "flow_sid": sid("FW"),
    "url": mostly(
        st.sampled_from(["https://hooks.example.com/x", "http://127.0.0.1:9/h?a=1", "https://h.example/%20"]),
        st.sampled_from(["ftp://x", "https://", "h", "http://h:port/"]),
    ),
    "workspace_sid": sid("WS"),
    "workflow_sid": sid("WW"),
    "channel": mostly(st.sampled_from(["default", "chat", "sms", "TC" + "1" * 32]), near_strings),
    "timeout": near_ints,
    "priority": near_ints,
    "creation_on_message": st.booleans(),
    "retry_count": near_ints,
}


@st.composite
def plausible_inputs(draw):
    """Inputs of one integration type, its required fields mostly present, other fields now and then."""
    integration_type = draw(st.sampled_from((None, *INTEGRATION_TYPES)))
    kind = integration_type or "studio"
    names = [f.name for f in INTEGRATION_FIELDS if f.applies_to is None or kind in f.applies_to]
    chosen = draw(st.sets(st.sampled_from(names)))
    chosen |= set(REQUIRED_INTEGRATION_FIELDS[kind]) if draw(mostly(st.just(True), st.just(False))) else set()
    chosen |= draw(st.sets(st.sampled_from(integration_names), max_size=1))  # now and then one that does not apply
    inputs = {
        "friendly_name": draw(near_strings),
        "chat_service_sid": draw(sid("IS")),
        "channel_type": draw(mostly(st.sampled_from(CHANNEL_TYPES), st.just("pigeon"))),
        "integration": {name: draw(integration_values[name]) for name in sorted(chosen)},
    }
    if integration_type is not None:
        inputs["integration_type"] = integration_type
    optional = {
        "contact_identity": st.one_of(st.just(""), near_strings),
        "enabled": st.booleans(),
        "long_lived": st.booleans(),
        "janitor_enabled": st.booleans(),
    }
    for name in draw(st.sets(st.sampled_from(sorted(optional)))):
        inputs[name] = draw(optional[name])
    return inputs


def in_process_provider() -> FlexFlowProvider:
    """A configured provider whose requests go to a strict emulator in this process."""
    session = requests.Session()
    session.mount(BASE, EmulatorTransport(FlexApiEmulator(strict=True)))
    provider = FlexFlowProvider()
    config = {"twilio:flexApiUrl": BASE, "twilio:accountSid": "AC" + "0" * 32, "twilio:authToken": "property-token"}
    provider.configure(ConfigureRequest(Config(config, "test")))
    provider.use_client_factory(lambda settings: FlexFlowsClient(settings, session=session))
    return provider


@settings(max_examples=400, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(plausible_inputs())
def test_what_check_accepts_twilio_accepts_and_then_shows_no_diff(inputs):
    provider = in_process_provider()
    checked = provider.check({}, inputs)
    event("accepted" if not checked.failures else "refused")
    if checked.failures:
        return
    created = provider.create(checked.inputs)  # raises TwilioApiError if the emulator refuses
    assert provider.diff(created.id, created.outs, checked.inputs).changes is False
    read = provider.read(created.id, created.outs)
    assert provider.diff(created.id, read.outs, read.inputs).changes is False
    assert provider.diff(created.id, read.outs, checked.inputs).changes is False
