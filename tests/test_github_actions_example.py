"""The GitHub Actions example cannot run here: it parses, and runs the right commands with pulumi/actions."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

FOLDER = Path(__file__).resolve().parents[1] / "examples" / "github-actions"


def workflow(name):
    loaded = yaml.safe_load((FOLDER / name).read_text())
    loaded["on"] = loaded.pop(True, loaded.get("on"))  # YAML 1.1 reads a bare `on` key as true
    return loaded


def pulumi_steps(loaded):
    steps = [step for job in loaded["jobs"].values() for step in job["steps"]]
    return [step for step in steps if str(step.get("uses", "")).startswith("pulumi/actions@")]


def test_pull_requests_get_a_diff_preview_as_a_comment():
    loaded = workflow("preview.yml")
    assert list(loaded["on"]) == ["pull_request"]
    assert loaded["permissions"]["pull-requests"] == "write"
    [step] = pulumi_steps(loaded)
    assert step["uses"] == "pulumi/actions@v7"
    assert step["with"]["command"] == "preview"
    assert step["with"]["diff"] is True and step["with"]["comment-on-pr"] is True
    assert step["with"]["stack-name"]


def test_merges_run_up():
    loaded = workflow("up.yml")
    assert loaded["on"] == {"push": {"branches": ["main"]}}
    [step] = pulumi_steps(loaded)
    assert step["with"]["command"] == "up"
    assert loaded["concurrency"]["cancel-in-progress"] is False


@pytest.mark.parametrize("name", ["preview.yml", "up.yml"])
def test_credentials_come_from_secrets_only(name):
    loaded = workflow(name)
    [step] = pulumi_steps(loaded)
    assert set(step["env"]) == {"PULUMI_ACCESS_TOKEN", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"}
    assert all(value == f"${{{{ secrets.{key} }}}}" for key, value in step["env"].items())
    installs = [s["run"] for job in loaded["jobs"].values() for s in job["steps"] if "run" in s]
    assert installs == ["pip install ."]


def test_inputs_are_ones_the_action_declares():
    # From pulumi/actions' action.yml (v7): the inputs these workflows use.
    declared = {"command", "stack-name", "diff", "comment-on-pr", "github-token", "cloud-url", "work-dir"}
    for name in ("preview.yml", "up.yml"):
        for step in pulumi_steps(workflow(name)):
            assert set(step["with"]) <= declared, name
