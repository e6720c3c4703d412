"""`python -m pulumi_twilio_flex`: scan an account into declarations, migrate Flex Flows to Conversations address
configurations, or print a catalog's JSON Schema.

    python -m pulumi_twilio_flex scan [--kind flows|addresses] [--format yaml|python] [--friendly-name NAME]
                                      [--stack-export FILE] [--flex-api-url URL] [--conversations-api-url URL]
                                      [--edge EDGE] [--region REGION]
    python -m pulumi_twilio_flex migrate --conversation-service-sid IS... [--stack-export FILE] [--format python|yaml]
                                         [--output-dir DIR] [--flex-api-url URL] [--edge EDGE] [--region REGION]
    python -m pulumi_twilio_flex schema [--kind flows|addresses]

Credentials come from the environment only (TWILIO_ACCOUNT_SID + TWILIO_AUTH_TOKEN, or TWILIO_API_KEY +
TWILIO_API_SECRET), never from the command line, where shell history and process lists would keep them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ._client import TwilioClient
from ._config import resolve_settings
from ._description import ResourceDescription
from ._errors import FlexFlowError
from ._flows_schema import addresses_schema, flows_schema
from ._migrate import from_account, from_stack_export, plan
from ._migrate_render import render_python as render_migration_python
from ._migrate_render import render_yaml as render_migration_yaml
from ._migrate_render import secret_config_commands
from ._scan import declarations, known_flow_sids, render_python, render_yaml
from .address_configuration.description import ADDRESS_CONFIGURATION
from .flex_flow.description import FLEX_FLOW

_ENDPOINT_OPTIONS = {
    "flex_api_url": "twilio:flexApiUrl",
    "conversations_api_url": "twilio:conversationsApiUrl",
    "edge": "twilio:edge",
    "region": "twilio:region",
}
KINDS: dict[str, ResourceDescription] = {"flows": FLEX_FLOW, "addresses": ADDRESS_CONFIGURATION}


def main(argv: Sequence[str] | None = None, client_factory: Any = None) -> int:
    """`client_factory(settings)` builds the client for a Flex Flows scan (tests inject one); else TwilioClient."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "schema":
            description = KINDS[args.kind]
            schema = flows_schema() if description is FLEX_FLOW else addresses_schema()
            print(json.dumps(schema, indent=2))
            return 0
        if args.command == "migrate":
            return _migrate(args, client_factory)
        return _scan(args, client_factory)
    except FlexFlowError as exc:
        print(f"pulumi_twilio_flex {args.command}: {exc}", file=sys.stderr)
        return 1


def _scan(args: argparse.Namespace, client_factory: Any) -> int:
    description = KINDS[args.kind]
    endpoint = {key: getattr(args, option) for option, key in _ENDPOINT_OPTIONS.items()}
    # options win over the environment, as Pulumi config does
    settings = resolve_settings(endpoint.get, api=description.api)
    if client_factory is not None and description is FLEX_FLOW:
        client = client_factory(settings)
    else:
        client = TwilioClient(description, settings)
    # Flex Flows are filtered by Twilio; address configurations have no such filter, so the listing is.
    server_side = args.friendly_name is not None and "friendly_name" == description.reconcile_filter
    listed = client.list(friendly_name=args.friendly_name if server_side else None)
    found = [r for r in listed if args.friendly_name is None or r.get("friendly_name") == args.friendly_name]
    taken: set[str] = set()
    if args.stack_export:
        known, taken = known_flow_sids(args.stack_export, description)
        found = [r for r in found if r.get("sid") not in known]
    entries = declarations(found, taken, description)
    render = render_python if args.format == "python" else render_yaml
    sys.stdout.write(render(entries, settings.base_url, description))
    print(f"{len(entries)} {description.noun}(s) scanned from {settings.base_url}", file=sys.stderr)
    return 0


def _migrate(args: argparse.Namespace, client_factory: Any) -> int:
    """Print (or write) the declarations that replace the flows of a stack, or of the account."""
    others: list[str] = []
    if args.stack_export:
        (records, others), source, in_stack = from_stack_export(args.stack_export), "the stack", True
    else:
        endpoint = {key: getattr(args, option, None) for option, key in _ENDPOINT_OPTIONS.items()}
        settings = resolve_settings(endpoint.get, api=FLEX_FLOW.api)
        client = client_factory(settings) if client_factory is not None else TwilioClient(FLEX_FLOW, settings)
        records, source, in_stack = from_account(client.list()), settings.base_url, False
    migrations = plan(records, args.conversation_service_sid)
    if args.format == "python":
        sys.stdout.write(render_migration_python(migrations, source, in_stack))
    else:
        addresses, flows = render_migration_yaml(migrations, source)
        if args.output_dir:
            folder = Path(args.output_dir)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "addresses.yaml").write_text(addresses)
            (folder / "flows.yaml").write_text(flows)
        else:
            sys.stdout.write(addresses + "---\n" + flows)
    for migration in migrations:
        for reason in migration.reasons:
            print(f"{migration.name} ({migration.sid}) not migrated: {reason}", file=sys.stderr)
    for command in secret_config_commands(migrations):
        print(f"the program reads a secret of the stack; set it with: {command}", file=sys.stderr)
    if others:
        print(
            f"the stack also holds {len(others)} other resource(s) ({', '.join(others)}) that this output does not "
            "declare: add its declarations to your program rather than replacing the program with it",
            file=sys.stderr,
        )
    migrated = sum(m.migrated for m in migrations)
    print(f"{migrated} of {len(migrations)} flow(s) migrate to address configurations", file=sys.stderr)
    return 0


def _service_sid(value: str) -> str:
    if not re.fullmatch(r"IS[0-9a-fA-F]{32}", value):
        raise argparse.ArgumentTypeError("must be a Conversations service SID: IS followed by 32 hex digits")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pulumi_twilio_flex", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    scan = commands.add_parser("scan", help="print declarations that adopt every resource of a kind in the account")
    scan.add_argument("--kind", choices=tuple(KINDS), default="flows", help="Flex Flows (default) or addresses")
    scan.add_argument("--format", choices=("yaml", "python"), default="yaml", help="flows.yaml catalog or Python")
    scan.add_argument("--friendly-name", help="only those with this friendly name")
    scan.add_argument(
        "--stack-export",
        metavar="FILE",
        help="output of `pulumi stack export` (- for stdin): print only the flows no resource of that stack knows",
    )
    scan.add_argument("--flex-api-url", help="another base URL, such as the emulator's (TWILIO_FLEX_API_URL)")
    scan.add_argument("--conversations-api-url", help="another Conversations base URL (TWILIO_CONVERSATIONS_API_URL)")
    scan.add_argument("--edge", help="Twilio edge (TWILIO_EDGE)")
    scan.add_argument("--region", help="Twilio region (TWILIO_REGION)")
    migrate = commands.add_parser("migrate", help="print declarations replacing Flex Flows with address configurations")
    migrate.add_argument(
        "--conversation-service-sid",
        required=True,
        type=_service_sid,
        metavar="IS...",
        help="the Flex Conversations service new conversations are created in",
    )
    migrate.add_argument(
        "--stack-export", metavar="FILE", help="output of `pulumi stack export` (- for stdin); else the account's flows"
    )
    migrate.add_argument("--format", choices=("python", "yaml"), default="python", help="Python program or catalogs")
    migrate.add_argument("--output-dir", metavar="DIR", help="with --format yaml: write addresses.yaml and flows.yaml")
    migrate.add_argument("--flex-api-url", help="another base URL, such as the emulator's (TWILIO_FLEX_API_URL)")
    migrate.add_argument("--edge", help="Twilio edge (TWILIO_EDGE)")
    migrate.add_argument("--region", help="Twilio region (TWILIO_REGION)")
    schema = commands.add_parser("schema", help="print the JSON Schema of a catalog (flows.yaml, addresses.yaml)")
    schema.add_argument("--kind", choices=tuple(KINDS), default="flows")
    return parser


if __name__ == "__main__":
    sys.exit(main())
