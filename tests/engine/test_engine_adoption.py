"""Adoption on the real engine: a console-made flow is taken over, kept, and released as the user says."""

from __future__ import annotations

import pytest
from catalog_support import catalog_source, write_catalog, writes

from pulumi_twilio_flex._wire import create_params
from pulumi_twilio_flex.flex_flow.description import FLEX_FLOW

pytestmark = pytest.mark.engine

IS, FW, FW2 = "IS" + "a" * 32, "FW" + "b" * 32, "FW" + "e" * 32
MISSING = "FO" + "9" * 32
DECLARED = {
    "friendly_name": "Support chat",
    "chat_service_sid": IS,
    "channel_type": "web",
    "integration": {"flow_sid": FW, "retry_count": 1},
    "enabled": True,
}


def console_flow(emulator, **overrides):
    return emulator.api().create(create_params(FLEX_FLOW, {**DECLARED, **overrides}))


@pytest.fixture
def project(project_factory, tmp_path):
    return project_factory(catalog_source(tmp_path))


def adopt(project, emulator, sid, **declared):
    write_catalog(project.root, {"support_chat": {"adopt_sid": sid, **DECLARED, **declared}})
    emulator.backend.journal.clear()
    return project.up()


def test_a_console_flow_is_adopted_and_brought_to_the_declared_inputs(project, emulator):
    existing = console_flow(emulator, friendly_name="Console chat", integration={"flow_sid": FW2}, long_lived=True)
    outputs = adopt(project, emulator, existing["sid"])
    assert outputs["support_chat_sid"] == existing["sid"]
    [flow] = emulator.api().list()  # one flow before, one after
    assert flow["sid"] == existing["sid"]
    assert flow["friendly_name"] == "Support chat"
    assert (flow["integration"]["flow_sid"], flow["integration"]["retry_count"], flow["long_lived"]) == (FW, 1, False)
    assert writes(emulator) == [("POST", f"/v1/FlexFlows/{existing['sid']}")]  # one update, no create
    assert [r["id"] for r in project.flow_resources()] == [existing["sid"]]
    assert project.preview_steps() == []
    project.run("preview", "--expect-no-changes")
    project.run("refresh", "--yes", "--skip-preview")  # stored inputs lose adopt_sid; still nothing to do
    project.run("preview", "--expect-no-changes")


def test_a_flow_already_as_declared_is_adopted_without_any_write(project, emulator):
    existing = console_flow(emulator)
    adopt(project, emulator, existing["sid"])
    assert writes(emulator) == []
    assert project.preview_steps() == []


@pytest.mark.parametrize("retain", [True, False])
def test_destroy_honours_retain_on_delete(project, emulator, retain):
    existing = console_flow(emulator)
    project.run("config", "set", "flex:retainOnDelete", str(retain).lower())
    adopt(project, emulator, existing["sid"])
    project.run("destroy", "--yes", "--skip-preview")
    assert project.flow_resources() == []
    remaining = [f["sid"] for f in emulator.api().list()]
    assert remaining == ([existing["sid"]] if retain else [])


def test_adopting_a_missing_sid_fails_naming_it_and_creates_nothing(project, emulator):
    write_catalog(project.root, {"support_chat": {"adopt_sid": MISSING, **DECLARED}})
    done = project.run("up", "--yes", "--skip-preview", check=False)
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert f"adopt Flex Flow {MISSING}: HTTP 404" in output
    assert "nothing was created" in output
    assert list(emulator.api().list()) == []
    assert project.flow_resources() == []
    assert all(emulator.token not in printed for printed in project.transcript)


def test_a_changed_adopt_sid_adopts_nothing_until_the_resource_leaves_the_state(project, emulator):
    first, second = console_flow(emulator), console_flow(emulator, friendly_name="Second chat")
    adopt(project, emulator, first["sid"])
    write_catalog(project.root, {"support_chat": {"adopt_sid": second["sid"], **DECLARED}})
    assert project.preview_steps() == []  # neither a replacement nor an update
    emulator.backend.journal.clear()
    project.up()
    assert writes(emulator) == []
    assert [r["id"] for r in project.flow_resources()] == [first["sid"]]
    # What the README prescribes to adopt another flow: drop the resource from the state, then up.
    [urn] = [r["urn"] for r in project.flow_resources()]
    project.run("state", "delete", urn, "--yes")
    project.up()
    assert [r["id"] for r in project.flow_resources()] == [second["sid"]]
    flows = {f["sid"]: f for f in emulator.api().list()}
    assert len(flows) == 2 and flows[second["sid"]]["friendly_name"] == "Support chat"
    assert flows[first["sid"]]["friendly_name"] == "Support chat"  # released as it was, not deleted
