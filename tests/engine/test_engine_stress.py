"""`pulumi up` through rate limits, transient errors and lost answers makes each declared flow exactly once."""

from __future__ import annotations

import pytest
from fault_support import api_at, declared_flows, figures

from pulumi_twilio_flex.emulator import EmulatorServer, FaultSettings, FlexApiEmulator

pytestmark = pytest.mark.engine

FLOWS = 30


def test_up_of_thirty_flows_through_faults_makes_each_once(project_factory, emulator, capsys):
    faults = FaultSettings(fault_rate=0.2, fault_codes=("429", "503"), lost_response_rate=0.1, seed=13)
    app = FlexApiEmulator(faults=faults)
    with EmulatorServer(app) as server:
        project = project_factory()
        project.run("config", "set", "twilio:flexApiUrl", server.url)
        project.run("config", "set", "twilio:maxAttempts", "10")  # 30% of attempts fail: keep giving up rare
        project.write_flows(declared_flows(FLOWS))
        outputs = project.up()
        counters = app.counters()
        app.fault_settings = FaultSettings()
        account = list(api_at(emulator, server.url).list())

    names = [flow["friendly_name"] for flow in account]
    stack_sids = {resource["id"] for resource in project.flow_resources()}
    with capsys.disabled():  # the figures belong in every run's output, not only a failing one's
        print(f"\n{FLOWS} flows through faults: {figures(counters)}")
        print(
            f"emulator: {len(account)} flows, {len(set(names))} distinct names; stack: {len(stack_sids)} SIDs, "
            f"equal to the emulator's: {stack_sids == {flow['sid'] for flow in account}}"
        )
    assert len(account) == FLOWS and len(set(names)) == FLOWS
    assert stack_sids == {flow["sid"] for flow in account}
    assert {outputs[f"{name}_sid"] for name in declared_flows(FLOWS)} == stack_sids
    injected = counters["faults_injected"]
    assert injected["429"] and injected["503"] and injected["lost_response"], counters
    assert counters["requests"].get("list"), "no create had an unknown outcome: nothing was reconciled"
    # One pooled session for the provider's 4 worker threads; only a lost answer costs a new connection.
    assert counters["connections_opened"] <= 4 + injected["lost_response"], counters
