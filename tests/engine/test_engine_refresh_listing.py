"""`pulumi refresh` on the real engine reads the account in a handful of requests and still sees every change."""

from __future__ import annotations

import math

import pytest
from fault_support import api_at, declared_flows

from pulumi_twilio_flex.emulator import EmulatorServer, FlexApiEmulator

pytestmark = pytest.mark.engine

FLOWS = 20
PAGE_SIZE = 1000


@pytest.fixture
def deployed(project_factory, emulator):
    """FLOWS flows deployed through the engine to an emulator of the test's own, its counters zeroed."""
    app = FlexApiEmulator(strict=True)
    with EmulatorServer(app) as server:
        project = project_factory()
        project.run("config", "set", "twilio:flexApiUrl", server.url)
        project.write_flows(declared_flows(FLOWS))
        outputs = project.up()
        app.stats.clear()
        yield project, outputs, app, api_at(emulator, server.url)


def test_refresh_of_every_flow_is_one_get_and_one_listing(deployed):
    project, outputs, app, _ = deployed
    project.run("refresh", "--yes", "--skip-preview")
    counters = app.counters()
    assert counters["requests_total"] <= 1 + math.ceil(FLOWS / PAGE_SIZE), counters
    assert counters["requests"] == {"fetch": {"200": 1}, "list": {"200": 1}}
    assert {r["id"] for r in project.flow_resources()} == {outputs[f"{name}_sid"] for name in declared_flows(FLOWS)}
    project.run("preview", "--expect-no-changes")


def test_refresh_of_one_target_is_one_get(deployed):
    project, outputs, app, _ = deployed
    [target] = [r["urn"] for r in project.flow_resources() if r["id"] == outputs["flow07_sid"]]
    project.run("refresh", "--yes", "--skip-preview", "--target", target)
    assert app.counters()["requests"] == {"fetch": {"200": 1}}


def test_refresh_still_finds_drift_and_drops_a_flow_deleted_behind_the_stacks_back(deployed):
    project, outputs, app, api = deployed
    drifted, gone = outputs["flow03_sid"], outputs["flow11_sid"]
    api.update(drifted, {"FriendlyName": "Renamed in console"})
    api.delete(gone)
    app.stats.clear()
    project.run("refresh", "--yes", "--skip-preview")
    requests = app.counters()["requests"]
    assert requests["list"] == {"200": 1} and requests["fetch"]["404"] == 1, requests
    assert sum(requests["fetch"].values()) <= 2, requests  # the first read's GET, and the missing flow's
    resources = {r["id"]: r for r in project.flow_resources()}
    assert gone not in resources and len(resources) == FLOWS - 1
    assert resources[drifted]["outputs"]["friendly_name"] == "Renamed in console"
    steps = project.preview_steps()
    assert sorted((s["op"], s["urn"].rsplit("::", 1)[1]) for s in steps) == [("create", "flow11"), ("update", "flow03")]
