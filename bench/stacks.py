"""One Pulumi project and stack per program on a local file backend, driven through the real CLI."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

PROGRAMS = Path(__file__).resolve().parent / "programs"
PASSPHRASE = "bench-passphrase"
ACCOUNT_SID = "AC" + "be" * 16
AUTH_TOKEN = "bench-token"  # the emulator accepts any token; it travels in the environment, never in state

# What each operation runs; every one is a single CLI invocation without its own preview step.
COMMANDS: dict[str, tuple[str, ...]] = {
    "create": ("up", "--yes", "--skip-preview"),
    "preview": ("preview",),
    "noop-up": ("up", "--yes", "--skip-preview"),  # an up with nothing to change
    "update": ("up", "--yes", "--skip-preview"),
    "refresh": ("refresh", "--yes", "--skip-preview"),
    "destroy": ("destroy", "--yes", "--skip-preview"),
}


def pulumi_bin_dir() -> Path:
    """The directory of the pulumi CLI and its Python plugins, found (or built) by scripts/bootstrap-pulumi."""
    script = Path(__file__).resolve().parents[1] / "scripts" / "bootstrap-pulumi"
    done = subprocess.run([str(script), "--print-bin-dir"], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"scripts/bootstrap-pulumi failed:\n{done.stderr[-3000:]}")
    return Path(done.stdout.strip().splitlines()[-1])


@dataclass
class Stack:
    """A copy of one program (`flows` or `floor`) with its own stack, backend and Pulumi home."""

    kind: str
    root: Path
    bin_dir: Path
    env: dict[str, str]

    @classmethod
    def create(cls, kind: str, workdir: Path, bin_dir: Path, api_url: str, program: str | None = None) -> Stack:
        """A stack of `kind` running the program `program` (default: the one named like the kind)."""
        root = workdir / kind
        source = PROGRAMS / (program or kind)
        shutil.copytree(source, root / "project", ignore=shutil.ignore_patterns("__pycache__"))
        (root / "state").mkdir()
        (root / "home").mkdir()
        venv_bin = Path(sys.executable).parent
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PULUMI_", "TWILIO_")) and k != "VIRTUAL_ENV"}
        env.update(
            PATH=f"{bin_dir}{os.pathsep}{venv_bin}{os.pathsep}{env.get('PATH', '')}",
            PULUMI_HOME=str(root / "home"),
            PULUMI_BACKEND_URL=f"file://{root / 'state'}",
            PULUMI_CONFIG_PASSPHRASE=PASSPHRASE,
            PULUMI_SKIP_UPDATE_CHECK="true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION="true",
            PULUMI_PYTHON_CMD=sys.executable,
            PULUMI_SUPPRESS_COPILOT_LINK="true",
            # Both stacks get the same environment; only the flows' provider reads it.
            TWILIO_ACCOUNT_SID=ACCOUNT_SID,
            TWILIO_AUTH_TOKEN=AUTH_TOKEN,
            TWILIO_FLEX_API_URL=api_url,
            TWILIO_CONVERSATIONS_API_URL=api_url,
        )
        stack = cls(kind, root / "project", bin_dir, env)
        stack.run("stack", "init", "bench")
        return stack

    def run(self, *args: str) -> tuple[float, float]:
        """Run one CLI command to completion: its wall time and the CPU time of all its processes, in seconds.

        The CPU time (user + system of the CLI, the language host, the program and the provider, all reaped
        by the time the CLI exits) is far less sensitive than wall time to what else the machine runs.
        """
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(
            [str(self.bin_dir / "pulumi"), "--non-interactive", *args],
            cwd=self.root,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if done.returncode != 0:
            raise RuntimeError(
                f"{self.kind}: pulumi {' '.join(args)} exited {done.returncode}:\n{done.stdout[-3000:]}\n"
                f"{done.stderr[-3000:]}"
            )
        return elapsed, cpu

    def operation(self, name: str) -> tuple[float, float]:
        return self.run(*COMMANDS[name])

    def export_bytes(self) -> int:
        """Size of `pulumi stack export`, the stack's whole state."""
        done = subprocess.run(
            [str(self.bin_dir / "pulumi"), "--non-interactive", "stack", "export"],
            cwd=self.root,
            env=self.env,
            capture_output=True,
            check=True,
        )
        return len(done.stdout)
