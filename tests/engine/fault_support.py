"""Engine-test helpers for runs against an emulator with faults: its own server, figures, a killed `up`."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from typing import Any

from engine_support import PulumiProject

IS = "IS" + "a" * 32


def declared_flows(count: int, prefix: str = "flow") -> dict[str, dict[str, Any]]:
    """`count` studio flows with distinct friendly names."""
    return {
        f"{prefix}{n:02d}": {
            "friendly_name": f"{prefix} {n:02d}",
            "chat_service_sid": IS,
            "channel_type": "web",
            "integration_type": "studio",
            "integration": {"flow_sid": "FW" + "b" * 32, "retry_count": n % 4},
            "enabled": n % 2 == 0,
        }
        for n in range(count)
    }


def figures(counters: dict[str, Any]) -> str:
    """The emulator's counters as one readable line: requests, outcomes, faults, retried attempts."""
    faults = {k: v for k, v in counters["faults_injected"].items() if v}
    retried = sum(faults.values())  # every failed or lost attempt was followed by a retry or a reconcile
    outcomes = {op: dict(sorted(by.items())) for op, by in sorted(counters["requests"].items())}
    return (
        f"requests {counters['requests_total']} {json.dumps(outcomes)}; faults injected {json.dumps(faults)}; "
        f"attempts retried or reconciled {retried}; connections opened {counters['connections_opened']}"
    )


def kill_up_mid_run(project: PulumiProject, app: Any, after_requests: int, timeout: float = 120) -> str:
    """Start `pulumi up`; SIGKILL it and its provider processes once `after_requests` requests reached the
    emulator, so the last ones are still in the emulator's latency, sent but unanswered, when the kill lands."""
    started: list[float] = []
    sleep = app.sleep

    def counting_sleep(seconds: float) -> None:  # the emulator's latency starts every API request
        started.append(seconds)
        sleep(seconds)

    app.sleep = counting_sleep
    process = subprocess.Popen(
        [str(project.bin_dir / "pulumi"), "--non-interactive", "up", "--yes", "--skip-preview"],
        cwd=project.root,
        env=project.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: the language host and the provider go with it
    )
    deadline = time.monotonic() + timeout
    try:
        while len(started) < after_requests:
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"`pulumi up` ended before the kill:\n{process.communicate()[0]}")
            time.sleep(0.02)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
    output = process.communicate()[0]
    project.transcript.append(output)
    return output


def pending_creates(project: PulumiProject) -> list[str]:
    exported = json.loads(project.run("stack", "export").stdout)["deployment"]
    return [op["resource"]["urn"] for op in exported.get("pending_operations") or [] if op["type"] == "creating"]


def api_at(emulator: Any, url: str) -> Any:
    """A client for the test's own emulator server, with the session emulator's credentials."""
    from pulumi_twilio_flex._client import FlexFlowsClient
    from pulumi_twilio_flex._config import ConnectionSettings, Credentials

    config = emulator.config()
    return FlexFlowsClient(ConnectionSettings(Credentials(config["twilio:accountSid"], emulator.token), url))


def remove_truncated_attrs(project: PulumiProject) -> list[str]:
    """Delete the empty `*.attrs` files a kill can leave on a file backend (`failed to load checkpoint: EOF`).

    The file backend writes each blob's metadata beside it in a second, non-atomic write; the README gives
    this same repair.
    """
    empty = [path for path in project.state_dir.rglob("*.attrs") if path.stat().st_size == 0]
    for path in empty:
        path.unlink()
    return [path.name for path in empty]
