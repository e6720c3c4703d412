"""The emulator's address configurations held to Twilio's OpenAPI description of Conversations v1.

Responses are validated against the spec's response schemas, closed (every declared field present, nothing
else), and each of the spec's request examples must answer the spec's response example for it (server-set
fields aside). The spec is found through CONVERSATIONS_OPENAPI_SPEC, default
../shared/twilio-oai/twilio_conversations_v1.json beside the repository; a missing spec fails, never skips.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

import pytest
import requests
from conversations_oai import INSTANCE_PATH, LIST_PATH, AddressesSpec, missing_spec_message, spec_path
from flex_oai import FORM, JSON, closed, violations

from pulumi_twilio_flex.emulator.services.conversations import models as emulator_models
from pulumi_twilio_flex.emulator.services.conversations import params as emulator_params

pytestmark = pytest.mark.contract

SERVER_SET = ("sid", "account_sid", "date_created", "date_updated", "url")
TIMEOUT = 10


class ConversationsSpec(AddressesSpec):
    """The address configuration part of twilio_conversations_v1.json, with what judging responses needs."""

    def request_examples(self, operation: str) -> dict[str, dict[str, Any]]:
        path = LIST_PATH if operation == "create" else INSTANCE_PATH
        examples = self.operation(path, "post")["requestBody"]["content"][FORM]["examples"]
        return {name: example["value"] for name, example in examples.items()}

    def success_status(self, path: str, method: str) -> int:
        (code,) = [int(code) for code in self.operation(path, method)["responses"] if str(code).startswith("2")]
        return code

    def response(self, path: str, method: str) -> dict[str, Any]:
        return self.operation(path, method)["responses"][str(self.success_status(path, method))]["content"][JSON]

    @cached_property
    def query_params(self) -> set[str]:
        return {p["name"] for p in self.operation(LIST_PATH, "get")["parameters"] if p["in"] == "query"}


def _spec_or_none() -> ConversationsSpec | None:
    return ConversationsSpec(spec_path()) if spec_path().is_file() else None


@pytest.fixture(scope="module")
def spec() -> ConversationsSpec:
    path = spec_path()
    if not path.is_file():
        pytest.fail(missing_spec_message(path), pytrace=False)
    return ConversationsSpec(path)


def form(example: dict[str, Any]) -> list[tuple[str, str]]:
    """A request example as the SDKs encode it: booleans as true/false, arrays as the key repeated."""
    pairs: list[tuple[str, str]] = []
    for name, value in example.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append((name, str(item).lower() if isinstance(item, bool) else str(item)))
    return pairs


def assert_matches(spec: ConversationsSpec, path: str, method: str, response: requests.Response) -> dict[str, Any]:
    """The status the spec declares, a JSON body, and no violation of the closed response schema."""
    assert response.status_code == spec.success_status(path, method), f"{method} {path}: {response.text}"
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    problems = violations(closed(spec.response(path, method)["schema"]), body)
    assert problems == [], f"{method.upper()} {path} answered outside the spec:\n" + "\n".join(problems)
    return body


def without_server_set(body: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in body.items() if key not in SERVER_SET}


def create(http: requests.Session, url: str, example: dict[str, Any]) -> requests.Response:
    return http.post(f"{url}{LIST_PATH}", data=form(example), timeout=TIMEOUT)


def _create_examples() -> list[Any]:
    spec = _spec_or_none()
    if spec is None:  # the `spec` fixture fails these tests with the full message
        return [pytest.param("spec-missing", id="spec-missing")]
    return list(spec.request_examples("create"))


@pytest.mark.parametrize("name", _create_examples())
def test_each_create_example_answers_the_spec_example(
    name: str, spec: ConversationsSpec, emulator_http: requests.Session, emulator_url: str
) -> None:
    body = assert_matches(
        spec, LIST_PATH, "post", create(emulator_http, emulator_url, spec.request_examples("create")[name])
    )
    expected = spec.response(LIST_PATH, "post")["examples"][name]["value"]
    assert without_server_set(body) == without_server_set(expected)
    assert body["url"] == f"{emulator_url}{LIST_PATH}/{body['sid']}"


def test_fetch_update_and_delete_answer_the_spec_examples(
    spec: ConversationsSpec, emulator_http: requests.Session, emulator_url: str
) -> None:
    created = create(emulator_http, emulator_url, spec.request_examples("create")["create"]).json()
    url = f"{emulator_url}{LIST_PATH}/{created['sid']}"
    fetched = assert_matches(spec, INSTANCE_PATH, "get", emulator_http.get(url, timeout=TIMEOUT))
    assert without_server_set(fetched) == without_server_set(
        spec.response(INSTANCE_PATH, "get")["examples"]["fetch"]["value"]
    )

    update = spec.request_examples("update")["update"]
    updated = assert_matches(spec, INSTANCE_PATH, "post", emulator_http.post(url, data=form(update), timeout=TIMEOUT))
    expected = spec.response(INSTANCE_PATH, "post")["examples"]["update"]["value"]
    assert without_server_set(updated) == without_server_set(expected)

    deleted = emulator_http.delete(url, timeout=TIMEOUT)
    assert deleted.status_code == spec.success_status(INSTANCE_PATH, "delete") and deleted.content == b""


def test_list_answers_the_spec_envelope(
    spec: ConversationsSpec, emulator_http: requests.Session, emulator_url: str
) -> None:
    for name in ("create", "createEmail", "createChat"):
        assert create(emulator_http, emulator_url, spec.request_examples("create")[name]).status_code == 201
    page = assert_matches(
        spec, LIST_PATH, "get", emulator_http.get(f"{emulator_url}{LIST_PATH}", params={"Type": "sms"}, timeout=TIMEOUT)
    )
    example = spec.response(LIST_PATH, "get")["examples"]["readByAddressType"]["value"]
    official = "https://conversations.twilio.com"
    for key in ("first_page_url", "url"):
        assert page["meta"][key] == example["meta"][key].replace(official, emulator_url)
    assert {k: page["meta"][k] for k in ("page", "page_size", "key", "next_page_url", "previous_page_url")} == {
        k: example["meta"][k] for k in ("page", "page_size", "key", "next_page_url", "previous_page_url")
    }
    assert [config["type"] for config in page["address_configurations"]] == ["sms"]
    blank = emulator_http.get(f"{emulator_url}{LIST_PATH}", params={"Type": "gbm"}, timeout=TIMEOUT)
    assert assert_matches(spec, LIST_PATH, "get", blank)["address_configurations"] == []


def test_the_emulator_knows_exactly_the_spec_parameters(spec: ConversationsSpec) -> None:
    create_params = set(spec.request_schema("create")["properties"])
    assert set(emulator_params.CREATE_PARAMS) | set(emulator_params.AUTO_CREATION_PARAMS) == create_params
    assert set(emulator_params.UPDATE_PARAMS) == set(spec.request_schema("update")["properties"])
    assert set(emulator_params.REQUIRED_ON_CREATE) == set(spec.request_schema("create")["required"])
    assert set(emulator_params.LIST_PARAMS) == spec.query_params


def test_the_emulator_enums_are_the_spec_enums(spec: ConversationsSpec) -> None:
    properties = spec.request_schema("create")["properties"]
    models = emulator_models
    assert properties["Type"]["enum"] == list(models.ADDRESS_TYPES)
    assert properties["AutoCreation.Type"]["enum"] == list(models.AUTO_CREATION_TYPES)
    assert [method.upper() for method in properties["AutoCreation.WebhookMethod"]["enum"]] == list(
        models.WEBHOOK_METHODS
    )
    described = properties["AutoCreation.WebhookFilters"]["description"]
    assert all(f"`{event}`" in described for event in models.WEBHOOK_FILTERS)
    assert described.count("`on") == len(models.WEBHOOK_FILTERS)
    page_size = spec.operation(LIST_PATH, "get")["parameters"]
    assert [p["schema"]["maximum"] for p in page_size if p["name"] == "PageSize"] == [emulator_params.MAX_PAGE_SIZE]


@pytest.mark.parametrize("missing", ["Type", "Address"])
def test_create_requires_what_the_spec_requires(
    missing: str, spec: ConversationsSpec, emulator_http: requests.Session, emulator_url: str
) -> None:
    example = dict(spec.request_examples("create")["create"])
    del example[missing]
    response = create(emulator_http, emulator_url, example)
    assert response.status_code == 400
    assert (response.json()["code"], response.json()["message"]) == (
        20001,
        f"Missing required parameter {missing} in the post body",
    )
    assert emulator_http.get(f"{emulator_url}{LIST_PATH}", timeout=TIMEOUT).json()["address_configurations"] == []
