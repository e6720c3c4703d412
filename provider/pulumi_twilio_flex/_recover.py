"""`flex-flows-recover`: settle the creates a killed `pulumi up` left pending, before the next `up`.

When `pulumi up` dies between sending a create and recording its answer, the stack keeps a pending `creating`
operation and no SID, while Twilio may hold the flow. The next `pulumi up` would create it a second time (the
engine drops the pending operation and calls create again), and the first flow would stay an orphan.
This command reads the stack (`pulumi stack export`), and for each pending FlexFlow create lists the flows
named like it that the stack does not know and whose fields equal its declared inputs:

- none: the create never happened; the pending operation is dropped and the next `up` creates the flow;
- one: that flow is written into the stack as the resource (`pulumi stack import`), so `up` creates nothing;
- more than there are pending creates with those inputs: nothing is changed; the SIDs are listed to sort out.

It also lists flows that repeat a resource the stack knows (orphans of an earlier recovery-less `up`).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._client import FlexFlowsClient, FlowJson
from ._config import resolve_settings
from ._errors import FlexFlowError
from ._reconcile import matches
from ._session import new_session
from ._values import normalize
from ._wire import create_params, outputs_from
from .flex_flow.description import FLEX_FLOW

FLEX_FLOW_TYPE = "pulumi-python:dynamic/twilio-flex:FlexFlow"
PROVIDER_KEY = "__provider"
SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d"


@dataclass
class Plan:
    """What recovery would do: pending creates to adopt a flow for, to drop, and what it cannot decide."""

    adopt: dict[str, FlowJson] = field(default_factory=dict)  # URN -> the flow it made
    drop: list[str] = field(default_factory=list)  # URNs whose create never happened
    stale: list[str] = field(default_factory=list)  # URNs an `up` has since created again
    ambiguous: dict[str, list[str]] = field(default_factory=dict)  # URN -> candidate SIDs
    orphans: dict[str, list[str]] = field(default_factory=dict)  # URN of a known resource -> repeating SIDs


class Pulumi:
    """The `pulumi` CLI in a project directory, for one stack."""

    def __init__(self, cwd: Path, stack: str | None, executable: str = "pulumi") -> None:
        self.cwd, self.stack, self.executable = cwd, stack, executable

    def run(self, *args: str) -> str:
        stack = ["--stack", self.stack] if self.stack else []
        done = subprocess.run(
            [self.executable, "--non-interactive", *args, *stack], cwd=self.cwd, capture_output=True, text=True
        )
        if done.returncode != 0:
            raise SystemExit(f"pulumi {args[0]} {args[1] if len(args) > 1 else ''} failed:\n{done.stderr.strip()}")
        return done.stdout

    def export(self, show_secrets: bool = False) -> dict[str, Any]:
        return json.loads(self.run("stack", "export", f"--show-secrets={'true' if show_secrets else 'false'}"))

    def config(self) -> dict[str, Any]:
        values = json.loads(self.run("config", "--show-secrets", "--json"))
        return {key: entry.get("value") for key, entry in values.items() if isinstance(entry, dict)}

    def import_deployment(self, exported: dict[str, Any]) -> None:
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump(exported, handle)
        try:
            self.run("stack", "import", "--file", handle.name)
        finally:
            Path(handle.name).unlink()


def plan_recovery(deployment: dict[str, Any], client: FlexFlowsClient) -> Plan:
    """Match the pending FlexFlow creates of a deployment (secrets shown) against the account."""
    plan = Plan()
    flows = [r for r in deployment.get("resources") or [] if r.get("type") == FLEX_FLOW_TYPE]
    known = {r.get("id") for r in flows}
    pending = [
        op["resource"]
        for op in deployment.get("pending_operations") or []
        if op.get("type") == "creating" and op.get("resource", {}).get("type") == FLEX_FLOW_TYPE
    ]
    groups: dict[tuple[tuple[str, str], ...], list[str]] = {}
    for resource in pending:
        if resource["urn"] in {r.get("urn") for r in flows}:
            plan.stale.append(resource["urn"])  # its first flow, if any, shows up below as an orphan
            continue
        groups.setdefault(_params_key(resource), []).append(resource["urn"])
    for key, urns in groups.items():
        params = dict(key)
        candidates = [f for f in _named(client, params) if f["sid"] not in known and matches(FLEX_FLOW, params, f)]
        if len(candidates) > len(urns):
            for urn in urns:
                plan.ambiguous[urn] = sorted(f["sid"] for f in candidates)
            continue
        candidates.sort(key=lambda f: str(f.get("date_created")))
        for urn, flow in zip(urns, candidates, strict=False):  # fewer candidates: the rest are dropped
            plan.adopt[urn] = flow
        plan.drop += urns[len(candidates) :]
    for resource in flows:
        params = dict(_params_key(resource))
        repeats = [f["sid"] for f in _named(client, params) if f["sid"] not in known and matches(FLEX_FLOW, params, f)]
        repeats = [sid for sid in repeats if sid not in {f["sid"] for f in plan.adopt.values()}]
        if repeats:
            plan.orphans[resource["urn"]] = repeats
    return plan


def apply_plan(deployment: dict[str, Any], plan: Plan) -> dict[str, Any]:
    """The deployment (secrets not shown) with the pending creates settled as `plan` says."""
    kept, adopted = [], []
    for op in deployment.get("pending_operations") or []:
        urn = op.get("resource", {}).get("urn")
        if op.get("type") == "creating" and urn in plan.adopt:
            flow = plan.adopt[urn]
            resource = dict(op["resource"], id=flow["sid"])
            resource["outputs"] = {**outputs_from(FLEX_FLOW, flow), PROVIDER_KEY: resource["inputs"][PROVIDER_KEY]}
            adopted.append(resource)
        elif not (op.get("type") == "creating" and urn in plan.drop + plan.stale):
            kept.append(op)
    deployment["pending_operations"] = kept
    deployment["resources"] = list(deployment.get("resources") or []) + adopted
    return deployment


def describe_plan(plan: Plan) -> list[str]:
    lines = [f"adopt {flow['sid']} for {urn} (created {flow.get('date_created')})" for urn, flow in plan.adopt.items()]
    lines += [f"drop the pending create of {urn}: no flow was created for it" for urn in plan.drop]
    lines += [f"drop the pending create of {urn}: the stack has created it since" for urn in plan.stale]
    lines += [
        f"cannot decide for {urn}: {len(sids)} flows the stack does not know match it: {', '.join(sids)}"
        for urn, sids in plan.ambiguous.items()
    ]
    lines += [
        f"orphans repeating {urn}: {', '.join(sids)} (not in the stack; delete them if no other stack manages them)"
        for urn, sids in plan.orphans.items()
    ]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="flex-flows-recover", description=__doc__.splitlines()[0])
    parser.add_argument("--stack", help="the stack (default: the selected one)")
    parser.add_argument("--cwd", type=Path, default=Path.cwd(), help="the Pulumi project directory")
    parser.add_argument("--yes", action="store_true", help="apply the plan (default: only print it)")
    parser.add_argument("--pulumi", default="pulumi", help="the pulumi executable")
    args = parser.parse_args(argv)
    pulumi = Pulumi(args.cwd, args.stack, args.pulumi)
    config = pulumi.config()
    try:
        client = FlexFlowsClient(resolve_settings(config.get), session=new_session())
        plan = plan_recovery(pulumi.export(show_secrets=True)["deployment"], client)
    except FlexFlowError as error:
        print(f"flex-flows-recover: {error}", file=sys.stderr)
        return 1
    for line in describe_plan(plan) or ["nothing to recover: no FlexFlow create was interrupted"]:
        print(line)
    if plan.ambiguous:
        print("nothing changed: delete the flows no stack manages, then run this again", file=sys.stderr)
        return 2
    if not (plan.adopt or plan.drop or plan.stale):
        return 0
    if not args.yes:
        print("run again with --yes to apply")
        return 0
    exported = pulumi.export()
    exported["deployment"] = apply_plan(exported["deployment"], plan)
    pulumi.import_deployment(exported)
    dropped = len(plan.drop) + len(plan.stale)
    print(f"stack updated: {len(plan.adopt)} adopted, {dropped} dropped; now run `pulumi up`")
    return 0


def _params_key(resource: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    inputs = {k: _reveal(v) for k, v in (resource.get("inputs") or {}).items() if k != PROVIDER_KEY}
    params = create_params(FLEX_FLOW, normalize(inputs))
    return tuple(sorted((k, v if isinstance(v, str) else "\x1f".join(v)) for k, v in params.items()))


def _reveal(value: Any) -> Any:
    """A secret exported with --show-secrets is {signature: ..., "plaintext": json}; its value, otherwise as is."""
    if isinstance(value, dict) and SECRET_SIGNATURE in value and "plaintext" in value:
        return json.loads(value["plaintext"])
    if isinstance(value, dict):
        return {k: _reveal(v) for k, v in value.items()}
    return value


def _named(client: FlexFlowsClient, params: dict[str, str]) -> list[FlowJson]:
    return list(client.list(friendly_name=params.get("FriendlyName")))


if __name__ == "__main__":
    sys.exit(main())
