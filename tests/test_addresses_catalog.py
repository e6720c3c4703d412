"""addresses.yaml: checked whole with the rules of `check`, errors naming file, line and key, then declared."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import jsonschema
import pulumi
import pytest
import yaml

import pulumi_twilio_flex
from pulumi_twilio_flex import AddressConfiguration, CatalogError, addresses_from_yaml
from pulumi_twilio_flex._catalog import load_catalog
from pulumi_twilio_flex.address_configuration.description import ADDRESS_CONFIGURATION

IS, FW = "IS" + "a" * 32, "FW" + "b" * 32
GOOD = f"""\
# yaml-language-server: $schema=addresses.schema.json
support_sms:
  adopt_sid: "+15550001111"
  type: sms
  address: "+15550001111"
  friendly_name: Support SMS
  auto_creation:
    enabled: true
    type: studio
    studio_flow_sid: {FW}
    studio_retry_count: 1
whatsapp-hook:
  type: WhatsApp
  address: whatsapp:+15550002222
  auto_creation:
    type: webhook
    webhook_url: https://hooks.example.com/conversations
    webhook_method: POST
    webhook_filters: [onMessageAdded, onParticipantAdded]
"""


def write(tmp_path, text, name="addresses.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def problems(path):
    with pytest.raises(CatalogError) as raised:
        load_catalog(path, ADDRESS_CONFIGURATION)
    assert str(raised.value) == "the address configurations catalog is invalid:\n" + "\n".join(raised.value.problems)
    return raised.value.problems


def test_a_good_catalog_loads_in_file_order_as_written(tmp_path):
    entries = load_catalog(write(tmp_path, GOOD), ADDRESS_CONFIGURATION)
    assert list(entries) == ["support_sms", "whatsapp-hook"]
    assert entries["support_sms"]["adopt_sid"] == "+15550001111"  # quoted: YAML would read +1555... as a number
    assert entries["whatsapp-hook"]["type"] == "WhatsApp"  # any letter case; sent as written
    assert entries["whatsapp-hook"]["auto_creation"]["webhook_filters"] == ["onMessageAdded", "onParticipantAdded"]


def test_every_problem_of_the_file_is_listed_with_its_line(tmp_path):
    text = (
        GOOD.replace("type: sms", "type: pigeon")
        .replace("studio_retry_count: 1", "studio_retry_count: -1")
        .replace("webhook_method: POST", "webhook_method: PUT")
        .replace("[onMessageAdded, onParticipantAdded]", "[onMessageAdded, onMessageSent]")
    )
    path = write(tmp_path, text)
    listed = problems(path)
    assert [p.split(": ", 2)[:2] for p in listed] == [
        [f"{path}:4", "type"],
        [f"{path}:11", "auto_creation.studio_retry_count"],
        [f"{path}:18", "auto_creation.webhook_method"],
        [f"{path}:19", "auto_creation.webhook_filters[1]"],  # a list item points at its list's key
    ]
    assert listed[0].endswith("must be one of sms, whatsapp, messenger, gbm, email, rcs, apple, chat; got 'pigeon'")
    assert listed[2].endswith("must be one of get, post; got 'PUT'")


def test_a_list_item_in_block_style_points_at_its_own_line(tmp_path):
    block = "\n      - onMessageAdded\n      - onMessageAdded\n      - onMessageSent"
    path = write(tmp_path, GOOD.replace(" [onMessageAdded, onParticipantAdded]", block))
    assert [p.split(": ", 2)[:2] for p in problems(path)] == [
        [f"{path}:21", "auto_creation.webhook_filters[1]"],
        [f"{path}:22", "auto_creation.webhook_filters[2]"],
    ]


def test_a_variant_rule_points_at_the_group(tmp_path):
    path = write(tmp_path, GOOD.replace("    webhook_url: https://hooks.example.com/conversations\n", ""))
    assert problems(path) == [f"{path}:15: auto_creation.webhook_url: is required when auto_creation.type is 'webhook'"]


def test_a_missing_address_points_at_its_entry(tmp_path):
    path = write(tmp_path, GOOD.replace("  address: whatsapp:+15550002222\n", ""))
    assert problems(path) == [f"{path}:12: address: is required"]


def test_an_address_given_unquoted_is_refused_as_a_number(tmp_path):
    path = write(tmp_path, GOOD.replace('address: "+15550001111"', "address: +15550001111"))
    assert problems(path) == [f"{path}:5: address: must be a string; got 15550001111"]


def test_one_address_adopted_twice_is_refused(tmp_path):
    path = write(tmp_path, GOOD.replace("whatsapp-hook:\n", 'whatsapp-hook:\n  adopt_sid: "+15550001111"\n'))
    assert problems(path) == [f"{path}:13: adopt_sid: +15550001111 is already adopted by support_sms"]


def test_a_key_given_twice_in_one_entry_is_refused_with_its_line(tmp_path):
    path = write(
        tmp_path,
        """\
        support:
          type: sms
          address: "+15550001111"
          address: "+15550009999"
          auto_creation:
            type: webhook
            webhook_url: https://hooks.example.com/a
            webhook_url: https://hooks.example.com/b
        """,
    )
    assert problems(path) == [
        f"{path}:4: address: is given twice in support (YAML would keep only the last)",
        f"{path}:8: auto_creation.webhook_url: is given twice in support (YAML would keep only the last)",
    ]


def test_an_unknown_key_lists_the_address_properties(tmp_path):
    path = write(tmp_path, 'support:\n  type: sms\n  address: "+15550001111"\n  integration: {}\n')
    [problem] = problems(path)
    assert problem == (
        f"{path}:4: integration: is not a address configuration property; expected one of type, address, "
        "friendly_name, address_country, auto_creation, adopt_sid"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- one\n", "addresses.yaml:1: must be a mapping of resource names to address configurations"),
        ("ok: 3\n", "addresses.yaml:1: ok: must be a mapping of AddressConfiguration properties"),
        ("x: {}\nx: {}\n", "addresses.yaml:2: x: is declared twice"),
    ],
)
def test_malformed_files(tmp_path, monkeypatch, text, expected):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, text)
    assert problems("addresses.yaml")[-1].startswith(expected)


@pulumi.runtime.test
def test_addresses_from_yaml_declares_one_configuration_per_entry_with_the_options(mocks, tmp_path):
    declared = addresses_from_yaml(write(tmp_path, GOOD), opts=pulumi.ResourceOptions(retain_on_delete=True))
    assert list(declared) == ["support_sms", "whatsapp-hook"]
    assert all(isinstance(a, AddressConfiguration) for a in declared.values())

    def check(_):
        by_name = {r.name: r for r in mocks.registered}
        assert by_name["support_sms"].inputs["adopt_sid"] == "+15550001111"
        assert by_name["whatsapp-hook"].inputs["auto_creation"]["webhook_method"] == "POST"
        assert "adopt_sid" not in by_name["whatsapp-hook"].inputs

    return pulumi.Output.all(*[a.sid for a in declared.values()]).apply(check)


def test_a_broken_catalog_declares_nothing(mocks, tmp_path):
    with pytest.raises(CatalogError):
        addresses_from_yaml(write(tmp_path, GOOD.replace("type: sms", "type: pigeon")))
    assert mocks.registered == []


def test_the_readme_example_passes_the_catalog_and_its_schema(tmp_path):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    [example] = re.findall(r"```yaml\n(# yaml-language-server: \$schema=addresses\.schema\.json\n.*?)```", readme, re.S)
    entries = load_catalog(write(tmp_path, example), ADDRESS_CONFIGURATION)
    assert list(entries) == ["support_sms"] and entries["support_sms"]["address"] == "+15550001111"
    schema = json.loads((Path(pulumi_twilio_flex.__file__).parent / "addresses.schema.json").read_text())
    jsonschema.validate(yaml.safe_load(example), schema)
