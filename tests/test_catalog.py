"""flows.yaml: checked whole with the rules of `check`, errors naming file, line and key, then declared."""

from __future__ import annotations

import textwrap

import pulumi
import pytest

from pulumi_twilio_flex import CatalogError, FlexFlow, flows_from_yaml
from pulumi_twilio_flex._catalog import load_catalog

IS = "IS" + "a" * 32
FW = "FW" + "b" * 32
GOOD = f"""\
# yaml-language-server: $schema=flows.schema.json
support_chat:
  adopt_sid: FO{"1" * 32}
  friendly_name: Support chat
  chat_service_sid: {IS}
  channel_type: web
  integration:
    flow_sid: {FW}
    retry_count: 1
sms-hook:
  friendly_name: SMS hook
  chat_service_sid: {IS}
  channel_type: sms
  integration_type: external
  integration:
    url: https://hooks.example.com/flex
  enabled: false
"""


def write(tmp_path, text, name="flows.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def problems(path):
    with pytest.raises(CatalogError) as raised:
        load_catalog(path)
    assert str(raised.value) == "the Flex Flows catalog is invalid:\n" + "\n".join(raised.value.problems)
    return raised.value.problems


def test_a_good_catalog_loads_in_file_order(tmp_path):
    entries = load_catalog(write(tmp_path, GOOD))
    assert list(entries) == ["support_chat", "sms-hook"]
    assert entries["support_chat"]["integration"] == {"flow_sid": FW, "retry_count": 1}
    assert entries["sms-hook"]["enabled"] is False


def test_an_unknown_channel_type_names_file_line_and_key(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, GOOD.replace("channel_type: sms", "channel_type: pigeon"))
    [problem] = problems("flows.yaml")
    assert problem.startswith("flows.yaml:13: channel_type: must be one of web, sms, facebook, whatsapp")
    assert "pigeon" in problem


def test_every_problem_of_the_file_is_listed_with_its_line(tmp_path):
    text = GOOD.replace("retry_count: 1", "retry_count: 7").replace("integration_type: external", "colour: red")
    text = text.replace(f"adopt_sid: FO{'1' * 32}", "adopt_sid: FO123")
    path = write(tmp_path, text)
    listed = problems(path)
    assert [p.split(": ", 2)[:2] for p in listed] == [
        [f"{path}:3", "adopt_sid"],
        [f"{path}:9", "integration.retry_count"],
        [f"{path}:14", "colour"],
        [f"{path}:16", "integration.url"],  # under studio (the default type), url does not apply
        [f"{path}:15", "integration.flow_sid"],  # a missing key points at its nearest declared parent
    ]


def test_a_missing_required_property_points_at_its_entry(tmp_path):
    path = write(tmp_path, GOOD.replace("  friendly_name: SMS hook\n", ""))
    assert problems(path) == [f"{path}:10: friendly_name: is required"]


def test_one_flow_adopted_twice_is_refused(tmp_path):
    path = write(tmp_path, GOOD.replace("sms-hook:\n", f"sms-hook:\n  adopt_sid: FO{'1' * 32}\n"))
    assert problems(path) == [f"{path}:11: adopt_sid: FO{'1' * 32} is already adopted by support_chat"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: [", "flows.yaml:1: not valid YAML"),
        ("- one\n- two\n", "flows.yaml:1: must be a mapping of resource names to flows"),
        ("ok: 3\n", "flows.yaml:1: ok: must be a mapping of FlexFlow properties"),
        ("a b: {}\n", "flows.yaml:1: a b: a resource name must match"),
        ("123: {}\n", "flows.yaml:1: 123: a resource name must match"),
        ("x: {}\nx: {}\n", "flows.yaml:2: x: is declared twice"),
    ],
)
def test_malformed_files(tmp_path, monkeypatch, text, expected):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, text)
    assert problems("flows.yaml")[-1].startswith(expected)


def test_a_missing_file_is_named(tmp_path):
    assert problems(tmp_path / "nope.yaml") == [f"{tmp_path / 'nope.yaml'}: cannot be read (No such file or directory)"]


def test_an_empty_catalog_declares_nothing(tmp_path):
    assert load_catalog(write(tmp_path, "# nothing yet\n")) == {}


@pulumi.runtime.test
def test_flows_from_yaml_declares_one_flexflow_per_entry_with_the_options(mocks, tmp_path):
    flows = flows_from_yaml(write(tmp_path, GOOD), opts=pulumi.ResourceOptions(retain_on_delete=True))
    assert list(flows) == ["support_chat", "sms-hook"]
    assert all(isinstance(f, FlexFlow) for f in flows.values())

    def check(_):
        by_name = {r.name: r for r in mocks.registered}
        assert by_name["support_chat"].inputs["adopt_sid"] == "FO" + "1" * 32
        assert by_name["sms-hook"].inputs["integration"] == {"url": "https://hooks.example.com/flex"}
        assert "adopt_sid" not in by_name["sms-hook"].inputs

    return pulumi.Output.all(*[f.sid for f in flows.values()]).apply(check)


def test_a_broken_catalog_declares_nothing(mocks, tmp_path):
    with pytest.raises(CatalogError):
        flows_from_yaml(write(tmp_path, GOOD.replace("channel_type: web", "channel_type: pigeon")))
    assert mocks.registered == []


def test_a_key_given_twice_in_one_entry_is_refused_with_its_line(tmp_path):
    path = write(
        tmp_path,
        f"""\
        support:
          friendly_name: Support
          chat_service_sid: {IS}
          channel_type: web
          friendly_name: Support (second)
          integration:
            flow_sid: {FW}
            retry_count: 1
            retry_count: 2
        """,
    )
    with pytest.raises(CatalogError) as err:
        load_catalog(path)
    assert err.value.problems == [
        f"{path}:5: friendly_name: is given twice in support (YAML would keep only the last)",
        f"{path}:9: integration.retry_count: is given twice in support (YAML would keep only the last)",
    ]


def test_an_unknown_key_lists_adopt_sid_among_those_expected(tmp_path):
    path = write(tmp_path, f"support:\n  adopt_sdi: FO{'1' * 32}\n  friendly_name: x\n")
    with pytest.raises(CatalogError) as err:
        load_catalog(path)
    unknown = [p for p in err.value.problems if "adopt_sdi" in p]
    assert len(unknown) == 1 and unknown[0].endswith(", integration, adopt_sid")
