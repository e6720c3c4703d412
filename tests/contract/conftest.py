"""Fixtures for the contract tests: Twilio's OpenAPI file, Prism serving it, and the emulator.

The spec is found through FLEX_OPENAPI_SPEC (default: ../shared/twilio-oai/twilio_flex_v1.json beside the
repository), the Conversations one through CONVERSATIONS_OPENAPI_SPEC (default: twilio_conversations_v1.json beside
it); Prism is installed into FLEX_PRISM_CACHE (default ~/.cache/pulumi-twilio-flex/prism) on first use.
Under CI (CI=true) nothing here may skip: a skip is turned into a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from conversations_oai import AddressesSpec
from conversations_oai import missing_spec_message as missing_conversations_spec_message
from conversations_oai import spec_path as conversations_spec_path
from flex_oai import FlexSpec, missing_spec_message, spec_path
from prism import NodeMissing, PrismServer, PrismUnavailable, RecordingSession, install_prism

from pulumi_twilio_flex._client import FlexFlowsClient
from pulumi_twilio_flex._config import ConnectionSettings, Credentials

ACCOUNT = "AC" + "0123456789abcdef" * 2
TOKEN = "contract-test-token"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[Any]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if in_ci() and report.skipped:
        report.outcome = "failed"
        report.longrepr = f"{item.nodeid}: contract tests may not skip under CI (CI=true); it said: {report.longrepr}"


@pytest.fixture(scope="session")
def spec() -> FlexSpec:
    path = spec_path()
    if not path.is_file():
        pytest.fail(missing_spec_message(path), pytrace=False)
    return FlexSpec(path)


@pytest.fixture(scope="session")
def prism_server(spec: FlexSpec, tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrismServer]:
    problem: PrismUnavailable | None = None
    try:
        node, cli = install_prism()
        server = PrismServer(node, cli, spec.path, tmp_path_factory.mktemp("prism") / "prism.log").start()
    except PrismUnavailable as exc:
        problem = exc
    if problem is not None:  # outside the except block, so the report is the message alone
        if isinstance(problem, NodeMissing) and not in_ci():
            pytest.skip(str(problem))  # a machine without Node.js; never under CI
        pytest.fail(str(problem), pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def addresses_spec() -> AddressesSpec:
    path = conversations_spec_path()
    if not path.is_file():
        pytest.fail(missing_conversations_spec_message(path), pytrace=False)
    return AddressesSpec(path)


@pytest.fixture(scope="session")
def conversations_prism(
    addresses_spec: AddressesSpec, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[PrismServer]:
    """A second Prism, serving twilio_conversations_v1.json (one Prism serves one spec)."""
    server = _started_prism(addresses_spec.path, tmp_path_factory.mktemp("prism-conversations") / "prism.log")
    try:
        yield server
    finally:
        server.stop()


def _started_prism(spec_file: Path, log_path: Path) -> PrismServer:
    """Prism serving `spec_file`, installed first if need be; a machine without Node.js skips (never under CI)."""
    problem: PrismUnavailable | None = None
    try:
        node, cli = install_prism()
        return PrismServer(node, cli, spec_file, log_path).start()
    except PrismUnavailable as exc:
        problem = exc
    # outside the except block, so the report is the message alone
    if isinstance(problem, NodeMissing) and not in_ci():
        pytest.skip(str(problem))
    pytest.fail(str(problem), pytrace=False)


def settings(base_url: str) -> ConnectionSettings:
    return ConnectionSettings(credentials=Credentials(ACCOUNT, TOKEN), base_url=base_url)


@pytest.fixture
def prism_session() -> Iterator[RecordingSession]:
    with RecordingSession() as session:
        yield session


@pytest.fixture
def prism_client(prism_server: PrismServer, prism_session: RecordingSession) -> FlexFlowsClient:
    return FlexFlowsClient(settings(prism_server.url), session=prism_session)


@pytest.fixture
def emulator_url() -> Iterator[str]:
    from pulumi_twilio_flex.emulator import EmulatorServer, FlexApiEmulator

    with EmulatorServer(FlexApiEmulator(strict=True)) as server:
        yield server.url


@pytest.fixture
def emulator_http(emulator_url: str) -> Iterator[requests.Session]:
    """A bare session for the emulator (authenticated), to see status codes and whole bodies."""
    with requests.Session() as session:
        session.auth = (ACCOUNT, TOKEN)
        yield session
