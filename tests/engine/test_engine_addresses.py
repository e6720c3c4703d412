"""Conversations address configurations on the real engine against the emulator: the whole lifecycle, edits in
place, a replacement that deletes first, drift, an out-of-band delete, and adoption by SID and by address."""

from __future__ import annotations

import json

import pytest
from program_support import program_project

pytestmark = pytest.mark.engine

IS, FW = "IS" + "a" * 32, "FW" + "b" * 32
ADDRESSES_PROGRAM = f"""
from pulumi_twilio_flex import AddressConfiguration, AddressConfigurationAutoCreationArgs as Auto

config = pulumi.Config()
sms = AddressConfiguration("sms", type="sms", address="+15550001111",
    friendly_name=config.get("smsName") or "Support SMS",
    auto_creation=Auto(enabled=True, type="studio", conversation_service_sid="{IS}", studio_flow_sid="{FW}",
                       studio_retry_count=1))
whatsapp = AddressConfiguration("whatsapp", type="whatsapp", address="whatsapp:+15550002222",
    auto_creation=Auto(enabled=True, type="webhook", webhook_url="https://hooks.example.com/c", webhook_method="POST",
                       webhook_filters=config.get_object("filters") or ["onMessageAdded", "onParticipantAdded"]))
chat = AddressConfiguration("chat", type="chat", address=config.get("chatAddress") or "support-chat",
    auto_creation=Auto(enabled=True, type="default"))
for name, resource in (("sms", sms), ("whatsapp", whatsapp), ("chat", chat)):
    pulumi.export(name, resource.sid)
"""


def changed_inputs(step: dict) -> list[str]:
    """The input paths that differ between the stored state and the program: what `preview --diff` shows."""

    def flat(state: dict | None) -> dict:
        inputs = dict((state or {}).get("inputs") or {})
        inputs.pop("__provider", None)
        nested = inputs.pop("auto_creation", None) or {}
        return {**inputs, **{f"auto_creation.{k}": v for k, v in nested.items()}}

    if step["op"] == "create":
        return []
    old, new = flat(step.get("oldState")), flat(step.get("newState"))
    return sorted(path for path in old.keys() | new.keys() if old.get(path) != new.get(path))


def changes(project) -> list[tuple[str, str, list[str]]]:
    """(resource, op, changed inputs) of each step of the preview that is not `same`."""
    return sorted(
        (step["urn"].rsplit("::", 1)[-1], step["op"], changed_inputs(step)) for step in project.preview_steps()
    )


def writes(emulator, since: int) -> list[tuple[str, str]]:
    """(method, path) of the writing requests the emulator received since journal entry `since`."""
    return [(method, path) for method, path, _ in emulator.journal()[since:] if method in ("POST", "DELETE")]


def test_addresses_live_their_whole_life_through_the_engine(project_factory, tmp_path, emulator):
    project = program_project(project_factory, tmp_path, ADDRESSES_PROGRAM)
    sids = project.up()
    api = emulator.addresses()
    assert {a["sid"] for a in api.list()} == set(sids.values())
    whatsapp = api.fetch(sids["whatsapp"])
    assert sorted(whatsapp["auto_creation"]["webhook_filters"]) == ["onMessageAdded", "onParticipantAdded"]
    project.run("preview", "--expect-no-changes")

    project.run("config", "set", "smsName", "Support SMS (renamed)")
    assert changes(project) == [("sms", "update", ["friendly_name"])]
    mark = len(emulator.journal())
    assert project.up() == sids
    assert writes(emulator, mark) == [("POST", f"/v1/Configuration/Addresses/{sids['sms']}")]

    project.run("config", "set", "--path", "filters[0]", "onMessageAdded")
    assert changes(project) == [("whatsapp", "update", ["auto_creation.webhook_filters"])]
    mark = len(emulator.journal())
    assert project.up() == sids
    assert writes(emulator, mark) == [("POST", f"/v1/Configuration/Addresses/{sids['whatsapp']}")]
    assert api.fetch(sids["whatsapp"])["auto_creation"]["webhook_filters"] == ["onMessageAdded"]

    project.run("config", "set", "chatAddress", "help-chat")
    preview = json.loads(project.run("preview", "--diff", "--json").stdout)
    chat_steps = [s for s in preview["steps"] if s["urn"].endswith("::chat")]
    assert [s["op"] for s in chat_steps] == ["replace"] and chat_steps[0]["replaceReasons"] == ["address"]
    assert "address" in project.run("preview", "--diff").stdout
    mark = len(emulator.journal())
    replaced = project.up()
    assert replaced["chat"] != sids["chat"] and {k: v for k, v in replaced.items() if k != "chat"} == {
        k: v for k, v in sids.items() if k != "chat"
    }
    assert writes(emulator, mark) == [
        ("DELETE", f"/v1/Configuration/Addresses/{sids['chat']}"),
        ("POST", "/v1/Configuration/Addresses"),
    ]  # deleted first: the address is unique in the account
    project.run("preview", "--expect-no-changes")

    api.update(replaced["sms"], {"FriendlyName": "Renamed in the console"})
    api.delete(replaced["whatsapp"])
    project.run("refresh", "--yes", "--skip-preview")
    steps = changes(project)
    assert ("sms", "update", ["friendly_name"]) in steps and ("whatsapp", "create", []) in steps
    project.up()
    project.run("preview", "--expect-no-changes")

    project.run("destroy", "--yes", "--skip-preview")
    assert list(api.list()) == []


@pytest.mark.parametrize("by", ["sid", "address"])
def test_an_existing_address_is_adopted_by_sid_or_by_address(by, project_factory, tmp_path, emulator):
    api = emulator.addresses()
    existing = api.create({"Type": "sms", "Address": "+15550003333", "FriendlyName": "Made in the console"})
    adopt = existing["sid"] if by == "sid" else "+15550003333"
    project = program_project(
        project_factory,
        tmp_path,
        f"""
        from pulumi_twilio_flex import AddressConfiguration
        sms = AddressConfiguration("sms", adopt_sid="{adopt}", type="sms", address="+15550003333",
                                   friendly_name="Managed now")
        pulumi.export("sid", sms.sid)
        """,
    )
    mark = len(emulator.journal())
    assert project.up() == {"sid": existing["sid"]}
    assert writes(emulator, mark) == [("POST", f"/v1/Configuration/Addresses/{existing['sid']}")]  # one update
    assert [a["sid"] for a in api.list()] == [existing["sid"]]
    assert api.fetch(existing["sid"])["friendly_name"] == "Managed now"
    project.run("preview", "--expect-no-changes")
    project.run("refresh", "--yes", "--skip-preview")
    project.run("preview", "--expect-no-changes")
