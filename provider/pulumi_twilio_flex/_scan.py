"""Scan: every resource of one kind in an account (Flex Flows, address configurations) as ready-to-use
declarations that adopt it (YAML catalog or Python).

Each declaration keeps only what differs from Twilio's defaults (`_wire.inputs_from`, the same minimal
declaration a refresh records) plus `adopt_sid`, under a resource name derived from the friendly name (or, for
an address configuration without one, the address).
Nothing printed comes from the credentials: the account SID and tokens stay out of the output.
"""

from __future__ import annotations

import json
import keyword
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from ._client import FlowJson
from ._description import ResourceDescription
from ._errors import FlexFlowError
from ._wire import ADOPT_SID, inputs_from, outputs_from
from .flex_flow.description import FLEX_FLOW

_SID_TAIL = 6  # hex digits of the SID that tell apart flows sharing a friendly name


class StackExportError(FlexFlowError):
    """The file given as a stack export is not the JSON `pulumi stack export` writes."""


def schema_file_name(description: ResourceDescription) -> str:
    return f"{description.catalog}.schema.json"


def declarations(
    flows: Iterable[FlowJson], taken: Iterable[str] = (), description: ResourceDescription = FLEX_FLOW
) -> dict[str, dict[str, Any]]:
    """{resource name: inputs with adopt_sid} for each resource, ordered by name."""
    flows = list(flows)
    names = resource_names(flows, taken, description)
    entries = {}
    for flow in flows:
        inputs = inputs_from(description, outputs_from(description, flow))
        entries[names[flow["sid"]]] = {ADOPT_SID: flow["sid"], **inputs}
    return dict(sorted(entries.items()))


def resource_names(
    flows: Iterable[FlowJson], taken: Iterable[str] = (), description: ResourceDescription = FLEX_FLOW
) -> dict[str, str]:
    """{SID: resource name}: the snake_case friendly name, plus the SID's tail when the name is not unique.

    A flow's name depends only on its own friendly name and SID and on whether that name is shared (or
    already used in the stack, `taken`), so scanning again gives the same names.
    """
    flows = list(flows)
    taken = set(taken)
    word = description.noun.split()[0]
    bases = {flow["sid"]: slug(_name_source(description, flow), word) for flow in flows}
    counts = Counter(bases.values())
    names: dict[str, str] = {}
    for sid, base in sorted(bases.items()):
        if counts[base] == 1 and base not in taken:
            names[sid] = base
            continue
        tail = _SID_TAIL
        while f"{base}_{sid[-tail:].lower()}" in taken | set(names.values()) and tail < len(sid):
            tail += 1
        names[sid] = f"{base}_{sid[-tail:].lower()}"
    return names


def slug(friendly_name: Any, word: str = "flow") -> str:
    """A Python identifier in snake_case, also a valid Pulumi resource name and YAML key."""
    words = re.findall(r"[a-z0-9]+", str(friendly_name or "").lower())
    name = "_".join(words) or word
    if name[0].isdigit() or keyword.iskeyword(name):
        name = f"{word}_{name}"
    return name


def _name_source(description: ResourceDescription, resource: FlowJson) -> Any:
    return next((resource[f] for f in description.name_from if resource.get(f)), None)


def known_flow_sids(stack_export: str, description: ResourceDescription = FLEX_FLOW) -> tuple[set[str], set[str]]:
    """(SIDs, resource names) of every resource of this kind in the output of `pulumi stack export` (a file, or -
    for stdin)."""
    try:
        text = sys.stdin.read() if stack_export == "-" else Path(stack_export).read_text()
        deployment = json.loads(text)["deployment"]
        resources = deployment.get("resources") or []
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StackExportError(
            f"{stack_export}: not the output of `pulumi stack export` ({type(exc).__name__}: {exc})"
        ) from exc
    sids, names = set(), set()
    for resource in resources:
        if not str(resource.get("type", "")).endswith(f":{description.type_name}"):
            continue
        names.add(str(resource.get("urn", "")).rsplit("::", 1)[-1])
        for sid in (resource.get("id"), (resource.get("outputs") or {}).get("sid")):
            if sid:
                sids.add(str(sid))
    return sids, names


def render_yaml(
    entries: Mapping[str, Mapping[str, Any]], source: str, description: ResourceDescription = FLEX_FLOW
) -> str:
    """A catalog (flows.yaml), with the modeline that lets the YAML language server find the JSON Schema."""
    schema = schema_file_name(description)
    kind = "" if description is FLEX_FLOW else f" --kind {description.catalog}"
    header = (
        f"# yaml-language-server: $schema={schema}\n"
        f"# {description.plural} scanned from {source}; each entry adopts an existing {description.noun}.\n"
        f"# Write the schema beside this file with: python -m pulumi_twilio_flex schema{kind} > {schema}\n"
    )
    if not entries:
        return header + "{}\n"
    return header + yaml.safe_dump(_plain(entries), sort_keys=False, default_flow_style=False, width=120)


def render_python(
    entries: Mapping[str, Mapping[str, Any]], source: str, description: ResourceDescription = FLEX_FLOW
) -> str:
    """A Pulumi program declaring each resource with its class; variable and resource name are the same."""
    lines = [
        f'"""{description.plural} scanned from {source}; each declaration adopts an existing {description.noun}."""',
        "",
        "import pulumi",
        "",
        python_import([description]),
        "",
    ]
    for name, inputs in entries.items():
        lines += ["", f"{name} = {python_declaration(description, name, inputs)}"]
        lines.append(f"pulumi.export({_literal(name + '_sid')}, {name}.sid)")
    return "\n".join(lines) + "\n"


def python_import(descriptions: Iterable[ResourceDescription]) -> str:
    """The import line for the classes (and typed group args) these declarations use."""
    names = sorted({n for d in descriptions for n in (d.type_name, *((d.group.args_class,) if d.group else ()))})
    return f"from pulumi_twilio_flex import {', '.join(names)}"


def python_declaration(description: ResourceDescription, name: str, inputs: Mapping[str, Any]) -> str:
    """`Class("name", key=value, ...)` over several lines, the group as its typed args."""
    group = description.group
    lines = [f"{description.type_name}(", f"    {_literal(name)},"]
    for key, value in inputs.items():
        if group is not None and key == group.name:
            args = ", ".join(f"{k}={_literal(v)}" for k, v in value.items())
            lines.append(f"    {key}={group.args_class}({args}),")
        else:
            lines.append(f"    {key}={_literal(value)},")
    return "\n".join([*lines, ")"])


def _literal(value: Any) -> str:
    """A Python literal; strings in double quotes (a JSON string is also a Python one), as formatters write them."""
    if isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        return json.dumps(value)
    return repr(value)


def _plain(entries: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    return {name: {k: dict(v) if isinstance(v, Mapping) else v for k, v in e.items()} for name, e in entries.items()}
