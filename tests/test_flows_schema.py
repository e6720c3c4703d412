"""The JSON Schema of flows.yaml: shipped as generated, and in agreement with the rules of `check`."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import pulumi_twilio_flex
from pulumi_twilio_flex.__main__ import main
from pulumi_twilio_flex._flows_schema import flows_schema
from pulumi_twilio_flex._validation import validate
from pulumi_twilio_flex.flex_flow.description import FLEX_FLOW

SCHEMA_FILE = Path(pulumi_twilio_flex.__file__).parent / "flows.schema.json"
IS, FW, WS, WW = "IS" + "a" * 32, "FW" + "b" * 32, "WS" + "c" * 32, "WW" + "d" * 32
BASE = {"friendly_name": "Chat", "chat_service_sid": IS, "channel_type": "web", "integration": {"flow_sid": FW}}
EXTERNAL = {**BASE, "integration_type": "external", "integration": {"url": "https://hooks.example.com/flex"}}
TASK = {**BASE, "integration_type": "task", "integration": {"workspace_sid": WS, "workflow_sid": WW}}


def with_integration(flow, **fields):
    return {**flow, "integration": {**flow["integration"], **fields}}


def without(flow, key):
    return {k: v for k, v in flow.items() if k != key}


CASES = {
    "studio": BASE,
    "external": EXTERNAL,
    "task": TASK,
    "adopted": {**BASE, "adopt_sid": "FO" + "e" * 32},
    "every flow field": {**BASE, "contact_identity": "+15550100", "enabled": True, "long_lived": False,
                         "janitor_enabled": True, "integration_type": "studio"},
    "task with options": with_integration(TASK, channel="sms", timeout=0, priority=9, creation_on_message=True),
    "retry bounds": with_integration(BASE, retry_count=3),
    "bad adopt_sid": {**BASE, "adopt_sid": "FO123"},
    "bad channel type": {**BASE, "channel_type": "pigeon"},
    "bad integration type": {**BASE, "integration_type": "fax"},
    "bad chat service": {**BASE, "chat_service_sid": "IS" + "a" * 31},
    "blank name": {**BASE, "friendly_name": "  "},
    "missing name": without(BASE, "friendly_name"),
    "missing channel type": without(BASE, "channel_type"),
    "missing integration": without(BASE, "integration"),
    "missing flow sid": {**BASE, "integration": {"retry_count": 1}},
    "missing workflow": {**TASK, "integration": {"workspace_sid": WS}},
    "retry too high": with_integration(BASE, retry_count=4),
    "retry negative": with_integration(EXTERNAL, retry_count=-1),
    "retry not a number": with_integration(BASE, retry_count="3"),
    "negative timeout": with_integration(TASK, timeout=-1),
    "field of another type": with_integration(BASE, url="https://x.example.com"),
    "task field on studio": with_integration(BASE, priority=1),
    "unknown integration key": with_integration(BASE, colour="red"),
    "unknown flow key": {**BASE, "colour": "red"},
    "enabled as a string": {**BASE, "enabled": "yes"},
    "ftp url": {**EXTERNAL, "integration": {"url": "ftp://files.example.com"}},
    "relative url": {**EXTERNAL, "integration": {"url": "/flex"}},
    "integration not an object": {**BASE, "integration": "FW"},
    "largest priority": with_integration(TASK, priority=2**31 - 1),
    "priority beyond 32 bits": with_integration(TASK, priority=2**31),
    "timeout beyond 32 bits": with_integration(TASK, timeout=10**30),
    "empty task channel": with_integration(TASK, channel=""),
    "blank task channel": with_integration(TASK, channel=" "),
    "NUL in the name": {**BASE, "friendly_name": "a\x00b"},
    "newline in contact identity": {**BASE, "contact_identity": "+1555\n"},
    "newline after a SID": {**BASE, "chat_service_sid": "IS" + "a" * 32 + "\n"},
    "C1 control in the channel": with_integration(TASK, channel="sms\x85"),
    "control character in the url": {**EXTERNAL, "integration": {"url": "https://x.example.com/\x7f"}},
    "empty contact identity": {**BASE, "contact_identity": ""},
}  # fmt: skip


def test_the_shipped_schema_is_the_generated_one():
    assert json.loads(SCHEMA_FILE.read_text()) == flows_schema()


def test_schema_command_prints_it(capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == flows_schema()


def test_the_schema_is_a_valid_draft_7_schema():
    jsonschema.Draft7Validator.check_schema(flows_schema())


@pytest.mark.parametrize("case", CASES)
def test_schema_and_check_agree(case):
    flow = CASES[case]
    errors = list(jsonschema.Draft7Validator(flows_schema()).iter_errors({"flow": flow}))
    failures = validate(FLEX_FLOW, flow)
    assert (errors == []) == (failures == []), (errors, failures)


def test_the_cases_cover_both_verdicts():
    verdicts = {case: validate(FLEX_FLOW, flow) == [] for case, flow in CASES.items()}
    assert sum(verdicts.values()) == 9 and len(verdicts) - sum(verdicts.values()) == 31


@pytest.mark.parametrize("name", ["support_chat", "sms-hook", "A1"])
def test_resource_names_the_catalog_accepts(name):
    jsonschema.validate({name: BASE}, flows_schema())


@pytest.mark.parametrize("name", ["a b", "1st", "x::y", ""])
def test_resource_names_the_catalog_refuses(name):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({name: BASE}, flows_schema())
