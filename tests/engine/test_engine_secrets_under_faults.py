"""With faults on and the most verbose logs, the auth token and the API secret show up nowhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fault_support import api_at, declared_flows, figures

from pulumi_twilio_flex.emulator import EmulatorServer, FaultSettings, FlexApiEmulator

pytestmark = pytest.mark.engine

API_KEY = "SK" + "5" * 32
API_SECRET = "apisecret-" + "7e57" * 6  # recognisable, so it can be searched for
VERBOSE = ("-v=11", "--logflow")
# PULUMI_DEBUG_GRPC records the engine handing the stack's config, decrypted, to the program and the provider:
# those messages are Pulumi's own; no message of the provider's operations may hold a secret.
ENGINE_CONFIG_MESSAGES = {
    "/pulumirpc.LanguageRuntime/Run",
    "/pulumirpc.ResourceMonitor/GetDeploymentInfo",
    "/pulumirpc.ResourceProvider/CheckConfig",
    "/pulumirpc.ResourceProvider/DiffConfig",
    "/pulumirpc.ResourceProvider/Configure",
}


def files_under(*roots: Path) -> list[Path]:
    return [path for root in roots for path in root.rglob("*") if path.is_file()]


def test_no_secret_in_logs_errors_emulator_log_or_state_with_faults_on(project_factory, emulator, tmp_path, capfd):
    faults = FaultSettings(fault_rate=0.3, fault_codes=("429", "429-", "500", "503"), lost_response_rate=0.1, seed=11)
    app = FlexApiEmulator(faults=faults)
    app.add_api_key(API_KEY, emulator.config()["twilio:accountSid"])
    logs = tmp_path / "logs"
    logs.mkdir()
    with EmulatorServer(app, verbose=True) as server:
        project = project_factory()
        project.env.update(TMPDIR=str(logs), PULUMI_DEBUG_GRPC=str(logs / "grpc.json"))
        project.run("config", "set", "twilio:flexApiUrl", server.url)
        project.run("config", "set", "twilio:apiKey", API_KEY)
        project.run("config", "set", "--secret", "twilio:apiSecret", API_SECRET)
        project.run("config", "set", "twilio:maxAttempts", "10")
        flows = declared_flows(6)
        project.write_flows(flows)
        project.run("up", "--yes", "--skip-preview", "--logtostderr", *VERBOSE)
        project.run("refresh", "--yes", "--skip-preview", *VERBOSE)  # glog writes its files under TMPDIR
        app.fault_settings = FaultSettings(fault_rate=1.0, fault_codes=("503",))
        project.run("config", "set", "twilio:maxAttempts", "2")
        project.write_flows({**flows, "flow00": {**flows["flow00"], "friendly_name": "renamed"}})
        failed = project.run("up", "--yes", "--skip-preview", "--logtostderr", *VERBOSE, check=False)
        counters = app.counters()
        app.fault_settings = FaultSettings()
        assert len(list(api_at(emulator, server.url).list())) == 6
    print(f"\nsecrets under faults: {figures(counters)}")

    output = failed.stdout + failed.stderr
    assert failed.returncode != 0
    assert "HTTP 503, Twilio error 20503" in output and "(gave up after 2 attempts)" in output
    emulator_log = capfd.readouterr().err
    assert "POST /v1/FlexFlows" in emulator_log  # the emulator did log every request
    assert sum(counters["faults_injected"].values()) > 0

    written = files_under(logs, project.state_dir, project.root, Path(project.env["PULUMI_HOME"]))
    assert any(path.name == "grpc.json" for path in written) and any("pulumi" in path.name for path in written)
    for secret in (API_SECRET, emulator.token):
        assert all(secret not in text for text in project.transcript), "a CLI output holds a secret"
        assert secret not in emulator_log
        for path in written:
            if path.name == "grpc.json":
                methods = {json.loads(line)["method"] for line in path.read_text().splitlines() if secret in line}
                assert methods <= ENGINE_CONFIG_MESSAGES, methods
                continue
            assert secret.encode() not in path.read_bytes(), path
