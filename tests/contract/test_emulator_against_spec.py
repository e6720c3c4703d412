"""The emulator held to Twilio's OpenAPI file, without Prism.

Responses are validated against the spec's response schemas, closed (every declared field present, nothing
else); requests built from the spec's own parameter list must be accepted, and its required ones required.
"""

from __future__ import annotations

from typing import Any

import pytest
import requests
from flex_inputs import BROKEN_ENCODINGS, INPUTS_BY_TYPE, UPDATE_FALSY, Mutation
from flex_oai import INSTANCE_PATH, LIST_PATH, FlexSpec, closed, sample_value, spec_path, typed_form, violations

from pulumi_twilio_flex import _wire
from pulumi_twilio_flex.flex_flow.description import FLEX_FLOW

pytestmark = pytest.mark.contract

TIMEOUT = 10


def sample_body(spec: FlexSpec, operation: str, **overrides: str) -> dict[str, str]:
    """A value for every parameter the spec declares for `operation`, checked against the spec itself."""
    properties = spec.request_params(operation)
    body = {name: sample_value(name, schema) for name, schema in properties.items()} | overrides
    assert violations(spec.request_schema(operation), typed_form(body, properties)) == []
    return body


def assert_matches(spec: FlexSpec, path: str, method: str, response: requests.Response) -> dict[str, Any]:
    """The status the spec declares for the operation, a JSON body, and no schema violation."""
    expected = spec.success_status(path, method)
    assert response.status_code == expected, f"{method.upper()} {path}: {response.status_code} {response.text}"
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    problems = violations(closed(spec.response_schema(path, method)), body)
    assert problems == [], f"{method.upper()} {path} answered outside the spec:\n" + "\n".join(problems)
    return body


def create(http: requests.Session, url: str, params: dict[str, str]) -> requests.Response:
    return http.post(f"{url}{LIST_PATH}", data=params, timeout=TIMEOUT)


def instance(url: str, sid: str) -> str:
    return f"{url}{LIST_PATH}/{sid}"


# -- response bodies --------------------------------------------------------------------------------------


@pytest.mark.parametrize("integration_type", sorted(INPUTS_BY_TYPE))
def test_create_answers_per_the_spec(
    integration_type: str, spec: FlexSpec, emulator_http: requests.Session, emulator_url: str
) -> None:
    response = create(emulator_http, emulator_url, _wire.create_params(FLEX_FLOW, INPUTS_BY_TYPE[integration_type]))
    flow = assert_matches(spec, LIST_PATH, "post", response)
    assert flow["integration_type"] == integration_type


def test_fetch_update_and_delete_answer_per_the_spec(
    spec: FlexSpec, emulator_http: requests.Session, emulator_url: str
) -> None:
    created = assert_matches(
        spec,
        LIST_PATH,
        "post",
        create(emulator_http, emulator_url, _wire.create_params(FLEX_FLOW, INPUTS_BY_TYPE["studio"])),
    )
    url = instance(emulator_url, created["sid"])
    fetched = assert_matches(spec, INSTANCE_PATH, "get", emulator_http.get(url, timeout=TIMEOUT))
    assert fetched == created

    params = _wire.update_params(
        FLEX_FLOW, _wire.outputs_from(FLEX_FLOW, fetched), UPDATE_FALSY
    )  # every parameter, falsy values
    updated = assert_matches(spec, INSTANCE_PATH, "post", emulator_http.post(url, data=params, timeout=TIMEOUT))
    assert (updated["enabled"], updated["long_lived"], updated["janitor_enabled"]) == (False, False, False)
    assert updated["contact_identity"] in (None, "")
    assert {k: updated["integration"][k] for k in ("timeout", "priority")} == {"timeout": 0, "priority": 0}

    deleted = emulator_http.delete(url, timeout=TIMEOUT)
    assert deleted.status_code == spec.success_status(INSTANCE_PATH, "delete") and deleted.content == b""


def test_list_pages_answer_per_the_spec(spec: FlexSpec, emulator_http: requests.Session, emulator_url: str) -> None:
    name = "Paged contract flow"
    for _ in range(3):
        params = _wire.create_params(FLEX_FLOW, {**INPUTS_BY_TYPE["external"], "friendly_name": name})
        assert create(emulator_http, emulator_url, params).status_code == 201
    query = {"FriendlyName": name, "PageSize": "2"}
    page = assert_matches(
        spec, LIST_PATH, "get", emulator_http.get(f"{emulator_url}{LIST_PATH}", params=query, timeout=TIMEOUT)
    )
    pages = [page]
    while page["meta"]["next_page_url"]:
        assert len(pages) < 5, "next_page_url never ends"
        page = assert_matches(spec, LIST_PATH, "get", emulator_http.get(page["meta"]["next_page_url"], timeout=10))
        pages.append(page)
    assert [len(p["flex_flows"]) for p in pages] == [2, 1]
    empty = emulator_http.get(f"{emulator_url}{LIST_PATH}", params={"FriendlyName": "nobody"}, timeout=TIMEOUT)
    assert assert_matches(spec, LIST_PATH, "get", empty)["flex_flows"] == []


# -- request parameters -------------------------------------------------------------------------------------


def _enum_cases(operation: str) -> list[Any]:
    path = spec_path()
    if not path.is_file():  # the `spec` fixture fails these tests with the full message
        return [pytest.param("", "", id="spec-missing")]
    spec = FlexSpec(path)
    return [
        pytest.param(name, value, id=f"{name}={value}")
        for name, schema in spec.request_params(operation).items()
        for value in schema.get("enum", ())
    ]


@pytest.mark.parametrize(("name", "value"), _enum_cases("create"))
def test_create_accepts_every_parameter_with_every_enum_value(
    name: str, value: str, spec: FlexSpec, emulator_http: requests.Session, emulator_url: str
) -> None:
    body = sample_body(spec, "create", **{name: value})
    flow = assert_matches(spec, LIST_PATH, "post", create(emulator_http, emulator_url, body))
    assert flow[_wire_to_output(name)] == value


@pytest.mark.parametrize(("name", "value"), _enum_cases("update"))
def test_update_accepts_every_parameter_with_every_enum_value(
    name: str, value: str, spec: FlexSpec, emulator_http: requests.Session, emulator_url: str
) -> None:
    created = create(emulator_http, emulator_url, sample_body(spec, "create")).json()
    body = sample_body(spec, "update", **{name: value})
    response = emulator_http.post(instance(emulator_url, created["sid"]), data=body, timeout=TIMEOUT)
    flow = assert_matches(spec, INSTANCE_PATH, "post", response)
    assert flow[_wire_to_output(name)] == value


@pytest.mark.parametrize("operation", ["create", "update"])
def test_every_parameter_is_accepted_with_falsy_values(
    operation: str, spec: FlexSpec, emulator_http: requests.Session, emulator_url: str
) -> None:
    """false for every boolean, 0 for every integer, "" for ContactIdentity: all valid per the spec."""
    falsy = {"boolean": "false", "integer": "0"}
    properties = spec.request_params(operation)
    overrides = {name: falsy[s["type"]] for name, s in properties.items() if s.get("type") in falsy}
    body = sample_body(spec, operation, **overrides, ContactIdentity="")
    assert len(overrides) >= 7, overrides
    if operation == "create":
        response = create(emulator_http, emulator_url, body)
        path = LIST_PATH
    else:
        created = create(emulator_http, emulator_url, sample_body(spec, "create")).json()
        response = emulator_http.post(instance(emulator_url, created["sid"]), data=body, timeout=TIMEOUT)
        path = INSTANCE_PATH
    flow = assert_matches(spec, path, "post", response)
    assert (flow["enabled"], flow["long_lived"], flow["janitor_enabled"]) == (False, False, False)


def test_update_accepts_an_empty_body(spec: FlexSpec, emulator_http: requests.Session, emulator_url: str) -> None:
    assert spec.required_params("update") == set()
    created = create(emulator_http, emulator_url, sample_body(spec, "create")).json()
    response = emulator_http.post(instance(emulator_url, created["sid"]), data={}, timeout=TIMEOUT)
    assert assert_matches(spec, INSTANCE_PATH, "post", response) | {"date_updated": None} == created | {
        "date_updated": None
    }


def test_the_spec_requires_the_three_create_parameters_we_probe(spec: FlexSpec) -> None:
    assert spec.required_params("create") == {"FriendlyName", "ChatServiceSid", "ChannelType"}


@pytest.mark.parametrize("name", ["FriendlyName", "ChatServiceSid", "ChannelType"])
def test_create_requires_what_the_spec_requires(
    name: str, spec: FlexSpec, emulator_http: requests.Session, emulator_url: str
) -> None:
    body = sample_body(spec, "create")
    del body[name]
    response = create(emulator_http, emulator_url, body)
    assert response.status_code == 400, response.text
    error = response.json()
    assert (error["status"], error["code"]) == (400, 20001)
    assert name in error["message"]
    assert emulator_http.get(f"{emulator_url}{LIST_PATH}", timeout=TIMEOUT).json()["flex_flows"] == []


# Twilio accepts booleans in any letter case (older official SDKs send `True`), though its spec admits only
# `true`/`false`; the emulator follows Twilio (tests/emulator/test_emulator_validation.py).
TWILIO_ACCEPTS = {"boolean-as-python-str"}


@pytest.mark.parametrize(
    ("mutate", "named"),
    [pytest.param(mutate, named, id=label) for label, mutate, named in BROKEN_ENCODINGS if label not in TWILIO_ACCEPTS],
)
def test_create_rejects_what_the_spec_rejects(
    mutate: Mutation, named: str, emulator_http: requests.Session, emulator_url: str
) -> None:
    original = _wire.create_params(FLEX_FLOW, INPUTS_BY_TYPE["studio"])
    mutated = mutate(original)
    response = create(emulator_http, emulator_url, mutated)
    assert response.status_code == 400, response.text
    offending = {named} | {key for key in mutated if mutated[key] != original.get(key)}
    message = response.json()["message"]
    assert any(key in message for key in offending), message


def _wire_to_output(name: str) -> str:
    """ChannelType -> channel_type (the response names fields in snake_case)."""
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")
