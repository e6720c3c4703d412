"""The wheel, installed in a fresh virtualenv outside the checkout, imports, serves the emulator and deploys."""

from __future__ import annotations

import json
import shutil

import pytest
from engine_support import PASSPHRASE, REPO, PulumiProject
from packaging_support import ACCOUNT_SID, PACKAGE, pulumi_env, run_checked, tracked_files

from pulumi_twilio_flex._version import __version__

PROBE = """
import importlib.metadata, json, pathlib
import pulumi_twilio_flex, pulumi_twilio_flex.emulator
package = pathlib.Path(pulumi_twilio_flex.__file__).parent
data = [str(p.relative_to(package)) for p in package.rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc")]
version = importlib.metadata.version("pulumi-twilio-flex")
print(json.dumps({"file": pulumi_twilio_flex.__file__, "version": version, "data": sorted(data)}))
"""


def test_installed_package_comes_from_the_wheel_with_its_data(wheel_venv, tmp_path):
    probe = json.loads(run_checked([str(wheel_venv.python), "-c", PROBE], cwd=tmp_path, env=wheel_venv.env()))
    assert probe["file"].startswith(str(wheel_venv.root)), probe["file"]
    assert not probe["file"].startswith(str(REPO)), probe["file"]
    assert probe["version"] == __version__
    data_files = {
        p.removeprefix(f"provider/{PACKAGE}/")
        for p in tracked_files(REPO, f"provider/{PACKAGE}")
        if not p.endswith(".py")
    }
    assert "py.typed" in data_files
    assert data_files <= set(probe["data"]), sorted(data_files - set(probe["data"]))


@pytest.mark.engine
def test_example_deploys_and_destroys_from_the_installed_wheel(wheel_venv, wheel_emulator, pulumi_bin_dir, tmp_path):
    """`pulumi up`/`destroy` of examples/studio with the program and the provider running from the wheel."""
    project_dir = tmp_path / "project"
    shutil.copytree(REPO / "examples" / "studio", project_dir, ignore=shutil.ignore_patterns("__pycache__", "*.md"))
    env = pulumi_env(tmp_path, pulumi_bin_dir, wheel_venv.bin, PASSPHRASE)
    project = PulumiProject(project_dir, pulumi_bin_dir, env)
    project.run("stack", "init", "wheel")
    for key, value in wheel_emulator.config().items():
        project.run("config", "set", *(["--secret"] if key == "twilio:authToken" else []), key, value)

    outputs = project.up()
    [flow] = wheel_emulator.flows()
    assert (outputs["sid"], outputs["url"]) == (flow["sid"], flow["url"])
    assert flow["account_sid"] == ACCOUNT_SID and flow["integration_type"] == "studio"
    project.run("preview", "--expect-no-changes")
    project.run("destroy", "--yes", "--skip-preview")
    assert wheel_emulator.flows() == []
    assert not [text for text in project.transcript if wheel_emulator.token in text]
