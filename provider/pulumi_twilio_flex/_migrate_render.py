"""How `migrate` prints its plan: a Pulumi program, or the two YAML catalogs (addresses.yaml, flows.yaml).

Either way every flow is declared under its resource name: a migrated one as the AddressConfiguration that takes
over its state (an alias to the FlexFlow of that name; `replaces_flow` in the catalog), the others as the same
FlexFlow, so running the result deletes nothing that is not replaced.
"""

from __future__ import annotations

import json
import keyword
from collections.abc import Sequence
from typing import Any

import yaml

from ._catalog import REPLACES_FLOW
from ._migrate import CONFIG_NAMESPACE, FLEX_FLOW_TYPE, MigrateError, Migration, SecretValue
from ._scan import python_declaration, python_import, slug
from .address_configuration.description import ADDRESS_CONFIGURATION
from .flex_flow.description import FLEX_FLOW


def render_python(migrations: Sequence[Migration], source: str, in_stack: bool = True) -> str:
    """A Pulumi program declaring every flow: the migrated ones as aliased AddressConfigurations."""
    lines = [
        f'"""Flex Flows of {source} migrated to Conversations address configurations.',
        "",
        "Each AddressConfiguration takes over the state of the Flex Flow of its name (the alias): `pulumi up` deletes",
        "the flow, then creates the address. The flows that cannot migrate stay declared as they are.",
        '"""',
        "",
        "import pulumi",
        "",
        python_import([ADDRESS_CONFIGURATION, FLEX_FLOW]),
        "",
    ]
    variables = _variables([m.name for m in migrations])
    for migration in migrations:
        variable = variables[migration.name]
        lines.append("")
        if migration.migrated:
            assert migration.address is not None
            lines.append(f"# {migration.name}: replaces Flex Flow {migration.sid}")
            declaration = python_declaration(ADDRESS_CONFIGURATION, migration.name, migration.address)
            if in_stack:
                alias = f"pulumi.Alias(type_={json.dumps(FLEX_FLOW_TYPE)})"
                declaration = declaration[: -len(")")] + f"    opts=pulumi.ResourceOptions(aliases=[{alias}]),\n)"
            else:
                lines.append("# Not in a stack: delete that flow first, or adopt it and migrate with --stack-export")
        else:
            lines.append(f"# {migration.name}: not migrated, stays a Flex Flow:")
            lines += [f"#   {reason}" for reason in migration.reasons]
            declaration = python_declaration(FLEX_FLOW, migration.name, migration.flow)
        lines.append(f"{variable} = {declaration}")
        lines.append(f"pulumi.export({json.dumps(migration.name + '_sid')}, {variable}.sid)")
    return "\n".join(lines) + "\n"


def render_yaml(migrations: Sequence[Migration], source: str) -> tuple[str, str]:
    """(addresses.yaml, flows.yaml): the migrated flows as address entries with `replaces_flow`, the rest as flows.

    Refuses secrets: a catalog holds plain values, so a secret flow needs the Python program.
    """
    secret = next((key for m in migrations for key in m.secrets), None)
    if secret is not None:
        raise MigrateError(f"{secret}: is a secret; a YAML catalog holds plain values only, use --format python")
    addresses = {m.name: {**(m.address or {}), REPLACES_FLOW: m.name} for m in migrations if m.migrated}
    flows = {m.name: m.flow for m in migrations if not m.migrated}
    kept = [f"#   {m.name}: {reason}" for m in migrations if not m.migrated for reason in m.reasons]
    address_header = (
        f"# Conversations address configurations replacing Flex Flows of {source}.\n"
        f"# Each entry's {REPLACES_FLOW} names the flow whose state it takes over: `pulumi up` deletes it, then\n"
        "# creates the address.\n"
    )
    flow_header = f"# Flex Flows of {source} that stay (not migrated):\n" + "".join(line + "\n" for line in kept)
    return address_header + _dump(addresses), flow_header + _dump(flows)


def secret_config_commands(migrations: Sequence[Migration]) -> list[str]:
    """The `pulumi config set --secret` commands the printed program needs, without their values."""
    return [f"pulumi config set --secret {CONFIG_NAMESPACE}:{key} <value>" for m in migrations for key in m.secrets]


def _variables(names: Sequence[str]) -> dict[str, str]:
    """A distinct Python identifier for each resource name."""
    taken: set[str] = set()
    variables = {}
    for name in names:
        base = slug(name)
        if keyword.iskeyword(base) or base == "pulumi":
            base = f"flow_{base}"
        variable, n = base, 2
        while variable in taken:
            variable, n = f"{base}_{n}", n + 1
        taken.add(variable)
        variables[name] = variable
    return variables


def _dump(entries: dict[str, Any]) -> str:
    if not entries:
        return "{}\n"
    return yaml.safe_dump(_plain(entries), sort_keys=False, default_flow_style=False, width=120)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, SecretValue):  # refused above; never reached with a value
        raise MigrateError(f"{value.key}: is a secret")
    return value
