"""Twilio's Node SDK (npm package ``twilio``), installed on demand, driving the emulator from a child process.

    node, module = install_node_twilio()      # installs the pinned version once into the cache directory
    run_node_flows(node, module, base_url, account, token, ["list", "create"])   -> one result per step

The SDK is a pooling HTTP client with a switch for keep-alive, which the Python clients in these tests are not.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

NODE_TWILIO_VERSION = "6.3.1"  # needs Node.js >= 20
MIN_NODE = (20, 0, 0)
CACHE_ENV = "FLEX_NODE_TWILIO_CACHE"  # default ~/.cache/pulumi-twilio-flex/node-twilio
INSTALL_TIMEOUT = 600.0
RUN_TIMEOUT = 120.0
SCRIPT = Path(__file__).with_name("node_flex_flows.js")


class NodeTwilioUnavailable(RuntimeError):
    """The SDK could not be installed or run."""


class NodeMissing(NodeTwilioUnavailable):
    """node or npm is not on PATH (a local run may skip for this; CI may not)."""


def cache_dir() -> Path:
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured).expanduser()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "pulumi-twilio-flex" / "node-twilio"


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        raise NodeMissing(f"node is not on PATH: twilio@{NODE_TWILIO_VERSION} for Node.js needs Node.js >= 20")
    output = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    found = re.match(r"v(\d+)\.(\d+)\.(\d+)", output)
    if found is None or tuple(int(part) for part in found.groups()) < MIN_NODE:
        raise NodeTwilioUnavailable(f"twilio@{NODE_TWILIO_VERSION} needs Node.js >= 20; {node} is {output!r}")
    return node


def install_node_twilio() -> tuple[str, Path]:
    """(node, the SDK's package folder), installing the pinned SDK into the cache directory if it is not there."""
    node = _node()
    target = cache_dir() / NODE_TWILIO_VERSION
    module = target / "node_modules" / "twilio"
    if (module / "package.json").is_file():
        return node, module
    npm = shutil.which("npm")
    if npm is None:
        raise NodeMissing(f"npm is not on PATH: it is needed once to install twilio@{NODE_TWILIO_VERSION}")
    target.parent.mkdir(parents=True, exist_ok=True)
    # Install beside the target and rename, so an interrupted or concurrent install never leaves half an SDK.
    staging = Path(tempfile.mkdtemp(prefix=f".{NODE_TWILIO_VERSION}-", dir=target.parent))
    try:
        command = [npm, "install", "--prefix", str(staging), "--save-exact", "--no-audit", "--no-fund"]
        result = subprocess.run(
            [*command, "--loglevel=error", f"twilio@{NODE_TWILIO_VERSION}"],
            capture_output=True,
            text=True,
            timeout=INSTALL_TIMEOUT,
        )
        if result.returncode != 0:
            raise NodeTwilioUnavailable(
                f"`npm install twilio@{NODE_TWILIO_VERSION}` failed (exit {result.returncode}):\n"
                f"{result.stdout[-3000:]}{result.stderr[-3000:]}"
            )
        try:
            staging.rename(target)
        except OSError:
            if not (module / "package.json").is_file():  # someone else won the race only if theirs is complete
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return node, module


def run_node_flows(
    node: str, module: Path, base_url: str, account: str, token: str, steps: list[str], *, keep_alive: bool
) -> list[dict[str, Any]]:
    """Run ``steps`` (``list`` or ``create``) one after another with the SDK; one result dict per step."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("TWILIO_")}  # no edge, no region
    env.update(
        TWILIO_MODULE=str(module),
        FLEX_BASE_URL=base_url,
        FLEX_ACCOUNT_SID=account,
        FLEX_AUTH_TOKEN=token,
        FLEX_KEEP_ALIVE="true" if keep_alive else "false",
    )
    result = subprocess.run([node, str(SCRIPT), *steps], capture_output=True, text=True, env=env, timeout=RUN_TIMEOUT)
    if result.returncode != 0:
        raise NodeTwilioUnavailable(f"node {SCRIPT.name} exited {result.returncode}:\n{result.stderr[-3000:]}")
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
