"""What a new user trips on, on the real engine: previews of a flow's consumers, one SID adopted twice, `get` of a
flow that is not there, Outputs of typed integration args, errors that read in one line, settings at preview."""

from __future__ import annotations

import pytest
from program_support import program_project

pytestmark = pytest.mark.engine

IS = "IS" + "a" * 32
FW = "FW" + "b" * 32
MISSING = "FO" + "0" * 32
STUDIO = f'chat_service_sid="{IS}", integration=FlexFlowIntegrationArgs(flow_sid="{FW}")'


def names_and_ops(steps):
    return sorted((step["urn"].rsplit("::", 1)[-1], step["op"]) for step in steps)


def console_flow(emulator, name: str = "Made in the console") -> str:
    return emulator.api().create(
        {"FriendlyName": name, "ChatServiceSid": IS, "ChannelType": "web", "Integration.FlowSid": FW}
    )["sid"]


def failed(project, *args: str) -> str:
    done = project.run(*args, check=False)
    assert done.returncode != 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def test_consumers_of_a_flows_sid_preview_unchanged_when_it_updates_in_place(project_factory, tmp_path, emulator):
    project = program_project(
        project_factory,
        tmp_path,
        f"""
        name = pulumi.Config().get("name") or "Alpha"
        a = FlexFlow("a", friendly_name=name, channel_type="web", {STUDIO})
        c = FlexFlow("c", friendly_name=a.sid.apply(lambda s: "after " + s), channel_type="sms", {STUDIO})
        d = FlexFlow("d", friendly_name=a.id.apply(lambda s: "by id " + s), channel_type="sms", {STUDIO})
        pulumi.export("a", a.sid)
        pulumi.export("c", c.friendly_name)
        """,
    )
    first = project.up()
    assert first["c"] == "after " + first["a"]
    project.run("config", "set", "name", "Beta")
    assert names_and_ops(project.preview_steps()) == [("a", "update")]
    shown = project.run("preview", "--diff").stdout
    assert "[unknown]" not in shown and '"Alpha" => "Beta"' in shown
    second = project.up()
    assert second == first  # same SID, so the consumer's value did not move
    assert emulator.api().fetch(first["a"])["friendly_name"] == "Beta"
    project.run("preview", "--expect-no-changes")


@pytest.mark.parametrize("second", ["plain", "output"])
def test_one_sid_adopted_by_two_resources_is_refused_at_preview(second, project_factory, tmp_path, emulator):
    sid = console_flow(emulator)
    adopt = f'"{sid}"' if second == "plain" else f'pulumi.Output.from_input("{sid}")'
    project = program_project(
        project_factory,
        tmp_path,
        f"""
        FlexFlow("first", adopt_sid="{sid}", friendly_name="First", channel_type="web", {STUDIO})
        FlexFlow("second", adopt_sid={adopt}, friendly_name="Second", channel_type="web", {STUDIO})
        """,
    )
    before = len(emulator.journal())
    shown = failed(project, "preview")
    assert f"FlexFlow 'second': adopt_sid {sid} is already adopted by FlexFlow 'first'" in shown
    assert "Traceback" not in shown
    shown = failed(project, "up", "--yes", "--skip-preview")
    assert "is already adopted by FlexFlow 'first'" in shown
    assert [r["id"] for r in project.flow_resources()].count(sid) <= 1
    assert emulator.api().fetch(sid)["friendly_name"] in ("Made in the console", "First")
    assert [entry[0] for entry in emulator.journal()[before:]].count("POST") <= 1  # at most the first's update


@pytest.mark.parametrize(
    ("sid", "says"),
    [
        (MISSING, f"get Flex Flow {MISSING}: HTTP 404"),
        ("FO123", "FlexFlow.get('existing'): the ID 'FO123' is not a Flex Flow SID"),
    ],
)
def test_get_of_a_flow_that_is_not_there_fails_at_preview_naming_it(sid, says, project_factory, tmp_path, emulator):
    project = program_project(
        project_factory,
        tmp_path,
        f"""
        existing = FlexFlow.get("existing", "{sid}")
        pulumi.export("name", existing.friendly_name)
        """,
    )
    shown = failed(project, "preview")
    assert says in shown and "Traceback" not in shown
    if sid == "FO123":
        assert emulator.journal() == []  # a malformed SID is never sent
    assert "name" not in project.run("stack", "output", "--json").stdout
    failed(project, "up", "--yes", "--skip-preview")


def test_an_output_of_typed_integration_args_deploys(project_factory, tmp_path, emulator):
    project = program_project(
        project_factory,
        tmp_path,
        f"""
        hook = Hook("support")
        first = FlexFlow("first", friendly_name="First", channel_type="web", {STUDIO})
        webhook = FlexFlow("webhook", friendly_name="Webhook", chat_service_sid="{IS}", channel_type="sms",
            integration_type="external",
            integration=hook.endpoint.apply(lambda e: FlexFlowIntegrationArgs(url=e + "/flex", retry_count=1)))
        pulumi.export("sid", webhook.sid)
        """,
    )
    outputs = project.up()
    integration = emulator.api().fetch(outputs["sid"])["integration"]
    assert (integration["url"], integration["retry_count"]) == ("https://hooks.example.com/support/flex", 1)
    project.run("preview", "--expect-no-changes")


def test_a_failed_request_reads_as_one_line_with_a_hint(project_factory, tmp_path, emulator):
    project = program_project(
        project_factory,
        tmp_path,
        f"""
        FlexFlow("adopted", adopt_sid="{MISSING}", friendly_name="x", channel_type="web", {STUDIO})
        """,
    )
    shown = failed(project, "up", "--yes", "--skip-preview")
    assert f"adopt Flex Flow {MISSING}: HTTP 404" in shown and "no Flex Flow with this SID" in shown
    assert "Traceback" not in shown

    project.run("config", "set", "twilio:flexApiUrl", "http://127.0.0.1:9")  # nothing listens there
    project.run("config", "set", "twilio:maxAttempts", "2")
    shown = failed(project, "up", "--yes", "--skip-preview")
    assert "could not reach http://127.0.0.1:9: ConnectionError (Connection refused)" in shown
    assert "Traceback" not in shown and "urllib3" not in shown

    project.run("config", "set", "twilio:flexApiUrl", emulator.url)
    project.run("config", "set", "twilio:apiKey", "SK" + "1" * 32)  # a key the emulator does not know: 401
    project.run("config", "set", "--secret", "twilio:apiSecret", "key-secret-never-shown")
    shown = failed(project, "up", "--yes", "--skip-preview")
    assert "HTTP 401" in shown and "pulumi refresh --run-program" in shown
    assert "Traceback" not in shown and "key-secret-never-shown" not in shown


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("twilio:accountSid", "AC123", "twilio:accountSid must be an Account SID"),
        ("twilio:flexApiUrl", "{url}/v1", "drop the trailing /v1"),
        ("twilio:flexApiUrl2", "{url}", "did you mean twilio:flexApiUrl?"),
        ("twilio:edge", "sydney", "twilio:edge cannot be used with twilio:flexApiUrl"),
    ],
)
def test_a_setting_that_would_fail_later_fails_the_preview(key, value, says, project_factory, tmp_path, emulator):
    project = program_project(
        project_factory, tmp_path, f'FlexFlow("a", friendly_name="A", channel_type="web", {STUDIO})\n'
    )
    project.run("config", "set", key, value.format(url=emulator.url))
    shown = failed(project, "preview")
    assert says in shown and "Traceback" not in shown
    assert emulator.journal() == []
