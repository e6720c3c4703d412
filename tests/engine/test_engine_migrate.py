"""Migrating a stack's Flex Flows to Conversations address configurations on the real engine: `migrate` prints the
program, one `pulumi up` swaps each migratable flow for its address (deleting the flow first), and a swap whose
create fails is finished by the next `up`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from program_support import program_project

from pulumi_twilio_flex.emulator.exceptions import InvalidParameterError
from pulumi_twilio_flex.emulator.messages import EmulatorRequest, EmulatorResponse

pytestmark = pytest.mark.engine

IS, SERVICE, FW = "IS" + "a" * 32, "IS" + "e" * 32, "FW" + "b" * 32
WS, WW = "WS" + "c" * 32, "WW" + "d" * 32
ADDRESSES = "/v1/Configuration/Addresses"
FLOWS_PROGRAM = f"""
sms = FlexFlow("sms", friendly_name="Support SMS", chat_service_sid="{IS}", channel_type="sms",
    contact_identity="+15550100001", integration_type="studio",
    integration=FlexFlowIntegrationArgs(flow_sid="{FW}", retry_count=1), enabled=True)
whatsapp = FlexFlow("whatsapp", friendly_name="Support WhatsApp", chat_service_sid="{IS}", channel_type="whatsapp",
    contact_identity="whatsapp:+15550100002", integration_type="external",
    integration=FlexFlowIntegrationArgs(url="https://hooks.example.com/flex"), enabled=True)
web_chat = FlexFlow("web-chat", friendly_name="Web chat", chat_service_sid="{IS}", channel_type="web",
    integration_type="task", integration=FlexFlowIntegrationArgs(workspace_sid="{WS}", workflow_sid="{WW}"))
long_lived = FlexFlow("long-lived", friendly_name="Long lived", chat_service_sid="{IS}", channel_type="sms",
    contact_identity="+15550100003", integration=FlexFlowIntegrationArgs(flow_sid="{FW}"), long_lived=True)
for name, flow in (("sms", sms), ("whatsapp", whatsapp), ("web-chat", web_chat), ("long-lived", long_lived)):
    pulumi.export(name + "_sid", flow.sid)
"""
EXPECTED_SMS = {
    "type": "sms",
    "address": "+15550100001",
    "friendly_name": "Support SMS",
    "auto_creation": {
        "enabled": True,
        "type": "studio",
        "conversation_service_sid": SERVICE,
        "studio_flow_sid": FW,
        "studio_retry_count": 1,
    },
}
EXPECTED_WHATSAPP = {
    "type": "whatsapp",
    "address": "whatsapp:+15550100002",
    "friendly_name": "Support WhatsApp",
    "auto_creation": {
        "enabled": True,
        "type": "webhook",
        "conversation_service_sid": SERVICE,
        "webhook_url": "https://hooks.example.com/flex",
        "webhook_method": "POST",
        "webhook_filters": ["onMessageAdded"],
    },
}


def migrate_stack(project) -> subprocess.CompletedProcess[str]:
    """Run `migrate` on the stack's export and make its program the project's."""
    export = project.root / "stack-export.json"
    export.write_text(project.run("stack", "export").stdout)
    done = subprocess.run(
        [sys.executable, "-m", "pulumi_twilio_flex", "migrate", "--stack-export", str(export)]
        + ["--conversation-service-sid", SERVICE],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    (project.root / "__main__.py").write_text(done.stdout)
    return done


def addresses_by_address(emulator) -> dict[str, dict]:
    return {a["address"]: a for a in emulator.addresses().list()}


def mapped(address: dict) -> dict:
    """The fields `migrate` sets, as the emulator holds them (the method in the case Twilio reports it)."""
    fields = {k: address[k] for k in ("type", "address", "friendly_name")}
    auto = {k: v for k, v in address["auto_creation"].items() if v is not None}
    return {**fields, "auto_creation": auto}


def writes(emulator, since: int = 0) -> list[tuple[str, str, str]]:
    """(method, path, address sent) of the writing requests since journal entry `since`."""
    return [
        (method, path, params.get("Address", ""))
        for method, path, params in emulator.journal()[since:]
        if method in ("POST", "DELETE")
    ]


def swapped_up(project, emulator) -> dict:
    """Four flows deployed, then the migrated program written in their place; the flows' SIDs."""
    sids = project.up()
    done = migrate_stack(project)
    assert "web-chat (" in done.stderr and "integration_type task" in done.stderr
    assert "long-lived (" in done.stderr and "long_lived" in done.stderr
    assert "2 of 4 flow(s) migrate" in done.stderr
    assert "# web-chat: not migrated" in done.stdout and "integration_type task" in done.stdout
    return sids


def test_one_up_swaps_each_migratable_flow_for_its_address(project_factory, tmp_path, emulator):
    project = program_project(project_factory, tmp_path, FLOWS_PROGRAM)
    sids = swapped_up(project, emulator)

    preview = json.loads(project.run("preview", "--diff", "--json").stdout)
    changed = sorted((s["urn"].rsplit("::", 1)[-1], s["op"]) for s in preview["steps"] if s["op"] != "same")
    assert changed == [("sms", "replace"), ("whatsapp", "replace")]
    reasons = {s["urn"].rsplit("::", 1)[-1]: s.get("replaceReasons") for s in preview["steps"] if s["op"] == "replace"}
    print("replaceReasons:", reasons)
    text = project.run("preview", "--diff").stdout
    print(text)
    assert "web-chat" not in text and "long-lived" not in text

    mark = len(emulator.journal())
    outputs = project.up()
    flows = {f["sid"] for f in emulator.api().list()}
    assert flows == {sids["web-chat_sid"], sids["long-lived_sid"]}
    assert outputs["web-chat_sid"] == sids["web-chat_sid"] and outputs["long-lived_sid"] == sids["long-lived_sid"]
    found = addresses_by_address(emulator)
    assert mapped(found["+15550100001"]) == EXPECTED_SMS
    assert mapped(found["whatsapp:+15550100002"]) == EXPECTED_WHATSAPP
    assert set(found) == {"+15550100001", "whatsapp:+15550100002"}
    done = writes(emulator, mark)
    for flow, address in (("sms", "+15550100001"), ("whatsapp", "whatsapp:+15550100002")):
        deleted = done.index(("DELETE", f"/v1/FlexFlows/{sids[flow + '_sid']}", ""))
        created = done.index(("POST", ADDRESSES, address))
        assert deleted < created  # the legacy address is gone before its Conversations address exists
    assert len(done) == 4  # nothing else was written: the task and long-lived flows are untouched
    project.run("preview", "--expect-no-changes")


def test_a_swap_whose_create_fails_is_finished_by_the_next_up(project_factory, tmp_path, emulator):
    project = program_project(project_factory, tmp_path, FLOWS_PROGRAM)
    sids = swapped_up(project, emulator)

    def refuse_whatsapp_address(request: EmulatorRequest) -> EmulatorResponse | None:
        if request.method == "POST" and request.path == ADDRESSES and request.form.get("Address", "").startswith("wh"):
            return EmulatorResponse.error(InvalidParameterError("Address", "is not a sender of this account"))
        return None

    app = emulator.server.app
    app.faults.append(refuse_whatsapp_address)
    try:
        failed = project.run("up", "--yes", "--skip-preview", check=False)
    finally:
        app.faults.remove(refuse_whatsapp_address)
    assert failed.returncode != 0 and "Address" in failed.stdout + failed.stderr
    flows = {f["sid"] for f in emulator.api().list()}
    assert sids["whatsapp_sid"] not in flows  # deleted before the refused create
    assert set(addresses_by_address(emulator)) == {"+15550100001"}
    state = json.loads(project.run("stack", "export").stdout)["deployment"]["resources"]
    left = {r["urn"].rsplit("::", 1)[-1]: r for r in state if r["type"].startswith("pulumi-python:dynamic")}
    print("after the failed up:", {n: (r["type"], r.get("pendingReplacement"), r.get("id")) for n, r in left.items()})
    assert left["whatsapp"]["type"].endswith(":FlexFlow") and left["whatsapp"].get("pendingReplacement") is True

    mark = len(emulator.journal())
    project.up()
    done = writes(emulator, mark)
    assert done == [("POST", ADDRESSES, "whatsapp:+15550100002")]  # only the missing create: no second delete
    found = addresses_by_address(emulator)
    assert set(found) == {"+15550100001", "whatsapp:+15550100002"}
    assert mapped(found["whatsapp:+15550100002"]) == EXPECTED_WHATSAPP
    assert {f["sid"] for f in emulator.api().list()} == {sids["web-chat_sid"], sids["long-lived_sid"]}
    project.run("preview", "--expect-no-changes")


def test_the_example_swaps_its_flows_through_the_yaml_catalogs(project_factory, examples_dir, emulator):
    project = project_factory(examples_dir / "migrate-to-conversations")
    before = project.up()["flows"]
    done = subprocess.run(
        [sys.executable, "-m", "pulumi_twilio_flex", "migrate", "--stack-export", "-", "--format", "yaml"]
        + ["--output-dir", str(project.root), "--conversation-service-sid", SERVICE],
        input=project.run("stack", "export").stdout,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert done.stdout == "" and "web-tasks (" in done.stderr
    steps = [s for s in json.loads(project.run("preview", "--diff", "--json").stdout)["steps"] if s["op"] != "same"]
    assert sorted((s["urn"].rsplit("::", 1)[-1], s["op"]) for s in steps) == [
        ("support-sms", "replace"),
        ("support-whatsapp", "replace"),
    ]
    outputs = project.up()
    assert outputs["flows"] == {"web-tasks": before["web-tasks"]}
    assert [f["sid"] for f in emulator.api().list()] == [before["web-tasks"]]
    found = addresses_by_address(emulator)
    assert {found[a]["sid"] for a in ("+15550100001", "whatsapp:+15550100002")} == set(outputs["addresses"].values())
    project.run("preview", "--expect-no-changes")
    project.run("destroy", "--yes", "--skip-preview")
    assert list(emulator.api().list()) == [] and list(emulator.addresses().list()) == []


def test_an_address_is_rolled_back_by_declaring_its_flow_again(project_factory, tmp_path, emulator):
    project = program_project(project_factory, tmp_path, FLOWS_PROGRAM)
    swapped_up(project, emulator)
    project.up()
    program = (project.root / "__main__.py").read_text()
    start, end = program.index("# sms: replaces Flex Flow"), program.index('pulumi.export("sms_sid", sms.sid)')
    flow = FLOWS_PROGRAM[FLOWS_PROGRAM.index("sms = FlexFlow(") : FLOWS_PROGRAM.index("whatsapp = FlexFlow(")]
    (project.root / "__main__.py").write_text(program[:start] + flow + program[end:])

    steps = [s for s in json.loads(project.run("preview", "--diff", "--json").stdout)["steps"] if s["op"] != "same"]
    assert sorted((s["op"], s["urn"].split("::")[-2].rsplit(":", 1)[-1]) for s in steps) == [
        ("create", "FlexFlow"),
        ("delete", "AddressConfiguration"),
    ]
    sms_address = addresses_by_address(emulator)["+15550100001"]["sid"]
    mark = len(emulator.journal())
    outputs = project.up()
    assert writes(emulator, mark) == [
        ("POST", "/v1/FlexFlows", ""),
        ("DELETE", f"{ADDRESSES}/{sms_address}", ""),
    ]  # two resources to the engine: the flow is created first, the address deleted at the end
    assert emulator.api().fetch(outputs["sms_sid"])["contact_identity"] == "+15550100001"
    assert set(addresses_by_address(emulator)) == {"whatsapp:+15550100002"}
    project.run("preview", "--expect-no-changes")
