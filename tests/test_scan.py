"""`python -m pulumi_twilio_flex scan`: an account's flows as declarations that adopt them."""

from __future__ import annotations

import ast
import io
import json

import pytest
import yaml
from console_flows import FW, IS, WS, WW, make_console_flows

from pulumi_twilio_flex.__main__ import main
from pulumi_twilio_flex._catalog import load_catalog
from pulumi_twilio_flex._scan import resource_names, slug


@pytest.fixture
def account(emulator, monkeypatch):
    """Three console-made flows, and the credentials in the environment as a user would export them."""
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", emulator.config()["twilio:accountSid"])
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", emulator.token)
    return make_console_flows(emulator.api())


def scan(emulator, capsys, *args):
    code = main(["scan", "--flex-api-url", emulator.url, *args])
    out, err = capsys.readouterr()
    assert emulator.token not in out + err
    assert emulator.config()["twilio:accountSid"] not in out + err
    return code, out, err


def test_yaml_keeps_only_what_differs_from_defaults_with_adopt_sid(emulator, capsys, account):
    code, out, err = scan(emulator, capsys)
    assert code == 0 and err.strip() == f"3 flow(s) scanned from {emulator.url}"
    assert out.startswith("# yaml-language-server: $schema=flows.schema.json\n")
    assert yaml.safe_load(out) == {
        "default_webchat": {"adopt_sid": account[0]["sid"], "friendly_name": "Default Webchat",
                            "chat_service_sid": IS, "channel_type": "web", "enabled": True,
                            "integration": {"flow_sid": FW}},
        "sms_hook": {"adopt_sid": account[1]["sid"], "friendly_name": "SMS hook", "chat_service_sid": IS,
                     "channel_type": "sms", "enabled": False, "integration_type": "external",
                     "janitor_enabled": True,
                     "integration": {"url": "https://hooks.example.com/flex", "retry_count": 1}},
        "whatsapp_tasks": {"adopt_sid": account[2]["sid"], "friendly_name": "WhatsApp tasks", "chat_service_sid": IS,
                           "channel_type": "whatsapp", "enabled": False, "integration_type": "task",
                           "long_lived": True, "integration": {"workspace_sid": WS, "workflow_sid": WW, "priority": 5}},
    }  # fmt: skip


def test_yaml_output_is_a_valid_catalog(emulator, capsys, account, tmp_path):
    _, out, _ = scan(emulator, capsys)
    (tmp_path / "flows.yaml").write_text(out)
    entries = load_catalog(tmp_path / "flows.yaml")
    assert sorted(e["adopt_sid"] for e in entries.values()) == sorted(f["sid"] for f in account)


def test_python_output_declares_each_flow_with_its_sid(emulator, capsys, account):
    code, out, _ = scan(emulator, capsys, "--format", "python")
    assert code == 0
    tree = ast.parse(out)
    calls = [n.value for n in tree.body if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call)]
    assert [c.func.id for c in calls] == ["FlexFlow"] * 3
    declared = {c.args[0].value: {k.arg: k.value for k in c.keywords} for c in calls}
    assert {n: ast.literal_eval(kw["adopt_sid"]) for n, kw in declared.items()} == {
        "default_webchat": account[0]["sid"],
        "sms_hook": account[1]["sid"],
        "whatsapp_tasks": account[2]["sid"],
    }
    integration = declared["whatsapp_tasks"]["integration"]
    assert integration.func.id == "FlexFlowIntegrationArgs"
    assert {k.arg: ast.literal_eval(k.value) for k in integration.keywords} == {
        "workspace_sid": WS,
        "workflow_sid": WW,
        "priority": 5,
    }
    assert "retry_count" not in ast.unparse(declared["default_webchat"]["integration"])  # Twilio's default 3


def test_friendly_name_filter(emulator, capsys, account):
    _, out, _ = scan(emulator, capsys, "--friendly-name", "SMS hook")
    assert list(yaml.safe_load(out)) == ["sms_hook"]


def test_stack_export_limits_the_output_to_orphans(emulator, capsys, account, tmp_path):
    export = {"version": 3, "deployment": {"resources": [
        {"urn": "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev", "type": "pulumi:pulumi:Stack"},
        {"urn": "urn:pulumi:dev::p::pulumi-python:dynamic/twilio-flex:FlexFlow::sms_hook",
         "type": "pulumi-python:dynamic/twilio-flex:FlexFlow", "id": account[1]["sid"]},
        {"urn": "urn:pulumi:dev::p::pulumi-python:dynamic/twilio-flex:FlexFlow::default_webchat",
         "type": "pulumi-python:dynamic/twilio-flex:FlexFlow", "id": account[0]["sid"]},
    ]}}  # fmt: skip
    (tmp_path / "stack.json").write_text(json.dumps(export))
    _, out, err = scan(emulator, capsys, "--stack-export", str(tmp_path / "stack.json"))
    assert list(yaml.safe_load(out)) == ["whatsapp_tasks"]
    assert err.startswith("1 flow(s)")


def test_stack_export_from_stdin(emulator, capsys, account, monkeypatch):
    export = {"deployment": {"resources": [{"urn": "u::sms_hook", "type": "x:FlexFlow", "id": account[1]["sid"]}]}}
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(export)))
    _, out, _ = scan(emulator, capsys, "--stack-export", "-")
    assert sorted(yaml.safe_load(out)) == ["default_webchat", "whatsapp_tasks"]


def test_an_orphan_never_takes_a_name_the_stack_already_uses(emulator, capsys, account, tmp_path):
    export = {"deployment": {"resources": [
        {"urn": "urn:pulumi:dev::p::pulumi-python:dynamic/twilio-flex:FlexFlow::whatsapp_tasks",
         "type": "pulumi-python:dynamic/twilio-flex:FlexFlow", "id": "FO" + "0" * 32},
    ]}}  # fmt: skip
    (tmp_path / "stack.json").write_text(json.dumps(export))
    _, out, _ = scan(emulator, capsys, "--stack-export", str(tmp_path / "stack.json"))
    assert sorted(yaml.safe_load(out)) == ["default_webchat", "sms_hook", f"whatsapp_tasks_{account[2]['sid'][-6:]}"]


def test_a_file_that_is_no_stack_export_is_refused(emulator, capsys, account, tmp_path):
    (tmp_path / "stack.json").write_text("[1, 2]")
    code, out, err = scan(emulator, capsys, "--stack-export", str(tmp_path / "stack.json"))
    assert code == 1 and out == ""
    assert "stack.json: not the output of `pulumi stack export`" in err


def test_missing_credentials_fail_without_output(emulator, capsys):
    code, out, err = scan(emulator, capsys)
    assert code == 1 and out == ""
    assert err.startswith("pulumi_twilio_flex scan: Twilio credentials are missing")


def test_an_api_error_is_reported_without_the_token(emulator, capsys, account, monkeypatch):
    monkeypatch.setenv("TWILIO_API_KEY", "SK" + "0" * 32)  # well formed, but no key the emulator knows
    monkeypatch.setenv("TWILIO_API_SECRET", "unknown-key-secret")
    code, out, err = scan(emulator, capsys)
    assert code == 1 and out == "" and "HTTP 401" in err
    assert "unknown-key-secret" not in err


def test_a_malformed_account_sid_is_refused_before_any_request(emulator, capsys, account, monkeypatch):
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", "not-an-account")
    code, out, err = scan(emulator, capsys)
    assert code == 1 and out == ""
    assert "twilio:accountSid must be an Account SID, AC followed by 32 hex digits" in err
    assert "not-an-account" not in err


def test_names_are_unique_and_stable_when_friendly_names_collide():
    sids = ["FO" + c * 32 for c in "abc"]
    flows = [{"sid": sids[0], "friendly_name": "Chat"}, {"sid": sids[1], "friendly_name": "chat!"},
             {"sid": sids[2], "friendly_name": "Other"}]  # fmt: skip
    names = resource_names(flows)
    assert names == {sids[0]: "chat_aaaaaa", sids[1]: "chat_bbbbbb", sids[2]: "other"}
    assert resource_names(reversed(flows)) == names


@pytest.mark.parametrize(
    ("friendly_name", "name"),
    [("Default Webchat", "default_webchat"), ("  SMS -> Studio (v2) ", "sms_studio_v2"), ("2nd line", "flow_2nd_line"),
     ("class", "flow_class"), ("", "flow"), (None, "flow"), ("Café", "caf")],
)  # fmt: skip
def test_slug_is_a_python_identifier(friendly_name, name):
    assert slug(friendly_name) == name
    assert name.isidentifier()


def test_python_output_keeps_any_friendly_name_exactly():
    from pulumi_twilio_flex._scan import render_python

    name = 'Chat "VIP"\n\u00e9\\'
    source = render_python({"chat_vip": {"adopt_sid": "FO" + "a" * 32, "friendly_name": name}}, "https://x")
    [call] = [n.value for n in ast.parse(source).body if isinstance(n, ast.Assign)]
    assert ast.literal_eval(call.keywords[1].value) == name
    assert "'" not in source.split("FlexFlow(", 1)[1]  # double quotes, as formatters write them
