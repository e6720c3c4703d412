"""`pulumi up` of thirty address configurations through rate limits, transient errors and lost answers makes
each one exactly once: a lost create is found by its type-filtered listing before a retry could collide."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fault_support import addresses_at, figures
from program_support import program_project

from pulumi_twilio_flex.emulator import EmulatorServer, FaultSettings, FlexApiEmulator

pytestmark = pytest.mark.engine

ADDRESSES = 30
ROUNDS = 3
IS, FW = "IS" + "a" * 32, "FW" + "b" * 32
PROGRAM = """
import json
from pathlib import Path

from pulumi_twilio_flex import AddressConfiguration

for name, args in json.loads((Path.cwd() / "addresses.json").read_text()).items():
    pulumi.export(f"{name}_sid", AddressConfiguration(name, **args).sid)
"""


def declared_addresses(count: int) -> dict[str, dict[str, Any]]:
    """`count` distinct addresses, cycling through SMS with Studio, WhatsApp with a webhook, Messenger with no
    auto-creation, and chat with the default."""
    shapes = [
        lambda n: {
            "type": "sms",
            "address": f"+1555400{n:04d}",
            "address_country": "US",
            "auto_creation": {"enabled": True, "type": "studio", "studio_flow_sid": FW, "studio_retry_count": n % 3},
        },
        lambda n: {
            "type": "whatsapp",
            "address": f"whatsapp:+1555500{n:04d}",
            "friendly_name": f"WhatsApp {n:02d}",
            "auto_creation": {
                "enabled": True,
                "type": "webhook",
                "conversation_service_sid": IS,
                "webhook_url": f"https://hooks.example.com/conversations/{n}",
                "webhook_method": "POST",
                "webhook_filters": ["onMessageAdded", "onParticipantAdded"][: 1 + n % 2],
            },
        },
        lambda n: {"type": "messenger", "address": f"messenger:20{n:04d}", "friendly_name": f"Page {n:02d}"},
        lambda n: {"type": "chat", "address": f"support-chat-{n:02d}", "auto_creation": {"type": "default"}},
    ]
    return {f"address{n:02d}": shapes[n % len(shapes)](n) for n in range(count)}


def test_up_of_thirty_addresses_through_faults_makes_each_once(project_factory, tmp_path, emulator, capsys):
    """Exactly once in every round; a round whose draws lost no create's answer or injected no 429 or no 503
    (the threads' interleaving decides which request draws what) is run again, on a fresh stack, up to 3 times."""
    for round_ in range(ROUNDS):
        counters = deploy_through_faults(project_factory, tmp_path, emulator, capsys, round_)
        if exercised(counters):
            return
    raise AssertionError(f"{ROUNDS} rounds and no create's answer was lost or a fault kind was never injected")


def deploy_through_faults(project_factory, tmp_path, emulator, capsys, round_: int) -> dict[str, Any]:
    """`pulumi up` of the declared addresses against an emulator with faults; asserts each was made once."""
    faults = FaultSettings(fault_rate=0.2, fault_codes=("429", "503"), lost_response_rate=0.1, seed=13 + round_)
    app = FlexApiEmulator(faults=faults, strict=True)
    declared = declared_addresses(ADDRESSES)
    with EmulatorServer(app) as server:
        project = program_project(project_factory, tmp_path, PROGRAM, name=f"addresses{round_}")
        project.run("config", "set", "twilio:conversationsApiUrl", server.url)
        project.run("config", "set", "twilio:maxAttempts", "10")  # 30% of attempts fail: keep giving up rare
        (project.root / "addresses.json").write_text(json.dumps(declared, indent=2))
        outputs = project.up()
        counters = app.counters()
        app.fault_settings = FaultSettings()
        account = list(addresses_at(emulator, server.url).list())
        project.run("preview", "--expect-no-changes")  # the adopted ones were recorded as declared

    exported = json.loads(project.run("stack", "export").stdout)["deployment"].get("resources", [])
    stack_sids = {r["id"] for r in exported if r["type"].endswith(":AddressConfiguration")}
    account_sids = {a["sid"] for a in account}
    listed = [a["address"] for a in account]
    with capsys.disabled():  # the figures belong in every run's output, not only a failing one's
        print(f"\n{ADDRESSES} addresses through faults (round {round_ + 1}): {figures(counters)}")
        print(
            f"emulator: {len(account)} address configurations, {len(set(listed))} distinct addresses; "
            f"stack: {len(stack_sids)} SIDs, equal to the emulator's: {stack_sids == account_sids}"
        )
    report = figures(counters)
    assert len(account) == ADDRESSES and sorted(listed) == sorted(a["address"] for a in declared.values()), report
    assert stack_sids == account_sids, report
    assert {outputs[f"{name}_sid"] for name in declared} == stack_sids
    assert {a["type"] for a in account} == {"sms", "whatsapp", "messenger", "chat"}
    assert not counters["requests"]["address_configuration.create"].get("409"), f"a create collided; {report}"
    # One pooled session for the provider's 4 worker threads; only a lost answer costs a new connection.
    assert counters["connections_opened"] <= 4 + counters["faults_injected"]["lost_response"], report
    return counters


def exercised(counters: dict[str, Any]) -> bool:
    """True when the run lost a create's answer (so a listing reconciled it) and injected 429s and 503s."""
    requests, injected = counters["requests"], counters["faults_injected"]
    lost_creates = requests["address_configuration.create"].get("lost", 0)
    return bool(lost_creates and requests.get("address_configuration.list") and injected["429"] and injected["503"])
