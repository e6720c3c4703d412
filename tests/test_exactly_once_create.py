"""Exactly-once create: an unknown outcome is reconciled, never blindly sent again, never adopted at random."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest
from scripted_faults import scripted_client

from pulumi_twilio_flex import TransportError, TwilioApiError
from pulumi_twilio_flex._reconcile import matches
from pulumi_twilio_flex._wire import create_params
from pulumi_twilio_flex.emulator import EmulatorBackend, FaultSettings, FlexApiEmulator
from pulumi_twilio_flex.flex_flow.description import FLEX_FLOW

FORM = {
    "FriendlyName": "exactly once",
    "ChatServiceSid": "IS" + "a" * 32,
    "ChannelType": "web",
    "Integration.FlowSid": "FW" + "b" * 32,
    "Enabled": "true",
}
POST, LIST = ("POST", "/v1/FlexFlows"), ("GET", "/v1/FlexFlows")


def flows(client):
    return list(client.list())


@pytest.mark.parametrize("fault", ["lost", "500-after"])
def test_a_processed_create_whose_answer_is_lost_is_adopted_not_repeated(fault):
    client, adapter, _ = scripted_client([fault])
    flow = client.create(FORM)
    assert adapter.sent == [POST, LIST]
    assert [f["sid"] for f in flows(client)] == [flow["sid"]]
    assert flow["friendly_name"] == "exactly once" and flow["enabled"] is True


def test_an_unprocessed_create_found_nowhere_is_sent_again():
    client, adapter, _ = scripted_client(["503"])
    flow = client.create(FORM)
    assert adapter.sent == [POST, LIST, POST]
    assert [f["sid"] for f in flows(client)] == [flow["sid"]]


def test_a_lost_answer_after_the_last_attempt_is_still_reconciled():
    client, adapter, _ = scripted_client(["503", None, "lost"], max_attempts=2)  # POST, list, POST
    flow = client.create(FORM)
    assert adapter.sent == [POST, LIST, POST, LIST]
    assert [f["sid"] for f in flows(client)] == [flow["sid"]]


def test_an_unknown_outcome_that_created_nothing_fails_saying_so():
    client, adapter, _ = scripted_client(["503", None, "503"], max_attempts=2)
    with pytest.raises(TwilioApiError, match=r"^create Flex Flow: HTTP 503, .*\(gave up after 2 attempts\)$"):
        client.create(FORM)
    assert adapter.sent == [POST, LIST, POST, LIST] and flows(client) == []


def test_an_identical_flow_older_than_the_request_is_not_adopted():
    now = [datetime.now(timezone.utc) - timedelta(hours=1)]
    app = FlexApiEmulator(EmulatorBackend(clock=lambda: now[0]))
    console, _, _ = scripted_client(app=app)
    old = console.create(FORM)["sid"]
    now[0] = datetime.now(timezone.utc)
    client, adapter, _ = scripted_client(["lost"], app=app)
    flow = client.create(FORM)
    assert flow["sid"] != old and adapter.sent == [POST, LIST]
    assert len(flows(client)) == 2


def test_several_candidates_fail_the_create_naming_them_and_send_nothing_more():
    app = FlexApiEmulator()
    console, _, _ = scripted_client(app=app)
    theirs = console.create(FORM)["sid"]  # someone made an identical flow a moment ago
    client, adapter, _ = scripted_client(["lost"], app=app)
    with pytest.raises(TransportError) as err:
        client.create(FORM)
    assert adapter.sent == [POST, LIST]
    sids = [f["sid"] for f in flows(client)]
    assert len(sids) == 2 and theirs in sids
    message = str(err.value)
    assert message.startswith("create Flex Flow: the outcome of the create is unknown (ConnectionError) and 2 flows")
    assert all(sid in message for sid in sids) and "None was adopted" in message


def test_a_flow_this_client_already_made_is_never_adopted_for_another_create():
    client, adapter, _ = scripted_client()
    first = client.create(FORM)["sid"]
    adapter.script = ["503"]  # an identical second resource: its first attempt's outcome is unknown
    second = client.create(FORM)["sid"]
    assert second != first and len(flows(client)) == 2


def test_matching_compares_what_was_sent_with_what_twilio_reports():
    inputs = {
        "friendly_name": "f",
        "chat_service_sid": "IS" + "a" * 32,
        "channel_type": "sms",
        "contact_identity": "",
        "long_lived": False,
        "integration_type": "task",
        "integration": {"workspace_sid": "WS" + "c" * 32, "workflow_sid": "WW" + "d" * 32, "priority": 0.0},
    }
    reported = {
        "friendly_name": "f",
        "chat_service_sid": "IS" + "a" * 32,
        "channel_type": "sms",
        "contact_identity": None,
        "long_lived": False,
        "integration_type": "task",
        "integration": {"workspace_sid": "WS" + "c" * 32, "workflow_sid": "WW" + "d" * 32, "priority": 0},
    }
    params = create_params(FLEX_FLOW, inputs)
    assert matches(FLEX_FLOW, params, reported)
    assert not matches(FLEX_FLOW, params, {**reported, "long_lived": True})
    assert not matches(FLEX_FLOW, params, {**reported, "integration": {**reported["integration"], "priority": 5}})
    assert not matches(FLEX_FLOW, {**params, "Unknown": "x"}, reported)


def test_thirty_creates_from_four_threads_through_faults_make_thirty_flows():
    faults = FaultSettings(fault_rate=0.2, fault_codes=("429", "503"), lost_response_rate=0.1, seed=7)
    app = FlexApiEmulator(faults=faults)
    app.sleep = lambda _seconds: None
    client, _, _ = scripted_client(app=app, max_attempts=10)
    made: dict[str, str] = {}
    names = iter(range(30))
    lock = threading.Lock()

    def work() -> None:
        while True:
            with lock:
                n = next(names, None)
            if n is None:
                return
            made[f"flow {n}"] = client.create({**FORM, "FriendlyName": f"flow {n}"})["sid"]

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    app.fault_settings = FaultSettings()
    account = {f["friendly_name"]: f["sid"] for f in flows(client)}
    counters = app.counters()
    assert account == made and len(account) == 30
    assert sum(counters["faults_injected"].values()) > 0, counters


def test_a_create_answered_with_a_body_that_is_not_json_is_reconciled_like_a_lost_one():
    client, adapter, _ = scripted_client(["garbled-after"])
    flow = client.create(FORM)
    assert adapter.sent == [POST, LIST]  # found by the listing, not sent again
    assert [f["sid"] for f in flows(client)] == [flow["sid"]]


def test_an_unreadable_answer_to_every_attempt_fails_saying_so_without_duplicates():
    app = FlexApiEmulator()
    client, adapter, _ = scripted_client(["503", None, "garbled-after"], app=app, max_attempts=2)
    flow = client.create(FORM)  # the second POST made the flow: the last listing finds it
    assert adapter.sent == [POST, LIST, POST, LIST] and [f["sid"] for f in flows(client)] == [flow["sid"]]


def test_the_whole_create_with_its_reconciling_lists_waits_no_longer_than_the_retry_timeout(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr("time.monotonic", lambda: clock[0])

    def sleep(seconds: float) -> None:
        clock[0] += seconds

    client, adapter, _ = scripted_client(["500-after"] + ["503"] * 200, max_attempts=100, max_elapsed=20.0)
    client.retrier._sleep = sleep
    with pytest.raises(TwilioApiError, match=r"^list Flex Flow: HTTP 503"):
        client.create(FORM)
    assert clock[0] - 1000.0 <= 20.0  # every wait, the listings' included, within twilio:retryTimeout
    assert adapter.sent[:2] == [POST, LIST] and set(adapter.sent[1:]) == {LIST}
