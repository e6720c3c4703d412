"""twilio-flex-recover: pending creates of a killed `pulumi up` matched with the flows and address configurations
of the account."""

from __future__ import annotations

import copy
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time

import pytest
import requests
from scripted_faults import IN_PROCESS, ScriptedFaults, scripted_client

from pulumi_twilio_flex._killed_cli import LockHolder, _ignores_sigint, drain, leftover_providers
from pulumi_twilio_flex._recover import (
    ADDRESS_CONFIGURATION_TYPE,
    FLEX_FLOW_TYPE,
    apply_plan,
    describe_plan,
    plan_recovery,
    recover,
    recover_options,
)

PROVIDER = {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "ciphertext": "v1:abc"}
IS = "IS" + "a" * 32


def inputs(name: str, **extra):
    return {
        "__provider": PROVIDER,
        "friendly_name": name,
        "chat_service_sid": IS,
        "channel_type": "web",
        "integration": {"flow_sid": "FW" + "b" * 32},
        **extra,
    }


def form(name: str) -> dict[str, str]:
    return {"FriendlyName": name, "ChatServiceSid": IS, "ChannelType": "web", "Integration.FlowSid": "FW" + "b" * 32}


def urn(name: str) -> str:
    return f"urn:pulumi:test::p::{FLEX_FLOW_TYPE}::{name}"


def pending(name: str, **extra):
    resource = {"urn": urn(name), "custom": True, "type": FLEX_FLOW_TYPE, "inputs": inputs(name, **extra)}
    return {"resource": resource, "type": "creating"}


def test_a_pending_create_adopts_its_flow_drops_when_none_and_leaves_the_rest():
    client, _, _ = scripted_client()
    known = client.create(form("known"))
    orphan = client.create(form("made"))
    client.create({**form("made"), "ChannelType": "sms"})  # same name, other inputs: not this create's
    deployment = {
        "resources": [{"urn": urn("known"), "type": FLEX_FLOW_TYPE, "id": known["sid"], "inputs": inputs("known")}],
        "pending_operations": [pending("made"), pending("never"), {"resource": {"urn": "x"}, "type": "updating"}],
    }
    plan = plan_recovery(deployment, client)
    assert {u: f["sid"] for u, f in plan.adopt.items()} == {urn("made"): orphan["sid"]}
    assert plan.drop == [urn("never")] and plan.ambiguous == {} and plan.orphans == {}
    assert describe_plan(plan)[0].startswith(f"adopt {orphan['sid']} for {urn('made')}")

    applied = apply_plan(copy.deepcopy(deployment), plan)
    assert applied["pending_operations"] == [{"resource": {"urn": "x"}, "type": "updating"}]
    adopted = applied["resources"][-1]
    assert (adopted["urn"], adopted["id"]) == (urn("made"), orphan["sid"])
    assert adopted["outputs"]["sid"] == orphan["sid"] and adopted["outputs"]["__provider"] == PROVIDER
    assert adopted["outputs"]["integration"] == {"flow_sid": "FW" + "b" * 32, "retry_count": 3}


def test_more_candidates_than_pending_creates_changes_nothing_and_names_them():
    client, _, _ = scripted_client()
    sids = sorted(client.create(form("twice"))["sid"] for _ in range(2))
    deployment = {"resources": [], "pending_operations": [pending("twice")]}
    plan = plan_recovery(deployment, client)
    assert plan.ambiguous == {urn("twice"): sids} and not plan.adopt and not plan.drop
    assert sids[0] in describe_plan(plan)[0] and sids[1] in describe_plan(plan)[0]


def test_identical_pending_creates_share_out_identical_flows():
    client, _, _ = scripted_client()
    made = {client.create(form("same"))["sid"] for _ in range(2)}
    first, second = pending("same"), pending("same")
    second["resource"]["urn"] = urn("same-2")
    plan = plan_recovery({"resources": [], "pending_operations": [first, second]}, client)
    assert {f["sid"] for f in plan.adopt.values()} == made and set(plan.adopt) == {urn("same"), urn("same-2")}


def test_a_flow_repeating_a_known_resource_is_reported_as_an_orphan():
    client, _, _ = scripted_client()
    known, repeat = client.create(form("dup"))["sid"], client.create(form("dup"))["sid"]
    deployment = {"resources": [{"urn": urn("dup"), "type": FLEX_FLOW_TYPE, "id": known, "inputs": inputs("dup")}]}
    plan = plan_recovery(deployment, client)
    assert plan.orphans == {urn("dup"): [repeat]} and not plan.adopt
    assert describe_plan(plan) == [
        f"orphans repeating {urn('dup')}: {repeat} (not in the stack; delete them if no other stack manages them)"
    ]


def test_secret_inputs_exported_with_show_secrets_are_compared_in_clear():
    client, _, _ = scripted_client()
    sid = client.create({**form("secret"), "ContactIdentity": "+15550100"})["sid"]
    secret = {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "plaintext": '"+15550100"'}
    plan = plan_recovery({"pending_operations": [pending("secret", contact_identity=secret)]}, client)
    assert [f["sid"] for f in plan.adopt.values()] == [sid]


def test_a_pending_create_the_stack_has_since_made_again_is_stale_and_its_first_flow_an_orphan():
    client, _, _ = scripted_client()
    first, again = client.create(form("redo"))["sid"], client.create(form("redo"))["sid"]
    resource = {"urn": urn("redo"), "type": FLEX_FLOW_TYPE, "id": again, "inputs": inputs("redo")}
    deployment = {"resources": [resource], "pending_operations": [pending("redo")]}
    plan = plan_recovery(deployment, client)
    assert plan.stale == [urn("redo")] and plan.orphans == {urn("redo"): [first]} and not plan.adopt
    assert apply_plan(copy.deepcopy(deployment), plan)["pending_operations"] == []


# -- the command: silent when there is nothing to do, the lock and the killed CLI's leftovers ------------------


class FakePulumi:
    """The `pulumi` CLI as `recover` uses it, on a stack held in memory."""

    def __init__(self, tmp_path, deployment=None, locks=(), backend="file", config=None):
        self.cwd = tmp_path
        self.config_values = config
        self.deployment = deployment or {"resources": [], "pending_operations": []}
        self.calls: list[tuple[str, ...]] = []
        self.state = tmp_path / "state"
        self.backend_url = f"file://{self.state}" if backend == "file" else "https://api.pulumi.com"
        lock_dir = self.state / ".pulumi" / "locks" / "organization" / "p" / "test"
        lock_dir.mkdir(parents=True)
        for n, (pid, host) in enumerate(locks):
            (lock_dir / f"{n}.json").write_text(json.dumps({"pid": pid, "hostname": host, "username": "ci"}))
        self.lock_dir = lock_dir

    def run(self, *args: str) -> str:
        self.calls.append(args)
        if args[:1] == ("cancel",):
            for path in self.lock_dir.glob("*.json"):
                path.unlink()
        return ""

    def whoami_url(self) -> str:
        return self.backend_url

    def qualified_stack(self) -> str:
        return "organization/p/test"

    def update_in_progress(self) -> bool:
        return False

    def export(self, show_secrets: bool = False):
        self.calls.append(("stack", "export"))
        return {"version": 3, "deployment": copy.deepcopy(self.deployment)}

    def config(self):
        assert self.config_values, "the config (and the credentials) are read only when a create is pending"
        return self.config_values

    def clear_pending_creates(self):
        self.calls.append(("refresh", "--clear-pending-creates"))
        ops = self.deployment.get("pending_operations") or []
        self.deployment["pending_operations"] = [op for op in ops if op["type"] != "creating"]

    def import_deployment(self, exported):
        self.calls.append(("stack", "import"))
        self.deployment = exported["deployment"]


def run_recover(pulumi, *flags: str):
    out, err = io.StringIO(), io.StringIO()
    options = recover_options(["--yes", *flags])
    code = recover(pulumi, options, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_a_healthy_stack_gets_no_output_no_change_and_no_request(tmp_path):
    pulumi = FakePulumi(tmp_path, {"resources": [], "pending_operations": []})
    assert run_recover(pulumi) == (0, "", "")
    assert [c for c in pulumi.calls if c[:1] in (("cancel",), ("refresh",)) or c == ("stack", "import")] == []


def test_when_every_pending_create_is_a_flow_never_made_the_engine_clears_them(tmp_path, emulator):
    pulumi = FakePulumi(tmp_path, {"pending_operations": [pending("never")]}, config=emulator.config())
    code, out, err = run_recover(pulumi)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"drop the pending create of {urn('never')}: no flow was created for it",
        "stack updated: 0 adopted, 1 dropped",
    ]
    assert ("refresh", "--clear-pending-creates") in pulumi.calls and ("stack", "import") not in pulumi.calls
    assert pulumi.deployment["pending_operations"] == []


def test_a_flow_to_adopt_goes_through_a_stack_rewrite(tmp_path, emulator):
    made = emulator.api().create(form("made"))["sid"]
    pulumi = FakePulumi(tmp_path, {"resources": [], "pending_operations": [pending("made")]}, config=emulator.config())
    code, out, err = run_recover(pulumi)
    assert (code, err) == (0, "") and out.endswith("stack updated: 1 adopted, 0 dropped\n")
    assert ("stack", "import") in pulumi.calls and ("refresh", "--clear-pending-creates") not in pulumi.calls
    assert [(r["urn"], r["id"]) for r in pulumi.deployment["resources"]] == [(urn("made"), made)]
    assert pulumi.deployment["pending_operations"] == []


def test_another_providers_pending_create_is_kept_so_the_stack_is_rewritten(tmp_path, emulator):
    bucket = {"type": "creating", "resource": {"urn": "urn:pulumi:test::p::aws:s3/bucket:Bucket::b", "type": "x"}}
    deployment = {"resources": [], "pending_operations": [pending("never"), bucket]}
    pulumi = FakePulumi(tmp_path, deployment, config=emulator.config())
    code, out, err = run_recover(pulumi)
    assert (code, err) == (0, "") and out.endswith("stack updated: 0 adopted, 1 dropped\n")
    assert ("stack", "import") in pulumi.calls and ("refresh", "--clear-pending-creates") not in pulumi.calls
    assert pulumi.deployment["pending_operations"] == [bucket]  # `--clear-pending-creates` would drop it too


def test_a_lock_left_by_a_dead_cli_on_this_host_is_removed(tmp_path):
    dead = dead_pid()
    pulumi = FakePulumi(tmp_path, locks=[(dead, socket.gethostname())])
    code, out, err = run_recover(pulumi)
    assert code == 0, err
    assert ("cancel", "--yes") in pulumi.calls
    assert out == f"removed the stack's lock, left by a killed pulumi (pid {dead} on {socket.gethostname()})\n"


def test_a_lock_held_by_a_running_cli_is_left_alone_and_fails_the_step(tmp_path):
    cli = named_process(tmp_path, "pulumi")
    try:
        pulumi = FakePulumi(tmp_path, locks=[(cli.pid, socket.gethostname())])
        code, out, err = run_recover(pulumi, "--sole-deployer")
    finally:
        cli.kill()
        cli.wait()
    assert code == 3 and out == ""
    assert err == (
        f"flex-flows-recover: the stack is locked by a running pulumi (pid {cli.pid} on {socket.gethostname()}); "
        "nothing changed: run this again once it has finished\n"
    )
    assert [c for c in pulumi.calls if c[:1] == ("cancel",)] == [] and list(pulumi.lock_dir.iterdir())


def test_a_lock_whose_pid_now_belongs_to_another_program_is_stale(tmp_path):
    other = named_process(tmp_path, "sleep")
    try:
        assert LockHolder(other.pid, socket.gethostname()).stale(sole_deployer=False)
        assert not LockHolder(other.pid, "elsewhere").stale(sole_deployer=False)
    finally:
        other.kill()
        other.wait()


def test_a_lock_from_another_host_is_removed_only_for_a_sole_deployer(tmp_path):
    pulumi = FakePulumi(tmp_path, locks=[(4242, "runner-gone")])
    code, out, err = run_recover(pulumi)
    assert code == 3 and out == ""
    assert "locked by pid 4242 on runner-gone, which cannot be checked from here" in err
    assert "--sole-deployer" in err
    code, out, err = run_recover(pulumi, "--sole-deployer")
    assert code == 0 and "removed the stack's lock" in out and "pid 4242 on runner-gone" in out


def test_the_checkpoints_empty_attrs_left_by_a_kill_are_removed_with_the_lock(tmp_path):
    pulumi = FakePulumi(tmp_path, locks=[(dead_pid(), socket.gethostname())])
    stacks = pulumi.state / ".pulumi" / "stacks" / "p"
    stacks.mkdir(parents=True)
    (stacks / "test.json").write_text("{}")
    (stacks / "test.json.attrs").write_text("")
    (stacks / "other.json.attrs").write_text("")
    code, out, _ = run_recover(pulumi)
    assert code == 0 and "test.json.attrs" in out
    assert sorted(p.name for p in stacks.iterdir()) == ["other.json.attrs", "test.json"]


def test_leftover_providers_of_the_project_are_found_and_drained(tmp_path):
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    project.mkdir(), elsewhere.mkdir()
    mine, other = provider_server(project), provider_server(elsewhere)
    try:
        assert leftover_providers(project) == [mine.pid]
        assert drain([mine.pid], timeout=30) == []
        assert mine.wait(timeout=5) is not None and other.poll() is None
    finally:
        stop(mine, other)


def test_providers_of_a_running_pulumi_are_not_leftovers(tmp_path):
    alias = tmp_path / "pulumi"
    alias.symlink_to("/bin/sh")
    cli = subprocess.Popen(
        [str(alias), "-c", f"{sys.executable} -u -m pulumi.dynamic; true"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        assert cli.stdout is not None and cli.stdout.readline().strip().isdigit()  # the server's port
        assert leftover_providers(tmp_path) == []
    finally:
        os.killpg(cli.pid, signal.SIGKILL)  # the shell and the server it started
        stop(cli)


def test_recovery_waits_for_leftover_providers_before_reading_the_stack(tmp_path):
    server = provider_server(tmp_path)
    try:
        pulumi = FakePulumi(tmp_path)
        code, out, err = run_recover(pulumi)
        assert code == 0, err
        assert out == (
            f"waiting for 1 provider process left by a killed pulumi (pid {server.pid}) to finish its requests\n"
        )
        assert server.poll() is not None
    finally:
        stop(server)


def test_a_provider_that_outlasts_the_wait_stops_the_recovery_with_nothing_changed(tmp_path):
    # A provider started with SIGINT ignored (by a shell, in the background) is waited for, not signalled.
    stubborn = subprocess.Popen(
        [sys.executable, "-c", "import signal, time; signal.signal(signal.SIGINT, signal.SIG_IGN); time.sleep(60)"]
        + ["-m", "pulumi.dynamic"],
        cwd=tmp_path,
    )
    try:
        deadline = time.monotonic() + 30
        while not _ignores_sigint(stubborn.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        pulumi = FakePulumi(tmp_path)
        code, out, err = run_recover(pulumi, "--wait", "0.5")
        assert stubborn.poll() is None
    finally:
        stop(stubborn)
    assert code == 3
    assert (
        out == f"waiting for 1 provider process left by a killed pulumi (pid {stubborn.pid}) to finish its requests\n"
    )
    assert (
        err
        == f"flex-flows-recover: provider processes still running after 0.5 s (pids {stubborn.pid}); nothing changed\n"
    )
    assert pulumi.calls == []


def provider_server(cwd):
    process = subprocess.Popen([sys.executable, "-u", "-m", "pulumi.dynamic"], cwd=cwd, stdout=subprocess.PIPE)
    assert process.stdout is not None and process.stdout.readline().strip().isdigit()  # listening
    return process


def stop(*processes):
    for process in processes:
        process.kill()
        process.wait()
        if process.stdout:
            process.stdout.close()


def named_process(tmp_path, name):
    alias = tmp_path / name
    alias.symlink_to("/bin/sleep")
    process = subprocess.Popen([str(alias), "30"])
    return process


def dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


# -- address configurations: the same recovery, matched by their address ---------------------------------------

HOOK = "https://hooks.example.com/conversations"


def address_inputs(address: str, **extra):
    return {
        "__provider": PROVIDER,
        "type": "whatsapp",
        "address": address,
        "friendly_name": "Support",
        "auto_creation": {
            "enabled": True,
            "type": "webhook",
            "webhook_url": HOOK,
            "webhook_method": "post",
            "webhook_filters": ["onMessageAdded", "onParticipantAdded"],
        },
        **extra,
    }


def address_form(address: str, **extra) -> dict[str, str | list[str]]:
    return {
        "Type": "WhatsApp",  # Twilio keeps the case it was sent in; the match ignores it
        "Address": address,
        "FriendlyName": "Support",
        "AutoCreation.Enabled": "true",
        "AutoCreation.Type": "webhook",
        "AutoCreation.WebhookUrl": HOOK,
        "AutoCreation.WebhookMethod": "POST",
        "AutoCreation.WebhookFilters": ["onParticipantAdded", "onMessageAdded"],  # in another order
        **extra,
    }


def address_urn(name: str) -> str:
    return f"urn:pulumi:test::p::{ADDRESS_CONFIGURATION_TYPE}::{name}"


def address_pending(name: str, address: str, **extra):
    resource = {
        "urn": address_urn(name),
        "custom": True,
        "type": ADDRESS_CONFIGURATION_TYPE,
        "inputs": address_inputs(address, **extra),
    }
    return {"resource": resource, "type": "creating"}


def address_known(name: str, sid: str, address: str):
    return {"urn": address_urn(name), "type": ADDRESS_CONFIGURATION_TYPE, "id": sid, "inputs": address_inputs(address)}


def test_the_type_tokens_are_those_the_resources_register():
    from pulumi_twilio_flex import AddressConfiguration, FlexFlow

    assert FLEX_FLOW_TYPE == "pulumi-python:dynamic/twilio-flex:FlexFlow"
    assert ADDRESS_CONFIGURATION_TYPE == "pulumi-python:dynamic/twilio-flex:AddressConfiguration"
    registered = [f"pulumi-python:{cls._resource_type_name}" for cls in (FlexFlow, AddressConfiguration)]
    assert registered == [FLEX_FLOW_TYPE, ADDRESS_CONFIGURATION_TYPE]


def test_a_pending_address_adopts_the_configuration_of_its_address_and_drops_when_there_is_none(emulator):
    api = emulator.addresses()
    made = api.create(address_form("whatsapp:+15550001111"))
    ops = [address_pending("wa", "whatsapp:+15550001111"), address_pending("never", "whatsapp:+15550009999")]
    deployment = {"resources": [], "pending_operations": ops}
    plan = plan_recovery(deployment, api)
    assert {u: r["sid"] for u, r in plan.adopt.items()} == {address_urn("wa"): made["sid"]}
    assert plan.drop == [address_urn("never")] and not (plan.ambiguous or plan.orphans or plan.held)
    assert describe_plan(plan) == [
        f"adopt {made['sid']} for {address_urn('wa')} (created {made['date_created']})",
        f"drop the pending create of {address_urn('never')}: no address configuration was created for it",
    ]

    applied = apply_plan(copy.deepcopy(deployment), plan)
    assert applied["pending_operations"] == []
    [adopted] = applied["resources"]
    assert (adopted["urn"], adopted["id"], adopted["outputs"]["sid"]) == (address_urn("wa"), made["sid"], made["sid"])
    assert adopted["outputs"]["address"] == "whatsapp:+15550001111" and adopted["outputs"]["__provider"] == PROVIDER
    assert adopted["outputs"]["auto_creation"]["webhook_method"] == "POST"
    assert "integration" not in adopted["outputs"]


def test_an_address_is_fetched_by_itself_not_listed(emulator):
    api = emulator.addresses()
    api.create(address_form("whatsapp:+15550001111"))
    mark = len(emulator.journal())
    plan_recovery({"pending_operations": [address_pending("wa", "whatsapp:+15550001111")]}, api)
    assert [(method, path) for method, path, _ in emulator.journal()[mark:]] == [
        ("GET", "/v1/Configuration/Addresses/whatsapp:+15550001111")  # one fetch, by the address
    ]


def test_an_address_held_with_other_values_is_not_adopted_and_its_pending_create_is_dropped(emulator):
    api = emulator.addresses()
    other = api.create(address_form("whatsapp:+15550001111", FriendlyName="Someone else's"))
    deployment = {"resources": [], "pending_operations": [address_pending("wa", "whatsapp:+15550001111")]}
    plan = plan_recovery(deployment, api)
    assert plan.held == {address_urn("wa"): other["sid"]} and not (plan.adopt or plan.drop or plan.ambiguous)
    assert describe_plan(plan) == [
        f"drop the pending create of {address_urn('wa')}: {other['sid']} holds its address with other values than "
        "declared, so it is not adopted (name it in adopt_sid to take it over, or delete it if no stack manages it)"
    ]
    assert apply_plan(copy.deepcopy(deployment), plan) == {"resources": [], "pending_operations": []}


def test_an_address_the_stack_already_knows_is_never_adopted_twice(emulator):
    api = emulator.addresses()
    known = api.create(address_form("whatsapp:+15550001111"))
    deployment = {
        "resources": [address_known("first", known["sid"], "whatsapp:+15550001111")],
        "pending_operations": [address_pending("second", "whatsapp:+15550001111")],  # the same address again
    }
    plan = plan_recovery(deployment, api)
    assert plan.drop == [address_urn("second")] and not (plan.adopt or plan.held or plan.orphans)


def test_identical_pending_addresses_share_out_the_one_configuration(emulator):
    api = emulator.addresses()
    made = api.create(address_form("whatsapp:+15550001111"))["sid"]
    first, second = address_pending("a", "whatsapp:+15550001111"), address_pending("b", "whatsapp:+15550001111")
    plan = plan_recovery({"pending_operations": [first, second]}, api)
    assert {u: r["sid"] for u, r in plan.adopt.items()} == {address_urn("a"): made}
    assert plan.drop == [address_urn("b")] and not plan.ambiguous


def test_one_configuration_is_never_adopted_for_two_pending_creates_that_differ_only_in_order(emulator):
    api = emulator.addresses()
    made = api.create(address_form("whatsapp:+15550001111"))["sid"]
    other = address_pending("b", "whatsapp:+15550001111")
    auto = other["resource"]["inputs"]["auto_creation"]
    auto["webhook_filters"] = auto["webhook_filters"][::-1]  # another form body, the same configuration
    plan = plan_recovery({"pending_operations": [address_pending("a", "whatsapp:+15550001111"), other]}, api)
    assert {u: r["sid"] for u, r in plan.adopt.items()} == {address_urn("a"): made}
    assert plan.drop == [address_urn("b")] and not plan.held


def test_a_failed_fetch_by_address_does_not_repeat_the_address():
    from pulumi_twilio_flex._client import TwilioClient
    from pulumi_twilio_flex._config import ConnectionSettings, Credentials
    from pulumi_twilio_flex._errors import FlexFlowError
    from pulumi_twilio_flex._retry import RetrySettings
    from pulumi_twilio_flex.address_configuration.description import ADDRESS_CONFIGURATION
    from pulumi_twilio_flex.emulator import FlexApiEmulator

    session = requests.Session()
    session.mount(IN_PROCESS, ScriptedFaults(FlexApiEmulator(), ["500"]))
    settings = ConnectionSettings(Credentials("AC" + "4" * 32, "token"), IN_PROCESS)
    client = TwilioClient(ADDRESS_CONFIGURATION, settings, session=session, retry=RetrySettings(max_attempts=1))
    secret = {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "plaintext": '"+15550001111"'}
    pending_address = address_pending("wa", "+15550001111")
    pending_address["resource"]["inputs"]["address"] = secret  # exported with --show-secrets
    with pytest.raises(FlexFlowError) as raised:
        plan_recovery({"pending_operations": [pending_address]}, client)
    assert str(raised.value).startswith("fetch address configuration <the pending create's address>: HTTP 500")
    assert "15550001111" not in str(raised.value)


def test_the_address_a_stale_pending_create_made_is_named_as_an_orphan(emulator):
    api = emulator.addresses()
    first = api.create(address_form("whatsapp:+15550001111"))["sid"]  # made by the killed `up`
    again = api.create(address_form("whatsapp:+15550002222"))["sid"]  # the next `up`, after an edit
    deployment = {
        "resources": [address_known("wa", again, "whatsapp:+15550002222")],
        "pending_operations": [address_pending("wa", "whatsapp:+15550001111")],
    }
    plan = plan_recovery(deployment, api)
    assert plan.stale == [address_urn("wa")] and plan.orphans == {address_urn("wa"): [first]} and not plan.adopt
    assert describe_plan(plan)[-1] == (
        f"orphans repeating {address_urn('wa')}: {first} (not in the stack; delete them if no other stack manages them)"
    )


def test_a_configuration_repeating_a_known_address_out_of_band_is_named_as_an_orphan(emulator):
    api = emulator.addresses()
    gone = api.create(address_form("whatsapp:+15550001111"))["sid"]
    api.delete(gone)  # deleted in the console, then made again there by hand, with the declared values
    again = api.create(address_form("whatsapp:+15550001111"))["sid"]
    deployment = {
        "resources": [address_known("wa", gone, "whatsapp:+15550001111")],
        "pending_operations": [address_pending("other", "whatsapp:+15550003333")],
    }
    plan = plan_recovery(deployment, api)
    assert plan.orphans == {address_urn("wa"): [again]} and plan.drop == [address_urn("other")]


def test_flows_and_addresses_pending_together_are_settled_in_one_rewrite(tmp_path, emulator):
    flow = emulator.api().create(form("made"))["sid"]
    address = emulator.addresses().create(address_form("whatsapp:+15550001111"))["sid"]
    ops = [pending("made"), address_pending("wa", "whatsapp:+15550001111"), address_pending("no", "chat-x")]
    pulumi = FakePulumi(tmp_path, {"resources": [], "pending_operations": ops}, config=emulator.config())
    code, out, err = run_recover(pulumi)
    assert (code, err) == (0, "")
    assert out.splitlines()[-2:] == [
        f"drop the pending create of {address_urn('no')}: no address configuration was created for it",
        "stack updated: 2 adopted, 1 dropped",
    ]
    assert ("stack", "import") in pulumi.calls and pulumi.deployment["pending_operations"] == []
    assert sorted((r["urn"], r["id"]) for r in pulumi.deployment["resources"]) == sorted(
        [(urn("made"), flow), (address_urn("wa"), address)]
    )


def test_a_stack_of_addresses_only_reads_the_conversations_api_alone(tmp_path, emulator):
    config = {**emulator.config(), "twilio:flexApiUrl": "http://127.0.0.1:9/unreachable"}
    pulumi = FakePulumi(tmp_path, {"pending_operations": [address_pending("no", "chat-x")]}, config=config)
    code, out, err = run_recover(pulumi)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"drop the pending create of {address_urn('no')}: no address configuration was created for it",
        "stack updated: 0 adopted, 1 dropped",
    ]
    assert ("refresh", "--clear-pending-creates") in pulumi.calls  # every pending create dropped: the engine's repair


def test_missing_credentials_stop_an_address_recovery_naming_the_setting_and_changing_nothing(tmp_path, emulator):
    config = {**emulator.config(), "twilio:authToken": "", "twilio:conversationsApiUrl": emulator.url}
    pulumi = FakePulumi(tmp_path, {"pending_operations": [address_pending("no", "chat-x")]}, config=config)
    code, out, err = run_recover(pulumi)
    assert code == 1 and out == "" and err.startswith("flex-flows-recover: ")
    assert "twilio:authToken" in err and emulator.token not in err
    assert [c for c in pulumi.calls if c[:1] == ("refresh",) or c == ("stack", "import")] == []


def test_both_console_scripts_run_the_same_entry_point_and_name_themselves(tmp_path, monkeypatch, capsys):
    from importlib.metadata import entry_points

    from pulumi_twilio_flex._recover import main

    scripts = {e.name: e.value for e in entry_points(group="console_scripts") if e.name.endswith("-recover")}
    assert scripts == {
        "twilio-flex-recover": "pulumi_twilio_flex._recover:main",
        "flex-flows-recover": "pulumi_twilio_flex._recover:main",
    }
    for name in scripts:
        monkeypatch.setattr(sys, "argv", [f"/venv/bin/{name}"])
        assert main(["--cwd", str(tmp_path), "--pulumi", "false"]) == 1
        assert capsys.readouterr().err.startswith(f"{name}: `pulumi whoami --json` failed")
