"""The YAML catalogs: `flows_from_yaml("flows.yaml")` declares one `FlexFlow` per entry,
`addresses_from_yaml("addresses.yaml")` one `AddressConfiguration`; an address entry's `replaces_flow: <name>`
makes it take over the state of that FlexFlow (an alias), so `pulumi up` swaps the flow for the address.

The whole file is checked with the rules `check` applies (`_validation.validate`) before any resource is
declared, so a broken catalog fails the preview with every problem listed as `file:line: property: rule`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pulumi
import yaml

from ._declared_resource import RESOURCE_MODULE
from ._description import ResourceDescription
from ._errors import FlexFlowError
from ._flows_schema import RESOURCE_NAME_PATTERN
from ._validation import validate
from ._values import normalize
from ._wire import ADOPT_SID
from .address_configuration.description import ADDRESS_CONFIGURATION
from .address_configuration.resource import AddressConfiguration
from .flex_flow.description import FLEX_FLOW
from .flex_flow.resource import FlexFlow

_STR_TAG = "tag:yaml.org,2002:str"
REPLACES_FLOW = "replaces_flow"  # an addresses.yaml entry's key: the flow (resource name) it takes over


class CatalogError(FlexFlowError, pulumi.RunError):
    """The catalog file cannot be read or breaks a rule; `problems` holds one `file:line: ...` per rule.

    A `RunError`, so Pulumi prints the problems alone, without the program's stack trace.
    """

    def __init__(self, problems: list[str], plural: str = FLEX_FLOW.plural) -> None:
        self.problems = problems
        super().__init__(f"the {plural} catalog is invalid:\n" + "\n".join(problems))


def flows_from_yaml(path: str | os.PathLike[str], opts: pulumi.ResourceOptions | None = None) -> dict[str, FlexFlow]:
    """Declare every flow of the catalog at `path` (with `opts`) and return them by resource name."""
    entries = load_catalog(path)
    return {name: FlexFlow(name, opts=opts, **inputs) for name, inputs in entries.items()}


def addresses_from_yaml(
    path: str | os.PathLike[str], opts: pulumi.ResourceOptions | None = None
) -> dict[str, AddressConfiguration]:
    """Declare every address configuration of the catalog at `path` (with `opts`) and return them by name."""
    entries = load_catalog(path, ADDRESS_CONFIGURATION)
    return {
        name: AddressConfiguration(name, opts=_replacing(opts, inputs), **inputs) for name, inputs in entries.items()
    }


def _replacing(opts: pulumi.ResourceOptions | None, inputs: dict[str, Any]) -> pulumi.ResourceOptions | None:
    """`opts`, plus, for an entry with `replaces_flow`, the alias that makes it take over that flow's state: the
    engine then deletes the flow before it creates the address."""
    flow = inputs.pop(REPLACES_FLOW, None)
    if flow is None:
        return opts
    alias = pulumi.Alias(name=flow, type_=f"pulumi-python:dynamic/{RESOURCE_MODULE}:{FLEX_FLOW.type_name}")
    return pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(aliases=[alias]))


def load_catalog(
    path: str | os.PathLike[str], description: ResourceDescription = FLEX_FLOW
) -> dict[str, dict[str, Any]]:
    """The catalog's entries, checked; raise CatalogError naming the file and line of every problem."""
    label = os.fspath(path)
    plural, noun = description.plural, description.noun
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogError([f"{label}: cannot be read ({exc.strerror or type(exc).__name__})"], plural) from exc
    try:
        loader = yaml.SafeLoader(text)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else {}
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{label}:{mark.line + 1}" if mark is not None else label
        raise CatalogError([f"{where}: not valid YAML ({getattr(exc, 'problem', None) or exc})"], plural) from exc
    if root is None or data is None:
        return {}  # an empty file, or comments only
    if not isinstance(root, yaml.MappingNode) or not isinstance(data, dict):
        raise CatalogError([f"{label}:{_line(root)}: must be a mapping of resource names to {noun}s"], plural)
    problems: list[str] = []
    entries: dict[str, dict[str, Any]] = {}
    adopted: dict[str, str] = {}
    for key_node, value_node in root.value:
        name, where = key_node.value, f"{label}:{_line(key_node)}"
        if name in entries:
            problems.append(f"{where}: {name}: is declared twice")
            continue
        if key_node.tag != _STR_TAG or not re.match(RESOURCE_NAME_PATTERN, name):
            problems.append(f"{where}: {name}: a resource name must match {RESOURCE_NAME_PATTERN}")
            continue
        inputs = data[name]
        if not isinstance(inputs, dict):
            problems.append(f"{where}: {name}: must be a mapping of {description.type_name} properties")
            continue
        for path, line in _repeated_keys(value_node):
            problems.append(f"{label}:{line}: {path}: is given twice in {name} (YAML would keep only the last)")
        inputs = normalize(inputs)
        replaces = inputs.pop(REPLACES_FLOW, None)
        if replaces is not None and description is not ADDRESS_CONFIGURATION:
            line = _line_of(value_node, REPLACES_FLOW, key_node)
            problems.append(f"{label}:{line}: {REPLACES_FLOW}: only an address configuration replaces a flow")
        elif replaces is not None and not (isinstance(replaces, str) and re.match(RESOURCE_NAME_PATTERN, replaces)):
            line = _line_of(value_node, REPLACES_FLOW, key_node)
            problems.append(
                f"{label}:{line}: {REPLACES_FLOW}: must be a flow's resource name ({RESOURCE_NAME_PATTERN})"
            )
        for prop, reason in validate(description, inputs, reveal=True):
            problems.append(f"{label}:{_line_of(value_node, prop, key_node)}: {prop}: {reason}")
        sid = inputs.get(ADOPT_SID)
        if isinstance(sid, str) and sid in adopted:
            line = _line_of(value_node, ADOPT_SID, key_node)
            problems.append(f"{label}:{line}: {ADOPT_SID}: {sid} is already adopted by {adopted[sid]}")
        elif isinstance(sid, str):
            adopted[sid] = name
        entries[name] = inputs if replaces is None else {**inputs, REPLACES_FLOW: replaces}
    if problems:
        raise CatalogError(problems, description.plural)
    return entries


def _repeated_keys(node: yaml.Node, prefix: str = "") -> list[tuple[str, int]]:
    """Every key given again in a mapping (and in the mappings inside it), with its path and the line of the repeat."""
    repeated: list[tuple[str, int]] = []
    if not isinstance(node, yaml.MappingNode):
        return repeated
    seen: set[str] = set()
    for key_node, value_node in node.value:
        key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else ""
        path = prefix + key
        if key in seen:
            repeated.append((path, _line(key_node)))
        seen.add(key)
        repeated += _repeated_keys(value_node, path + ".")
    return repeated


def _line_of(node: yaml.Node, path: str, fallback: yaml.Node) -> int:
    """The line of the value at `path` (`integration.retry_count`, `auto_creation.webhook_filters[1]`), or of its
    nearest declared parent."""
    line = _line(fallback)
    for part in path.split("."):
        key, _, index = part.partition("[")
        child = _child(node, key)
        if child is None:
            break
        key_node, node = child
        line = _line(key_node)
        if index and isinstance(node, yaml.SequenceNode) and int(index.rstrip("]")) < len(node.value):
            line = _line(node.value[int(index.rstrip("]"))])  # a list item: its own line
    return line


def _child(node: yaml.Node, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return key_node, value_node
    return None


def _line(node: yaml.Node | None) -> int:
    mark = getattr(node, "start_mark", None)
    return mark.line + 1 if mark is not None else 1
