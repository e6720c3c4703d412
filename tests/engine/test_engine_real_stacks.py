"""Real stacks on the real engine: Outputs in typed args, secrets in messages, previews after refresh, settings
at preview, `FlexFlow.get`, and credential rotation."""

from __future__ import annotations

import base64
import json

import pytest
from program_support import program_project

from pulumi_twilio_flex._client import FlexFlowsClient
from pulumi_twilio_flex._config import ConnectionSettings, Credentials
from pulumi_twilio_flex.emulator import EmulatorServer, FlexApiEmulator

pytestmark = pytest.mark.engine

IS = "IS" + "a" * 32
FW = "FW" + "b" * 32
WS, WW = "WS" + "c" * 32, "WW" + "d" * 32


def test_typed_args_take_outputs_and_secrets(project_factory, tmp_path, emulator):
    project = program_project(
        project_factory,
        tmp_path,
        f"""
        hook = Hook("support")
        webhook = FlexFlow("webhook", FlexFlowArgs(
            friendly_name=hook.endpoint.apply(lambda e: "Webhook for " + e),
            chat_service_sid="{IS}", channel_type="sms", integration_type="external",
            integration=FlexFlowIntegrationArgs(url=hook.endpoint.apply(lambda e: e + "/flex"), retry_count=2)))
        studio = FlexFlow("studio", friendly_name="Studio", chat_service_sid="{IS}", channel_type="web",
            integration=FlexFlowIntegrationArgs(flow_sid=pulumi.Output.secret("{FW}"),
                                                retry_count=pulumi.Output.from_input(1)),
            contact_identity=pulumi.Output.secret("+15550001111"))
        pulumi.export("webhook_sid", webhook.sid)
        pulumi.export("studio_sid", studio.sid)
        """,
    )
    outputs = project.up()
    webhook = emulator.api().fetch(outputs["webhook_sid"])
    assert webhook["integration"]["url"] == "https://hooks.example.com/support/flex"
    assert webhook["friendly_name"] == "Webhook for https://hooks.example.com/support"
    studio = emulator.api().fetch(outputs["studio_sid"])
    assert (studio["integration"]["flow_sid"], studio["contact_identity"]) == (FW, "+15550001111")
    project.run("preview", "--expect-no-changes")
    project.run("refresh", "--yes", "--skip-preview")
    project.run("preview", "--expect-no-changes")
    exported = project.run("stack", "export").stdout
    assert FW not in exported and "+15550001111" not in exported  # secrets stay encrypted, after refresh too


def test_a_secret_invalid_value_never_appears_in_the_preview(project_factory, tmp_path, emulator):
    project = program_project(
        project_factory,
        tmp_path,
        f"""
        FlexFlow("webhook", friendly_name="Webhook", chat_service_sid="{IS}", channel_type="sms",
            integration_type="external", contact_identity=pulumi.Output.secret("hunter2\\x00"),
            integration=FlexFlowIntegrationArgs(url=pulumi.Output.secret("ftp://admin:hunter2@host/x"),
                                                retry_count=pulumi.Output.secret(731)))
        """,
    )
    done = project.run("preview", "--diff", check=False)
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert "integration.url" in output and "must be an absolute http(s) URL" in output
    assert "integration.retry_count" in output and "must be an integer between 0 and 3" in output
    assert "contact_identity" in output and "must not contain control characters" in output
    assert "hunter2" not in output and "731" not in output
    assert emulator.journal() == []


FULL = {
    "studio": {
        "friendly_name": "Studio chat",
        "chat_service_sid": IS,
        "channel_type": "web",
        "integration_type": "studio",
        "integration": {"flow_sid": FW, "retry_count": 3, "creation_on_message": False},
        "contact_identity": "+15550001111",
        "enabled": False,
        "long_lived": False,
        "janitor_enabled": False,
    },
    "external": {
        "friendly_name": "SMS webhook",
        "chat_service_sid": IS,
        "channel_type": "sms",
        "integration_type": "external",
        "integration": {"url": "https://hooks.example.com/flex", "retry_count": 1, "creation_on_message": True},
        "contact_identity": "",
        "enabled": True,
        "long_lived": True,
        "janitor_enabled": False,
    },
    "task": {
        "friendly_name": "WhatsApp tasks",
        "chat_service_sid": IS,
        "channel_type": "whatsapp",
        "integration_type": "task",
        "integration": {
            "workspace_sid": WS,
            "workflow_sid": WW,
            "channel": "default",
            "priority": 0,
            "timeout": 86400,
            "creation_on_message": False,
        },
        "enabled": True,
        "long_lived": False,
        "janitor_enabled": True,
    },
}
REQUIRED = {"friendly_name", "chat_service_sid", "channel_type", "integration_type"}
FEW = {
    "studio": {
        "friendly_name": "Studio chat",
        "chat_service_sid": IS,
        "channel_type": "web",
        "integration": {"flow_sid": FW},
    },
    "external": {k: v for k, v in FULL["external"].items() if k in REQUIRED}
    | {"integration": {"url": "https://h.example"}},
    "task": {k: v for k, v in FULL["task"].items() if k in REQUIRED}
    | {"integration": {"workspace_sid": WS, "workflow_sid": WW}},
}


def changed_input_paths(step: dict) -> set[str]:
    """The property paths whose input differs between the stored state and the program: what the CLI shows."""
    old, new = step["oldState"]["inputs"], step["newState"]["inputs"]

    def flat(inputs: dict) -> dict:
        out = {k: v for k, v in inputs.items() if k not in ("__provider", "integration")}
        out.update({f"integration.{k}": v for k, v in (inputs.get("integration") or {}).items()})
        return out

    old, new = flat(old), flat(new)
    return {path for path in old.keys() | new.keys() if old.get(path) != new.get(path)}


def shown_changes(preview: str) -> list[str]:
    """The property lines `preview --diff` marks as changed, spaces folded (resource and container lines left out)."""
    lines = [" ".join(line.split()).replace(" :", ":") for line in preview.splitlines()]
    return sorted(
        line
        for line in lines
        if line[:1] in "~+-" and ": " in line and " pulumi" not in line and not line.endswith("{")
    )


@pytest.mark.parametrize("declared", ["few", "full"])
def test_after_refresh_a_one_field_edit_previews_as_that_field_alone(declared, project_factory, emulator):
    flows = FEW if declared == "few" else FULL
    project = project_factory()
    project.write_flows(flows)
    outputs = project.up()
    project.run("refresh", "--yes", "--skip-preview")
    project.run("preview", "--expect-no-changes")
    edits = {"studio": ("friendly_name", "Studio chat v2"), "external": ("channel_type", "custom")}
    edited = {name: dict(args) for name, args in flows.items()}
    for name, (key, value) in edits.items():
        edited[name][key] = value
    edited["task"]["integration"] = {**flows["task"]["integration"], "priority": 5}
    project.write_flows(edited)
    project.run("refresh", "--yes", "--skip-preview")
    steps = {s["urn"].rsplit("::", 1)[1]: s for s in project.preview_steps()}
    assert {name: s["op"] for name, s in steps.items()} == {"studio": "update", "external": "update", "task": "update"}
    assert changed_input_paths(steps["studio"]) == {"friendly_name"}
    assert changed_input_paths(steps["external"]) == {"channel_type"}
    assert changed_input_paths(steps["task"]) == {"integration.priority"}
    shown = project.run("preview", "--diff", "--refresh").stdout
    priority = "+ priority: 5" if declared == "few" else "~ priority: 0 => 5"
    assert shown_changes(shown) == sorted(
        ['~ friendly_name: "Studio chat" => "Studio chat v2"', '~ channel_type: "sms" => "custom"', priority]
    ), shown
    # Drift made in the console still shows as drift, next to the program's edits.
    emulator.api().update(outputs["studio_sid"], {"JanitorEnabled": "true"})
    project.run("refresh", "--yes", "--skip-preview")
    steps = {s["urn"].rsplit("::", 1)[1]: s for s in project.preview_steps()}
    expected = {"friendly_name", "janitor_enabled"}
    assert changed_input_paths(steps["studio"]) == expected


def test_an_empty_contact_identity_settles_after_one_up(project_factory, emulator):
    project = project_factory()
    project.write_flows({"studio": {**FEW["studio"], "contact_identity": ""}})
    outputs = project.up()
    assert emulator.api().fetch(outputs["studio_sid"])["contact_identity"] is None
    assert project.preview_steps() == []
    project.run("refresh", "--yes", "--skip-preview")
    assert project.preview_steps() == []
    project.run("up", "--yes", "--skip-preview", "--expect-no-changes")


@pytest.mark.parametrize(
    "key, value, env_name",
    [
        ("twilio:flexApiUrl", "127.0.0.1:8718", "TWILIO_FLEX_API_URL"),
        ("twilio:region", "ie1", "TWILIO_EDGE"),
        ("twilio:authToken", None, "TWILIO_AUTH_TOKEN"),
    ],
)
def test_a_bad_setting_fails_preview_naming_the_key(key, value, env_name, project_factory, emulator):
    project = project_factory()
    project.write_flows({"studio": FEW["studio"]})
    if key == "twilio:region":
        project.run("config", "rm", "twilio:flexApiUrl")  # an explicit URL wins over region and edge
    if value is None:
        project.run("config", "rm", key)
    else:
        project.run("config", "set", key, value)
    done = project.run("preview", check=False)
    output = done.stdout + done.stderr
    assert done.returncode != 0
    named = "twilio:edge" if key == "twilio:region" else key
    assert named in output and env_name in output and "pulumi config set" in output, output
    assert emulator.journal() == []


def test_get_reads_an_existing_flow_without_managing_it(project_factory, tmp_path, emulator):
    existing = emulator.api().create(
        {"FriendlyName": "Made in console", "ChatServiceSid": IS, "ChannelType": "web", "Integration.FlowSid": FW}
    )
    project = program_project(
        project_factory,
        tmp_path,
        f"""
        found = FlexFlow.get("existing", "{existing["sid"]}")
        pulumi.export("name", found.friendly_name)
        pulumi.export("flow_sid", found.integration.apply(lambda i: i["flow_sid"]))
        """,
    )
    outputs = project.up()
    assert outputs == {"name": "Made in console", "flow_sid": FW}
    project.run("destroy", "--yes", "--skip-preview")
    assert [f["sid"] for f in emulator.api().list()] == [existing["sid"]]  # read, never deleted


class RecordingEmulator(FlexApiEmulator):
    """The emulator, noting the Basic-auth password of every request (in memory, for this test only)."""

    def __init__(self) -> None:
        super().__init__(strict=True)
        self.tokens: list[str] = []

    def respond(self, method, url, headers, body):
        authorization = {k.lower(): v for k, v in headers.items()}.get("authorization", "")
        if authorization.startswith("Basic "):
            self.tokens.append(base64.b64decode(authorization[6:]).decode().partition(":")[2])
        return super().respond(method, url, headers, body)


def test_rotating_the_token_with_run_program_sends_only_the_new_one(project_factory, emulator):
    recorder = RecordingEmulator()
    with EmulatorServer(recorder) as server:
        project = project_factory()
        project.run("config", "set", "twilio:flexApiUrl", server.url)
        project.run("config", "set", "--secret", "twilio:authToken", "old-token-1111")
        project.write_flows({"studio": FEW["studio"], "external": FEW["external"]})
        project.up()
        assert set(recorder.tokens) == {"old-token-1111"}

        project.run("config", "set", "--secret", "twilio:authToken", "new-token-2222")
        recorder.tokens.clear()
        project.run("refresh", "--yes", "--skip-preview")  # the engine's recorded provider config: the old token
        assert set(recorder.tokens) == {"old-token-1111"}

        recorder.tokens.clear()
        project.run("refresh", "--yes", "--skip-preview", "--run-program")
        project.run("destroy", "--yes", "--skip-preview", "--run-program")
        assert len(recorder.tokens) >= 4  # two reads, two deletes
        assert set(recorder.tokens) == {"new-token-2222"}
        account = ConnectionSettings(Credentials(emulator.config()["twilio:accountSid"], "new-token-2222"), server.url)
        assert list(FlexFlowsClient(account).list()) == []
    state = json.dumps(json.loads(project.run("stack", "export").stdout))
    assert "new-token-2222" not in state and "old-token-1111" not in state
