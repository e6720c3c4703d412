"""The path a team takes on the real engine: console flows, scan into flows.yaml, adopt them all, find orphans."""

from __future__ import annotations

import json

import pytest
import yaml
from catalog_support import catalog_source, run_scan, write_catalog, writes
from console_flows import CONSOLE_FLOWS, FW, IS, make_console_flows

from pulumi_twilio_flex._wire import create_params
from pulumi_twilio_flex.flex_flow.description import FLEX_FLOW

pytestmark = pytest.mark.engine


@pytest.fixture
def console(emulator):
    """Three flows of the three integration types, made behind Pulumi's back as in Twilio's console."""
    return make_console_flows(emulator.api())


@pytest.fixture
def project(project_factory, tmp_path):
    return project_factory(catalog_source(tmp_path))


def test_scan_into_flows_yaml_then_up_adopts_every_flow_and_changes_nothing(project, emulator, console):
    before = {f["sid"]: f for f in emulator.api().list()}
    (project.root / "flows.yaml").write_text(run_scan(emulator, "--format", "yaml").stdout)
    emulator.backend.journal.clear()
    outputs = project.up()
    assert writes(emulator) == []  # no flow created, updated or deleted
    after = {f["sid"]: f for f in emulator.api().list()}
    assert after == before
    assert sorted(outputs.values()) == sorted(before)
    assert sorted(r["id"] for r in project.flow_resources()) == sorted(before)
    assert project.preview_steps() == []
    project.run("preview", "--expect-no-changes")


def test_scan_as_a_python_program_adopts_every_flow_too(project_factory, tmp_path, emulator, console):
    source = tmp_path / "scanned"
    source.mkdir()
    (source / "__main__.py").write_text(run_scan(emulator, "--format", "python").stdout)
    (source / "Pulumi.yaml").write_text("name: flex-scanned\nruntime: python\n")
    project = project_factory(source)
    emulator.backend.journal.clear()
    project.up()
    assert writes(emulator) == []
    assert sorted(r["id"] for r in project.flow_resources()) == sorted(f["sid"] for f in console)
    project.run("preview", "--expect-no-changes")


def test_a_broken_catalog_is_refused_at_preview_with_its_line(project, emulator, console):
    scanned = run_scan(emulator).stdout
    lines = scanned.splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line.strip() == "channel_type: sms")
    lines[number - 1] = lines[number - 1].replace("sms", "pigeon")
    (project.root / "flows.yaml").write_text("\n".join(lines) + "\n")
    emulator.backend.journal.clear()
    done = project.run("preview", check=False)
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert f"flows.yaml:{number}: channel_type: must be one of web, sms, facebook, whatsapp, line, custom" in output
    assert writes(emulator) == []
    assert project.flow_resources() == []


def test_the_orphan_finder_lists_the_flow_created_behind_the_stacks_back_and_nothing_else(
    project, emulator, console, tmp_path
):
    write_catalog(project.root, yaml.safe_load(run_scan(emulator).stdout))
    project.up()
    orphan = emulator.api().create(
        create_params(FLEX_FLOW, {"chat_service_sid": IS, **CONSOLE_FLOWS[0], "friendly_name": "Clicked together"})
    )
    export = tmp_path / "stack.json"
    export.write_text(project.run("stack", "export").stdout)
    scanned = run_scan(emulator, "--stack-export", str(export))
    assert yaml.safe_load(scanned.stdout) == {
        "clicked_together": {
            "adopt_sid": orphan["sid"],
            "friendly_name": "Clicked together",
            "chat_service_sid": IS,
            "channel_type": "web",
            "enabled": True,
            "integration": {"flow_sid": FW},
        }
    }
    assert scanned.stderr.strip() == f"1 flow(s) scanned from {emulator.url}"
    assert json.loads(export.read_text())["deployment"]["resources"]  # the export was a real one
