"""Exactly-once create: a create whose outcome is unknown is reconciled before it is sent again.

A create POST is never retried blindly. After a 5xx, a timeout or a connection lost once the request was sent,
Twilio may have created the flow. Before sending again (and once more before giving up) the flows named like the
request are listed, and a flow counts as this request's when:

- every parameter the request sent is what Twilio reports for it (`matches`),
- its `date_created` is no earlier than the moment the first attempt was sent, minus `CLOCK_SKEW`
  (Twilio stamps whole seconds, with its own clock),
- this client has not already created or adopted it (`ClaimedSids`, the ledger kept here per client).

One such flow is adopted; none means the request was not processed and it is sent again; several fail the
create naming their SIDs, because picking one at random could adopt a flow that someone else made.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import requests

from ._description import ResourceDescription
from ._errors import TransportError
from ._retry import Retrier, RetryableAnswer, describe
from ._wire import encode

if TYPE_CHECKING:
    from ._client import FlowJson, Form, TwilioClient

CLOCK_SKEW = timedelta(seconds=30)


class ClaimedSids:
    """The SIDs one client created or adopted: a reconciling create never adopts one of them twice."""

    def __init__(self) -> None:
        self.sids: set[str] = set()
        self.lock = threading.Lock()


_LEDGERS: weakref.WeakKeyDictionary[TwilioClient, ClaimedSids] = weakref.WeakKeyDictionary()
_LEDGERS_LOCK = threading.Lock()


def claimed_by(client: TwilioClient) -> ClaimedSids:
    """The ledger of `client` (one per client, so per process, credentials and resource kind)."""
    with _LEDGERS_LOCK:
        ledger = _LEDGERS.get(client)
        if ledger is None:
            ledger = _LEDGERS[client] = ClaimedSids()
        return ledger


def create_once(client: TwilioClient, params: Form) -> FlowJson:
    """POST the flow; after an unknown outcome, adopt the flow it made or send again if it made none."""
    first_sent: datetime | None = None
    unknown: RetryableAnswer | None = None  # the first attempt whose outcome is unknown
    started = time.monotonic()

    def reconcile() -> FlowJson | None:
        assert first_sent is not None and unknown is not None
        remaining = client.retrier.settings.max_elapsed - (time.monotonic() - started)
        return adopt(client, params, first_sent, unknown, client.retrier.within(remaining))

    def attempt(_number: int) -> requests.Response | FlowJson:
        nonlocal first_sent, unknown
        if unknown is not None:
            adopted = reconcile()
            if adopted is not None:
                return adopted
        if first_sent is None:
            first_sent = datetime.now(timezone.utc)
        try:
            path = client.description.collection_path
            response = client.send_once("create", None, "POST", path, data=params)
            if response.status_code < 400 and not _is_json(response):
                raise RetryableAnswer(
                    processed=None, reason=f"HTTP {response.status_code} with a body that is not JSON"
                )
            return response
        except RetryableAnswer as answer:
            if answer.processed is None and unknown is None:
                unknown = answer
            raise

    try:
        result, attempts = client.retrier.run(attempt)
    except RetryableAnswer as answer:
        if unknown is not None and first_sent is not None:
            adopted = reconcile()
            if adopted is not None:
                return adopted
        raise client.give_up("create", None, answer) from answer.error
    if isinstance(result, dict):
        return result
    flow = client.decode("create", None, result, attempts)
    if isinstance(flow, dict) and flow.get("sid"):
        ledger = claimed_by(client)
        with ledger.lock:
            ledger.sids.add(str(flow["sid"]))
    return flow  # type: ignore[no-any-return]


def adopt(
    client: TwilioClient,
    params: Form,
    first_sent: datetime,
    unknown: RetryableAnswer,
    retrier: Retrier | None = None,
) -> FlowJson | None:
    """The one flow this request made, claimed for it; None if there is none; TransportError if several.

    The listing retries within `retrier`'s bounds: what is left of the create's `twilio:retryTimeout`.
    """
    since = first_sent - CLOCK_SKEW
    description = client.description
    key = description.fields_by_name[description.reconcile_filter].api_name
    value = params.get(key)
    filters = {key: value} if isinstance(value, str) else {}
    listed = list(client.list(retrier=retrier, filters=filters))
    ledger = claimed_by(client)
    with ledger.lock:
        candidates = [
            flow
            for flow in listed
            if flow.get("sid") not in ledger.sids and created_since(flow, since) and matches(description, params, flow)
        ]
        if len(candidates) > 1:
            sids = ", ".join(sorted(str(flow["sid"]) for flow in candidates))
            raise TransportError(
                "create",
                None,
                f"the outcome of the create is unknown ({describe(unknown.response, unknown.error)}) and "
                f"{len(candidates)} flows created since {since:%Y-%m-%dT%H:%M:%SZ} match the declared inputs: "
                f"{sids}. None was adopted: delete the ones no stack manages "
                f"(DELETE {description.collection_path}/<sid>, or the Twilio console) and run `pulumi up` again.",
            )
        if not candidates:
            return None
        ledger.sids.add(str(candidates[0]["sid"]))
        return candidates[0]


def matches(description: ResourceDescription, params: Form, resource: Mapping[str, Any]) -> bool:
    """True when Twilio reports, for every parameter sent, the value that was sent (as Twilio normalises it)."""
    group = description.group
    in_group = {f.api_name: f for f in group.fields} if group is not None else {}
    top = {f.api_name: f for f in description.fields}
    nested = (resource.get(group.name) or {}) if group is not None else {}
    for api_name, sent in params.items():
        field = top.get(api_name) or in_group.get(api_name)
        if field is None:
            return False
        source = nested if api_name in in_group else resource
        reported = encode(field, source.get(field.name))
        if field.canonical(_as_value(field, reported)) != field.canonical(_as_value(field, sent)):
            return False
    return True


def _as_value(field: Any, form_value: Any) -> Any:
    return list(form_value) if field.kind is list else form_value


def created_since(flow: Mapping[str, Any], since: datetime) -> bool:
    """True when the flow's `date_created` is known and not earlier than `since`."""
    stamp = flow.get("date_created")
    if not isinstance(stamp, str):
        return False
    try:
        created = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return False
    if created.tzinfo is None:
        created = created.replace(tzinfo=timezone.utc)
    return created >= since


def _is_json(response: requests.Response) -> bool:
    """True when the answer's body parses as JSON (an empty body does not)."""
    try:
        response.json()
    except ValueError:
        return False
    return True
