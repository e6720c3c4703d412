"""Checks a program makes while it declares flows, before anything reaches the engine.

They run in the program, so a broken declaration fails `pulumi preview` with one line (a `RunError`, which
Pulumi prints without the program's stack trace) and nothing is sent to Twilio:

- one SID adopted by two resources of the same program (`up` would record the flow twice, every refresh would
  flip it between the two declarations, and `destroy` would delete it once and fail the second time);
- `.get` of something that is not the resource's SID.
"""

from __future__ import annotations

import threading
import weakref
from typing import Any, cast

import pulumi
from pulumi.runtime import settings

from ._description import ResourceDescription
from ._errors import FlexFlowError


class DeclarationError(FlexFlowError, pulumi.RunError):
    """A declaration the program cannot make; Pulumi prints it as one line, without a stack trace."""


class _Claims:
    """The SIDs adopted so far by the resources of one program run, each with the resource that adopted it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # One ledger per engine connection (a program run, or one set of unit-test mocks).
        self._by_monitor: weakref.WeakKeyDictionary[Any, dict[tuple[str, str], str]] = weakref.WeakKeyDictionary()
        self._fallback: dict[tuple[str, str], str] = {}

    def claim(self, description: ResourceDescription, sid: str, resource_name: str) -> None:
        kind = description.type_name
        with self._lock:
            ledger = self._ledger()
            holder = ledger.setdefault((kind, sid), resource_name)
        if holder != resource_name:
            raise DeclarationError(
                f"{kind} {resource_name!r}: adopt_sid {sid} is already adopted by {kind} {holder!r}; a "
                f"{description.noun} can be adopted by one resource only (drop one of the two declarations)"
            )

    def _ledger(self) -> dict[tuple[str, str], str]:
        monitor = settings.get_monitor()
        if monitor is None:
            return self._fallback
        try:
            return self._by_monitor.setdefault(monitor, {})
        except TypeError:  # a monitor that takes no weak reference
            return self._fallback


_CLAIMS = _Claims()


def claim_adoption(
    description: ResourceDescription, resource_name: str, adopt_sid: pulumi.Input[str]
) -> pulumi.Input[str]:
    """`adopt_sid` as the resource's input, claimed for `resource_name`; a SID claimed twice fails the program.

    A plain SID is claimed at once; one that comes from an Output is claimed when it resolves, and the
    resource's input waits for that claim, so a second adopter never reaches the engine.
    """
    if isinstance(adopt_sid, str):
        _CLAIMS.claim(description, adopt_sid, resource_name)
        return adopt_sid

    def claimed(sid: Any) -> Any:
        if isinstance(sid, str):
            _CLAIMS.claim(description, sid, resource_name)
        return sid

    return pulumi.Output.from_input(cast(Any, adopt_sid)).apply(claimed)


def checked_get_id(description: ResourceDescription, resource_name: str, sid: pulumi.Input[str]) -> pulumi.Input[str]:
    """The ID of `.get`, refused unless it has the shape of the resource's SID (such as FO + 32 hex digits)."""

    def checked(value: Any) -> Any:
        if not description.is_sid(value):
            shown = f" {value!r}" if isinstance(value, str) and len(value) <= 64 else ""
            raise DeclarationError(
                f"{description.type_name}.get({resource_name!r}): the ID{shown} is not a {description.title} SID; "
                f"it must be {description.sid_prefix} followed by 32 hex digits. Nothing was sent to Twilio."
            )
        return value

    if isinstance(sid, str):
        return checked(sid)
    return pulumi.Output.from_input(cast(Any, sid)).apply(checked)
