"""A thin client for one kind of Twilio resource (a `ResourceDescription`: its collection path, list key and page
size), such as the Flex Flows of Twilio's Flex API (v1).

It speaks the wire format (form-encoded PascalCase in, JSON out), retries what is safe to retry (`_retry`),
creates exactly once (`_reconcile`) and turns error answers into the exception tree; it knows nothing of
Pulumi. The base URL and the `requests.Session` are injectable so tests can point it at the emulator,
in-process or over loopback. The session is never mutated here (credentials go with each request), so one
session can serve every thread (`_session`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any
from urllib.parse import quote

import requests

from ._config import ConnectionSettings
from ._description import ResourceDescription
from ._errors import FlexFlowError, NotFoundError, TransportError, TwilioApiError
from ._reconcile import create_once
from ._retry import Retrier, RetryableAnswer, RetrySettings, answer_for_error, answer_for_response, describe
from ._version import __version__
from .flex_flow.description import FLEX_FLOW

DEFAULT_TIMEOUT = (
    5.0,
    30.0,
)  # (connect, read) seconds: the engine ignores custom timeouts for dynamic resources
USER_AGENT = f"pulumi-twilio-flex/{__version__}"
FlowJson = dict[str, Any]  # one resource as Twilio answers it
Form = Mapping[str, str | list[str]]  # a list value is sent as its key repeated (covariant: takes any dict)


class TwilioClient:
    """CRUD and list on one resource's collection; every method returns the JSON Twilio answered."""

    def __init__(
        self,
        description: ResourceDescription,
        settings: ConnectionSettings,
        session: requests.Session | None = None,
        timeout: float | tuple[float, float] = DEFAULT_TIMEOUT,
        retry: RetrySettings | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.description = description
        self._base_url = settings.base_url.rstrip("/")
        self._session = session if session is not None else requests.Session()
        self._auth = (settings.credentials.username, settings.credentials.password)
        self._timeout = timeout
        self.retrier = Retrier(retry if retry is not None else settings.retry, sleep)
        # SIDs this client sent an update or a delete for: a listing of the account may predate the write.
        self.written: set[str] = set()

    @property
    def title(self) -> str:
        return self.description.title

    @property
    def base_url(self) -> str:
        return self._base_url

    def create(self, params: Form) -> FlowJson:
        """Create one resource, exactly once even when an answer is lost (see `_reconcile`)."""
        return create_once(self, params)

    def fetch(self, sid: str) -> FlowJson:
        """One resource by its SID (or, where the endpoint takes one, another identifier such as an address)."""
        return self._request("fetch", sid, "GET", self.instance_path(sid))

    def update(self, sid: str, params: Form) -> FlowJson:
        self.written.add(sid)
        return self._request("update", sid, "POST", self.instance_path(sid), data=params)

    def delete(self, sid: str) -> None:
        self.written.add(sid)
        self._request("delete", sid, "DELETE", self.instance_path(sid))

    def instance_path(self, sid: str) -> str:
        return f"{self.description.collection_path}/{quote(sid, safe='')}"

    def list(
        self,
        friendly_name: str | None = None,
        page_size: int | None = None,
        retrier: Retrier | None = None,
        filters: Mapping[str, str] | None = None,
    ) -> Iterator[FlowJson]:
        """Every resource of the account, following `next_page_url` verbatim until it is null.

        `filters` are query parameters by API name (`friendly_name` is FriendlyName's shorthand). `retrier` bounds
        the retries of each page (a reconciling create lists within what is left of its own).
        """
        query: dict[str, str] = dict(filters or {})
        if friendly_name is not None:
            query["FriendlyName"] = friendly_name
        if page_size is not None:
            query["PageSize"] = str(page_size)
        path = self.description.collection_path
        page = self._request("list", None, "GET", path, params=query, retrier=retrier)
        while True:
            yield from page.get(self.description.list_key, [])
            next_url = (page.get("meta") or {}).get("next_page_url")
            if not next_url:
                return
            page = self._request("list", None, "GET", next_url, retrier=retrier)

    def _request(
        self,
        operation: str,
        sid: str | None,
        method: str,
        path_or_url: str,
        data: Form | None = None,
        params: Mapping[str, str] | None = None,
        retrier: Retrier | None = None,
    ) -> Any:
        """An idempotent request (fetch, list, update, delete), retried on 429, 5xx and connection errors."""
        try:
            response, attempts = (retrier or self.retrier).run(
                lambda _n: self.send_once(operation, sid, method, path_or_url, data, params)
            )
        except RetryableAnswer as answer:
            raise self.give_up(operation, sid, answer) from answer.error
        return self.decode(operation, sid, response, attempts)

    def send_once(
        self,
        operation: str,
        sid: str | None,
        method: str,
        path_or_url: str,
        data: Form | None = None,
        params: Mapping[str, str] | None = None,
    ) -> requests.Response:
        """One attempt: the response, RetryableAnswer for a failure worth another try, or a final error."""
        url = path_or_url if "://" in path_or_url else self._base_url + path_or_url
        try:
            response = self._session.request(
                method,
                url,
                data=data,
                params=params,
                timeout=self._timeout,
                headers={"Accept": "application/json", "User-Agent": USER_AGENT},
                auth=self._auth,
            )
        except (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError) as exc:
            raise answer_for_error(exc) from exc
        except requests.RequestException as exc:
            # The exception text can include the URL but never the Basic credentials, which travel in a header.
            raise TransportError(
                operation, sid, f"could not reach {self._base_url}: {type(exc).__name__}", title=self.title
            ) from exc
        retryable = answer_for_response(response)
        if retryable is not None:
            raise retryable
        return response

    def give_up(self, operation: str, sid: str | None, answer: RetryableAnswer) -> FlexFlowError:
        """The error for a request whose last attempt still failed, saying how many attempts were made."""
        attempts = f" (gave up after {answer.attempts} attempts)" if answer.attempts > 1 else ""
        if answer.response is not None:
            return self.api_error(operation, sid, answer.response, attempts)
        if answer.error is None:  # an answer that came but could not be read: the reason says how
            return TransportError(operation, sid, f"{answer}{attempts}", title=self.title)
        reason = f"could not reach {self._base_url}: {describe(None, answer.error)}{attempts}"
        return TransportError(operation, sid, reason, title=self.title)

    def decode(self, operation: str, sid: str | None, response: requests.Response, attempts: int = 1) -> Any:
        """The JSON of a final answer; an error status becomes the matching exception."""
        if response.status_code >= 400:
            raise self.api_error(operation, sid, response, f" (after {attempts} attempts)" if attempts > 1 else "")
        if response.status_code == 204 or not response.content:
            return None
        try:
            return response.json()
        except ValueError as exc:
            raise TransportError(
                operation,
                sid,
                f"HTTP {response.status_code} with a body that is not JSON from {self._base_url}",
                title=self.title,
            ) from exc

    def api_error(
        self, operation: str, sid: str | None, response: requests.Response, attempts: str = ""
    ) -> TwilioApiError:
        """The exception for an error answer: `not_found` for a 404, TwilioApiError otherwise."""
        return _api_error(operation, sid, response, attempts, self.title, self.description.not_found_error)


class FlexFlowsClient(TwilioClient):
    """The client of /v1/FlexFlows (a `TwilioClient` bound to the Flex Flow description)."""

    def __init__(self, settings: ConnectionSettings, *args: Any, **kwargs: Any) -> None:
        super().__init__(FLEX_FLOW, settings, *args, **kwargs)


def _api_error(
    operation: str,
    sid: str | None,
    response: requests.Response,
    attempts: str,
    title: str,
    not_found: type[NotFoundError],
) -> TwilioApiError:
    try:
        body = response.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    code = body.get("code")
    message = body.get("message") or response.reason or "no message"
    error_class = not_found if response.status_code == 404 else TwilioApiError
    return error_class(
        operation,
        sid,
        response.status_code,
        code if isinstance(code, int) else None,
        str(message) + attempts,
        body.get("more_info"),
        hint=_HINTS.get(response.status_code, ""),
        title=title,
    )


# What to try next, after Twilio's own message, where the status says it.
_HINTS = {
    401: (
        "Check twilio:accountSid with twilio:authToken (or twilio:apiKey with twilio:apiSecret); after rotating "
        "them, run `pulumi refresh --run-program` or `pulumi destroy --run-program`, since plain refresh and "
        "destroy use the credentials recorded at the last `up`"
    ),
}
