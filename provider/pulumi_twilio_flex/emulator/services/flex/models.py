"""State of the Flex Flows service: flows per account, integrations built per type. No HTTP here."""

from __future__ import annotations

import itertools
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ...exceptions import NotFoundError
from ...state import Clock, ServiceBackend

CHANNEL_TYPES = ("web", "sms", "facebook", "whatsapp", "line", "custom")
INTEGRATION_TYPES = ("studio", "external", "task")

# The integration keys that apply to each type, in reporting order, with their documented defaults
# (None: no default, the key is required when the integration is built).
INTEGRATION_DEFAULTS: dict[str, dict[str, Any]] = {
    "studio": {"flow_sid": None, "retry_count": 3},
    "external": {"url": None, "retry_count": 3},
    "task": {
        "workspace_sid": None,
        "workflow_sid": None,
        "channel": "default",
        "timeout": 86400,
        "priority": 0,
    },
}
# Applies to every type, reported only once it has been set.
ANY_TYPE_INTEGRATION_KEYS = ("creation_on_message",)

# Flow attributes a create or update may set (besides the integration).
FLOW_FIELDS = (
    "friendly_name",
    "chat_service_sid",
    "channel_type",
    "contact_identity",
    "enabled",
    "integration_type",
    "long_lived",
    "janitor_enabled",
)


def new_flow_sid() -> str:
    return "FO" + secrets.token_hex(16)


class IntegrationIncompleteError(ValueError):
    """An integration cannot be built: keys its type requires are missing."""

    def __init__(self, integration_type: str, missing: list[str]) -> None:
        super().__init__(f"integration type {integration_type!r} requires {', '.join(missing)}")
        self.integration_type = integration_type
        self.missing = missing


def build_integration(integration_type: str, given: Mapping[str, Any]) -> dict[str, Any]:
    """A fresh integration for ``integration_type``: defaults, overlaid with the applicable ``given`` keys."""
    defaults = INTEGRATION_DEFAULTS[integration_type]
    integration = {key: given.get(key, default) for key, default in defaults.items()}
    missing = [key for key, value in integration.items() if value is None]
    if missing:
        raise IntegrationIncompleteError(integration_type, missing)
    for key in ANY_TYPE_INTEGRATION_KEYS:
        if key in given:
            integration[key] = given[key]
    return integration


def merge_integration(integration_type: str, current: Mapping[str, Any], given: Mapping[str, Any]) -> dict[str, Any]:
    """``current`` with the applicable ``given`` keys replaced (a partial update of the same type)."""
    applicable = (*INTEGRATION_DEFAULTS[integration_type], *ANY_TYPE_INTEGRATION_KEYS)
    merged = dict(current)
    merged.update({key: value for key, value in given.items() if key in applicable})
    return merged


@dataclass
class FlexFlow:
    """One Flex Flow as the emulator stores it."""

    sid: str
    account_sid: str
    friendly_name: str
    chat_service_sid: str
    channel_type: str
    date_created: datetime
    date_updated: datetime
    contact_identity: str | None = None
    enabled: bool = False
    integration_type: str = "studio"
    integration: dict[str, Any] = field(default_factory=dict)
    long_lived: bool = False
    janitor_enabled: bool = False
    sequence: int = 0  # creation order, used for ordering and page tokens


class FlexFlowsBackend(ServiceBackend):
    """Flex Flows per Account SID. ``enabled_default``: what ``enabled`` is when a create does not send it
    (Twilio documents no default)."""

    def __init__(self, clock: Callable[[], Clock], *, enabled_default: bool = False) -> None:
        super().__init__(clock)
        self.enabled_default = enabled_default
        self._accounts: dict[str, dict[str, FlexFlow]] = {}

    def _clear(self) -> None:
        self._accounts.clear()

    def restore(self, flows: Iterable[FlexFlow]) -> None:
        """Hold these flows under their own SIDs, dates and creation order, as a saved account had them (for
        fixtures of stacks made earlier); later creates come after them."""
        with self._lock:
            last = 0
            for flow in flows:
                self._flows(flow.account_sid)[flow.sid] = flow
                last = max(last, flow.sequence)
            self._sequence = itertools.count(max(last + 1, next(self._sequence)))

    def _flows(self, account_sid: str) -> dict[str, FlexFlow]:
        return self._accounts.setdefault(account_sid, {})

    def create_flow(self, account_sid: str, fields: Mapping[str, Any], integration: Mapping[str, Any]) -> FlexFlow:
        """Create a flow. ``fields`` must hold friendly_name, chat_service_sid and channel_type.

        Raises IntegrationIncompleteError (and creates nothing) when the integration lacks required keys.
        """
        unknown = set(fields) - set(FLOW_FIELDS)
        if unknown:
            raise ValueError(f"not flow fields: {sorted(unknown)}")
        integration_type = fields.get("integration_type") or "studio"
        built = build_integration(integration_type, integration)
        with self._lock:
            now = self.now()
            flow = FlexFlow(
                sid=new_flow_sid(),
                account_sid=account_sid,
                friendly_name=fields["friendly_name"],
                chat_service_sid=fields["chat_service_sid"],
                channel_type=fields["channel_type"],
                date_created=now,
                date_updated=now,
                contact_identity=fields.get("contact_identity"),
                enabled=fields.get("enabled", self.enabled_default),
                integration_type=integration_type,
                integration=built,
                long_lived=fields.get("long_lived", False),
                janitor_enabled=fields.get("janitor_enabled", False),
                sequence=self.next_sequence(),
            )
            self._flows(account_sid)[flow.sid] = flow
            return flow

    def get_flow(self, account_sid: str, sid: str) -> FlexFlow:
        """The flow ``sid`` of this account; NotFoundError if there is none."""
        with self._lock:
            flow = self._accounts.get(account_sid, {}).get(sid)
        if flow is None:
            raise NotFoundError(f"/v1/FlexFlows/{sid}")
        return flow

    def update_flow(
        self, account_sid: str, sid: str, fields: Mapping[str, Any], integration: Mapping[str, Any]
    ) -> FlexFlow:
        """Apply a partial update and set date_updated to the clock's current second (never ahead of it).

        Same integration type: the given integration keys are merged in. A new type: the integration is
        rebuilt from ``integration`` alone; IntegrationIncompleteError, and nothing changes, if that is
        not enough.
        """
        unknown = set(fields) - set(FLOW_FIELDS)
        if unknown:
            raise ValueError(f"not flow fields: {sorted(unknown)}")
        with self._lock:
            flow = self.get_flow(account_sid, sid)
            new_type = fields.get("integration_type") or flow.integration_type
            if new_type == flow.integration_type:
                new_integration = merge_integration(new_type, flow.integration, integration)
            else:
                new_integration = build_integration(new_type, integration)
            for name, value in fields.items():
                setattr(flow, name, value)
            flow.integration_type = new_type
            flow.integration = new_integration
            flow.date_updated = self.now()
            return flow

    def delete_flow(self, account_sid: str, sid: str) -> None:
        """Delete the flow ``sid``; NotFoundError if there is none."""
        with self._lock:
            if self._accounts.get(account_sid, {}).pop(sid, None) is None:
                raise NotFoundError(f"/v1/FlexFlows/{sid}")

    def list_flows(self, account_sid: str, friendly_name: str | None = None) -> list[FlexFlow]:
        """This account's flows in creation order, optionally only those with this exact friendly name."""
        with self._lock:
            flows = list(self._accounts.get(account_sid, {}).values())
        if friendly_name is not None:
            flows = [flow for flow in flows if flow.friendly_name == friendly_name]
        return sorted(flows, key=lambda flow: flow.sequence)
