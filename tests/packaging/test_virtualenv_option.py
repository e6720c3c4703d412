"""Pulumi.yaml's `virtualenv` option, relative or absolute, or none, picks the Python of the program and the provider.

Each project deploys one flow from the wheel's virtualenv, in a shell where no virtualenv is activated (unless
the project has no option, where the user's PATH is what picks Python). The package is only in that
virtualenv, so a program or dynamic provider started on another Python fails with ModuleNotFoundError.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from engine_support import PASSPHRASE, PulumiProject
from readme_steps import plain_shell_env

from pulumi_twilio_flex.emulator import EmulatorServer

ACCOUNT_SID = "AC" + "cd" * 16
PROGRAM = """import sys

import pulumi

from pulumi_twilio_flex import FlexFlow, FlexFlowIntegrationArgs

flow = FlexFlow(
    "chat",
    friendly_name="Virtualenv option",
    chat_service_sid="IS" + "1" * 32,
    channel_type="web",
    integration=FlexFlowIntegrationArgs(flow_sid="FW" + "2" * 32),
)
pulumi.export("sid", flow.sid)
pulumi.export("python", sys.prefix)
"""


@pytest.mark.engine
@pytest.mark.parametrize(
    "layout",
    ["relative-main-in-a-subfolder", "absolute", "none-venv-on-path"],
)
def test_program_and_provider_run_on_the_virtualenv_the_project_names(layout, wheel_venv, pulumi_bin_dir, tmp_path):
    project_dir = tmp_path / "project"
    runtime: dict[str, object] = {"name": "python"}
    env = plain_shell_env(pulumi_bin_dir, tmp_path, PASSPHRASE)
    if layout == "relative-main-in-a-subfolder":
        (project_dir / "src").mkdir(parents=True)
        (project_dir / "venv").symlink_to(wheel_venv.root, target_is_directory=True)
        runtime["options"] = {"virtualenv": "venv"}
        program_dir = project_dir / "src"
    else:
        project_dir.mkdir()
        program_dir = project_dir
        if layout == "absolute":
            runtime["options"] = {"virtualenv": str(wheel_venv.root)}
        else:  # what an activated virtualenv leaves on PATH, without VIRTUAL_ENV
            env["PATH"] = os.pathsep.join([str(pulumi_bin_dir), str(wheel_venv.bin), env["PATH"]])
    pulumi_yaml = {"name": "virtualenv-option", "runtime": runtime}
    if program_dir != project_dir:
        pulumi_yaml["main"] = "src/"
    (project_dir / "Pulumi.yaml").write_text(yaml.safe_dump(pulumi_yaml))
    (program_dir / "__main__.py").write_text(PROGRAM)
    assert "VIRTUAL_ENV" not in env and "PULUMI_PYTHON_CMD" not in env

    with EmulatorServer() as server:
        project = PulumiProject(project_dir, pulumi_bin_dir, env)
        project.run("stack", "init", "dev")
        config = {"twilio:accountSid": ACCOUNT_SID, "twilio:flexApiUrl": server.url}
        for key, value in config.items():
            project.run("config", "set", key, value)
        project.run("config", "set", "--secret", "twilio:authToken", "virtualenv-option-token")
        outputs = project.up()
        assert Path(outputs["python"]).resolve() == wheel_venv.root.resolve()
        assert [flow.sid for flow in server.app.backend.list_flows(ACCOUNT_SID)] == [outputs["sid"]]
        project.run("destroy", "--yes", "--skip-preview")
        assert server.app.backend.list_flows(ACCOUNT_SID) == []
