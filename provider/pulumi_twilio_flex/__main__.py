"""`python -m pulumi_twilio_flex`: scan an account into declarations, or print the flows.yaml JSON Schema.

    python -m pulumi_twilio_flex scan [--format yaml|python] [--friendly-name NAME] [--stack-export FILE]
                                      [--flex-api-url URL] [--edge EDGE] [--region REGION]
    python -m pulumi_twilio_flex schema

Credentials come from the environment only (TWILIO_ACCOUNT_SID + TWILIO_AUTH_TOKEN, or TWILIO_API_KEY +
TWILIO_API_SECRET), never from the command line, where shell history and process lists would keep them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from ._client import FlexFlowsClient
from ._config import resolve_settings
from ._errors import FlexFlowError
from ._flows_schema import flows_schema
from ._scan import declarations, known_flow_sids, render_python, render_yaml

_ENDPOINT_OPTIONS = {"flex_api_url": "twilio:flexApiUrl", "edge": "twilio:edge", "region": "twilio:region"}


def main(argv: Sequence[str] | None = None, client_factory: Any = FlexFlowsClient) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "schema":
            print(json.dumps(flows_schema(), indent=2))
            return 0
        return _scan(args, client_factory)
    except FlexFlowError as exc:
        print(f"pulumi_twilio_flex {args.command}: {exc}", file=sys.stderr)
        return 1


def _scan(args: argparse.Namespace, client_factory: Any) -> int:
    endpoint = {key: getattr(args, option) for option, key in _ENDPOINT_OPTIONS.items()}
    settings = resolve_settings(endpoint.get)  # options win over the environment, as Pulumi config does
    flows = list(client_factory(settings).list(friendly_name=args.friendly_name))
    taken: set[str] = set()
    if args.stack_export:
        known, taken = known_flow_sids(args.stack_export)
        flows = [flow for flow in flows if flow.get("sid") not in known]
    entries = declarations(flows, taken)
    render = render_python if args.format == "python" else render_yaml
    sys.stdout.write(render(entries, settings.base_url))
    print(f"{len(entries)} flow(s) scanned from {settings.base_url}", file=sys.stderr)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pulumi_twilio_flex", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    scan = commands.add_parser("scan", help="print declarations that adopt every flow of the account")
    scan.add_argument("--format", choices=("yaml", "python"), default="yaml", help="flows.yaml catalog or Python")
    scan.add_argument("--friendly-name", help="only the flows with this friendly name")
    scan.add_argument(
        "--stack-export",
        metavar="FILE",
        help="output of `pulumi stack export` (- for stdin): print only the flows no resource of that stack knows",
    )
    scan.add_argument("--flex-api-url", help="another base URL, such as the emulator's (TWILIO_FLEX_API_URL)")
    scan.add_argument("--edge", help="Twilio edge (TWILIO_EDGE)")
    scan.add_argument("--region", help="Twilio region (TWILIO_REGION)")
    commands.add_parser("schema", help="print the JSON Schema of flows.yaml")
    return parser


if __name__ == "__main__":
    sys.exit(main())
