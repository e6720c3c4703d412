"""Reads of many flows in one process share one listing; one read is one GET; nothing is hidden by the listing."""

from __future__ import annotations

import math
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from scripted_faults import IN_PROCESS, scripted_client

from pulumi_twilio_flex import FlexFlowNotFoundError
from pulumi_twilio_flex._account_snapshot import LIFETIME, AccountSnapshot, fetch_resource, snapshot_for
from pulumi_twilio_flex._client import FlexFlowsClient
from pulumi_twilio_flex._config import ConnectionSettings, Credentials
from pulumi_twilio_flex._provider import FlexFlowProvider
from pulumi_twilio_flex.emulator import EmulatorTransport, FaultSettings, FlexApiEmulator
from pulumi_twilio_flex.flex_flow.description import FLEX_FLOW

PAGE_SIZE = FLEX_FLOW.max_page_size

FORM = {
    "FriendlyName": "listed",
    "ChatServiceSid": "IS" + "a" * 32,
    "ChannelType": "web",
    "Integration.FlowSid": "FW" + "b" * 32,
}
OTHER_ACCOUNT = "AC" + "5" * 32


def account(flows: int, app: FlexApiEmulator | None = None):
    """A client on an in-process emulator holding `flows` flows, its SIDs, and the emulator (counters zeroed)."""
    app = app if app is not None else FlexApiEmulator(strict=True)
    client, _, _ = scripted_client(app=app)
    sids = [client.create({**FORM, "FriendlyName": f"listed {n}"})["sid"] for n in range(flows)]
    app.stats.clear()
    return client, sids, app


def requests_by_operation(app: FlexApiEmulator) -> dict[str, int]:
    return {op: sum(by.values()) for op, by in app.counters()["requests"].items()}


def provider_on(client) -> FlexFlowProvider:
    provider = FlexFlowProvider()
    provider.use_client_factory(lambda _settings: client)
    provider._config_get = {"twilio:accountSid": "AC" + "4" * 32, "twilio:authToken": "t"}.get
    return provider


def test_one_read_is_one_get():
    client, sids, app = account(3)
    assert fetch_resource(client, sids[1])["sid"] == sids[1]
    assert requests_by_operation(app) == {"fetch": 1}


@pytest.mark.parametrize("flows", [30, PAGE_SIZE + 1])
def test_reads_of_every_flow_cost_one_get_and_one_request_per_page_of_1000(flows):
    client, sids, app = account(flows)
    provider = provider_on(client)
    read = [provider.read(sid, {"sid": sid}) for sid in sids]
    assert [result.id for result in read] == sids
    assert [result.outs["friendly_name"] for result in read] == [f"listed {n}" for n in range(flows)]
    # 1001 flows in 2 pages: PageSize 1000, which the emulator accepts (above 1000 it answers 20007).
    assert requests_by_operation(app) == {"fetch": 1, "list": math.ceil(flows / PAGE_SIZE)}


def test_four_threads_reading_at_once_make_one_listing():
    client, sids, app = account(40)
    app.fault_settings = FaultSettings(latency_ms=30)  # every request in flight long enough to overlap
    start = threading.Barrier(4)

    def read(sid: str) -> str:
        if sid in sids[:4]:
            start.wait()  # the first four reads arrive together, as from the provider server's 4 workers
        return fetch_resource(client, sid)["sid"]

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(read, sids)) == sids
    assert requests_by_operation(app) == {"fetch": 1, "list": 1}


def test_a_flow_gone_from_the_account_is_still_reported_gone():
    client, sids, app = account(5)
    console, _, _ = scripted_client(app=app)
    console.delete(sids[3])
    app.stats.clear()
    provider = provider_on(client)
    read = {sid: provider.read(sid, {"sid": sid}) for sid in sids}
    assert read[sids[3]].id == "" and read[sids[3]].outs == {}
    assert all(read[sid].id == sid for sid in sids if sid != sids[3])
    # Missing from the listing: confirmed with a GET before being reported gone.
    assert app.counters()["requests"] == {"fetch": {"200": 1, "404": 1}, "list": {"200": 1}}


def test_a_flow_created_after_the_listing_is_still_found():
    client, sids, app = account(3)
    fetch_resource(client, sids[0])
    fetch_resource(client, sids[1])  # the second read lists the account
    created = client.create({**FORM, "FriendlyName": "made after the listing"})["sid"]
    app.stats.clear()
    assert fetch_resource(client, created)["friendly_name"] == "made after the listing"
    assert requests_by_operation(app) == {"fetch": 1}


def test_drift_made_in_the_console_is_seen_by_reads_from_the_listing():
    client, sids, app = account(4)
    console, _, _ = scripted_client(app=app)
    console.update(sids[2], {"FriendlyName": "renamed in the console", "Integration.RetryCount": "0"})
    app.stats.clear()
    provider = provider_on(client)
    read = {sid: provider.read(sid, {"sid": sid}) for sid in sids}
    assert read[sids[2]].outs["friendly_name"] == "renamed in the console"
    assert read[sids[2]].outs["integration"]["retry_count"] == 0
    assert requests_by_operation(app) == {"fetch": 1, "list": 1}


def test_a_flow_this_process_updated_or_deleted_after_the_listing_is_fetched_again():
    client, sids, app = account(4)
    provider = provider_on(client)
    provider.read(sids[0], {"sid": sids[0]})
    provider.read(sids[1], {"sid": sids[1]})  # listed: the snapshot holds every flow as it was
    provider.update(sids[2], {"friendly_name": "listed 2"}, {"friendly_name": "updated by this process"})
    provider.delete(sids[3], {})
    app.stats.clear()
    assert provider.read(sids[2], {"sid": sids[2]}).outs["friendly_name"] == "updated by this process"
    assert provider.read(sids[3], {"sid": sids[3]}).id == ""
    assert app.counters()["requests"] == {"fetch": {"200": 1, "404": 1}}


def test_reads_hand_out_copies_of_the_listing():
    client, sids, _ = account(2)
    fetch_resource(client, sids[0])
    fetch_resource(client, sids[1])["integration"]["retry_count"] = 99
    assert fetch_resource(client, sids[1])["integration"]["retry_count"] == 3


def test_a_listing_serves_reads_for_its_lifetime_then_a_new_window_starts_with_a_get():
    client, sids, app = account(3)
    now = [0.0]
    snapshot = AccountSnapshot(client, clock=lambda: now[0])
    snapshot.fetch(sids[0])
    snapshot.fetch(sids[1])
    now[0] += LIFETIME
    snapshot.fetch(sids[2])
    assert requests_by_operation(app) == {"fetch": 1, "list": 1}
    now[0] += 0.1  # the listing is now older than its lifetime
    snapshot.fetch(sids[0])
    assert requests_by_operation(app) == {"fetch": 2, "list": 1}
    snapshot.fetch(sids[1])
    snapshot.fetch(sids[2])
    assert requests_by_operation(app) == {"fetch": 2, "list": 2}


def test_reads_far_apart_are_one_get_each():
    client, sids, app = account(3)
    now = [0.0]
    snapshot = AccountSnapshot(client, clock=lambda: now[0])
    for sid in sids:
        snapshot.fetch(sid)
        now[0] += LIFETIME + 1
    assert requests_by_operation(app) == {"fetch": 3}


def test_a_failed_listing_sends_each_read_back_to_its_own_get():
    app = FlexApiEmulator()
    client, sids, _ = account(3, app)
    failing, adapter, _ = scripted_client([None, "503"], app=app, max_attempts=1)  # the listing gets a 503
    assert [fetch_resource(failing, sid)["sid"] for sid in sids] == sids
    assert adapter.sent == [("GET", f"/v1/FlexFlows/{sids[0]}"), ("GET", "/v1/FlexFlows")] + [
        ("GET", f"/v1/FlexFlows/{sid}") for sid in sids[1:]
    ]
    with pytest.raises(FlexFlowNotFoundError, match=r"^fetch Flex Flow FO0{32}: HTTP 404"):
        fetch_resource(failing, "FO" + "0" * 32)


def client_for(app: FlexApiEmulator, account_sid: str) -> FlexFlowsClient:
    session = requests.Session()
    session.mount(IN_PROCESS, EmulatorTransport(app))
    return FlexFlowsClient(ConnectionSettings(Credentials(account_sid, "other-token"), IN_PROCESS), session=session)


def test_each_client_has_its_own_snapshot_so_accounts_never_mix():
    client, sids, app = account(2)
    other = client_for(app, OTHER_ACCOUNT)
    assert snapshot_for(client) is snapshot_for(client) is not snapshot_for(other)
    fetch_resource(client, sids[0])
    fetch_resource(client, sids[1])  # the first account is listed
    for sid in sids:  # neither is served from that listing to the other account, where they do not exist
        with pytest.raises(FlexFlowNotFoundError):
            fetch_resource(other, sid)
    assert app.counters()["requests"] == {"fetch": {"200": 1, "404": 2}, "list": {"200": 2}}
