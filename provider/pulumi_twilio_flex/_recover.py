"""`twilio-flex-recover`: settle what a killed `pulumi up` left, before the next `up`. Silent when there is nothing.

Also installed under its first name, `flex-flows-recover`, for the deploy scripts that call it so.

When `pulumi up` dies between sending a create and recording its answer, the stack keeps a pending `creating`
operation and no SID, while Twilio may hold the resource (a flow, an address configuration). The next `pulumi up`
would create it a second time (the engine drops the pending operation and calls create again), and the first one
would stay an orphan.
In order, this command:

1. waits for the provider processes a killed CLI left running in the project directory, so that no create of
   the killed run lands after the account has been read (`_killed_cli`: SIGINT, then their exit, bounded by
   --wait);
2. removes the stack's lock when no CLI can still hold it (a dead pid on this host; from another host only with
   --sole-deployer), and on a file backend the empty checkpoint metadata a kill can leave;
3. reads the stack (`pulumi stack export`), and for each pending create of a resource of this package finds the
   resources of the account that the stack does not know and whose fields equal its declared inputs: for a
   FlexFlow, the flows named like it (a heuristic: two flows may share every input); for an
   AddressConfiguration, the one configuration of its address (exact: an address is unique in an account,
   and Twilio fetches a configuration by its address):

   - none: the create never happened; the pending operation is dropped and the next `up` creates it;
   - one: that resource is written into the stack, so `up` creates nothing;
   - more than there are pending creates with those inputs: nothing is changed; the SIDs are listed.

   An address held by a configuration with other values than declared is not adopted (it may be someone
   else's): the pending create is dropped, saying so, and `up` meets Twilio's conflict as it would without
   the kill.

It also lists resources that repeat one the stack knows, or the inputs of a pending create the stack has
created again since (orphans of an earlier recovery-less `up`). Only the kinds of resource with a pending
create are read, each on its own API.

How the stack is repaired. The engine's own repair is used where it works: when every pending create of the
stack is one of this package's to drop, `pulumi refresh --clear-pending-creates`. Adopting a flow goes through
`pulumi stack export`/`import` instead, because `pulumi refresh --import-pending-creates URN ID` (URN and ID as
two values, each after its own flag) does not do it with the v3.274.1 CLI: it turns the pending create into a
pending `importing` operation, which the refresh neither reads (it reads only recorded resources) nor keeps,
so the resource is lost and the next `up` creates the flow again beside the first. Measured on this provider:
the engine never even calls its `read`, so pulumi/pulumi#16175's `KeyError: '__provider'` is not reached.
A rewrite is also used when the stack holds pending creates of other packages' resources, which
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

from ._client import FlowJson, TwilioClient
from ._config import resolve_settings
from ._description import ResourceDescription
from ._errors import FlexFlowError, NotFoundError
from ._killed_cli import LockHolder, drain, file_backend_locks, leftover_providers, remove_truncated_checkpoint_attrs
from ._reconcile import matches
from ._session import new_session
from ._values import normalize
from ._wire import Form, create_params, outputs_from
from .address_configuration.description import ADDRESS_CONFIGURATION
from .flex_flow.description import FLEX_FLOW

DESCRIPTIONS: tuple[ResourceDescription, ...] = (FLEX_FLOW, ADDRESS_CONFIGURATION)
PROGS = ("twilio-flex-recover", "flex-flows-recover")  # the console scripts, the second kept for existing scripts
DEFAULT_PROG = "flex-flows-recover"  # how messages name the command when it is run otherwise (python -m)


def type_token(description: ResourceDescription) -> str:
    """The resource's Pulumi type, as the dynamic provider registers it (module `twilio-flex`, its class name)."""
    return f"pulumi-python:dynamic/twilio-flex:{description.type_name}"


FLEX_FLOW_TYPE = type_token(FLEX_FLOW)
ADDRESS_CONFIGURATION_TYPE = type_token(ADDRESS_CONFIGURATION)
BY_TYPE = {type_token(description): description for description in DESCRIPTIONS}
PROVIDER_KEY = "__provider"
SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d"
WAIT = 180.0  # seconds: a provider's last create may retry for twilio:retryTimeout (60 s by default) and more


@dataclass
class Plan:
    """What recovery would do: pending creates to adopt a resource for, to drop, and what it cannot decide."""

    adopt: dict[str, FlowJson] = field(default_factory=dict)  # URN -> the resource it made
    drop: list[str] = field(default_factory=list)  # URNs whose create never happened
    stale: list[str] = field(default_factory=list)  # URNs an `up` has since created again
    ambiguous: dict[str, list[str]] = field(default_factory=dict)  # URN -> candidate SIDs
    orphans: dict[str, list[str]] = field(default_factory=dict)  # URN of a known resource -> repeating SIDs
    held: dict[str, str] = field(default_factory=dict)  # URN dropped -> SID holding its address, other values
    kinds: dict[str, ResourceDescription] = field(default_factory=dict)  # URN -> its description, for messages

    def merge(self, other: Plan) -> None:
        self.adopt.update(other.adopt)
        self.drop += other.drop
        self.stale += other.stale
        self.ambiguous.update(other.ambiguous)
        self.orphans.update(other.orphans)
        self.held.update(other.held)
        self.kinds.update(other.kinds)

    @property
    def dropped(self) -> list[str]:
        """Every pending create the plan drops."""
        return self.drop + list(self.held) + self.stale


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


def plan_recovery(deployment: dict[str, Any], *clients: TwilioClient) -> Plan:
    """Match the pending creates of a deployment (secrets shown) against the account, one kind per client."""
    plan = Plan()
    for client in clients:
        plan.merge(_plan_kind(deployment, client))
    return plan


def _plan_kind(deployment: dict[str, Any], client: TwilioClient) -> Plan:
    """The plan for the pending creates of the client's kind of resource."""
    description = client.description
    plan = Plan()
    token = type_token(description)
    resources = [r for r in deployment.get("resources") or [] if r.get("type") == token]
    known = {r.get("id") for r in resources}
    known_urns = {r.get("urn") for r in resources}
    groups: dict[tuple[tuple[str, str], ...], tuple[Form, list[str]]] = {}
    sources = [(str(r.get("urn")), _params(description, r)) for r in resources]  # what an orphan may repeat
    for resource in pending_creates(deployment, description):
        urn, params = resource["urn"], _params(description, resource)
        plan.kinds[urn] = description
        if urn in known_urns:
            plan.stale.append(urn)  # its first resource, if any, shows up below as an orphan
            sources.append((urn, params))
            continue
        groups.setdefault(_key(params), (params, []))[1].append(urn)
    for params, urns in groups.values():
        taken = known | {r["sid"] for r in plan.adopt.values()}  # two form bodies may make one resource
        found = [r for r in _found(client, params) if r["sid"] not in taken]
        candidates = [r for r in found if matches(description, params, r)]
        if len(candidates) > len(urns):
            for urn in urns:
                plan.ambiguous[urn] = sorted(r["sid"] for r in candidates)
            continue
        holders = [r["sid"] for r in found if r not in candidates]
        if description.adopt_by and holders and not candidates:  # its address, with other values than declared
            plan.held.update((urn, holders[0]) for urn in urns)
            continue
        candidates.sort(key=lambda r: str(r.get("date_created")))
        for urn, made in zip(urns, candidates, strict=False):  # fewer candidates: the rest are dropped
            plan.adopt[urn] = made
        plan.drop += urns[len(candidates) :]
    adopted = {r["sid"] for r in plan.adopt.values()}
    seen: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
    for urn, params in sources:
        if (urn, _key(params)) in seen:  # a stale create of the inputs the stack has since recorded
            continue
        seen.add((urn, _key(params)))
        repeats = [
            r["sid"]
            for r in _found(client, params)
            if r["sid"] not in known and r["sid"] not in adopted and matches(description, params, r)
        ]
        listed = plan.orphans.setdefault(urn, [])
        listed += [sid for sid in repeats if sid not in listed]
        if not listed:
            del plan.orphans[urn]
    return plan


def apply_plan(deployment: dict[str, Any], plan: Plan) -> dict[str, Any]:
    """The deployment (secrets not shown) with the pending creates settled as `plan` says."""
    kept, adopted = [], []
    for op in deployment.get("pending_operations") or []:
        urn = op.get("resource", {}).get("urn")
        if op.get("type") == "creating" and urn in plan.adopt:
            made = plan.adopt[urn]
            description = BY_TYPE.get(op["resource"].get("type"), FLEX_FLOW)
            resource = dict(op["resource"], id=made["sid"])
            resource["outputs"] = {**outputs_from(description, made), PROVIDER_KEY: resource["inputs"][PROVIDER_KEY]}
            adopted.append(resource)
        elif not (op.get("type") == "creating" and urn in plan.dropped):
            kept.append(op)
    deployment["pending_operations"] = kept
    deployment["resources"] = list(deployment.get("resources") or []) + adopted
    return deployment


def describe_plan(plan: Plan) -> list[str]:
    def noun(urn: str) -> str:
        return plan.kinds.get(urn, FLEX_FLOW).noun

    def identifier(urn: str) -> str:
        return next(iter(plan.kinds[urn].adopt_by), "identifier")

    lines = [f"adopt {made['sid']} for {urn} (created {made.get('date_created')})" for urn, made in plan.adopt.items()]
    lines += [f"drop the pending create of {urn}: no {noun(urn)} was created for it" for urn in plan.drop]
    lines += [
        f"drop the pending create of {urn}: {sid} holds its {identifier(urn)} with other values than declared, so "
        f"it is not adopted (name it in adopt_sid to take it over, or delete it if no stack manages it)"
        for urn, sid in plan.held.items()
    ]
    lines += [f"drop the pending create of {urn}: the stack has created it since" for urn in plan.stale]
    lines += [
        f"cannot decide for {urn}: {len(sids)} {noun(urn)}s the stack does not know match it: {', '.join(sids)}"
        for urn, sids in plan.ambiguous.items()
    ]
    lines += [
        f"orphans repeating {urn}: {', '.join(sids)} (not in the stack; delete them if no other stack manages them)"
        for urn, sids in plan.orphans.items()
    ]
    return lines


def recover_options(argv: Sequence[str] | None = None, prog: str = DEFAULT_PROG) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.splitlines()[0])
    parser.set_defaults(prog=prog)
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
        print(f"{getattr(options, 'prog', DEFAULT_PROG)}: {reason}", file=err, flush=True)
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
    kinds = [description for description in DESCRIPTIONS if pending_creates(deployment, description)]
    if not kinds:
        return 0
    config = pulumi.config()
    try:
        session = new_session()  # one pool for every API: they may share a host (an emulator)
        clients = [TwilioClient(d, resolve_settings(config.get, api=d.api), session=session) for d in kinds]
        plan = plan_recovery(deployment, *clients)
    except FlexFlowError as error:
        return fail(str(error), 1)
    for line in describe_plan(plan):
        say(line)
    if plan.ambiguous:
        nouns = " and ".join(dict.fromkeys(f"{plan.kinds[urn].noun}s" for urn in plan.ambiguous))
        return fail(f"nothing changed: delete the {nouns} no stack manages, then run this again", 2)
    dropped = plan.dropped
    if not (plan.adopt or dropped):
        return 0
    if not options.yes:
        say("run again with --yes to apply")
        return 0
    if not plan.adopt and sorted(dropped) == sorted(op["urn"] for op in _pending_creates(deployment)):
        pulumi.clear_pending_creates()  # the engine's own repair does exactly this plan
    else:
        exported = pulumi.export()
        exported["deployment"] = apply_plan(exported["deployment"], plan)
        pulumi.import_deployment(exported)
    say(f"stack updated: {len(plan.adopt)} adopted, {len(dropped)} dropped")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """The console scripts' entry point; messages carry the name it was invoked by."""
    invoked = Path(sys.argv[0]).name
    options = recover_options(argv, prog=invoked if invoked in PROGS else DEFAULT_PROG)
    try:
        return recover(Pulumi(options.cwd, options.stack, options.pulumi), options)
    except PulumiFailed as error:
        print(f"{options.prog}: {error}", file=sys.stderr)
        return 1


def pending_creates(deployment: dict[str, Any], *descriptions: ResourceDescription) -> list[dict[str, Any]]:
    """The resources of the deployment's pending creates of these kinds (default: every kind of the package)."""
    tokens = {type_token(d) for d in descriptions} if descriptions else set(BY_TYPE)
    return [resource for resource in _pending_creates(deployment) if resource.get("type") in tokens]


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


def _params(description: ResourceDescription, resource: dict[str, Any]) -> Form:
    """The create parameters of a resource's recorded inputs, secrets in clear."""
    inputs = {k: _reveal(v) for k, v in (resource.get("inputs") or {}).items() if k != PROVIDER_KEY}
    return create_params(description, normalize(inputs))


def _key(params: Form) -> tuple[tuple[str, str], ...]:
    """Parameters as a hashable key (a list's items joined by a separator no value holds)."""
    return tuple(sorted((k, v if isinstance(v, str) else "\x1f".join(v)) for k, v in params.items()))


def _reveal(value: Any) -> Any:
    """A secret exported with --show-secrets is {signature: ..., "plaintext": json}; its value, otherwise as is."""
    if isinstance(value, dict) and SECRET_SIGNATURE in value and "plaintext" in value:
        return json.loads(value["plaintext"])
    if isinstance(value, dict):
        return {k: _reveal(v) for k, v in value.items()}
    return value


def _found(client: TwilioClient, params: Form) -> list[FlowJson]:
    """The account's resources these parameters may have made, by what names one.

    Where an identifier is unique in the account (an address), the one resource holding it, fetched by it; else
    those listed under the same reconcile filter (a flow's friendly name).
    """
    description = client.description
    for name in description.adopt_by:
        value = params.get(description.fields_by_name[name].api_name)
        if not isinstance(value, str):
            return []
        try:
            return [client.fetch(value)]
        except NotFoundError:
            return []
        except FlexFlowError as error:  # its message names what it fetched, and an address may be a secret
            raise FlexFlowError(str(error).replace(value, f"<the pending create's {name}>")) from None
    key = description.fields_by_name[description.reconcile_filter].api_name
    value = params.get(key)
    return list(client.list(filters={key: value} if isinstance(value, str) else None))


if __name__ == "__main__":
    sys.exit(main())
