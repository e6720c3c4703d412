"""Helpers for the packaging tests: what git tracks, checked subprocesses, the emulator run from the wheel."""

from __future__ import annotations

import os
import re
import selectors
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import requests

PACKAGE = "pulumi_twilio_flex"
ACCOUNT_SID = "AC" + "ab" * 16
EMULATOR_TOKEN = "wheel-emulator-" + "t0ken" * 4  # recognisable, so leak checks can search for it


def run_checked(args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 120) -> str:
    """Run a command; on failure, raise with the command and everything it printed. Returns stdout."""
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise AssertionError(
            f"{' '.join(args)} exited {done.returncode}:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
        )
    return done.stdout


def pulumi_env(root: Path, bin_dir: Path, venv_bin: Path, passphrase: str) -> dict[str, str]:
    """An environment for the pulumi CLI with its own home and file backend under root, and Python from venv_bin.

    Nothing points at the checkout: no PYTHONPATH, no VIRTUAL_ENV, and the language host and the dynamic
    provider both run `venv_bin/python` (through PULUMI_PYTHON_CMD and PATH, as tests/engine does).
    """
    (root / "home").mkdir(exist_ok=True)
    (root / "state").mkdir(exist_ok=True)
    drop = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PULUMI_", "TWILIO_")) and k not in drop}
    env.update(
        PATH=os.pathsep.join([str(bin_dir), str(venv_bin), env.get("PATH", "")]),
        VIRTUAL_ENV=str(venv_bin.parent),
        PULUMI_HOME=str(root / "home"),
        PULUMI_BACKEND_URL=f"file://{root / 'state'}",
        PULUMI_CONFIG_PASSPHRASE=passphrase,
        PULUMI_SKIP_UPDATE_CHECK="true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION="true",
        PULUMI_PYTHON_CMD=str(venv_bin / "python"),
        PULUMI_SUPPRESS_COPILOT_LINK="true",
    )
    return env


def tracked_files(repo: Path, under: str = "") -> list[str]:
    """Paths (relative to the repository) of the files a clean clone would hold, plus new files not ignored.

    Files deleted in the working tree but still in the index are left out, so a pending deletion builds as it
    will once committed.
    """
    out = run_checked(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", under or "."], cwd=repo
    )
    return sorted({p for p in out.split("\0") if p and (repo / p).is_file()})


@dataclass
class WheelEmulator:
    """The emulator as a user starts it from the installed wheel's console script, on a free port."""

    process: subprocess.Popen[str]
    url: str
    token: str = EMULATOR_TOKEN

    @classmethod
    def start(cls, script: Path, cwd: Path, env: dict[str, str]) -> WheelEmulator:
        process = subprocess.Popen(
            [str(script), "--port", "0", "--strict", "--auth-token", EMULATOR_TOKEN],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            line = _first_line(process)
            found = re.fullmatch(r"Flex API emulator listening on (http://127\.0\.0\.1:\d+)\n", line)
            assert found, f"unexpected first line from {script.name}: {line!r}"
        except BaseException:
            process.kill()
            process.communicate()
            raise
        return cls(process, found.group(1))

    def config(self) -> dict[str, str]:
        return {"twilio:accountSid": ACCOUNT_SID, "twilio:authToken": self.token, "twilio:flexApiUrl": self.url}

    def flows(self) -> list[dict[str, Any]]:
        """Every flow of the account, read over HTTP as Twilio's console would."""
        response = requests.get(f"{self.url}/v1/FlexFlows", auth=(ACCOUNT_SID, self.token), timeout=10)
        response.raise_for_status()
        flows: list[dict[str, Any]] = response.json()["flex_flows"]
        return flows

    def __enter__(self) -> WheelEmulator:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.communicate(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.communicate()


def _first_line(process: subprocess.Popen[str], timeout: float = 60) -> str:
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if selector.select(timeout=0.5):
                return process.stdout.readline()
            if process.poll() is not None:
                raise AssertionError(f"the emulator exited before printing its URL:\n{process.stderr.read()}")  # type: ignore[union-attr]
    raise AssertionError("the emulator printed nothing")
