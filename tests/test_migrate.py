"""`python -m pulumi_twilio_flex migrate`: Flex Flows mapped to Conversations address configurations, the flows
that cannot migrate named with their reason, secrets never printed, and the YAML catalogs equal to the program."""

from __future__ import annotations

import ast
import json
from typing import Any

import pulumi
import pytest
import yaml

from pulumi_twilio_flex import _declared_resource
from pulumi_twilio_flex.__main__ import main
from pulumi_twilio_flex._catalog import CatalogError, addresses_from_yaml, flows_from_yaml, load_catalog
from pulumi_twilio_flex._migrate import SECRET_SIGNATURE, FlowRecord, MigrateError, plan
from pulumi_twilio_flex._wire import create_params
from pulumi_twilio_flex.address_configuration.description import ADDRESS_CONFIGURATION
from pulumi_twilio_flex.flex_flow.description import FLEX_FLOW

IS, SERVICE, FW = "IS" + "a" * 32, "IS" + "e" * 32, "FW" + "b" * 32
WS, WW = "WS" + "c" * 32, "WW" + "d" * 32
FLOW_TYPE = "pulumi-python:dynamic/twilio-flex:FlexFlow"
STUDIO = {"integration_type": "studio", "integration": {"flow_sid": FW, "retry_count": 2}}
# One flow of each case: (friendly name, declaration). The first four migrate.
CASES: list[tuple[str, dict[str, Any]]] = [
    ("SMS studio", {"channel_type": "sms", "contact_identity": "+15550100001", "enabled": True, **STUDIO}),
    ("WhatsApp hook", {"channel_type": "whatsapp", "contact_identity": "whatsapp:+15550100002",
                       "integration_type": "external", "integration": {"url": "https://hooks.example.com/f"}}),
    ("WhatsApp bare", {"channel_type": "whatsapp", "contact_identity": "+15550100004", **STUDIO}),
    ("Messenger", {"channel_type": "facebook", "contact_identity": "messenger:1234567890", **STUDIO}),
    ("Web task", {"channel_type": "web", "integration_type": "task",
                  "integration": {"workspace_sid": WS, "workflow_sid": WW}}),
    ("SMS task", {"channel_type": "sms", "contact_identity": "+15550100005", "integration_type": "task",
                  "integration": {"workspace_sid": WS, "workflow_sid": WW}}),
    ("Long lived", {"channel_type": "sms", "contact_identity": "+15550100006", "long_lived": True, **STUDIO}),
    ("Janitor", {"channel_type": "sms", "contact_identity": "+15550100007", "janitor_enabled": True, **STUDIO}),
    ("Line", {"channel_type": "line", "contact_identity": "line-1", **STUDIO}),
    ("Custom", {"channel_type": "custom", "contact_identity": "custom-1", **STUDIO}),
    ("No identity", {"channel_type": "sms", **STUDIO}),
]  # fmt: skip
REASONS = {
    "web_task": ["channel_type web: Twilio's migration guide", "integration_type task: Flex Conversations has no"],
    "sms_task": ["integration_type task: Flex Conversations has no task integration; use Studio, or a webhook"],
    "long_lived": ["long_lived: Flex Conversations does not support long-lived channels"],
    "janitor": ["janitor_enabled: Conversations addresses have no janitor"],
    "line": ["channel_type line: Conversations has no address type for this channel"],
    "custom": ["channel_type custom: Conversations has no address type for this channel"],
    "no_identity": ["no contact_identity: an address configuration needs the number"],
}


def studio(address_type: str, address: str, name: str, enabled: bool | None = None) -> dict[str, Any]:
    auto = {"type": "studio", "conversation_service_sid": SERVICE, "studio_flow_sid": FW, "studio_retry_count": 2}
    if enabled is not None:
        auto = {"enabled": enabled, **auto}
    return {"type": address_type, "address": address, "friendly_name": name, "auto_creation": auto}


@pytest.fixture
def account(emulator, monkeypatch) -> dict[str, str]:
    """Every case made in the account; {resource name: SID}."""
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", emulator.config()["twilio:accountSid"])
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", emulator.token)
    api = emulator.api()
    made = [api.create(create_params(FLEX_FLOW, {"friendly_name": n, "chat_service_sid": IS, **f})) for n, f in CASES]
    return {flow["friendly_name"].lower().replace(" ", "_"): flow["sid"] for flow in made}


def migrate(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["migrate", "--conversation-service-sid", SERVICE, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_account_s_flows_map_to_addresses_or_stay_with_their_reason(emulator, capsys, account, tmp_path):
    code, out, err = migrate(capsys, "--flex-api-url", emulator.url, "--format", "yaml", "--output-dir", str(tmp_path))
    assert code == 0 and out == ""
    addresses = yaml.safe_load((tmp_path / "addresses.yaml").read_text())
    assert addresses == {
        "sms_studio": {**studio("sms", "+15550100001", "SMS studio", True), "replaces_flow": "sms_studio"},
        "whatsapp_hook": {"type": "whatsapp", "address": "whatsapp:+15550100002", "friendly_name": "WhatsApp hook",
                          "auto_creation": {"enabled": False, "type": "webhook", "conversation_service_sid": SERVICE,
                                            "webhook_url": "https://hooks.example.com/f", "webhook_method": "POST",
                                            "webhook_filters": ["onMessageAdded"]},
                          "replaces_flow": "whatsapp_hook"},
        "whatsapp_bare": {**studio("whatsapp", "whatsapp:+15550100004", "WhatsApp bare", False),
                          "replaces_flow": "whatsapp_bare"},
        "messenger": {**studio("messenger", "messenger:1234567890", "Messenger", False), "replaces_flow": "messenger"},
    }  # fmt: skip
    flows = yaml.safe_load((tmp_path / "flows.yaml").read_text())
    assert sorted(flows) == sorted(REASONS)
    assert all(flows[name]["adopt_sid"] == account[name] for name in flows)  # not in a stack: adopted
    for name, reasons in REASONS.items():
        stated = [line for line in err.splitlines() if line.startswith(f"{name} ({account[name]}) not migrated: ")]
        assert len(stated) == len(reasons) and all(r in line for r, line in zip(reasons, stated, strict=True))
        assert all(f"#   {name}: " in (tmp_path / "flows.yaml").read_text() for _ in reasons)
    assert err.splitlines()[-1] == "4 of 11 flow(s) migrate to address configurations"
    assert emulator.token not in out + err

    code, program, _ = migrate(capsys, "--flex-api-url", emulator.url)
    assert code == 0
    ast.parse(program)
    assert "aliases" not in program  # the flows are in no stack: nothing to take over
    assert program.count("# Not in a stack: delete that flow first") == 4
    assert "# web_task: not migrated, stays a Flex Flow:\n#   channel_type web" in program


def stack_export(resources: list[tuple[str, str, dict[str, Any]]]) -> dict[str, Any]:
    """The JSON of `pulumi stack export` holding these FlexFlows (name, SID, declared inputs)."""

    def resource(name: str, sid: str, inputs: dict[str, Any]) -> dict[str, Any]:
        outputs = {"sid": sid, "long_lived": False, "janitor_enabled": False, "enabled": False, **inputs}
        return {
            "urn": f"urn:pulumi:dev::flex::{FLOW_TYPE}::{name}",
            "custom": True,
            "id": sid,
            "type": FLOW_TYPE,
            "inputs": {"__provider": "gASV", **inputs},
            "outputs": {"__provider": "gASV", "__declared": " ".join(sorted(inputs)), **outputs},
        }

    stack = {"urn": "urn:pulumi:dev::flex::pulumi:pulumi:Stack::flex-dev", "type": "pulumi:pulumi:Stack"}
    return {"version": 3, "deployment": {"resources": [stack, *(resource(*r) for r in resources)]}}


def secret(ciphertext: str) -> dict[str, str]:
    return {SECRET_SIGNATURE: "1b47061264138c4ac30d75fd1eb44270", "ciphertext": ciphertext}


STACK = [
    ("sms-studio", "FO" + "1" * 32, {"friendly_name": "SMS", "chat_service_sid": IS, "channel_type": "sms",
                                     "contact_identity": "+15550100001", "enabled": True, **STUDIO}),
    ("whatsapp-hook", "FO" + "2" * 32, {"friendly_name": "WA", "chat_service_sid": IS, "channel_type": "whatsapp",
                                        "contact_identity": "whatsapp:+15550100002", "integration_type": "external",
                                        "integration": {"url": "https://hooks.example.com/f", "retry_count": 1}}),
    ("web-task", "FO" + "3" * 32, {"friendly_name": "Web", "chat_service_sid": IS, "channel_type": "web",
                                   "adopt_sid": "FO" + "3" * 32, "integration_type": "task",
                                   "integration": {"workspace_sid": WS, "workflow_sid": WW}}),
    ("long", "FO" + "4" * 32, {"friendly_name": "Long", "chat_service_sid": IS, "channel_type": "sms",
                               "contact_identity": "+15550100003", "long_lived": True,
                               "integration": {"flow_sid": FW}}),
]  # fmt: skip


def write_export(tmp_path, resources=STACK):
    path = tmp_path / "export.json"
    path.write_text(json.dumps(stack_export(resources)))
    return str(path)


def test_a_stack_s_program_aliases_each_address_to_its_flow_and_keeps_the_others(capsys, tmp_path):
    code, program, err = migrate(capsys, "--stack-export", write_export(tmp_path))
    assert code == 0
    tree = ast.parse(program)
    calls = {
        node.args[0].value: node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args
        and isinstance(node.args[0], ast.Constant)
    }  # fmt: skip
    kinds = {name: call.func.id for name, call in calls.items()}  # type: ignore[attr-defined]
    assert kinds == {
        "sms-studio": "AddressConfiguration",
        "whatsapp-hook": "AddressConfiguration",
        "web-task": "FlexFlow",
        "long": "FlexFlow",
    }
    alias = f'opts=pulumi.ResourceOptions(aliases=[pulumi.Alias(type_="{FLOW_TYPE}")])'
    assert program.count(alias) == 2
    assert "adopt_sid" not in program  # the flow is in the stack already
    assert "web_task = FlexFlow(" in program and 'pulumi.export("web-task_sid", web_task.sid)' in program
    assert "#   long_lived: Flex Conversations does not support" in program
    assert "long (FO4444" in err and "web-task (FO3333" in err
    assert "other resource" not in err  # a stack of flows alone runs the program as it is


def test_a_stack_with_other_resources_is_told_to_add_the_declarations(capsys, tmp_path):
    exported = stack_export(STACK)
    other = {"urn": "urn:pulumi:dev::flex::aws:s3/bucket:Bucket::assets", "type": "aws:s3/bucket:Bucket"}
    exported["deployment"]["resources"].append(other)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(exported))
    code, _, err = migrate(capsys, "--stack-export", str(path))
    assert code == 0
    assert (
        "the stack also holds 1 other resource(s) (assets) that this output does not declare: add its "
        "declarations to your program rather than replacing the program with it"
    ) in err


def test_secrets_become_config_lookups_and_the_yaml_catalog_refuses_them(capsys, tmp_path):
    hidden = [
        (STACK[0][0], STACK[0][1], {**STACK[0][2], "contact_identity": secret("v1:AAAA")}),
        (STACK[2][0], STACK[2][1], {**STACK[2][2], "friendly_name": secret("v1:BBBB")}),
    ]
    export = write_export(tmp_path, hidden)
    code, program, err = migrate(capsys, "--stack-export", export)
    assert code == 0 and "v1:AAAA" not in program + err and "v1:BBBB" not in program + err
    assert 'address=pulumi.Config("migrate").require_secret("sms-studio.address")' in program
    assert 'friendly_name=pulumi.Config("migrate").require_secret("web-task.friendly_name")' in program
    assert "pulumi config set --secret migrate:sms-studio.address <value>" in err

    code, out, err = migrate(capsys, "--stack-export", export, "--format", "yaml")
    assert code == 1 and out == ""
    assert err.strip() == (
        "pulumi_twilio_flex migrate: sms-studio.address: is a secret; a YAML catalog holds plain values only, "
        "use --format python"
    )


def test_a_secret_the_mapping_depends_on_is_refused_by_name():
    record = FlowRecord("sms", "FO" + "1" * 32, {**STACK[0][2], "integration_type": secret("v1:CCCC")}, {})
    with pytest.raises(MigrateError) as raised:
        plan([record], SERVICE)
    assert str(raised.value) == (
        "sms.integration_type: is a secret in the stack, and the migration depends on its value; "
        "declare it as a plain value (or migrate this flow by hand)"
    )
    assert "v1:CCCC" not in str(raised.value)


def test_a_malformed_service_sid_is_refused_before_anything_is_read(capsys):
    with pytest.raises(SystemExit) as raised:
        main(["migrate", "--conversation-service-sid", "IS123"])
    assert raised.value.code == 2
    assert "must be a Conversations service SID: IS followed by 32 hex digits" in capsys.readouterr().err


def test_replaces_flow_is_for_address_entries_only(tmp_path):
    flows = tmp_path / "flows.yaml"
    flows.write_text(
        f"a:\n  friendly_name: A\n  chat_service_sid: {IS}\n  channel_type: web\n  replaces_flow: b\n"
        f"  integration:\n    flow_sid: {FW}\n"
    )
    with pytest.raises(CatalogError) as raised:
        load_catalog(flows)
    assert raised.value.problems == [f"{flows}:5: replaces_flow: only an address configuration replaces a flow"]
    addresses = tmp_path / "addresses.yaml"
    addresses.write_text("a:\n  type: sms\n  address: '+15550100001'\n  replaces_flow: 7\n")
    with pytest.raises(CatalogError) as raised:
        load_catalog(addresses, ADDRESS_CONFIGURATION)
    assert raised.value.problems[0].startswith(f"{addresses}:4: replaces_flow: must be a flow's resource name")


@pytest.fixture
def declared(monkeypatch) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(class, resource name, aliases as (name, type)) of each resource the package's classes declare."""
    seen: list[tuple[str, str, list[tuple[str, str]]]] = []
    original = _declared_resource.TwilioResource.__init__

    def recording(self, provider, resource_name, args, opts, arguments):
        aliases = [
            (a.name if isinstance(a.name, str) else resource_name, a.type_)
            for a in (opts.aliases if opts and opts.aliases else [])
        ]
        seen.append((type(self).__name__, resource_name, aliases))
        original(self, provider, resource_name, args, opts, arguments)

    monkeypatch.setattr(_declared_resource.TwilioResource, "__init__", recording)
    return seen


@pulumi.runtime.test
def test_the_yaml_catalogs_declare_what_the_python_program_does(mocks, declared, capsys, tmp_path):
    export = write_export(tmp_path)
    assert migrate(capsys, "--stack-export", export, "--format", "yaml", "--output-dir", str(tmp_path))[0] == 0
    _, program, _ = migrate(capsys, "--stack-export", export)
    body = "\n".join(line for line in program.splitlines() if not line.startswith("pulumi.export("))
    namespace: dict[str, Any] = {}
    exec(compile(body, "migrated_program.py", "exec"), namespace)  # noqa: S102 - the program under test
    program_resources = [v for v in namespace.values() if isinstance(v, _declared_resource.TwilioResource)]
    assert len(program_resources) == 4

    def from_catalogs(_):
        from_program = sorted(declared)
        program_inputs = {(r.typ, r.name): r.inputs for r in mocks.registered}
        declared.clear()
        mocks.registered.clear()
        addresses = addresses_from_yaml(tmp_path / "addresses.yaml")
        flows = flows_from_yaml(tmp_path / "flows.yaml")

        def check(_):
            assert (
                sorted(declared)
                == from_program
                == [
                    ("AddressConfiguration", "sms-studio", [("sms-studio", FLOW_TYPE)]),
                    ("AddressConfiguration", "whatsapp-hook", [("whatsapp-hook", FLOW_TYPE)]),
                    ("FlexFlow", "long", []),
                    ("FlexFlow", "web-task", []),
                ]
            )
            assert {(r.typ, r.name): r.inputs for r in mocks.registered} == program_inputs

        return pulumi.Output.all(*[r.urn for r in [*addresses.values(), *flows.values()]]).apply(check)

    return pulumi.Output.all(*[r.urn for r in program_resources]).apply(from_catalogs)
