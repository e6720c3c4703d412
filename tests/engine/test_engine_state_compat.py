"""Stacks written by release 0.1.0 keep working with the code of the day: refresh, preview, update, destroy.

The state in tests/fixtures/state/ was exported once by that release (see its README). Each engine test imports
it into a fresh stack, seeds a fresh emulator with the flows it records under their SIDs, and drives the real
CLI with today's provider.
"""

from __future__ import annotations

import base64
import pickletools

import pytest
from catalog_support import writes
from state_fixture_support import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    STACK_CONFIG,
    STACK_EXPORT,
    dump_flows,
    import_fixture,
    load_export,
    load_flows,
    new_project,
    seed_flows,
)

pytestmark = pytest.mark.engine

OLD_TYPE = "pulumi-python:dynamic/twilio-flex:FlexFlow"
OLD_PROVIDER = ("pulumi_twilio_flex._provider", "FlexFlowProvider")
ADOPTED = "FO" + "ad0be0" + "0" * 26
CONTACT = "+15550001111"  # the program's secret contact_identity


def flow_resources(exported):
    return [r for r in exported["deployment"]["resources"] if r["type"].endswith(":FlexFlow")]


def pickled_globals(encoded: str) -> list[tuple[str, str]]:
    """(module, name) of every class or function a serialized provider refers to, read without unpickling."""
    found, strings = [], []
    for opcode, arg, _ in pickletools.genops(base64.b64decode(encoded)):
        if opcode.name == "GLOBAL":
            module, name = arg.split(" ", 1)
            found.append((module, name))
        elif opcode.name == "STACK_GLOBAL":
            found.append((strings[-2], strings[-1]))
        elif isinstance(arg, str) and "UNICODE" in opcode.name:
            strings.append(arg)
    return found


def test_the_fixture_pickles_the_release_provider_under_its_old_module_path():
    flows = flow_resources(load_export())
    assert len(flows) == 3
    for resource in flows:
        for section in ("inputs", "outputs"):
            assert pickled_globals(resource[section]["__provider"]) == [OLD_PROVIDER], (resource["urn"], section)


def test_the_fixture_records_the_old_type_token_and_the_flows_it_was_made_with():
    flows = flow_resources(load_export())
    assert {r["type"] for r in flows} == {OLD_TYPE}
    assert all(f":{OLD_TYPE}::" in r["urn"] for r in flows)
    assert sorted(r["id"] for r in flows) == sorted(f["sid"] for f in load_flows())
    by_name = {r["urn"].rsplit("::", 1)[1]: r for r in flows}
    assert by_name["sms-hook"]["id"] == ADOPTED
    assert by_name["sms-hook"]["inputs"]["adopt_sid"] == ADOPTED
    assert all("__declared" in r["outputs"] for r in flows)  # written by a refresh
    assert "ciphertext" in by_name["studio-chat"]["inputs"]["contact_identity"]


def test_the_fixture_holds_no_secret_in_clear():
    for path in (STACK_EXPORT, STACK_CONFIG):
        text = path.read_text()
        assert AUTH_TOKEN not in text and CONTACT not in text, path.name


@pytest.fixture
def imported(tmp_path, pulumi_bin_dir, emulator):
    """A fresh stack holding the fixture's state, against an emulator holding the fixture's flows."""
    seed_flows(emulator.backend, load_flows())
    project = new_project(tmp_path, pulumi_bin_dir)
    import_fixture(project, emulator.url)
    emulator.backend.journal.clear()
    return project


def test_a_preview_of_the_old_state_shows_no_changes(imported, emulator):
    imported.run("preview", "--expect-no-changes")
    assert imported.preview_steps() == []
    assert writes(emulator) == []


def test_a_refresh_of_the_old_state_changes_nothing(imported, emulator):
    imported.run("refresh", "--yes", "--skip-preview", "--expect-no-changes")
    fetched = {path for method, path, _ in emulator.journal() if method == "GET"}
    # The recorded config reached it: the reads share one listing of the account after a first GET.
    assert "/v1/FlexFlows" in fetched and fetched & {f"/v1/FlexFlows/{f['sid']}" for f in load_flows()}
    assert imported.preview_steps() == []
    imported.run("preview", "--expect-no-changes")
    assert writes(emulator) == []
    assert dump_flows(emulator.backend, ACCOUNT_SID) == load_flows()
    assert sorted(r["id"] for r in imported.flow_resources()) == sorted(f["sid"] for f in load_flows())


def test_an_edited_field_is_updated_in_place(imported, emulator):
    program = imported.root / "__main__.py"
    source = program.read_text()
    assert source.count('"WhatsApp tasks"') == 1
    program.write_text(source.replace('"WhatsApp tasks"', '"WhatsApp tasks (renamed)"'))
    [step] = imported.preview_steps()
    assert (step["op"], step["urn"].rsplit("::", 1)[1]) == ("update", "whatsapp-tasks")
    [tasks] = [f for f in load_flows() if f["friendly_name"] == "WhatsApp tasks"]
    imported.up()
    assert writes(emulator) == [("POST", f"/v1/FlexFlows/{tasks['sid']}")]
    flow = emulator.backend.get_flow(ACCOUNT_SID, tasks["sid"])
    assert (flow.friendly_name, flow.integration["priority"], flow.long_lived) == ("WhatsApp tasks (renamed)", 5, True)
    imported.run("preview", "--expect-no-changes")


def test_destroy_deletes_every_flow_the_adopted_one_too(imported, emulator):
    imported.run("destroy", "--yes", "--skip-preview")
    deleted = sorted(path for method, path in writes(emulator) if method == "DELETE")
    assert deleted == sorted(f"/v1/FlexFlows/{f['sid']}" for f in load_flows())
    assert f"/v1/FlexFlows/{ADOPTED}" in deleted
    assert emulator.backend.list_flows(ACCOUNT_SID) == []
    assert imported.flow_resources() == []
    assert AUTH_TOKEN not in "".join(imported.transcript)
