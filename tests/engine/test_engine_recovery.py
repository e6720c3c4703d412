"""A `pulumi up` killed with SIGKILL mid-run, then recovered: each declared flow (or address configuration) once,
no orphan, nothing to do.

The deploy workflow (examples/github-actions/up.yml) heals it by itself: its steps run here as written.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fault_support import (
    api_at,
    declared_flows,
    end_processes,
    in_flight_hold,
    kill_cli_mid_run,
    kill_up_mid_run,
    lock_files,
    pending_creates,
    record_creates,
    remove_truncated_attrs,
    run_deploy_workflow,
    running,
)
from program_support import program_project

from pulumi_twilio_flex._client import TwilioClient
from pulumi_twilio_flex._config import ConnectionSettings, Credentials
from pulumi_twilio_flex.address_configuration.description import ADDRESS_CONFIGURATION
from pulumi_twilio_flex.emulator import EmulatorServer, FaultSettings, FlexApiEmulator

pytestmark = pytest.mark.engine

FLOWS = 12
LATENCY = FaultSettings(latency_ms=600)  # every answer takes 0.6 s, so the kill lands with creates in flight
HOLD = 10.0  # seconds the creates in flight at the kill stay unanswered: longer than the recovery takes to start


def recover(project, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "pulumi_twilio_flex._recover", "--cwd", str(project.root), *args],
        env=project.env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    project.transcript += [done.stdout, done.stderr]
    assert done.returncode == 0, done.stdout + done.stderr
    return done


@pytest.fixture
def killed(project_factory, emulator):
    """A project whose `pulumi up` of FLOWS flows was killed mid-run, with orphans left in the account."""
    app = FlexApiEmulator(faults=LATENCY)
    with EmulatorServer(app) as server:
        project = project_factory()
        project.run("config", "set", "twilio:flexApiUrl", server.url)
        project.write_flows(declared_flows(FLOWS))
        kill_up_mid_run(project, app, after_requests=6)
        time.sleep(1.5)  # creates already sent finish on the server, as they would at Twilio
        remove_truncated_attrs(project)
        app.fault_settings = FaultSettings()
        api = api_at(emulator, server.url)
        known = {r["id"] for r in project.flow_resources()}
        orphans = [f["sid"] for f in api.list() if f["sid"] not in known]
        pending = pending_creates(project)
        assert pending and orphans, "the kill did not land between a create and its record"
        assert len(orphans) <= len(pending)
        yield project, api


def assert_each_flow_once_and_known(project, api):
    account = list(api.list())
    assert sorted(f["friendly_name"] for f in account) == sorted(
        a["friendly_name"] for a in declared_flows(FLOWS).values()
    )
    assert {r["id"] for r in project.flow_resources()} == {f["sid"] for f in account}
    assert pending_creates(project) == []
    project.run("preview", "--expect-no-changes")


def test_cancel_recover_and_up_leave_each_declared_flow_once(killed):
    project, api = killed
    orphans_before = {f["sid"] for f in api.list()} - {r["id"] for r in project.flow_resources()}
    project.run("cancel", "--yes", check=False)  # a no-op unless the backend still holds the stack's lock
    done = recover(project, "--yes")
    adopted = set(re.findall(r"^adopt (FO[0-9a-f]{32}) for ", done.stdout, re.MULTILINE))
    assert adopted == orphans_before, done.stdout
    assert "stack updated:" in done.stdout
    project.up()
    assert_each_flow_once_and_known(project, api)
    assert orphans_before <= {r["id"] for r in project.flow_resources()}


def test_an_up_run_without_recovery_leaves_orphans_that_recover_finds_to_delete(killed):
    project, api = killed
    project.run("cancel", "--yes", check=False)
    project.up()  # the engine creates the pending flows again: the first ones become orphans
    known = {r["id"] for r in project.flow_resources()}
    orphans = {f["sid"] for f in api.list()} - known
    assert orphans, "the engine did not create a pending flow twice"
    done = recover(project, "--yes")  # drops the stale pending creates, names the orphans
    reported = set(re.findall(r"FO[0-9a-f]{32}", " ".join(re.findall(r"^orphans repeating .*$", done.stdout, re.M))))
    assert reported == orphans, done.stdout
    for sid in reported:  # the fix the README gives: delete them
        api.delete(sid)
    assert_each_flow_once_and_known(project, api)


def writes(counters) -> dict[str, dict[str, int]]:
    return {op: by for op, by in counters["requests"].items() if op in ("create", "update", "delete")}


def test_the_deploy_workflow_heals_an_up_whose_cli_alone_was_killed(project_factory, emulator):
    app = FlexApiEmulator(faults=LATENCY)
    hold = in_flight_hold(app)
    created = record_creates(app)
    with EmulatorServer(app) as server:
        project = project_factory()
        project.run("config", "set", "twilio:flexApiUrl", server.url)
        project.write_flows(declared_flows(FLOWS))
        started = kill_cli_mid_run(project, app, after_requests=6)
        hold(HOLD)  # the killed run's creates land well after the recovery has started
        app.fault_settings = FaultSettings()  # the next requests are answered at once
        try:
            providers = running(started, b"pulumi.dynamic")
            assert providers, "the provider did not outlive the CLI"
            assert lock_files(project), "the killed CLI left no lock"
            recovery_began = time.monotonic()

            recover_step, up_step = run_deploy_workflow(project)  # right away: the provider is still at work

            assert running(providers) == [], recover_step.stdout  # drained
            assert f"(pid {providers[0]}) to finish its requests" in recover_step.stdout, recover_step.stdout
            assert "removed the stack's lock, left by a killed pulumi" in recover_step.stdout
        finally:
            end_processes(started)
        # Flows the provider created after the recovery began, which it found all the same: it waited for them.
        adopted = set(re.findall(r"^adopt (FO[0-9a-f]{32}) for ", recover_step.stdout, re.MULTILINE))
        late = {sid for at, sid in created if at > recovery_began}
        assert adopted & late, f"no create of the killed run landed after the recovery began:\n{recover_step.stdout}"
        assert_each_flow_once_and_known(project, api_at(emulator, server.url))
        assert lock_files(project) == []
        assert emulator.token not in "".join(project.transcript)


def test_the_deploy_workflow_on_a_healthy_stack_writes_nothing_and_recovery_prints_nothing(project_factory, emulator):
    app = FlexApiEmulator()
    with EmulatorServer(app) as server:
        project = project_factory()
        project.run("config", "set", "twilio:flexApiUrl", server.url)
        project.write_flows(declared_flows(3))
        project.up()
        before = {r["id"] for r in project.flow_resources()}
        app.stats.clear()

        recover_step, up_step = run_deploy_workflow(project)

        assert (recover_step.stdout, recover_step.stderr) == ("", "")
        assert writes(app.counters()) == {}, app.counters()
        assert {r["id"] for r in project.flow_resources()} == before
        assert {f["sid"] for f in api_at(emulator, server.url).list()} == before


# -- a stack of address configurations ------------------------------------------------------------------------

ADDRESSES = 12
FW = "FW" + "b" * 32
ADDRESSES_PROGRAM = f"""
from pulumi_twilio_flex import AddressConfiguration, AddressConfigurationAutoCreationArgs as Auto

HOOK = "https://hooks.example.com/conversations"
for n in range({ADDRESSES}):
    if n % 3 == 0:  # Twilio reports the method in upper case and the filters in its own order
        auto = Auto(enabled=True, type="webhook", webhook_url=HOOK, webhook_method="post",
                    webhook_filters=["onParticipantAdded", "onMessageAdded"])
    elif n % 3 == 1:
        auto = Auto(enabled=True, type="studio", studio_flow_sid="{FW}", studio_retry_count=n % 4)
    else:
        auto = None
    address = AddressConfiguration(f"addr{{n:02d}}", type="WhatsApp" if n % 2 else "sms",
        address=f"+1555000{{n:04d}}", friendly_name=f"address {{n:02d}}", auto_creation=auto)
    pulumi.export(f"addr{{n:02d}}", address.sid)
"""


def address_resources(project) -> list[dict]:
    exported = json.loads(project.run("stack", "export").stdout)
    return [r for r in exported["deployment"].get("resources", []) if r["type"].endswith(":AddressConfiguration")]


def test_a_killed_up_of_addresses_is_recovered_and_the_next_up_makes_each_address_once(
    project_factory, tmp_path, emulator
):
    app = FlexApiEmulator(faults=LATENCY)
    with EmulatorServer(app) as server:
        project = program_project(project_factory, tmp_path, ADDRESSES_PROGRAM, name="addresses")
        project.run("config", "set", "twilio:conversationsApiUrl", server.url)
        project.run("config", "set", "twilio:flexApiUrl", server.url)
        kill_up_mid_run(project, app, after_requests=6)
        time.sleep(1.5)  # creates already sent finish on the server, as they would at Twilio
        remove_truncated_attrs(project)
        app.fault_settings = FaultSettings()
        settings = ConnectionSettings(Credentials(emulator.config()["twilio:accountSid"], emulator.token), server.url)
        api = TwilioClient(ADDRESS_CONFIGURATION, settings)
        known = {r["id"] for r in address_resources(project)}
        orphans = {a["sid"] for a in api.list()} - known
        assert pending_creates(project) and orphans, "the kill did not land between a create and its record"

        done = subprocess.run(  # the successor script, with the stack's lock still held by the killed CLI
            [str(Path(sys.executable).parent / "twilio-flex-recover"), "--yes", "--cwd", str(project.root)],
            env=project.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        project.transcript += [done.stdout, done.stderr]
        assert done.returncode == 0, done.stdout + done.stderr
        adopted = set(re.findall(r"^adopt (IG[0-9a-f]{32}) for ", done.stdout, re.MULTILINE))
        assert adopted == orphans, done.stdout
        assert "removed the stack's lock, left by a killed pulumi" in done.stdout
        assert "orphans repeating" not in done.stdout and "stack updated:" in done.stdout

        mark = len(app.backend.journal)
        project.up()
        creates = [p for m, p, _ in list(app.backend.journal)[mark:] if m == "POST" and p.endswith("/Addresses")]
        assert len(creates) == ADDRESSES - len(known) - len(adopted)  # only the addresses never made
        account = list(api.list())
        assert sorted(a["address"] for a in account) == [f"+1555000{n:04d}" for n in range(ADDRESSES)]
        assert {r["id"] for r in address_resources(project)} == {a["sid"] for a in account}
        assert pending_creates(project) == []
        project.run("preview", "--expect-no-changes")
        assert emulator.token not in "".join(project.transcript)
