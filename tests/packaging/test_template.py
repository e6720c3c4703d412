"""`pulumi new` from templates/flex-flows makes a project that deploys one flow of each type to the emulator."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml
from engine_support import PASSPHRASE, REPO, PulumiProject
from packaging_support import ACCOUNT_SID, pulumi_env

TEMPLATE = REPO / "templates" / "flex-flows"

# What a user would answer to the template's prompts (besides the credentials, which come from the emulator).
ANSWERS = {
    "flex:chatServiceSid": "IS" + "1" * 32,
    "flex:studioFlowSid": "FW" + "2" * 32,
    "flex:smsNumber": "+15005550006",
    "flex:webhookUrl": "https://hooks.example.com/flex/inbound",
    "flex:workspaceSid": "WS" + "3" * 32,
    "flex:workflowSid": "WW" + "4" * 32,
}


def _template_config() -> dict[str, dict[str, Any]]:
    config: dict[str, dict[str, Any]] = yaml.safe_load((TEMPLATE / "Pulumi.yaml").read_text())["template"]["config"]
    return config


def test_template_prompts_for_the_account_sid_and_a_secret_token_and_every_key_the_program_requires():
    config = _template_config()
    assert config["twilio:authToken"].get("secret") is True
    assert not config["twilio:accountSid"].get("secret")
    assert all(value.get("description") for value in config.values())
    assert set(config) == {"twilio:accountSid", "twilio:authToken", *ANSWERS}
    program = (TEMPLATE / "__main__.py").read_text()
    for key in ANSWERS:
        assert f'flex.require("{key.removeprefix("flex:")}")' in program, key


def test_template_requires_the_package():
    requirements = (TEMPLATE / "requirements.txt").read_text().splitlines()
    assert any(line.startswith("pulumi-twilio-flex") for line in requirements)
    assert any(line.startswith("pulumi>=") for line in requirements)


@pytest.mark.engine
def test_pulumi_new_from_the_template_deploys_to_the_emulator(wheel_venv, wheel_emulator, pulumi_bin_dir, tmp_path):
    project_dir = tmp_path / "flows"
    env = pulumi_env(tmp_path, pulumi_bin_dir, wheel_venv.bin, PASSPHRASE)
    project = PulumiProject(tmp_path, pulumi_bin_dir, env)
    # --generate-only: no stack, config or dependency install, which would fetch the package from PyPI, where it
    # is not yet published (and the language host built here would put the virtualenv in the project root).
    created = project.run(
        "new", str(TEMPLATE), "--dir", str(project_dir), "--name", "flex-template-test", "--yes", "--generate-only"
    )
    assert "python -m pulumi_twilio_flex.emulator" in created.stdout  # the template's quickstart
    generated = yaml.safe_load((project_dir / "Pulumi.yaml").read_text())
    assert generated["name"] == "flex-template-test"
    assert "template" not in generated
    assert generated["runtime"]["options"]["virtualenv"] == "venv"
    assert "${" not in (project_dir / "__main__.py").read_text()

    # The virtualenv Pulumi.yaml names, holding the wheel, as `pip install` of requirements.txt would make it.
    (project_dir / "venv").symlink_to(wheel_venv.root, target_is_directory=True)
    project.root = project_dir
    project.run("stack", "init", "dev")
    for key, declared in _template_config().items():
        value = {**ANSWERS, **wheel_emulator.config()}[key]
        project.run("config", "set", *(["--secret"] if declared.get("secret") else []), key, value)
    project.run("config", "set", "twilio:flexApiUrl", wheel_emulator.url)

    outputs = project.up()
    flows = {flow["integration_type"]: flow for flow in wheel_emulator.flows()}
    assert sorted(flows) == ["external", "studio", "task"]
    for kind, flow in flows.items():
        assert (outputs[f"{kind}_sid"], outputs[f"{kind}_url"]) == (flow["sid"], flow["url"])
        assert flow["account_sid"] == ACCOUNT_SID
        assert flow["chat_service_sid"] == ANSWERS["flex:chatServiceSid"]
    assert flows["studio"]["integration"]["flow_sid"] == ANSWERS["flex:studioFlowSid"]
    assert flows["external"]["integration"]["url"] == ANSWERS["flex:webhookUrl"]
    assert flows["task"]["integration"]["workflow_sid"] == ANSWERS["flex:workflowSid"]

    stack_config = (project_dir / "Pulumi.dev.yaml").read_text()
    assert wheel_emulator.token not in stack_config and "secure:" in stack_config
    assert wheel_emulator.token not in json.dumps(json.loads(project.run("stack", "export").stdout))
    project.run("destroy", "--yes", "--skip-preview")
    assert wheel_emulator.flows() == []
    assert not [text for text in project.transcript if wheel_emulator.token in text]
