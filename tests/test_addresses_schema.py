"""The JSON Schema of addresses.yaml: shipped as generated, and in agreement with the rules of `check`."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import jsonschema
import pytest

import pulumi_twilio_flex
from pulumi_twilio_flex.__main__ import main
from pulumi_twilio_flex._validation import validate
from pulumi_twilio_flex.address_configuration.description import ADDRESS_CONFIGURATION, WEBHOOK_FILTERS

SCHEMA_FILE = Path(pulumi_twilio_flex.__file__).parent / "addresses.schema.json"
IS, FW = "IS" + "a" * 32, "FW" + "b" * 32
BASE = {"type": "sms", "address": "+15550001111"}
WEBHOOK = {
    "type": "whatsapp",
    "address": "whatsapp:+15550002222",
    "auto_creation": {"enabled": True, "type": "webhook", "webhook_url": "https://hooks.example.com/c"},
}
STUDIO = {**BASE, "auto_creation": {"type": "studio", "studio_flow_sid": FW}}


def generated() -> dict:
    """What `python -m pulumi_twilio_flex schema --kind addresses` prints."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["schema", "--kind", "addresses"]) == 0
    return json.loads(out.getvalue())


def with_auto(entry, **fields):
    return {**entry, "auto_creation": {**entry["auto_creation"], **fields}}


def without(entry, key):
    return {k: v for k, v in entry.items() if k != key}


CASES = {
    # accepted
    "minimal": BASE,
    "every top-level field": {**BASE, "friendly_name": "Support SMS", "address_country": "US"},
    "adopted by SID": {**BASE, "adopt_sid": "IG" + "e" * 32},
    "adopted by address": {**BASE, "adopt_sid": "+15550001111"},
    "type in upper case": {**BASE, "type": "SMS"},
    "type in mixed case": {**WEBHOOK, "type": "WhatsApp"},
    "webhook": WEBHOOK,
    "webhook with every field": with_auto(WEBHOOK, conversation_service_sid=IS, webhook_method="post",
                                          webhook_filters=["onMessageAdded", "onParticipantAdded"]),
    "webhook method in upper case": with_auto(WEBHOOK, webhook_method="POST"),
    "webhook method in mixed case": with_auto(WEBHOOK, webhook_method="Get"),
    "empty filter list": with_auto(WEBHOOK, webhook_filters=[]),
    "every filter": with_auto(WEBHOOK, webhook_filters=list(WEBHOOK_FILTERS)),
    "studio": STUDIO,
    "studio with retries": with_auto(STUDIO, studio_retry_count=0, enabled=False),
    "default auto creation": {**BASE, "auto_creation": {"type": "default", "enabled": True}},
    "auto creation without a type is the default": {**BASE, "auto_creation": {"enabled": True,
                                                                               "conversation_service_sid": IS}},
    "empty auto creation": {**BASE, "auto_creation": {}},
    "name at the length limit": {**BASE, "friendly_name": "x" * 256},
    # refused
    "missing type": without(BASE, "type"),
    "missing address": without(BASE, "address"),
    "unknown type": {**BASE, "type": "pigeon"},
    "type with a trailing newline": {**BASE, "type": "sms\n"},
    "type as a prefix": {**BASE, "type": "smsx"},
    "blank address": {**BASE, "address": "  "},
    "empty address": {**BASE, "address": ""},
    "newline in the address": {**BASE, "address": "+1555\n"},
    "blank adopt_sid": {**BASE, "adopt_sid": " "},
    "name too long": {**BASE, "friendly_name": "x" * 257},
    "C1 control in the name": {**BASE, "friendly_name": "a\x85b"},
    "blank country": {**BASE, "address_country": ""},
    "unknown top-level key": {**BASE, "colour": "red"},
    "unknown auto creation type": {**BASE, "auto_creation": {"type": "fax"}},
    "auto creation type in upper case": {**BASE, "auto_creation": {"type": "WEBHOOK", "webhook_url": "https://x.io"}},
    "auto creation not an object": {**BASE, "auto_creation": "webhook"},
    "webhook without its url": {**BASE, "auto_creation": {"type": "webhook"}},
    "ftp webhook url": with_auto(WEBHOOK, webhook_url="ftp://files.example.com"),
    "unknown webhook method": with_auto(WEBHOOK, webhook_method="PUT"),
    "webhook method with a newline": with_auto(WEBHOOK, webhook_method="post\n"),
    "unknown filter": with_auto(WEBHOOK, webhook_filters=["onMessageAdded", "onMessageSent"]),
    "filter in another case": with_auto(WEBHOOK, webhook_filters=["onmessageadded"]),
    "repeated filter": with_auto(WEBHOOK, webhook_filters=["onMessageAdded", "onMessageAdded"]),
    "filters not a list": with_auto(WEBHOOK, webhook_filters="onMessageAdded"),
    "filter not a string": with_auto(WEBHOOK, webhook_filters=[1]),
    "studio without its flow": {**BASE, "auto_creation": {"type": "studio"}},
    "bad studio flow sid": with_auto(STUDIO, studio_flow_sid="FW123"),
    "negative studio retries": with_auto(STUDIO, studio_retry_count=-1),
    "studio retries beyond 32 bits": with_auto(STUDIO, studio_retry_count=2**31),
    "studio retries as a string": with_auto(STUDIO, studio_retry_count="1"),
    "webhook field on studio": with_auto(STUDIO, webhook_url="https://x.example.com"),
    "studio field on webhook": with_auto(WEBHOOK, studio_flow_sid=FW),
    "webhook field on the default type": {**BASE, "auto_creation": {"webhook_method": "post"}},
    "bad conversation service": with_auto(WEBHOOK, conversation_service_sid="IS1"),
    "enabled as a string": with_auto(WEBHOOK, enabled="yes"),
    "unknown auto creation key": with_auto(WEBHOOK, colour="red"),
}  # fmt: skip


def test_the_shipped_schema_is_the_generated_one():
    assert json.loads(SCHEMA_FILE.read_text()) == generated()


def test_the_schema_is_a_valid_draft_7_schema():
    jsonschema.Draft7Validator.check_schema(generated())


@pytest.mark.parametrize("case", CASES)
def test_schema_and_check_agree(case):
    entry = CASES[case]
    errors = list(jsonschema.Draft7Validator(generated()).iter_errors({"address": entry}))
    failures = validate(ADDRESS_CONFIGURATION, entry)
    assert (errors == []) == (failures == []), (errors, failures)


def test_the_cases_cover_both_verdicts():
    verdicts = {case: validate(ADDRESS_CONFIGURATION, entry) == [] for case, entry in CASES.items()}
    assert sum(verdicts.values()) == 18 and len(verdicts) - sum(verdicts.values()) == 36


def test_editors_are_offered_the_values_of_a_case_insensitive_enum():
    properties = generated()["definitions"]["address_configuration"]["properties"]
    assert properties["type"]["examples"] == ["sms", "whatsapp", "messenger", "gbm", "email", "rcs", "apple", "chat"]
    method = generated()["definitions"]["auto_creation_webhook"]["properties"]["webhook_method"]
    assert method["examples"] == ["get", "post"] and "enum" not in method


def test_adopt_sid_is_described_as_a_sid_or_an_address():
    adopt = generated()["definitions"]["address_configuration"]["properties"]["adopt_sid"]
    assert adopt["description"] == (
        "Take over this existing address configuration (IG..., or its address) instead of creating one."
    )


@pytest.mark.parametrize("name", ["support_sms", "wa-hook", "A1"])
def test_resource_names_the_catalog_accepts(name):
    jsonschema.validate({name: BASE}, generated())


@pytest.mark.parametrize("name", ["a b", "1st", "x::y", ""])
def test_resource_names_the_catalog_refuses(name):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({name: BASE}, generated())


def test_the_schema_knows_the_catalog_key_that_names_a_replaced_flow():
    entry = generated()["definitions"]["address_configuration"]["properties"]["replaces_flow"]
    assert entry["type"] == "string" and "FlexFlow" in entry["description"]
    assert jsonschema.Draft7Validator(generated()).is_valid({"sms": {**BASE, "replaces_flow": "support_sms"}})
    assert not jsonschema.Draft7Validator(generated()).is_valid({"sms": {**BASE, "replaces_flow": "9 lives"}})
