"""`pulumi up`, `preview`, `refresh` and `destroy` on the real engine against the emulator."""

from __future__ import annotations

import pytest

from pulumi_twilio_flex.emulator import EmulatorServer, FlexApiEmulator

pytestmark = pytest.mark.engine

IS = "IS" + "a" * 32
FLOWS = {
    "studio": {
        "friendly_name": "Studio chat",
        "chat_service_sid": IS,
        "channel_type": "web",
        "integration_type": "studio",
        "integration": {"flow_sid": "FW" + "b" * 32, "retry_count": 1},
        "enabled": True,
    },
    "webhook": {
        "friendly_name": "SMS webhook",
        "chat_service_sid": IS,
        "channel_type": "sms",
        "integration_type": "external",
        "integration": {"url": "https://hooks.example.com/flex"},
        "enabled": False,
        "janitor_enabled": True,
    },
    "tasks": {
        "friendly_name": "WhatsApp tasks",
        "chat_service_sid": IS,
        "channel_type": "whatsapp",
        "integration_type": "task",
        "integration": {"workspace_sid": "WS" + "c" * 32, "workflow_sid": "WW" + "d" * 32, "priority": 0},
        "long_lived": True,
    },
}


@pytest.fixture
def deployed(project_factory, emulator):
    project = project_factory()
    project.write_flows(FLOWS)
    outputs = project.up()
    return project, outputs


def test_up_creates_every_flow_and_exports_sid_and_url(deployed, emulator):
    project, outputs = deployed
    flows = {f["sid"]: f for f in emulator.api().list()}
    assert len(flows) == 3
    for name, args in FLOWS.items():
        sid = outputs[f"{name}_sid"]
        assert outputs[f"{name}_url"] == f"{emulator.url}/v1/FlexFlows/{sid}"
        assert flows[sid]["friendly_name"] == args["friendly_name"]
        assert flows[sid]["integration_type"] == args["integration_type"]
    assert project.preview_steps() == []
    project.run("preview", "--expect-no-changes")


def test_changing_one_input_is_exactly_one_update_of_that_property(deployed, emulator):
    project, outputs = deployed
    changed = dict(FLOWS, webhook={**FLOWS["webhook"], "friendly_name": "SMS webhook v2"})
    project.write_flows(changed)
    steps = project.preview_steps()
    assert [(s["op"], s["urn"].rsplit("::", 1)[1]) for s in steps] == [("update", "webhook")]
    old, new = steps[0]["oldState"]["inputs"], steps[0]["newState"]["inputs"]
    assert {k for k in old.keys() | new.keys() if k != "__provider" and old.get(k) != new.get(k)} == {"friendly_name"}
    assert '~ friendly_name   : "SMS webhook" => "SMS webhook v2"' in project.run("preview", "--diff").stdout
    project.up()
    assert emulator.api().fetch(outputs["webhook_sid"])["friendly_name"] == "SMS webhook v2"
    assert project.preview_steps() == []


def test_refresh_detects_drift_and_up_heals_it(deployed, emulator):
    project, outputs = deployed
    sid = outputs["studio_sid"]
    emulator.api().update(sid, {"FriendlyName": "Renamed in console"})
    project.run("refresh", "--yes", "--skip-preview")
    [studio] = [r for r in project.flow_resources() if r["id"] == sid]
    assert studio["outputs"]["friendly_name"] == "Renamed in console"
    steps = project.preview_steps()
    assert [(s["op"], s["urn"].rsplit("::", 1)[1]) for s in steps] == [("update", "studio")]
    project.up()
    assert emulator.api().fetch(sid)["friendly_name"] == "Studio chat"


def test_refresh_after_out_of_band_delete_drops_the_resource(deployed, emulator):
    project, outputs = deployed
    gone = outputs["tasks_sid"]
    emulator.api().delete(gone)
    project.run("refresh", "--yes", "--skip-preview")
    assert gone not in {r["id"] for r in project.flow_resources()}
    assert len(project.flow_resources()) == 2
    steps = project.preview_steps()
    assert [(s["op"], s["urn"].rsplit("::", 1)[1]) for s in steps] == [("create", "tasks")]


def test_destroy_deletes_every_flow(deployed, emulator):
    project, _ = deployed
    project.run("destroy", "--yes", "--skip-preview")
    assert list(emulator.api().list()) == []
    assert project.flow_resources() == []


def test_invalid_inputs_fail_preview_naming_the_property_and_send_nothing(project_factory, emulator):
    project = project_factory()
    integration = {"flow_sid": "FW" + "b" * 32, "retry_count": 7}
    bad = {**FLOWS["studio"], "chat_service_sid": "IS123", "integration": integration}
    project.write_flows({"studio": bad})
    done = project.run("preview", check=False)
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert "chat_service_sid" in output and "must be a SID of the form IS followed by 32 hex digits" in output
    assert "integration.retry_count" in output and "must be an integer between 0 and 3" in output
    assert emulator.journal() == []


def test_state_holds_no_credential_in_plain_text(deployed, emulator):
    project, _ = deployed
    exported = project.run("stack", "export", "--show-secrets=false").stdout
    assert emulator.token not in exported
    for path in project.state_dir.rglob("*"):
        if path.is_file():
            assert emulator.token.encode() not in path.read_bytes(), path
    config = (project.root / "Pulumi.test.yaml").read_text()
    assert emulator.token not in config and "secure:" in config
    assert all(emulator.token not in printed for printed in project.transcript)


def test_an_api_error_reaches_the_user_with_context_and_without_the_token(project_factory, emulator):
    guarded = FlexApiEmulator(auth_token="only-this-token-works")
    with EmulatorServer(guarded) as server:
        project = project_factory()
        project.run("config", "set", "twilio:flexApiUrl", server.url)
        project.write_flows({"studio": FLOWS["studio"]})
        done = project.run("up", "--yes", "--skip-preview", check=False)
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert "create Flex Flow: HTTP 401, Twilio error 20003: Authenticate" in output
    assert project.env["PULUMI_CONFIG_PASSPHRASE"] not in output
    assert all(emulator.token not in printed for printed in project.transcript)
