"""The emulator driven by Twilio's Node SDK, a pooling client, with keep-alive off and on.

With ``keepAlive: false`` the SDK sends ``Connection: close`` and still pools its sockets: had the emulator
closed without saying so in its answer, every second request would go out on a dead socket (``socket hang up``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from emulator_support import ACCOUNT, TOKEN
from node_twilio import NodeMissing, NodeTwilioUnavailable, install_node_twilio, run_node_flows

from pulumi_twilio_flex.emulator import EmulatorServer

STEPS = ["list", "list", "create", "list"]


@pytest.fixture(scope="module")
def node_twilio() -> tuple[str, Path]:
    problem: NodeTwilioUnavailable | None = None
    try:
        return install_node_twilio()
    except NodeTwilioUnavailable as exc:
        problem = exc
    in_ci = os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")
    if isinstance(problem, NodeMissing) and not in_ci:
        pytest.skip(f"Twilio's Node SDK cannot run here: {problem}")  # a machine without Node.js; never under CI
    pytest.fail(str(problem), pytrace=False)


@pytest.fixture
def server() -> Iterator[EmulatorServer]:
    with EmulatorServer() as server:
        yield server


def test_keep_alive_off_lists_twice_and_creates(node_twilio: tuple[str, Path], server: EmulatorServer) -> None:
    results = run_node_flows(*node_twilio, server.url, ACCOUNT, TOKEN, STEPS, keep_alive=False)
    assert [result.get("error") for result in results] == [None] * 4, results
    assert [result.get("count") for result in results] == [0, 0, None, 1]
    assert results[2]["sid"].startswith("FO")
    counters = server.app.counters()
    assert counters["requests_total"] == 4
    assert counters["connections_opened"] == 4  # each request on its own connection, closed by the emulator


def test_keep_alive_on_reuses_one_connection(node_twilio: tuple[str, Path], server: EmulatorServer) -> None:
    results = run_node_flows(*node_twilio, server.url, ACCOUNT, TOKEN, STEPS, keep_alive=True)
    assert [result.get("error") for result in results] == [None] * 4, results
    assert [result.get("count") for result in results] == [0, 0, None, 1]
    assert server.app.counters()["connections_opened"] == 1
