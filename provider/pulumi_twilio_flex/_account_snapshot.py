"""Reads of many resources in one provider process share one listing of the account.

`pulumi refresh` calls `read` once per resource, from the provider server's 4 worker threads. One GET each
costs N requests and ceil(N/4) round trips; one listing (`GET /v1/FlexFlows` at PageSize 1000, Twilio's
maximum; 50 for address configurations) answers them all in 1 + ceil(account size / page size) requests.
A refresh of one resource (`--target URN`) must still cost one GET, and a listing must never hide a change. The rules:

- The first read of a window does a plain GET: a lone read costs what it always did.
- A second read within `LIFETIME` of it lists the account once; that read and every later or concurrent one
  (they wait for it, so 4 threads make one listing, not four) are answered from the listing.
- A SID missing from the listing is fetched before it is reported gone: the listing may predate a create by
  this process (a `FlexFlow.get` after creates in `up`), and a wrong "gone" drops a flow from the stack.
- A SID this client has written (`TwilioClient.written`: update, delete; an adoption updates) is always
  fetched: its copy in a listing may predate the write.
- A listing serves reads for `LIFETIME` from the moment it was asked for, so no read returns an account
  older than that; afterwards the next read starts a new window with a GET. A listing that fails (after the
  client's retries) sends that window's reads back to one GET each, whose errors name their SID.

Snapshots are kept per client, that is per credentials and base URL (`_session`): accounts never mix.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ._errors import FlexFlowError

if TYPE_CHECKING:
    from ._client import TwilioClient

FlowJson = dict[str, Any]

# Seconds a listing answers reads: longer than a refresh spends reading thousands of flows, short enough that
# a read late in a long `up` does not answer with an account older than that.
LIFETIME = 30.0


@dataclass
class _Listing:
    """One listing of the account, asked for at `started`; `flows` is None until it is done, or if it failed."""

    started: float
    done: threading.Event = field(default_factory=threading.Event)
    flows: dict[str, FlowJson] | None = None


class AccountSnapshot:
    """The shared listing of one client's account, and when the reads that share it began."""

    def __init__(
        self, client: TwilioClient, lifetime: float = LIFETIME, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._client = client
        self._lifetime = lifetime
        self._clock = clock
        self._lock = threading.Lock()
        self._window_started: float | None = None  # the first read of the current window
        self._listing: _Listing | None = None

    def fetch(self, sid: str) -> FlowJson:
        """The resource as Twilio has it; the description's NotFoundError if it is gone, as `TwilioClient.fetch`."""
        if sid in self._client.written:
            return self._client.fetch(sid)
        listing, mine = self._listing_for_read()
        if listing is None:
            return self._client.fetch(sid)
        if mine:
            self._take(listing)
        else:
            listing.done.wait()
        flow = listing.flows.get(sid) if listing.flows is not None else None
        if flow is None or sid in self._client.written:  # missing (created since?), or written while listing
            return self._client.fetch(sid)
        return _copy(flow)  # reads share the listing: hand out a copy

    def _listing_for_read(self) -> tuple[_Listing | None, bool]:
        """The listing this read uses (None: GET instead), and whether this read must take it."""
        now = self._clock()
        with self._lock:
            listing = self._listing
            if listing is not None and now - listing.started <= self._lifetime:
                return listing, False
            window = self._window_started
            if listing is not None or window is None or now - window > self._lifetime:
                self._listing, self._window_started = None, now  # a new window: its first read GETs
                return None, False
            self._listing = _Listing(started=now)
            return self._listing, True

    def _take(self, listing: _Listing) -> None:
        try:
            listing.flows = {
                str(flow.get("sid")): flow
                for flow in self._client.list(page_size=self._client.description.max_page_size)
            }
        except FlexFlowError:
            listing.flows = None  # each read of this window falls back to its own GET
        finally:
            listing.done.set()


def _copy(flow: FlowJson) -> FlowJson:
    """A copy deep enough for a resource's JSON, whose one nested value is its group (`integration`): 2 µs,
    `copy.deepcopy` 14."""
    return {name: dict(value) if isinstance(value, dict) else value for name, value in flow.items()}


_lock = threading.Lock()
_snapshots: weakref.WeakKeyDictionary[TwilioClient, AccountSnapshot] = weakref.WeakKeyDictionary()


def snapshot_for(client: TwilioClient) -> AccountSnapshot:
    """The snapshot shared by every read through `client` in this process."""
    with _lock:
        snapshot = _snapshots.get(client)
        if snapshot is None:
            snapshot = _snapshots[client] = AccountSnapshot(client)
        return snapshot


def fetch_resource(client: TwilioClient, sid: str) -> FlowJson:
    """Read one resource for `read`, sharing a listing with the other reads of this process (module docstring)."""
    return snapshot_for(client).fetch(sid)
