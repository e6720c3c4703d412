"""State of the address configurations service: configurations per account, unique by address. No HTTP here."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ...exceptions import NotFoundError
from ...state import Clock, ServiceBackend
from .exceptions import AddressInUseError

PATH = "/v1/Configuration/Addresses"

ADDRESS_TYPES = ("sms", "whatsapp", "messenger", "gbm", "email", "rcs", "apple", "chat")
AUTO_CREATION_TYPES = ("webhook", "studio", "default")
WEBHOOK_METHODS = ("GET", "POST")
# The events a webhook may filter on, as the spec's AutoCreation.WebhookFilters lists them.
WEBHOOK_FILTERS = (
    "onMessageAdded",
    "onMessageUpdated",
    "onMessageRemoved",
    "onConversationUpdated",
    "onConversationStateUpdated",
    "onConversationRemoved",
    "onParticipantAdded",
    "onParticipantUpdated",
    "onParticipantRemoved",
    "onDeliveryUpdated",
)
# auto_creation keys in reporting order: those of every type, then those of each type, as Twilio's
# examples report them (a type's keys only while that type is set; a key only once it has a value).
COMMON_AUTO_CREATION_KEYS = ("enabled", "type", "conversation_service_sid")
TYPE_AUTO_CREATION_KEYS = {
    "webhook": ("webhook_url", "webhook_method", "webhook_filters"),
    "studio": ("studio_flow_sid", "studio_retry_count"),
    "default": (),
}
ALL_AUTO_CREATION_KEYS = (*COMMON_AUTO_CREATION_KEYS, *(k for keys in TYPE_AUTO_CREATION_KEYS.values() for k in keys))


def new_address_configuration_sid() -> str:
    return "IG" + secrets.token_hex(16)


def merge_auto_creation(current: Mapping[str, Any], given: Mapping[str, Any]) -> dict[str, Any]:
    """``current`` with ``given`` applied. A new type drops the keys of the old one (Twilio's update example,
    webhook to studio, reports no webhook key afterwards)."""
    merged = dict(current)
    new_type = given.get("type")
    if new_type is not None and new_type != merged.get("type"):
        for key in TYPE_AUTO_CREATION_KEYS.get(merged.get("type") or "", ()):
            merged.pop(key, None)
    merged.update(given)
    return merged


def reported_auto_creation(settings: Mapping[str, Any]) -> dict[str, Any]:
    """auto_creation as Twilio reports it: ``enabled`` always (false until sent), then what is set and applies."""
    applicable = (*COMMON_AUTO_CREATION_KEYS, *TYPE_AUTO_CREATION_KEYS.get(settings.get("type") or "", ()))
    reported: dict[str, Any] = {"enabled": bool(settings.get("enabled", False))}
    for key in applicable:
        if key != "enabled" and settings.get(key) is not None:
            value = settings[key]
            reported[key] = list(value) if isinstance(value, list) else value
    return reported


@dataclass
class AddressConfiguration:
    """One address configuration as the emulator stores it; ``auto_creation`` holds every key set."""

    sid: str
    account_sid: str
    type: str  # as sent: Twilio echoes the case of the request (its createWhatsappCaseInsensitive example)
    address: str
    date_created: datetime
    date_updated: datetime
    friendly_name: str | None = None
    address_country: str | None = None
    auto_creation: dict[str, Any] = field(default_factory=dict)
    sequence: int = 0  # creation order, used for ordering and page tokens


class AddressConfigurationsBackend(ServiceBackend):
    """Address configurations per Account SID, found by SID or by address."""

    def __init__(self, clock: Callable[[], Clock]) -> None:
        super().__init__(clock)
        self._accounts: dict[str, dict[str, AddressConfiguration]] = {}

    def _clear(self) -> None:
        self._accounts.clear()

    def _configs(self, account_sid: str) -> dict[str, AddressConfiguration]:
        return self._accounts.setdefault(account_sid, {})

    def create_configuration(
        self,
        account_sid: str,
        *,
        type: str,
        address: str,
        friendly_name: str | None = None,
        address_country: str | None = None,
        auto_creation: Mapping[str, Any] | None = None,
    ) -> AddressConfiguration:
        """Configure ``address``; AddressInUseError, and nothing changes, if this account already has."""
        with self._lock:
            configs = self._configs(account_sid)
            if any(config.address == address for config in configs.values()):
                raise AddressInUseError()
            now = self.now()
            config = AddressConfiguration(
                sid=new_address_configuration_sid(),
                account_sid=account_sid,
                type=type,
                address=address,
                date_created=now,
                date_updated=now,
                friendly_name=friendly_name,
                address_country=address_country,
                auto_creation=merge_auto_creation({}, auto_creation or {}),
                sequence=self.next_sequence(),
            )
            configs[config.sid] = config
            return config

    def get_configuration(self, account_sid: str, sid_or_address: str) -> AddressConfiguration:
        """The configuration with this SID, or else of this address; NotFoundError if there is none."""
        with self._lock:
            configs = self._accounts.get(account_sid, {})
            found = configs.get(sid_or_address)
            if found is None:
                found = next((config for config in configs.values() if config.address == sid_or_address), None)
        if found is None:
            raise NotFoundError(f"{PATH}/{sid_or_address}")
        return found

    def update_configuration(
        self,
        account_sid: str,
        sid_or_address: str,
        *,
        friendly_name: str | None = None,
        auto_creation: Mapping[str, Any] | None = None,
    ) -> AddressConfiguration:
        """A partial update: ``friendly_name`` when given, ``auto_creation`` keys merged in."""
        with self._lock:
            config = self.get_configuration(account_sid, sid_or_address)
            if friendly_name is not None:
                config.friendly_name = friendly_name
            config.auto_creation = merge_auto_creation(config.auto_creation, auto_creation or {})
            config.date_updated = self.now()
            return config

    def delete_configuration(self, account_sid: str, sid_or_address: str) -> None:
        """Delete the configuration; NotFoundError if there is none."""
        with self._lock:
            config = self.get_configuration(account_sid, sid_or_address)
            del self._accounts[account_sid][config.sid]

    def list_configurations(self, account_sid: str, type: str | None = None) -> list[AddressConfiguration]:
        """This account's configurations in creation order, optionally only those of ``type`` (any case)."""
        with self._lock:
            configs = list(self._accounts.get(account_sid, {}).values())
        if type is not None:
            configs = [config for config in configs if config.type.lower() == type.lower()]
        return sorted(configs, key=lambda config: config.sequence)
