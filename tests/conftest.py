"""Shared fixtures: one emulator on a loopback port for the session, reset before every test."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pulumi
import pytest
from pulumi.dynamic import ConfigureRequest
from pulumi.dynamic.config import Config

from pulumi_twilio_flex._client import FlexFlowsClient, TwilioClient
from pulumi_twilio_flex._config import ConnectionSettings, Credentials
from pulumi_twilio_flex._provider import FlexFlowProvider
from pulumi_twilio_flex.address_configuration.description import ADDRESS_CONFIGURATION
from pulumi_twilio_flex.emulator import EmulatorBackend, EmulatorServer, FlexApiEmulator

ACCOUNT_SID = "AC" + "0123456789abcdef" * 2
AUTH_TOKEN = "tok-" + "5ecret" * 4  # recognisable, so leak tests can search for it


@dataclass
class EmulatorHandle:
    """A running emulator plus ways to reach it as the provider and behind the provider's back."""

    server: EmulatorServer
    backend: EmulatorBackend

    token: str = AUTH_TOKEN

    @property
    def url(self) -> str:
        return self.server.url

    def config(self) -> dict[str, Any]:
        return {
            "twilio:accountSid": ACCOUNT_SID,
            "twilio:authToken": AUTH_TOKEN,
            "twilio:flexApiUrl": self.url,
            "twilio:conversationsApiUrl": self.url,  # one emulator serves both APIs
        }

    def provider(self) -> FlexFlowProvider:
        provider = FlexFlowProvider()
        provider.configure(ConfigureRequest(Config(self.config(), "test")))
        return provider

    def api(self) -> FlexFlowsClient:
        """A client for out-of-band changes, as a person in Twilio's console would make them."""
        return FlexFlowsClient(ConnectionSettings(Credentials(ACCOUNT_SID, AUTH_TOKEN), self.url))

    def addresses(self) -> TwilioClient:
        """A client of the address configurations, for out-of-band changes and checks."""
        settings = ConnectionSettings(Credentials(ACCOUNT_SID, AUTH_TOKEN), self.url)
        return TwilioClient(ADDRESS_CONFIGURATION, settings)

    def journal(self) -> list[Any]:
        return list(self.backend.journal)


@pytest.fixture(scope="session")
def _emulator_server() -> Iterator[tuple[EmulatorServer, EmulatorBackend]]:
    backend = EmulatorBackend()
    with EmulatorServer(FlexApiEmulator(backend, strict=True)) as server:
        yield server, backend


@pytest.fixture
def emulator(_emulator_server) -> EmulatorHandle:
    server, backend = _emulator_server
    backend.reset()
    return EmulatorHandle(server, backend)


class RecordingMocks(pulumi.runtime.Mocks):
    """Pulumi's unit-test mocks, keeping every resource the program registers; flows get a fixed SID."""

    def __init__(self) -> None:
        self.registered: list[Any] = []

    def new_resource(self, args: Any) -> tuple[str, dict[str, Any]]:
        self.registered.append(args)
        return "FO" + "0" * 32, dict(args.inputs, sid="FO" + "0" * 32)

    def call(self, args: Any) -> dict[str, Any]:
        return {}


@pytest.fixture
def mocks() -> RecordingMocks:
    """Run the test's Pulumi program against RecordingMocks instead of an engine."""
    mocks = RecordingMocks()
    pulumi.runtime.set_mocks(mocks, preview=False)
    return mocks


@pytest.fixture(autouse=True)
def _no_twilio_environment(monkeypatch):
    """Tests never pick up a developer's real Twilio credentials from the environment."""
    for name in (
        "TWILIO_ACCOUNT_SID",
        "TWILIO_AUTH_TOKEN",
        "TWILIO_API_KEY",
        "TWILIO_API_SECRET",
        "TWILIO_REGION",
        "TWILIO_EDGE",
        "TWILIO_FLEX_API_URL",
    ):
        monkeypatch.delenv(name, raising=False)
