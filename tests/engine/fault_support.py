"""Engine-test helpers for runs against an emulator with faults: its own server, figures, a killed `up`."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
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
    emulator, so the last ones are still in the emulator's latency, sent but unanswered, when the kill lands.

    The engine starts each plugin in a process group of its own, so they are killed one by one."""

    def kill(process: subprocess.Popen[str]) -> None:
        below = descendants(process.pid)
        os.killpg(process.pid, signal.SIGKILL)
        end_processes(below)

    process = start_up_and_kill(project, app, after_requests, timeout, kill)
    return process.communicate()[0]


def kill_cli_mid_run(project: PulumiProject, app: Any, after_requests: int, timeout: float = 120) -> list[int]:
    """As `kill_up_mid_run`, but SIGKILL the `pulumi` process alone, as a CI job's timeout may: its provider goes
    on with the creates it holds. Returns the processes the CLI had started (plugins run in process groups of
    their own), for the test to look at and end afterwards."""
    started: list[int] = []

    def kill(process: subprocess.Popen[str]) -> None:
        started.extend(descendants(process.pid))
        process.kill()

    start_up_and_kill(project, app, after_requests, timeout, kill).communicate()
    return started


def start_up_and_kill(
    project: PulumiProject, app: Any, after_requests: int, timeout: float, kill: Callable[[Any], None]
) -> subprocess.Popen[str]:
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
        kill(process)
    return process


def descendants(pid: int) -> list[int]:
    """The pids of every process below `pid`, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                children.setdefault(int(stat[stat.rindex(")") + 2 :].split()[1]), []).append(int(entry.name))
            except (OSError, ValueError):
                continue
    found, queue = [], list(children.get(pid, []))
    while queue:
        child = queue.pop()
        found.append(child)
        queue += children.get(child, [])
    return found


def running(pids: list[int], marker: bytes = b"") -> list[int]:
    """Those of `pids` still running (not zombies) whose command line holds `marker`."""
    alive = []
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            if stat[stat.rindex(")") + 2] != "Z" and marker in Path(f"/proc/{pid}/cmdline").read_bytes():
                alive.append(pid)
        except OSError:
            continue
    return alive


def end_processes(pids: list[int]) -> None:
    """SIGKILL what is left of the processes a test's CLI started (a killed CLI's language host, say)."""
    for pid in running(pids):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def in_flight_hold(app: Any) -> Callable[[float], None]:
    """Lets a test keep the requests the emulator is answering at one moment unanswered for longer.

    Calling the returned function with `seconds` holds every request begun before that call until `seconds`
    from then, as a slow Twilio or a provider in its retry waits would; later requests are not held.
    """
    since, until = [float("inf")], [0.0]
    sleep = app.sleep

    def holding_sleep(seconds: float) -> None:
        began = time.monotonic()
        sleep(seconds)
        while began < since[0] and time.monotonic() < until[0]:
            time.sleep(0.02)

    def hold(seconds: float) -> None:
        since[0], until[0] = time.monotonic(), time.monotonic() + seconds

    app.sleep = holding_sleep
    return hold


def record_creates(app: Any) -> list[tuple[float, str]]:
    """(monotonic time, SID) of every flow the emulator creates from now on, appended as they are answered."""
    created: list[tuple[float, str]] = []
    respond = app.respond

    def recording(method: str, url: str, headers: Any, body: Any) -> Any:
        response = respond(method, url, headers, body)
        if method.upper() == "POST" and url.split("?")[0].endswith("/v1/FlexFlows") and response.status == 201:
            created.append((time.monotonic(), json.loads(response.body)["sid"]))
        return response

    app.respond = recording
    return created


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


WORKFLOW = Path(__file__).resolve().parents[2] / "examples" / "github-actions" / "up.yml"


def run_deploy_workflow(project: PulumiProject, stack: str = "test") -> list[subprocess.CompletedProcess[str]]:
    """Run the deploy job of examples/github-actions/up.yml here, step by step, as the runner would.

    `run:` steps go through bash as written (GitHub's `bash -e {0}`), with the job's plain env values and the
    stack's name in `STACK_NAME`; `pulumi/actions` steps with a `command` run that command on the stack, as the
    action does. Steps that set up the machine (checkout, Python, installs) are already done here.
    """
    import yaml

    job = yaml.safe_load(WORKFLOW.read_text())["jobs"]["up"]
    plain = {k: str(v) for k, v in (job.get("env") or {}).items() if "${{" not in str(v)}
    env = {**project.env, **plain, "STACK_NAME": stack}
    results = []
    for step in job["steps"]:
        uses, with_ = str(step.get("uses", "")), step.get("with") or {}
        if "run" in step and not step["run"].startswith("pip install"):
            argv = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]]
        elif uses.startswith("pulumi/actions@") and "command" in with_:
            assert with_["stack-name"] == "${{ env.STACK_NAME }}", with_
            argv = ["pulumi", "--non-interactive", with_["command"], "--yes", "--stack", stack]
            argv += ["--diff"] if with_.get("diff") else []
        else:
            continue
        done = subprocess.run(argv, cwd=project.root, env=env, capture_output=True, text=True, timeout=600)
        project.transcript += [done.stdout, done.stderr]
        results.append(done)
        assert done.returncode == 0, (
            f"step {step.get('name', uses)!r} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
        )
    return results


def lock_files(project: PulumiProject) -> list[Path]:
    """The file backend's lock files of the project's stacks."""
    return sorted((project.state_dir / ".pulumi" / "locks").rglob("*.json"))


def addresses_at(emulator: Any, url: str) -> Any:
    """A client of the address configurations of the test's own emulator server (the session's credentials)."""
    from pulumi_twilio_flex._client import TwilioClient
    from pulumi_twilio_flex._config import ConnectionSettings, Credentials
    from pulumi_twilio_flex.address_configuration.description import ADDRESS_CONFIGURATION

    config = emulator.config()
    credentials = Credentials(config["twilio:accountSid"], emulator.token)
    return TwilioClient(ADDRESS_CONFIGURATION, ConnectionSettings(credentials, url))
