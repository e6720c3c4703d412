"""`flex-flows-recover`: settle what a killed `pulumi up` left, before the next `up`. Silent when there is nothing.

When `pulumi up` dies between sending a create and recording its answer, the stack keeps a pending `creating`
operation and no SID, while Twilio may hold the flow. The next `pulumi up` would create it a second time (the
engine drops the pending operation and calls create again), and the first flow would stay an orphan.
In order, this command:

1. waits for the provider processes a killed CLI left running in the project directory, so that no create of
   the killed run lands after the account has been read (`_killed_cli`: SIGINT, then their exit, bounded by
   --wait);
2. removes the stack's lock when no CLI can still hold it (a dead pid on this host; from another host only with
   --sole-deployer), and on a file backend the empty checkpoint metadata a kill can leave;
3. reads the stack (`pulumi stack export`), and for each pending FlexFlow create lists the flows named like it
   that the stack does not know and whose fields equal its declared inputs:

   - none: the create never happened; the pending operation is dropped and the next `up` creates the flow;
   - one: that flow is written into the stack as the resource, so `up` creates nothing;
   - more than there are pending creates with those inputs: nothing is changed; the SIDs are listed.

It also lists flows that repeat a resource the stack knows (orphans of an earlier recovery-less `up`).

How the stack is repaired. The engine's own repair is used where it works: when every pending create of the
stack is a FlexFlow create to drop, `pulumi refresh --clear-pending-creates`. Adopting a flow goes through
`pulumi stack export`/`import` instead, because `pulumi refresh --import-pending-creates URN ID` (URN and ID as
two values, each after its own flag) does not do it with the v3.274.1 CLI: it turns the pending create into a
pending `importing` operation, which the refresh neither reads (it reads only recorded resources) nor keeps,
so the resource is lost and the next `up` creates the flow again beside the first. Measured on this provider:
the engine never even calls its `read`, so pulumi/pulumi#16175's `KeyError: '__provider'` is not reached.
A rewrite is also used when the stack holds pending creates of other resource types, which
`--clear-pending-creates` would drop with the rest.
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import yaml

from ._client import FlexFlowsClient, FlowJson
from ._config import resolve_settings
from ._errors import FlexFlowError
from ._killed_cli import LockHolder, drain, file_backend_locks, leftover_providers, remove_truncated_checkpoint_attrs
from ._reconcile import matches
from ._session import new_session
from ._values import normalize
from ._wire import create_params, outputs_from
from .flex_flow.description import FLEX_FLOW

FLEX_FLOW_TYPE = "pulumi-python:dynamic/twilio-flex:FlexFlow"
PROVIDER_KEY = "__provider"
SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d"
WAIT = 180.0  # seconds: a provider's last create may retry for twilio:retryTimeout (60 s by default) and more


@dataclass
class Plan:
    """What recovery would do: pending creates to adopt a flow for, to drop, and what it cannot decide."""

    adopt: dict[str, FlowJson] = field(default_factory=dict)  # URN -> the flow it made
    drop: list[str] = field(default_factory=list)  # URNs whose create never happened
    stale: list[str] = field(default_factory=list)  # URNs an `up` has since created again
    ambiguous: dict[str, list[str]] = field(default_factory=dict)  # URN -> candidate SIDs
    orphans: dict[str, list[str]] = field(default_factory=dict)  # URN of a known resource -> repeating SIDs


class PulumiFailed(Exception):
    """A `pulumi` command exited with an error; the message holds what it printed on stderr."""


class Pulumi:
    """The `pulumi` CLI in a project directory, for one stack."""

    def __init__(self, cwd: Path, stack: str | None, executable: str = "pulumi") -> None:
        self.cwd, self.stack, self.executable = cwd, stack, executable

    def run(self, *args: str, stack: bool = True) -> str:
        selected = ["--stack", self.stack] if self.stack and stack else []
        done = subprocess.run(
            [self.executable, "--non-interactive", *args, *selected], cwd=self.cwd, capture_output=True, text=True
        )
        if done.returncode != 0:
            raise PulumiFailed(f"`pulumi {' '.join(args[:2])}` failed:\n{done.stderr.strip()}")
        return done.stdout

    def whoami_url(self) -> str:
        """The backend's URL (`file://...` for a file backend)."""
        return str(json.loads(self.run("whoami", "--json", stack=False)).get("url", ""))

    def qualified_stack(self) -> str:
        """The stack's fully qualified name (`organization/<project>/<stack>` on a file backend).

        The CLI cannot say when the checkpoint's metadata is truncated; a stack named with --stack is found then.
        """
        try:
            return self.run("stack", "--show-name", "--fully-qualify-stack-names").strip()
        except PulumiFailed:
            if not self.stack:
                raise
            project = yaml.safe_load((self.cwd / "Pulumi.yaml").read_text())["name"]
            return self.stack if self.stack.count("/") == 2 else f"organization/{project}/{self.stack.split('/')[-1]}"

    def clear_pending_creates(self) -> None:
        """The engine's repair: drop every pending create of the stack (`pulumi refresh` also reads every resource)."""
        self.run("refresh", "--yes", "--skip-preview", "--clear-pending-creates")

    def update_in_progress(self) -> bool:
        """Whether the backend reports an update of the stack in progress (Pulumi Cloud does; files do not)."""
        stacks = json.loads(self.run("stack", "ls", "--json", stack=False) or "[]")
        wanted = self.stack
        return any(
            entry.get("updateInProgress") is True
            and (
                entry.get("current")
                if wanted is None
                else entry.get("name", "").split("/")[-1] == wanted.split("/")[-1]
            )
            for entry in stacks
        )

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
    pending = pending_flow_creates(deployment)
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


def recover_options(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="flex-flows-recover", description=__doc__.splitlines()[0])
    parser.add_argument("--stack", help="the stack (default: the selected one)")
    parser.add_argument("--cwd", type=Path, default=Path.cwd(), help="the Pulumi project directory")
    parser.add_argument("--yes", action="store_true", help="apply the repair (default: only print it)")
    parser.add_argument(
        "--sole-deployer",
        action="store_true",
        help="no other deploy of the stack can be running (a CI concurrency group): a lock held from another "
        "machine is stale",
    )
    parser.add_argument(
        "--wait", type=float, default=WAIT, help=f"seconds to wait for leftover providers (default {WAIT:g})"
    )
    parser.add_argument("--pulumi", default="pulumi", help="the pulumi executable")
    return parser.parse_args(argv)


def recover(pulumi: Pulumi, options: argparse.Namespace, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Settle what a killed `pulumi up` left; print only what is done, nothing when there is nothing to do."""

    def say(line: str) -> None:
        print(line, file=out, flush=True)

    def fail(reason: str, code: int = 3) -> int:
        print(f"flex-flows-recover: {reason}", file=err, flush=True)
        return code

    leftovers = leftover_providers(pulumi.cwd)
    if leftovers:
        many = len(leftovers) > 1
        say(
            f"waiting for {len(leftovers)} provider process{'es' if many else ''} left by a killed pulumi "
            f"(pid{'s' if many else ''} {', '.join(map(str, leftovers))}) to finish {'their' if many else 'its'} "
            "requests"
        )
        alive = drain(leftovers, options.wait)
        if alive:
            pids = ", ".join(map(str, alive))
            return fail(f"provider processes still running after {options.wait:g} s (pids {pids}); nothing changed")
    refusal = _settle_lock(pulumi, options, say)
    if refusal:
        return fail(refusal)
    deployment = pulumi.export(show_secrets=True)["deployment"]
    if not pending_flow_creates(deployment):
        return 0
    config = pulumi.config()
    try:
        client = FlexFlowsClient(resolve_settings(config.get), session=new_session())
        plan = plan_recovery(deployment, client)
    except FlexFlowError as error:
        return fail(str(error), 1)
    for line in describe_plan(plan):
        say(line)
    if plan.ambiguous:
        return fail("nothing changed: delete the flows no stack manages, then run this again", 2)
    if not (plan.adopt or plan.drop or plan.stale):
        return 0
    if not options.yes:
        say("run again with --yes to apply")
        return 0
    dropped = plan.drop + plan.stale
    if not plan.adopt and sorted(dropped) == sorted(op["urn"] for op in _pending_creates(deployment)):
        pulumi.clear_pending_creates()  # the engine's own repair does exactly this plan
    else:
        exported = pulumi.export()
        exported["deployment"] = apply_plan(exported["deployment"], plan)
        pulumi.import_deployment(exported)
    say(f"stack updated: {len(plan.adopt)} adopted, {len(dropped)} dropped")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    options = recover_options(argv)
    try:
        return recover(Pulumi(options.cwd, options.stack, options.pulumi), options)
    except PulumiFailed as error:
        print(f"flex-flows-recover: {error}", file=sys.stderr)
        return 1


def pending_flow_creates(deployment: dict[str, Any]) -> list[dict[str, Any]]:
    """The resources of the deployment's pending FlexFlow creates."""
    return [resource for resource in _pending_creates(deployment) if resource.get("type") == FLEX_FLOW_TYPE]


def _pending_creates(deployment: dict[str, Any]) -> list[dict[str, Any]]:
    ops = deployment.get("pending_operations") or []
    return [op.get("resource", {}) for op in ops if op.get("type") == "creating"]


def _settle_lock(pulumi: Pulumi, options: argparse.Namespace, say: Callable[[str], None]) -> str | None:
    """Remove a lock no CLI can still be working under; the reason to stop when one may be."""
    url = pulumi.whoami_url()
    on_files = url.startswith("file://")
    stack = pulumi.qualified_stack() if on_files else ""
    holders = file_backend_locks(url, stack) if on_files else [LockHolder()] if pulumi.update_in_progress() else []
    live = [holder for holder in holders if not holder.stale(options.sole_deployer)]
    if live:
        here = [h for h in live if h.pid is not None and h.host == socket.gethostname()]
        if here:
            return (
                f"the stack is locked by a running pulumi ({here[0].describe()}); "
                "nothing changed: run this again once it has finished"
            )
        return (
            f"the stack is locked by {live[0].describe()}, which cannot be checked from here; nothing changed: "
            "with --sole-deployer (no other deploy of the stack can be running) it counts as left by a killed run"
        )
    if on_files:
        for path in remove_truncated_checkpoint_attrs(url, stack):
            say(f"removed {path.name}: empty, left by a kill beside the stack's checkpoint")
    if holders:
        who = "; ".join(holder.describe() for holder in holders)
        if not options.yes:
            say(f"would remove the stack's lock, left by a killed pulumi ({who})")
            return None
        pulumi.run("cancel", "--yes")
        say(f"removed the stack's lock, left by a killed pulumi ({who})")
    return None


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
