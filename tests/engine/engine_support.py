"""Drive the real pulumi CLI on a local file backend, isolated from the user's own Pulumi home."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
PASSPHRASE = "engine-tests-passphrase"


def find_pulumi_bin_dir() -> Path:
    """The directory holding pulumi and its Python plugins, built by scripts/bootstrap-pulumi if needed."""
    done = subprocess.run(
        [str(REPO / "scripts" / "bootstrap-pulumi"), "--print-bin-dir"],
        capture_output=True,
        text=True,
        timeout=3000,
    )
    if done.returncode != 0:
        raise RuntimeError(f"scripts/bootstrap-pulumi failed:\n{done.stderr[-3000:]}")
    return Path(done.stdout.strip().splitlines()[-1])


def pulumi_bin_dir_for_tests() -> Path:
    """`find_pulumi_bin_dir` for a fixture: fails under CI (which must run the engine tests), else skips saying why."""
    import pytest

    try:
        return find_pulumi_bin_dir()
    except (RuntimeError, OSError) as exc:
        if os.environ.get("CI"):
            pytest.fail(f"the engine tests need the pulumi CLI and CI must run them: {exc}")
        pytest.skip(f"no pulumi CLI could be found or built ({exc}); run `make pulumi` first")


def isolated_env(root: Path, bin_dir: Path, passphrase: str) -> dict[str, str]:
    """The environment of a project under `root`: its own backend (`root/state`) and Pulumi home (`root/home`),
    this interpreter and `bin_dir` first on PATH, no PULUMI_/TWILIO_ variable of the caller's."""
    for folder in ("state", "home"):
        (root / folder).mkdir()
    venv_bin = Path(sys.executable).parent
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PULUMI_", "TWILIO_")) and k != "VIRTUAL_ENV"}
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{venv_bin}{os.pathsep}{env.get('PATH', '')}",
        PULUMI_HOME=str(root / "home"),
        PULUMI_BACKEND_URL=f"file://{root / 'state'}",
        PULUMI_CONFIG_PASSPHRASE=passphrase,
        PULUMI_SKIP_UPDATE_CHECK="true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION="true",
        PULUMI_PYTHON_CMD=sys.executable,
        PULUMI_SUPPRESS_COPILOT_LINK="true",
    )
    return env


@dataclass
class PulumiProject:
    """A throwaway project directory with its own stack, backend and Pulumi home."""

    root: Path
    bin_dir: Path
    env: dict[str, str] = field(default_factory=dict)
    transcript: list[str] = field(default_factory=list)  # everything the CLI printed, for leak checks

    @classmethod
    def create(cls, root: Path, bin_dir: Path, source: Path, emulator_config: dict[str, str]) -> PulumiProject:
        project_dir = root / "project"
        shutil.copytree(source, project_dir, ignore=shutil.ignore_patterns("__pycache__", "Pulumi.*.yaml"))
        project = cls(project_dir, bin_dir, isolated_env(root, bin_dir, PASSPHRASE))
        project.run("stack", "init", "test")
        for key, value in emulator_config.items():
            secret = ["--secret"] if key == "twilio:authToken" else []
            project.run("config", "set", *secret, key, value)
        return project

    @property
    def state_dir(self) -> Path:
        return Path(self.env["PULUMI_BACKEND_URL"].removeprefix("file://"))

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [str(self.bin_dir / "pulumi"), "--non-interactive", *args],
            cwd=self.root,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        self.transcript += [done.stdout, done.stderr]
        if check and done.returncode != 0:
            raise AssertionError(f"pulumi {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
        return done

    def write_flows(self, flows: dict[str, dict[str, Any]]) -> None:
        (self.root / "flows.json").write_text(json.dumps(flows, indent=2))

    def up(self) -> dict[str, Any]:
        self.run("up", "--yes", "--skip-preview")
        return self.outputs()

    def outputs(self) -> dict[str, Any]:
        return json.loads(self.run("stack", "output", "--json").stdout)

    def preview_steps(self) -> list[dict[str, Any]]:
        """The steps of `preview --diff --json` other than `same`."""
        steps = json.loads(self.run("preview", "--diff", "--json").stdout).get("steps", [])
        return [s for s in steps if s["op"] != "same"]

    def flow_resources(self) -> list[dict[str, Any]]:
        exported = json.loads(self.run("stack", "export").stdout)
        resources = exported["deployment"].get("resources", [])
        return [r for r in resources if r["type"].endswith(":FlexFlow")]
