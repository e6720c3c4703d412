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
    *_, step = pulumi_steps(loaded)
    assert step["with"]["command"] == "up"
    assert loaded["concurrency"]["cancel-in-progress"] is False


def test_the_deploy_recovers_a_killed_run_before_up_with_the_cli_installed_first():
    [job] = workflow("up.yml")["jobs"].values()
    steps = job["steps"]
    names = [str(s.get("uses") or s.get("run")) for s in steps]
    install = next(i for i, s in enumerate(steps) if str(s.get("uses", "")).startswith("pulumi/actions@"))
    recover = next(i for i, s in enumerate(steps) if "flex-flows-recover" in str(s.get("run", "")))
    up = next(i for i, s in enumerate(steps) if (s.get("with") or {}).get("command") == "up")
    assert install < recover < up, names
    assert "with" not in steps[install] or "command" not in steps[install]["with"]  # only installs the CLI
    # --yes applies the repair; --sole-deployer because the concurrency group lets no other run hold the stack
    assert steps[recover]["run"].split() == [
        "flex-flows-recover",
        "--yes",
        "--sole-deployer",
        "--stack",
        '"$STACK_NAME"',
    ]
    assert steps[up]["with"]["stack-name"] == "${{ env.STACK_NAME }}"
    assert job["env"]["STACK_NAME"] and job["timeout-minutes"]
    assert workflow("up.yml")["concurrency"]["group"]


def credentials(loaded):
    """The env entries a workflow gives its jobs and steps."""
    env = {}
    for job in loaded["jobs"].values():
        env.update(job.get("env") or {})
        for step in job["steps"]:
            env.update(step.get("env") or {})
    return env


@pytest.mark.parametrize("name", ["preview.yml", "up.yml"])
def test_credentials_come_from_secrets_only(name):
    loaded = workflow(name)
    env = {k: v for k, v in credentials(loaded).items() if k != "STACK_NAME"}
    assert set(env) == {"PULUMI_ACCESS_TOKEN", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"}
    assert all(value == f"${{{{ secrets.{key} }}}}" for key, value in env.items())
    runs = [s["run"] for job in loaded["jobs"].values() for s in job["steps"] if "run" in s]
    assert runs[0] == "pip install ." and all(r.startswith("flex-flows-recover ") for r in runs[1:])


def test_inputs_are_ones_the_action_declares():
    # From pulumi/actions' action.yml (v7): the inputs these workflows use.
    declared = {"command", "stack-name", "diff", "comment-on-pr", "github-token", "cloud-url", "work-dir"}
    for name in ("preview.yml", "up.yml"):
        for step in pulumi_steps(workflow(name)):
            assert set(step.get("with") or {}) <= declared, name
