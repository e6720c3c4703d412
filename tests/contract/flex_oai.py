"""Twilio's OpenAPI description of Flex v1, read for the Flex Flows operations.

Everything the contract tests compare against comes from here: request parameters, required names, enums,
response schemas (with `$ref`s inlined) and the success status of each operation.
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import FormatChecker, ValidationError
from openapi_schema_validator import OAS30Validator, oas30_format_checker

SPEC_ENV = "FLEX_OPENAPI_SPEC"
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SPEC = REPO_ROOT.parent / "shared" / "twilio-oai" / "twilio_flex_v1.json"

LIST_PATH = "/v1/FlexFlows"
INSTANCE_PATH = "/v1/FlexFlows/{Sid}"
FLOW_SCHEMA = "flex.v1.flex_flow"
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"

_SID_PATTERN = re.compile(r"\^([A-Z]{2})\[0-9a-fA-F\]\{32\}\$")

FORMAT_CHECKER = FormatChecker()
FORMAT_CHECKER.checkers = dict(oas30_format_checker.checkers)


@FORMAT_CHECKER.checks("uri")
def _is_uri(value: object) -> bool:  # jsonschema checks "uri" only when rfc3987 is installed; it is not here
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme) and bool(parts.netloc) and not any(c.isspace() for c in value)


def spec_path() -> Path:
    return Path(os.environ.get(SPEC_ENV) or DEFAULT_SPEC).expanduser()


def missing_spec_message(path: Path) -> str:
    return (
        f"Twilio's OpenAPI description of Flex v1 is not at {path}. Get twilio_flex_v1.json from Twilio's public "
        "twilio-oai repository (github.com/twilio/twilio-oai, file spec/json/twilio_flex_v1.json) and either put "
        f"it at {DEFAULT_SPEC} or point {SPEC_ENV} at it: `{SPEC_ENV}=/path/to/twilio_flex_v1.json pytest ...`."
    )


def inline_refs(node: Any, document: Mapping[str, Any], seen: tuple[str, ...] = ()) -> Any:
    """`node` with every local `$ref` replaced by a copy of its target (siblings of the `$ref` kept)."""
    if isinstance(node, list):
        return [inline_refs(item, document, seen) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str):
        if not ref.startswith("#/") or ref in seen:
            raise ValueError(f"cannot inline $ref {ref!r} (not local, or recursive)")
        target: Any = document
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        merged = {
            **inline_refs(target, document, (*seen, ref)),
            **{k: v for k, v in node.items() if k != "$ref"},
        }
        return inline_refs(merged, document, (*seen, ref))
    return {key: inline_refs(value, document, seen) for key, value in node.items()}


def closed(schema: dict[str, Any]) -> dict[str, Any]:
    """A copy where every object with `properties` requires them all and allows nothing else.

    Twilio's schemas leave both open; the emulator is held to the closed form: it answers every declared
    field, as Twilio's examples do, and nothing the spec does not declare.
    """
    schema = copy.deepcopy(schema)

    def close(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("properties"), dict) and node["properties"]:
                node["required"] = sorted(node["properties"])
                node["additionalProperties"] = False
            for value in node.values():
                close(value)
        elif isinstance(node, list):
            for item in node:
                close(item)

    close(schema)
    return schema


class FlexSpec:
    """The Flex Flows part of twilio_flex_v1.json."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))

    def operation(self, path: str, method: str) -> dict[str, Any]:
        return inline_refs(self.document["paths"][path][method], self.document)

    def request_schema(self, operation: str) -> dict[str, Any]:
        """The form schema of `create` (POST list) or `update` (POST instance)."""
        path = LIST_PATH if operation == "create" else INSTANCE_PATH
        return self.operation(path, "post")["requestBody"]["content"][FORM]["schema"]

    def request_params(self, operation: str) -> dict[str, dict[str, Any]]:
        return self.request_schema(operation)["properties"]

    def required_params(self, operation: str) -> set[str]:
        return set(self.request_schema(operation).get("required", ()))

    def query_params(self) -> dict[str, dict[str, Any]]:
        parameters = self.operation(LIST_PATH, "get")["parameters"]
        return {p["name"]: p["schema"] for p in parameters if p["in"] == "query"}

    def success_status(self, path: str, method: str) -> int:
        codes = [int(code) for code in self.operation(path, method)["responses"] if str(code).startswith("2")]
        assert len(codes) == 1, f"{method.upper()} {path} declares several success codes: {codes}"
        return codes[0]

    def response_schema(self, path: str, method: str) -> dict[str, Any]:
        status = str(self.success_status(path, method))
        return self.operation(path, method)["responses"][status]["content"][JSON]["schema"]

    @cached_property
    def flow_schema(self) -> dict[str, Any]:
        return inline_refs(self.document["components"]["schemas"][FLOW_SCHEMA], self.document)

    @property
    def flow_properties(self) -> set[str]:
        return set(self.flow_schema["properties"])

    def enum(self, operation: str, param: str) -> list[str]:
        return list(self.request_params(operation)[param]["enum"])


def violations(schema: Mapping[str, Any], instance: Any) -> list[str]:
    """Every way `instance` breaks `schema` (OpenAPI 3.0 dialect, formats checked), as readable lines."""
    validator = OAS30Validator(schema, format_checker=FORMAT_CHECKER)
    errors: list[ValidationError] = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    return [f"at {'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in errors]


def sample_value(name: str, schema: Mapping[str, Any]) -> str:
    """A valid form value for a parameter, derived from its schema alone (so a new parameter needs no edit)."""
    if "enum" in schema:
        return str(schema["enum"][0])
    kind = schema.get("type")
    if kind == "boolean":
        return "true"
    if kind == "integer":
        return str(max(int(schema.get("minimum", 1)), 1))
    if kind == "string":
        if schema.get("format") == "uri":
            return "https://example.com/flex-contract"
        pattern = schema.get("pattern")
        if pattern is not None:
            sid = _SID_PATTERN.fullmatch(pattern)
            if sid is None:
                raise AssertionError(f"{name}: teach sample_value the pattern {pattern!r}")
            return sid.group(1) + "0123456789abcdef" * 2
        return f"contract {name}"
    raise AssertionError(f"{name}: teach sample_value the schema {dict(schema)!r}")


def typed_form(params: Mapping[str, str], properties: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Form strings read the way the spec types them (what Prism does before validating a form body)."""
    typed: dict[str, Any] = {}
    for name, raw in params.items():
        kind = properties.get(name, {}).get("type")
        if kind == "boolean":
            typed[name] = {"true": True, "false": False}.get(raw, raw)
        elif kind == "integer":
            typed[name] = int(raw) if re.fullmatch(r"-?[0-9]+", raw) else raw
        else:
            typed[name] = raw
    return typed
