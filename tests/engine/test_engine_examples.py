"""Every folder under examples/ deploys, previews clean and destroys on the real engine."""

from __future__ import annotations

import shutil

import pytest
import yaml
from engine_support import REPO

from pulumi_twilio_flex._wire import create_params
from pulumi_twilio_flex.flex_flow.description import FLEX_FLOW

pytestmark = pytest.mark.engine

FLOW_EXAMPLES = ["studio", "external-webhook", "task-routing"]
ADDRESS_EXAMPLES = ["sms-to-studio", "whatsapp-webhook"]
EXAMPLES = FLOW_EXAMPLES + ADDRESS_EXAMPLES
SCENARIOS = [
    "adoption",
    "yaml-catalog",
    "migrate-to-conversations",
]  # with a test of their own (below, or in test_engine_migrate.py)


@pytest.mark.parametrize("example", EXAMPLES)
def test_example_deploys_and_destroys(example, project_factory, examples_dir, emulator):
    project = project_factory(examples_dir / example)
    api = emulator.api() if example in FLOW_EXAMPLES else emulator.addresses()
    outputs = project.up()
    flow = api.fetch(outputs["sid"])
    assert outputs["url"] == flow["url"]
    project.run("preview", "--expect-no-changes")
    project.run("destroy", "--yes", "--skip-preview")
    assert list(api.list()) == []


def test_every_example_folder_is_covered(examples_dir):
    folders = sorted(p.name for p in examples_dir.iterdir() if (p / "Pulumi.yaml").is_file())
    assert folders == sorted(EXAMPLES + SCENARIOS)
    for folder in folders:
        assert (examples_dir / folder / "README.md").is_file(), folder


def test_adoption_example_takes_over_a_console_flow_and_leaves_it_on_destroy(project_factory, examples_dir, emulator):
    existing = emulator.api().create(
        create_params(
            FLEX_FLOW,
            {
                "friendly_name": "Console chat",
                "chat_service_sid": "IS" + "0" * 32,
                "channel_type": "web",
                "integration": {"flow_sid": "FW" + "0" * 32},
            },
        )
    )
    project = project_factory(examples_dir / "adoption")
    project.run("config", "set", "flex:adoptSid", existing["sid"])
    outputs = project.up()
    assert outputs["sid"] == existing["sid"]
    [flow] = emulator.api().list()
    assert (flow["sid"], flow["friendly_name"], flow["enabled"]) == (existing["sid"], "Flex Web Channel", True)
    project.run("preview", "--expect-no-changes")
    project.run("destroy", "--yes", "--skip-preview")
    assert [f["sid"] for f in emulator.api().list()] == [existing["sid"]]  # retain_on_delete


def test_yaml_catalog_example_deploys_every_entry(project_factory, examples_dir, emulator):
    project = project_factory(examples_dir / "yaml-catalog")
    outputs = project.up()
    catalog = yaml.safe_load((examples_dir / "yaml-catalog" / "flows.yaml").read_text())
    assert sorted(outputs["sids"]) == sorted(catalog)
    flows = {f["sid"]: f for f in emulator.api().list()}
    for name, sid in outputs["sids"].items():
        assert flows[sid]["friendly_name"] == catalog[name]["friendly_name"]
        assert outputs["urls"][name] == flows[sid]["url"]
    project.run("preview", "--expect-no-changes")
    project.run("destroy", "--yes", "--skip-preview")
    assert list(emulator.api().list()) == []


def test_root_project_deploys_the_root_catalog(project_factory, tmp_path, emulator):
    source = tmp_path / "root"
    (source / "examples").mkdir(parents=True)
    for name in ("Pulumi.yaml", "flows.yaml", "examples/demo.py"):
        shutil.copy(REPO / name, source / name)
    project = project_factory(source)
    outputs = project.up()
    catalog = yaml.safe_load((REPO / "flows.yaml").read_text())
    assert sorted(k.removesuffix("_sid") for k in outputs if k.endswith("_sid")) == sorted(catalog)
    assert len(list(emulator.api().list())) == len(catalog)
    project.run("preview", "--expect-no-changes")
