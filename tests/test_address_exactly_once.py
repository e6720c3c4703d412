"""Exactly-once create of address configurations: an unknown outcome is reconciled, never blindly sent again.

How a lost create of an address is found: before sending the POST again (and once more before giving up), the
client lists the account's address configurations filtered by the `Type` it sent (`GET
/v1/Configuration/Addresses?Type=sms`, every page), and adopts the one that reports every parameter sent
(`_reconcile.matches`: `Address` included, `AutoCreation.WebhookFilters` compared as a set whatever order
Twilio reports it in, `AutoCreation.WebhookMethod` sent `post` and reported `POST`), created since the first
attempt (less the clock skew) and not already claimed by this client. An address is unique in an account, so at
most one configuration can match: the match is exact, and an address made by someone else a moment ago with the
same settings is never taken for ours (a Flex Flow, which has no unique field, can only be told apart by time).
Because the listing runs before any second POST, a processed create is adopted before its retry could collide
with it: the duplicate's 409 (code 20409) never reaches the user.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from scripted_faults import scripted_client

from pulumi_twilio_flex import TwilioApiError
from pulumi_twilio_flex._reconcile import matches
from pulumi_twilio_flex._wire import create_params
from pulumi_twilio_flex.address_configuration.description import ADDRESS_CONFIGURATION as ADDRESS
from pulumi_twilio_flex.emulator import EmulatorBackend, FaultSettings, FlexApiEmulator

IS, FW = "IS" + "a" * 32, "FW" + "b" * 32
WEBHOOK = {
    "type": "whatsapp",
    "address": "whatsapp:+15550001111",
    "friendly_name": "Support on WhatsApp",
    "auto_creation": {
        "enabled": True,
        "type": "webhook",
        "conversation_service_sid": IS,
        "webhook_url": "https://hooks.example.com/conversations",
        "webhook_method": "POST",
        "webhook_filters": ["onMessageAdded", "onParticipantAdded", "onConversationRemoved"],
    },
}
STUDIO = {
    "type": "sms",
    "address": "+15550002222",
    "address_country": "US",
    "auto_creation": {"enabled": True, "type": "studio", "studio_flow_sid": FW, "studio_retry_count": 0},
}
FORM = create_params(ADDRESS, WEBHOOK)
POST, LIST = ("POST", "/v1/Configuration/Addresses"), ("GET", "/v1/Configuration/Addresses")


def addresses(client) -> list[dict[str, Any]]:
    return list(client.list())


def address_client(script=(), app=None, **retry):
    return scripted_client(script, app if app is not None else FlexApiEmulator(), description=ADDRESS, **retry)


def listings(app: FlexApiEmulator) -> list[dict[str, str]]:
    """The query of every list request the emulator received."""
    return [dict(query) for method, path, query in app.backend.journal if (method, path) == LIST]


def test_the_form_sends_the_filters_as_a_repeated_key_and_the_method_as_the_spec_spells_it():
    assert FORM["AutoCreation.WebhookFilters"] == ["onMessageAdded", "onParticipantAdded", "onConversationRemoved"]
    assert FORM["AutoCreation.WebhookMethod"] == "post" and FORM["Type"] == "whatsapp"


@pytest.mark.parametrize("fault", ["lost", "500-after", "garbled-after"])
def test_a_processed_create_whose_answer_is_unusable_is_found_by_a_type_filtered_listing(fault):
    app = FlexApiEmulator()
    client, adapter, _ = address_client([fault], app)
    address = client.create(FORM)
    assert adapter.sent == [POST, LIST]  # found, not sent again
    assert [a["sid"] for a in addresses(client)] == [address["sid"]]
    assert listings(app)[0] == {"Type": "whatsapp"}
    assert address["address"] == "whatsapp:+15550001111" and address["auto_creation"]["webhook_method"] == "POST"
    assert sorted(address["auto_creation"]["webhook_filters"]) == sorted(FORM["AutoCreation.WebhookFilters"])


def test_an_unprocessed_create_found_nowhere_is_sent_again():
    client, adapter, _ = address_client(["503"])
    address = client.create(create_params(ADDRESS, STUDIO))
    assert adapter.sent == [POST, LIST, POST]
    assert [a["sid"] for a in addresses(client)] == [address["sid"]]
    assert address["address_country"] == "US" and address["auto_creation"]["studio_retry_count"] == 0


def test_a_second_create_of_an_address_collides_with_409():
    client, _, _ = address_client()
    client.create(FORM)
    with pytest.raises(TwilioApiError) as err:
        client.create(FORM)
    assert (err.value.status, err.value.code) == (409, 20409)
    assert str(err.value).startswith("create address configuration: HTTP 409, Twilio error 20409: ")


@pytest.mark.parametrize(
    ("script", "sent"),
    [
        (["lost"], [POST, LIST]),
        (["lost", "503", "429"], [POST, LIST, LIST, LIST]),  # the listing itself retried: still no second POST
        (["503", None, "lost"], [POST, LIST, POST, LIST]),  # the second attempt made it; the third reconciles
    ],
    ids=["lost", "lost-then-listing-faulted", "unprocessed-then-lost"],
)
def test_a_lost_create_is_adopted_before_its_retry_could_collide_so_no_409_surfaces(script, sent):
    client, adapter, _ = address_client(script, max_attempts=3)
    address = client.create(FORM)  # a 409 would raise TwilioApiError here
    assert adapter.sent == sent
    assert [a["sid"] for a in addresses(client)] == [address["sid"]]


def test_a_lost_answer_after_the_last_attempt_is_still_found():
    client, adapter, _ = address_client(["503", None, "lost"], max_attempts=2)
    address = client.create(FORM)
    assert adapter.sent == [POST, LIST, POST, LIST]
    assert [a["sid"] for a in addresses(client)] == [address["sid"]]


def test_an_unknown_outcome_that_created_nothing_fails_saying_so():
    client, adapter, _ = address_client(["503", None, "503"], max_attempts=2)
    with pytest.raises(TwilioApiError) as err:
        client.create(FORM)
    assert (err.value.status, err.value.code) == (503, 20503)
    assert str(err.value).startswith("create address configuration: HTTP 503, Twilio error 20503: ")
    assert str(err.value).endswith("(gave up after 2 attempts)")
    assert adapter.sent == [POST, LIST, POST, LIST] and addresses(client) == []


def test_an_address_with_the_same_settings_made_by_someone_else_is_not_taken_for_ours():
    app = FlexApiEmulator()
    console, _, _ = address_client(app=app)
    theirs = console.create({**FORM, "Address": "whatsapp:+15550009999"})["sid"]  # same type and settings
    client, adapter, _ = address_client(["lost"], app)
    ours = client.create(FORM)
    assert adapter.sent == [POST, LIST] and ours["sid"] != theirs
    assert ours["address"] == "whatsapp:+15550001111"
    assert sorted(a["sid"] for a in addresses(client)) == sorted([theirs, ours["sid"]])


def test_addresses_of_other_types_are_not_even_listed():
    app = FlexApiEmulator()
    console, _, _ = address_client(app=app)
    console.create(create_params(ADDRESS, STUDIO))
    client, _, _ = address_client(["lost"], app)
    ours = client.create(FORM)
    listed = list(client.list(filters={"Type": "whatsapp"}))
    assert [a["sid"] for a in listed] == [ours["sid"]] and len(addresses(client)) == 2


def test_a_lost_create_is_found_past_the_first_page_of_its_type():
    app = FlexApiEmulator()
    console, _, _ = address_client(app=app)
    for n in range(60):  # 60 whatsapp addresses made a moment ago, with the same settings: pages of 50
        console.create({**FORM, "Address": f"whatsapp:+1555100{n:04d}"})
    client, adapter, _ = address_client(["lost"], app)
    ours = client.create(FORM)
    assert adapter.sent == [POST, LIST, LIST]  # both pages of the listing
    assert ours["address"] == "whatsapp:+15550001111" and len(addresses(client)) == 61


def test_an_address_configured_before_the_request_is_never_adopted():
    now = [datetime.now(timezone.utc) - timedelta(hours=1)]
    app = FlexApiEmulator(EmulatorBackend(clock=lambda: now[0]))
    console, _, _ = address_client(app=app)
    old = console.create(FORM)["sid"]
    now[0] = datetime.now(timezone.utc)
    client, adapter, _ = address_client(["503"], app)  # unknown outcome; the address is someone else's
    with pytest.raises(TwilioApiError) as err:
        client.create(FORM)
    assert adapter.sent == [POST, LIST, POST] and (err.value.status, err.value.code) == (409, 20409)
    assert "whatsapp:+15550001111" not in str(err.value)
    assert [a["sid"] for a in addresses(client)] == [old]


def test_matching_takes_the_repeated_filters_as_a_set_and_the_method_in_any_case():
    reported = {
        "sid": "IG" + "1" * 32,
        "type": "whatsapp",
        "address": "whatsapp:+15550001111",
        "friendly_name": "Support on WhatsApp",
        "address_country": None,
        "auto_creation": {
            "enabled": True,
            "type": "webhook",
            "conversation_service_sid": IS,
            "webhook_url": "https://hooks.example.com/conversations",
            "webhook_method": "POST",
            "webhook_filters": ["onConversationRemoved", "onMessageAdded", "onParticipantAdded"],
        },
    }
    auto = reported["auto_creation"]
    assert matches(ADDRESS, FORM, reported)
    assert matches(ADDRESS, {**FORM, "AutoCreation.WebhookMethod": "POST", "Type": "WhatsApp"}, reported)
    assert not matches(ADDRESS, FORM, {**reported, "address": "whatsapp:+15550001112"})
    assert not matches(ADDRESS, FORM, {**reported, "auto_creation": {**auto, "webhook_method": "GET"}})
    assert not matches(ADDRESS, FORM, {**reported, "auto_creation": {**auto, "webhook_filters": ["onMessageAdded"]}})
    extra = [*auto["webhook_filters"], "onMessageRemoved"]
    assert not matches(ADDRESS, FORM, {**reported, "auto_creation": {**auto, "webhook_filters": extra}})
    assert not matches(ADDRESS, {**FORM, "AddressCountry": "US"}, reported)


def test_thirty_creates_of_mixed_types_from_four_threads_through_faults_make_thirty_addresses():
    faults = FaultSettings(fault_rate=0.2, fault_codes=("429", "503"), lost_response_rate=0.1, seed=7)
    app = FlexApiEmulator(faults=faults)
    app.sleep = lambda _seconds: None
    client, _, _ = address_client(app=app, max_attempts=10)
    forms = [create_params(ADDRESS, declared) for declared in mixed_addresses(30)]
    made: dict[str, str] = {}
    pending = iter(forms)
    lock = threading.Lock()

    def work() -> None:
        while True:
            with lock:
                form = next(pending, None)
            if form is None:
                return
            made[str(form["Address"])] = client.create(form)["sid"]

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    app.fault_settings = FaultSettings()
    account = {a["address"]: a["sid"] for a in addresses(client)}
    counters = app.counters()
    assert account == made and len(account) == 30, counters
    injected = counters["faults_injected"]
    assert injected["lost_response"] and injected["429"] and injected["503"], counters
    assert counters["requests"]["address_configuration.list"], counters


def mixed_addresses(count: int) -> list[dict[str, Any]]:
    """`count` distinct addresses cycling through sms/studio, whatsapp/webhook, messenger and chat/default."""
    shapes = [
        lambda n: {"type": "sms", "address": f"+1555200{n:04d}", "auto_creation": STUDIO["auto_creation"]},
        lambda n: {**WEBHOOK, "address": f"whatsapp:+1555300{n:04d}"},
        lambda n: {"type": "messenger", "address": f"messenger:10{n:04d}", "friendly_name": f"page {n}"},
        lambda n: {"type": "chat", "address": f"chat-{n}", "auto_creation": {"enabled": False, "type": "default"}},
    ]
    return [shapes[n % len(shapes)](n) for n in range(count)]
