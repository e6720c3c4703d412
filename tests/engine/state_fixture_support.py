"""The checked-in state of a stack made by release 0.1.0: where it lives, how to seed its flows, how to import it.

Shared by tests/fixtures/state/make_fixture.py (which wrote it once) and test_engine_state_compat.py (which
reads it with whatever provider code is installed), so both agree on names, passphrase and file formats.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from engine_support import REPO, PulumiProject, isolated_env

from pulumi_twilio_flex.emulator import EmulatorBackend
from pulumi_twilio_flex.emulator.models import FlexFlow

FIXTURE_DIR = REPO / "tests" / "fixtures" / "state"
PROGRAM_DIR = FIXTURE_DIR / "program"
STACK_EXPORT = FIXTURE_DIR / "stack.json"  # `pulumi stack export`, secrets encrypted
STACK_CONFIG = FIXTURE_DIR / "stack-config.yaml"  # Pulumi.<stack>.yaml, renamed: .gitignore skips Pulumi.*.yaml
FLOWS = FIXTURE_DIR / "flows.json"  # the emulator's flows of the account, as its models hold them

STACK = "prod"
PASSPHRASE = "state-fixture-passphrase"  # guards only the emulator's fake token below; nothing real
ACCOUNT_SID = "AC" + "f1" * 16
AUTH_TOKEN = "tok-" + "f1xture" * 3  # the emulator accepts any token; this one stays encrypted in the fixture
URL_KEY = "twilio:flexApiUrl"
DEFAULT_PROVIDER_TYPE = "pulumi:providers:pulumi-python"


def new_project(root: Path, bin_dir: Path) -> PulumiProject:
    """The fixture's program in `root/project` with its own backend and Pulumi home, no stack yet.

    Like `PulumiProject.create`, but with the fixture's passphrase and stack name.
    """
    project_dir = root / "project"
    shutil.copytree(PROGRAM_DIR, project_dir, ignore=shutil.ignore_patterns("__pycache__", "Pulumi.*.yaml"))
    return PulumiProject(project_dir, bin_dir, isolated_env(root, bin_dir, PASSPHRASE))


def seed_flows(backend: EmulatorBackend, records: list[dict[str, Any]]) -> None:
    """Put these flows into the emulator under their own SIDs, dates and creation order."""
    flows = []
    for record in records:
        values = dict(record)
        for key in ("date_created", "date_updated"):
            values[key] = datetime.fromisoformat(values[key])
        flows.append(FlexFlow(**values))
    backend.flex.restore(flows)


def dump_flows(backend: EmulatorBackend, account_sid: str) -> list[dict[str, Any]]:
    """The account's flows as `seed_flows` takes them."""
    records = []
    for flow in backend.list_flows(account_sid):
        record = asdict(flow)
        for key in ("date_created", "date_updated"):
            record[key] = record[key].isoformat()
        records.append(record)
    return records


def load_flows() -> list[dict[str, Any]]:
    return json.loads(FLOWS.read_text())


def load_export() -> dict[str, Any]:
    return json.loads(STACK_EXPORT.read_text())


def recorded_url(exported: dict[str, Any]) -> str:
    """The `twilio:flexApiUrl` the fixture's default provider recorded: the emulator of the run that made it."""
    [provider] = [r for r in exported["deployment"]["resources"] if r["type"] == DEFAULT_PROVIDER_TYPE]
    url = provider["inputs"][URL_KEY]
    assert isinstance(url, str), f"{URL_KEY} is no longer a plain string in the recorded provider inputs"
    return url


def with_flex_api_url(exported: dict[str, Any], url: str) -> dict[str, Any]:
    """The export with every plain string that starts with the recorded emulator URL moved to `url`.

    That is the recorded default provider's `twilio:flexApiUrl` (inputs and outputs) and each flow's `url`
    output. Plain `pulumi refresh` and `pulumi destroy` configure the provider from the recorded config; a
    user's state records their own endpoint, so pointing it at this run's emulator keeps those commands on the
    path an upgraded user takes (without `--run-program`), and a refresh reads back the same `url`.
    """
    old = recorded_url(exported)

    def moved(value: Any) -> Any:
        if isinstance(value, str) and value.startswith(old):
            return url + value[len(old) :]
        if isinstance(value, dict):
            return {key: moved(item) for key, item in value.items()}
        if isinstance(value, list):
            return [moved(item) for item in value]
        return value

    return moved(exported)


def import_fixture(project: PulumiProject, url: str) -> None:
    """`pulumi stack init` + `pulumi stack import` of the fixture, pointed at the emulator at `url`."""
    shutil.copy(STACK_CONFIG, project.root / f"Pulumi.{STACK}.yaml")
    project.run("stack", "init", STACK)
    project.run("config", "set", URL_KEY, url)
    exported = project.root.parent / "import.json"
    exported.write_text(json.dumps(with_flex_api_url(load_export(), url)))
    project.run("stack", "import", "--file", str(exported))
