"""Fixtures: an emulator with a controllable clock, reached in process and over a real socket."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
from emulator_support import IN_PROCESS_BASE, Api, FakeClock

from pulumi_twilio_flex.emulator import EmulatorBackend, EmulatorServer, EmulatorTransport, FlexApiEmulator


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def app(clock: FakeClock) -> FlexApiEmulator:
    return FlexApiEmulator(EmulatorBackend(clock=clock))


@pytest.fixture
def in_process(app: FlexApiEmulator) -> Iterator[Api]:
    with requests.Session() as session:
        session.mount(IN_PROCESS_BASE, EmulatorTransport(app))
        yield Api(session, IN_PROCESS_BASE, app)


@pytest.fixture
def served(app: FlexApiEmulator) -> Iterator[Api]:
    with EmulatorServer(app) as server, requests.Session() as session:
        yield Api(session, server.url, app)


@pytest.fixture(params=["transport", "server"])
def api(request: pytest.FixtureRequest) -> Api:
    """The same emulator reached both ways; every test using it runs twice."""
    return request.getfixturevalue("in_process" if request.param == "transport" else "served")
