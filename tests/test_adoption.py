"""Adoption through `create`: an existing flow is taken over, brought to the declared inputs, never duplicated."""

from __future__ import annotations

import pytest

from pulumi_twilio_flex import FlexFlowNotFoundError
from pulumi_twilio_flex._client import FlexFlowsClient
from pulumi_twilio_flex._config import ConnectionSettings, Credentials
from pulumi_twilio_flex._validation import validate
from pulumi_twilio_flex._wire import create_params
from pulumi_twilio_flex.flex_flow.description import FLEX_FLOW

IS = "IS" + "a" * 32
FW, FW2 = "FW" + "b" * 32, "FW" + "e" * 32
MISSING = "FO" + "9" * 32
DECLARED = {
    "friendly_name": "Support chat",
    "chat_service_sid": IS,
    "channel_type": "web",
    "integration_type": "studio",
    "integration": {"flow_sid": FW, "retry_count": 1},
    "enabled": True,
}


def console_flow(emulator, **overrides):
    """A flow made behind the provider's back, as Twilio's console would."""
    return emulator.api().create(create_params(FLEX_FLOW, {**DECLARED, **overrides}))


def posts(emulator):
    return [(method, path) for method, path, _ in emulator.journal() if method in ("POST", "DELETE")]


def test_adopting_a_flow_that_differs_updates_it_once_and_keeps_its_sid(emulator):
    existing = console_flow(emulator, friendly_name="Console chat", integration={"flow_sid": FW2}, long_lived=True)
    emulator.backend.journal.clear()
    provider = emulator.provider()
    result = provider.create({**DECLARED, "adopt_sid": existing["sid"]})
    assert result.id == existing["sid"]
    assert posts(emulator) == [("POST", f"/v1/FlexFlows/{existing['sid']}")]
    [flow] = emulator.api().list()
    assert flow["sid"] == existing["sid"]
    assert (flow["friendly_name"], flow["integration"]["flow_sid"], flow["integration"]["retry_count"]) == (
        "Support chat",
        FW,
        1,
    )
    assert flow["long_lived"] is False  # undeclared, so back to Twilio's default as the diff expects
    assert result.outs["friendly_name"] == "Support chat" and result.outs["sid"] == existing["sid"]
    assert not provider.diff(result.id, result.outs, {**DECLARED, "adopt_sid": existing["sid"]}).changes


def test_adopting_a_flow_that_already_matches_sends_no_update(emulator):
    existing = console_flow(emulator)
    emulator.backend.journal.clear()
    result = emulator.provider().create({**DECLARED, "adopt_sid": existing["sid"]})
    assert result.id == existing["sid"]
    assert posts(emulator) == []
    assert result.outs["url"] == existing["url"]


def test_adopting_a_flow_of_another_integration_type_rebuilds_it_as_declared(emulator):
    existing = console_flow(
        emulator, integration_type="external", integration={"url": "https://hooks.example.com/flex", "retry_count": 0}
    )
    provider = emulator.provider()
    result = provider.create({**DECLARED, "adopt_sid": existing["sid"]})
    flow = emulator.api().fetch(existing["sid"])
    assert (flow["integration_type"], flow["integration"]["flow_sid"]) == ("studio", FW)
    assert not provider.diff(result.id, result.outs, DECLARED).changes


def test_adopt_sid_never_reaches_twilio(emulator):
    existing = console_flow(emulator, friendly_name="old")
    emulator.backend.journal.clear()
    emulator.provider().create({**DECLARED, "adopt_sid": existing["sid"]})
    sent = [params for method, _, params in emulator.journal() if method == "POST"]
    assert sent and all("AdoptSid" not in p and "adopt_sid" not in p for p in sent)


def test_adopting_a_missing_sid_fails_naming_it_and_creates_nothing(emulator):
    with pytest.raises(FlexFlowNotFoundError) as raised:
        emulator.provider().create({**DECLARED, "adopt_sid": MISSING})
    assert str(raised.value).startswith(f"adopt Flex Flow {MISSING}: HTTP 404")
    assert "no Flex Flow with this SID in the account (check adopt_sid); nothing was created" in str(raised.value)
    assert emulator.token not in str(raised.value)
    assert list(emulator.api().list()) == []


def test_adopting_a_flow_of_another_account_fails_and_leaves_it_alone(emulator):
    other = FlexFlowsClient(ConnectionSettings(Credentials("AC" + "f" * 32, "other-token"), emulator.url))
    foreign = other.create(create_params(FLEX_FLOW, DECLARED))
    with pytest.raises(FlexFlowNotFoundError, match=f"^adopt Flex Flow {foreign['sid']}: HTTP 404"):
        emulator.provider().create({**DECLARED, "friendly_name": "mine", "adopt_sid": foreign["sid"]})
    assert list(emulator.api().list()) == []
    assert other.fetch(foreign["sid"])["friendly_name"] == "Support chat"


def test_diff_ignores_a_changed_adopt_sid(emulator):
    existing = console_flow(emulator)
    provider = emulator.provider()
    result = provider.create({**DECLARED, "adopt_sid": existing["sid"]})
    for news in ({**DECLARED, "adopt_sid": MISSING}, DECLARED):
        decision = provider.diff(result.id, result.outs, news)
        assert (decision.changes, decision.replaces) == (False, [])


def test_without_adopt_sid_create_posts_a_new_flow(emulator):
    result = emulator.provider().create(DECLARED)
    assert posts(emulator) == [("POST", "/v1/FlexFlows")]
    assert result.id.startswith("FO")


@pytest.mark.parametrize("bad", ["FO123", "IS" + "a" * 32, "fo" + "a" * 32, 7])
def test_adopt_sid_must_be_a_flow_sid(bad):
    failures = validate(FLEX_FLOW, {**DECLARED, "adopt_sid": bad})
    assert [prop for prop, _ in failures] == ["adopt_sid"]
    assert "FO followed by 32 hex digits" in failures[0][1] or "must be a string" in failures[0][1]


def test_a_valid_adopt_sid_passes_check():
    assert validate(FLEX_FLOW, {**DECLARED, "adopt_sid": "FO" + "0a" * 16}) == []
