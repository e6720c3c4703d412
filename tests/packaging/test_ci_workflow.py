"""The hosted CI workflow runs what .ci/run runs, with the caches that make its second run cheap.

The workflow cannot run here; these checks keep it in step with .ci/run, the Makefile and the test suite.
"""

from __future__ import annotations

from typing import Any

import yaml
from engine_support import REPO

WORKFLOW = REPO / ".github" / "workflows" / "ci.yml"


def _job() -> dict[str, Any]:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    jobs: dict[str, Any] = workflow["jobs"]
    assert list(jobs) == ["test"]
    return jobs["test"]


def _uses(step: dict[str, Any]) -> str:
    return str(step.get("uses", "")).split("@")[0]


def test_workflow_runs_make_demo_then_make_test_as_ci_run_does():
    ci_run = [line for line in (REPO / ".ci" / "run").read_text().splitlines() if line.startswith("make ")]
    job = _job()
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert runs == ci_run == ["make demo", "make test"]
    assert job["env"]["CI"] == "true"


def test_workflow_caches_go_the_cli_prism_npm_and_pip():
    steps = _job()["steps"]
    cached = set()
    for step in steps:
        if _uses(step) == "actions/cache":
            cached |= {line.strip() for line in step["with"]["path"].splitlines() if line.strip()}
    assert {"~/go/pkg/mod", "~/.cache/go-build", "~/.pulumi/bin", "~/.cache/pulumi-twilio-flex", "~/.npm"} <= cached
    python = next(step for step in steps if _uses(step) == "actions/setup-python")
    assert python["with"]["cache"] == "pip"
    go = next(step for step in steps if _uses(step) == "actions/setup-go")
    assert go["with"]["cache"] is False  # no go.sum here; actions/cache does it


def test_workflow_gives_the_contract_tests_the_spec_they_read():
    job = _job()
    oai = next(step for step in job["steps"] if step.get("with", {}).get("repository") == "twilio/twilio-oai")
    spec = job["env"]["FLEX_OPENAPI_SPEC"]
    assert spec == "${{ github.workspace }}/" + oai["with"]["path"] + "/" + oai["with"]["sparse-checkout"]
    checkouts = [step for step in job["steps"] if _uses(step) == "actions/checkout"]
    project = next(step for step in checkouts if "repository" not in step["with"])
    assert job["defaults"]["run"]["working-directory"] == project["with"]["path"]
