"""`pulumi new` from templates/flex-flows makes a project that deploys one flow of each type to the emulator."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import requests
import yaml
from engine_support import PASSPHRASE, REPO
from packaging_support import ACCOUNT_SID, EMULATOR_TOKEN, run_checked, tracked_files
from readme_steps import WORKAROUNDS, is_virtualenv_bin, plain_shell_env, template_steps, with_config_values

from pulumi_twilio_flex.emulator import EmulatorServer, FlexApiEmulator

TEMPLATE = REPO / "templates" / "flex-flows"
URL_KEY = "twilio:flexApiUrl"
ADDRESSES_URL_KEY = "twilio:conversationsApiUrl"

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


def test_the_readme_steps_set_every_key_the_template_asks_for_the_token_as_a_secret_then_preview_and_up():
    urls = [URL_KEY, ADDRESSES_URL_KEY]
    steps = with_config_values(_readme_steps(), {key: "value" for key in [*_template_config(), *urls]})
    secret = {key: bool(declared.get("secret")) for key, declared in _template_config().items()}
    assert steps.configured == {**secret, URL_KEY: False, ADDRESSES_URL_KEY: False}
    assert steps.commands[-2:] == ["pulumi preview", "pulumi up"]
    assert not [c for c in steps.commands if "activate" in c or "VIRTUAL_ENV" in c or "PULUMI_PYTHON_CMD" in c]


@pytest.mark.engine
def test_the_readme_steps_deploy_the_template_from_a_plain_shell(pulumi_bin_dir, tmp_path):
    """The README's commands after `--generate-only`, typed into a shell with no virtualenv activated.

    They run from a copy of the checkout, build its wheel into the project's `venv/` and deploy to the emulator:
    the program and the dynamic provider find the package only through Pulumi.yaml's `virtualenv: venv`.
    """
    checkout = tmp_path / "work" / "pulumi-twilio-flex"
    for relative in tracked_files(REPO):
        (checkout / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / relative, checkout / relative)
    env = plain_shell_env(pulumi_bin_dir, tmp_path, PASSPHRASE)
    env["PIP_CONSTRAINT"] = str(_constraints(tmp_path))
    assert not set(WORKAROUNDS) & set(env)
    assert not [entry for entry in env["PATH"].split(os.pathsep) if is_virtualenv_bin(entry)]
    assert env["PATH"].split(os.pathsep)[0] == str(pulumi_bin_dir)

    app = FlexApiEmulator(auth_token=EMULATOR_TOKEN)
    with EmulatorServer(app) as server:
        values = {**ANSWERS, "twilio:accountSid": ACCOUNT_SID, "twilio:authToken": EMULATOR_TOKEN}
        steps = with_config_values(_readme_steps(), {**values, URL_KEY: server.url, ADDRESSES_URL_KEY: server.url})
        deployed = _shell(
            steps.script() + 'pwd > "$1"\npulumi stack output --json > "$2"\n',
            checkout,
            env,
            tmp_path / "project-dir",
            tmp_path / "outputs.json",
        )
        assert "--find-links wheels" in deployed.stdout  # the template's quickstart, printed by `pulumi new`
        project_dir = Path((tmp_path / "project-dir").read_text().strip())
        assert project_dir.parent == checkout.parent  # beside the checkout, which stays as it was
        assert [w.name.split("-")[0] for w in (project_dir / "wheels").glob("*.whl")] == ["pulumi_twilio_flex"]
        assert "Previewing update (dev)" in deployed.stdout and "Updating (dev)" in deployed.stdout
        generated = yaml.safe_load((project_dir / "Pulumi.yaml").read_text())
        assert generated["runtime"]["options"]["virtualenv"] == "venv"
        outputs = json.loads((tmp_path / "outputs.json").read_text())
        flows = {flow["integration_type"]: flow for flow in _flows(server.url)}
        assert sorted(flows) == ["external", "studio", "task"]
        for kind, flow in flows.items():
            assert (outputs[f"{kind}_sid"], outputs[f"{kind}_url"]) == (flow["sid"], flow["url"])
            assert flow["chat_service_sid"] == ANSWERS["flex:chatServiceSid"]
        assert flows["task"]["integration"]["workflow_sid"] == ANSWERS["flex:workflowSid"]
        [address] = _addresses(server.url)
        assert (outputs["address_sid"], address["type"]) == (address["sid"], "chat")
        assert address["auto_creation"]["studio_flow_sid"] == ANSWERS["flex:studioFlowSid"]

        stack_config = (project_dir / "Pulumi.dev.yaml").read_text()
        assert EMULATOR_TOKEN not in stack_config and "secure:" in stack_config
        exported = _shell("pulumi stack export\n", project_dir, env)
        destroyed = _shell("pulumi destroy\n", project_dir, env)
        assert _flows(server.url) == [] and _addresses(server.url) == []
    # the resources' state is there, the token is not:
    assert ":FlexFlow::" in exported.stdout and ":AddressConfiguration::" in exported.stdout
    assert not [text for text in (deployed, exported, destroyed) if EMULATOR_TOKEN in text.stdout + text.stderr]


def _readme_steps() -> list[str]:
    return template_steps((REPO / "README.md").read_text())


def _shell(script: str, cwd: Path, env: dict[str, str], *args: Path) -> subprocess.CompletedProcess[str]:
    """`bash -c script` as a user's shell runs it; fails with everything it printed."""
    done = subprocess.run(
        ["bash", "-c", script, "bash", *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True, timeout=1800
    )
    assert done.returncode == 0, f"exited {done.returncode}:\n{done.stdout[-6000:]}\n{done.stderr[-6000:]}"
    return done


def _constraints(root: Path) -> Path:
    """This environment's versions, for pip to resolve the project's requirements to (and find in its cache)."""
    freeze = run_checked([sys.executable, "-m", "pip", "freeze", "--exclude-editable"], cwd=root)
    pins = [line for line in freeze.splitlines() if "==" in line and not line.startswith("pulumi-twilio-flex")]
    constraints = root / "constraints.txt"
    constraints.write_text("\n".join(pins) + "\n")
    return constraints


def _addresses(url: str) -> list[dict[str, Any]]:
    response = requests.get(f"{url}/v1/Configuration/Addresses", auth=(ACCOUNT_SID, EMULATOR_TOKEN), timeout=10)
    response.raise_for_status()
    addresses: list[dict[str, Any]] = response.json()["address_configurations"]
    return addresses


def _flows(url: str) -> list[dict[str, Any]]:
    response = requests.get(f"{url}/v1/FlexFlows", auth=(ACCOUNT_SID, EMULATOR_TOKEN), timeout=10)
    response.raise_for_status()
    flows: list[dict[str, Any]] = response.json()["flex_flows"]
    return flows
