"""Migrate: the Flex Flows of a stack (or of an account) mapped onto the Conversations address configurations that
replace them, and the flows that cannot be, each with its reason.

Facts this mapping follows, from Twilio's documentation:
- "Migrate from Legacy Messaging" (Flex admin guide,
  https://www.twilio.com/docs/flex/admin-guide/setup/conversations/migrate-from-legacy-messaging): each address is
  migrated on its own, without production traffic on it: delete the legacy address, then create a Conversations
  address for the same phone or WhatsApp number. Long-lived channels are not supported; the task integration is
  not: use Studio or a webhook (which creates an Interaction) instead.
- "Address Configuration Resource" (https://www.twilio.com/docs/conversations/api/address-configuration-resource):
  address types sms, whatsapp, messenger, ...; a WhatsApp address is spelled `whatsapp:+E164`; auto-creation of
  type studio (flow SID, retry count) or webhook (URL, method, filters such as onMessageAdded, the event a new
  inbound message fires) into a Conversations service.
- "Flex Flow Resource" (https://www.twilio.com/docs/flex/developer/messaging/flow): channel types web, sms,
  facebook, whatsapp, line, custom; `contact_identity` is the number or identity the flow serves.

The guide covers phone and WhatsApp numbers; web chat is not migrated (Flex Conversations' web chat is a new
widget with an address of its own), and line and custom have no Conversations address type.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._errors import FlexFlowError
from ._scan import StackExportError, resource_names
from ._wire import ADOPT_SID, DECLARED, inputs_from, outputs_from
from .flex_flow.description import FLEX_FLOW

FLEX_FLOW_TYPE = f"pulumi-python:dynamic/twilio-flex:{FLEX_FLOW.type_name}"
SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d"  # marks a secret value in Pulumi's state
CONFIG_NAMESPACE = "migrate"
WEBHOOK_FILTERS = ("onMessageAdded",)  # what a legacy external webhook was called for: each inbound message
ADDRESS_TYPES = {"sms": "sms", "whatsapp": "whatsapp", "facebook": "messenger"}
ADDRESS_PREFIXES = {"whatsapp": "whatsapp:", "messenger": "messenger:"}  # how Conversations spells these addresses
_DECIDING = ("channel_type", "integration_type", "long_lived", "janitor_enabled", "integration")
_INTERNAL = ("__provider", DECLARED, ADOPT_SID)


class MigrateError(FlexFlowError):
    """A flow cannot be read well enough to plan its migration (a secret where the mapping must see the value)."""


@dataclass(frozen=True)
class SecretValue:
    """A secret of the stack export: never printed; the program reads it from the stack's config instead."""

    key: str  # `<resource>.<property>`, the key under the `migrate` config namespace

    def __repr__(self) -> str:  # how the Python renderer spells it
        return f"pulumi.Config({json.dumps(CONFIG_NAMESPACE)}).require_secret({json.dumps(self.key)})"


@dataclass(frozen=True)
class FlowRecord:
    """One Flex Flow as found: its resource name, SID, declared inputs and reported outputs."""

    name: str
    sid: str
    inputs: dict[str, Any]
    outputs: dict[str, Any]
    in_stack: bool = True  # False for a flow found in the account: its declaration adopts it


@dataclass(frozen=True)
class Migration:
    """What becomes of one flow: the address configuration that replaces it, or the reasons it stays."""

    name: str
    sid: str
    flow: dict[str, Any]  # the flow's declaration, as kept when it is not migrated
    address: dict[str, Any] | None = None
    reasons: tuple[str, ...] = ()
    secrets: tuple[str, ...] = field(default=())  # config keys the declaration reads

    @property
    def migrated(self) -> bool:
        return self.address is not None


def from_stack_export(stack_export: str) -> tuple[list[FlowRecord], list[str]]:
    """Every FlexFlow of the output of `pulumi stack export` (a file, or - for stdin), by resource name; and the
    names of the stack's other resources, which a program made of the flows alone would delete."""
    try:
        text = sys.stdin.read() if stack_export == "-" else Path(stack_export).read_text()
        resources = [r for r in json.loads(text)["deployment"].get("resources") or [] if not r.get("delete")]
        found = [r for r in resources if r.get("type") == FLEX_FLOW_TYPE]
        others = sorted(
            str(r.get("urn", "")).rsplit("::", 1)[-1]
            for r in resources
            if r.get("type") != FLEX_FLOW_TYPE and not str(r.get("type", "")).startswith("pulumi:")
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StackExportError(
            f"{stack_export}: not the output of `pulumi stack export` ({type(exc).__name__}: {exc})"
        ) from exc
    records = []
    for resource in found:
        name = str(resource.get("urn", "")).rsplit("::", 1)[-1]
        inputs = {k: v for k, v in (resource.get("inputs") or {}).items() if k not in _INTERNAL}
        outputs = dict(resource.get("outputs") or {})
        records.append(FlowRecord(name, str(resource.get("id") or outputs.get("sid") or ""), inputs, outputs))
    return sorted(records, key=lambda r: r.name), others


def from_account(flows: Iterable[dict[str, Any]]) -> list[FlowRecord]:
    """The flows listed from an account, named as `scan` names them, each declared as `scan` would adopt it."""
    flows = list(flows)
    names = resource_names(flows)
    records = []
    for flow in flows:
        outputs = outputs_from(FLEX_FLOW, flow)
        records.append(FlowRecord(names[flow["sid"]], flow["sid"], inputs_from(FLEX_FLOW, outputs), outputs, False))
    return sorted(records, key=lambda r: r.name)


def plan(records: Iterable[FlowRecord], conversation_service_sid: str) -> list[Migration]:
    """The migration of each flow, in the records' order."""
    return [_migration(record, conversation_service_sid) for record in records]


def _migration(record: FlowRecord, service_sid: str) -> Migration:
    name = record.name
    for prop in _DECIDING:
        if _is_secret(record.inputs.get(prop)) or _is_secret(record.outputs.get(prop)):
            raise MigrateError(
                f"{name}.{prop}: is a secret in the stack, and the migration depends on its value; "
                "declare it as a plain value (or migrate this flow by hand)"
            )
    secrets: list[str] = []
    flow = _revealed(name, record.inputs, secrets)
    if not record.in_stack:
        flow = {ADOPT_SID: record.sid, **flow}
    value = _effective(record)
    reasons = _reasons(value)
    if reasons:
        return Migration(name, record.sid, flow, None, tuple(reasons), tuple(secrets))
    address_secrets: list[str] = []
    address = _address(name, value, service_sid, address_secrets)
    return Migration(name, record.sid, flow, address, (), tuple(address_secrets))


def _effective(record: FlowRecord) -> dict[str, Any]:
    """The flow's values: what the program declared, and what Twilio reported for the rest."""
    value = {k: v for k, v in record.outputs.items() if k not in _INTERNAL}
    value.update(record.inputs)
    integration = dict(record.outputs.get("integration") or {})
    integration.update(record.inputs.get("integration") or {})
    value["integration"] = integration
    return value


def _reasons(value: Mapping[str, Any]) -> list[str]:
    """Why this flow has no Conversations address configuration, each with what the guide suggests instead."""
    reasons = []
    channel = value.get("channel_type")
    if channel == "web":
        reasons.append(
            "channel_type web: Twilio's migration guide moves phone and WhatsApp numbers only; "
            "set up Flex Conversations web chat (a chat address) on its own"
        )
    elif channel not in ADDRESS_TYPES:
        reasons.append(f"channel_type {channel}: Conversations has no address type for this channel")
    if value.get("integration_type") == "task":
        reasons.append(
            "integration_type task: Flex Conversations has no task integration; "
            "use Studio, or a webhook that creates the task (an Interaction), instead"
        )
    if value.get("long_lived") is True:
        reasons.append("long_lived: Flex Conversations does not support long-lived channels out of the box")
    if value.get("janitor_enabled") is True:
        reasons.append(
            "janitor_enabled: Conversations addresses have no janitor; close inactive conversations with "
            "Conversations' state timers instead"
        )
    if channel in ADDRESS_TYPES and not value.get("contact_identity"):
        reasons.append("no contact_identity: an address configuration needs the number or identity the flow serves")
    return reasons


def _address(name: str, value: Mapping[str, Any], service_sid: str, secrets: list[str]) -> dict[str, Any]:
    """The address configuration's inputs for a flow that can migrate."""
    kind = ADDRESS_TYPES[value["channel_type"]]
    address: dict[str, Any] = {"type": kind, "address": _address_value(kind, value["contact_identity"])}
    if value.get("friendly_name") is not None:
        address["friendly_name"] = value["friendly_name"]
    integration = value.get("integration") or {}
    webhook = value.get("integration_type", "studio") == "external"
    auto: dict[str, Any] = {
        "enabled": value.get("enabled"),
        "type": "webhook" if webhook else "studio",
        "conversation_service_sid": service_sid,
    }
    if webhook:
        auto.update(webhook_url=integration.get("url"), webhook_method="POST", webhook_filters=list(WEBHOOK_FILTERS))
    else:
        auto.update(studio_flow_sid=integration.get("flow_sid"), studio_retry_count=integration.get("retry_count"))
    address["auto_creation"] = {k: v for k, v in auto.items() if v is not None}
    return _revealed(name, address, secrets)


def _address_value(kind: str, identity: Any) -> Any:
    """The address as Conversations spells it: `whatsapp:+1555...`; an SMS number as it is."""
    prefix = ADDRESS_PREFIXES.get(kind)
    if prefix is None or not isinstance(identity, str) or identity.startswith(prefix):
        return identity
    return prefix + identity


def _revealed(name: str, inputs: Mapping[str, Any], secrets: list[str], prefix: str = "") -> dict[str, Any]:
    """The inputs with each secret of the export replaced by a SecretValue (its config key noted in `secrets`)."""
    result: dict[str, Any] = {}
    for key, value in inputs.items():
        path = f"{prefix}{key}"
        if _is_secret(value):
            secret = SecretValue(f"{name}.{path}")
            secrets.append(secret.key)
            result[key] = secret
        elif isinstance(value, Mapping):
            result[key] = _revealed(name, value, secrets, f"{path}.")
        else:
            result[key] = value
    return result


def _is_secret(value: Any) -> bool:
    return isinstance(value, Mapping) and SECRET_SIGNATURE in value
