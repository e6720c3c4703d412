"""Helpers for the adoption and catalog engine tests: a catalog project, scan as a user runs it, the journal."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent


def catalog_source(tmp_path: Path) -> Path:
    """A project folder whose program declares the flows of its flows.yaml."""
    source = tmp_path / "catalog"
    source.mkdir()
    shutil.copy(HERE / "catalog_program.py", source / "__main__.py")
    (source / "Pulumi.yaml").write_text("name: flex-catalog-test\nruntime: python\n")
    return source


def write_catalog(root: Path, flows: dict[str, dict[str, Any]]) -> None:
    (root / "flows.yaml").write_text(yaml.safe_dump(flows, sort_keys=False))


def run_scan(emulator: Any, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m pulumi_twilio_flex scan` in a separate process, credentials in its environment only."""
    env = {
        "PATH": "/usr/bin:/bin",
        "TWILIO_ACCOUNT_SID": emulator.config()["twilio:accountSid"],
        "TWILIO_AUTH_TOKEN": emulator.token,
    }
    done = subprocess.run(
        [sys.executable, "-m", "pulumi_twilio_flex", "scan", "--flex-api-url", emulator.url, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert emulator.token not in done.stdout + done.stderr
    return done


def writes(emulator: Any) -> list[tuple[str, str]]:
    """(method, path) of every request that changed something, in order."""
    return [(method, path) for method, path, _ in emulator.journal() if method in ("POST", "DELETE")]
