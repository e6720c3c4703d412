"""A thin client for the Flex Flows endpoints of Twilio's Flex API (v1).

It speaks the wire format (form-encoded PascalCase in, JSON out), retries what is safe to retry (`_retry`),
creates exactly once (`_reconcile`) and turns error answers into the exception tree; it knows nothing of
Pulumi. The base URL and the `requests.Session` are injectable so tests can point it at the emulator,
in-process or over loopback. The session is never mutated here (credentials go with each request), so one
session can serve every thread (`_session`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any
from urllib.parse import quote

import requests

from ._config import ConnectionSettings
from ._errors import FlexFlowError, FlexFlowNotFoundError, TransportError, TwilioApiError
from ._reconcile import create_once
from ._retry import Retrier, RetryableAnswer, RetrySettings, answer_for_error, answer_for_response, describe
from ._version import __version__

DEFAULT_TIMEOUT = (
    5.0,
    30.0,
)  # (connect, read) seconds: the engine ignores custom timeouts for dynamic resources
USER_AGENT = f"pulumi-twilio-flex/{__version__}"
FlowJson = dict[str, Any]  # one Flex Flow as Twilio answers it


class FlexFlowsClient:
    """CRUD and list on /v1/FlexFlows; every method returns the JSON Twilio answered."""

    def __init__(
        self,
        settings: ConnectionSettings,
        session: requests.Session | None = None,
        timeout: float | tuple[float, float] = DEFAULT_TIMEOUT,
        retry: RetrySettings | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._base_url = settings.base_url.rstrip("/")
        self._session = session if session is not None else requests.Session()
        self._auth = (settings.credentials.username, settings.credentials.password)
        self._timeout = timeout
        self.retrier = Retrier(retry if retry is not None else settings.retry, sleep)
        # SIDs this client created or adopted: a reconciling create never adopts one of them twice.
        self.claimed: set[str] = set()
        self.claim_lock = threading.Lock()
        # SIDs this client sent an update or a delete for: a listing of the account may predate the write.
        self.written: set[str] = set()

    @property
    def base_url(self) -> str:
        return self._base_url

    def create(self, params: Mapping[str, str]) -> FlowJson:
        """Create one flow, exactly once even when an answer is lost (see `_reconcile`)."""
        return create_once(self, params)

    def fetch(self, sid: str) -> FlowJson:
        return self._request("fetch", sid, "GET", _instance_path(sid))

    def update(self, sid: str, params: Mapping[str, str]) -> FlowJson:
        self.written.add(sid)
        return self._request("update", sid, "POST", _instance_path(sid), data=params)

    def delete(self, sid: str) -> None:
        self.written.add(sid)
        self._request("delete", sid, "DELETE", _instance_path(sid))

    def list(self, friendly_name: str | None = None, page_size: int | None = None) -> Iterator[FlowJson]:
        """Every flow of the account, following `next_page_url` verbatim until it is null."""
        query: dict[str, str] = {}
        if friendly_name is not None:
            query["FriendlyName"] = friendly_name
        if page_size is not None:
            query["PageSize"] = str(page_size)
        page = self._request("list", None, "GET", "/v1/FlexFlows", params=query)
        while True:
            yield from page.get("flex_flows", [])
            next_url = (page.get("meta") or {}).get("next_page_url")
            if not next_url:
                return
            page = self._request("list", None, "GET", next_url)

    def _request(
        self,
        operation: str,
        sid: str | None,
        method: str,
        path_or_url: str,
        data: Mapping[str, str] | None = None,
        params: Mapping[str, str] | None = None,
    ) -> Any:
        """An idempotent request (fetch, list, update, delete), retried on 429, 5xx and connection errors."""
        try:
            response, attempts = self.retrier.run(
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
        data: Mapping[str, str] | None = None,
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
            raise TransportError(operation, sid, f"could not reach {self._base_url}: {type(exc).__name__}") from exc
        retryable = answer_for_response(response)
        if retryable is not None:
            raise retryable
        return response

    def give_up(self, operation: str, sid: str | None, answer: RetryableAnswer) -> FlexFlowError:
        """The error for a request whose last attempt still failed, saying how many attempts were made."""
        attempts = f" (gave up after {answer.attempts} attempts)" if answer.attempts > 1 else ""
        if answer.response is not None:
            return _api_error(operation, sid, answer.response, attempts)
        return TransportError(
            operation, sid, f"could not reach {self._base_url}: {describe(None, answer.error)}{attempts}"
        )

    def decode(self, operation: str, sid: str | None, response: requests.Response, attempts: int = 1) -> Any:
        """The JSON of a final answer; an error status becomes the matching exception."""
        if response.status_code >= 400:
            raise _api_error(operation, sid, response, f" (after {attempts} attempts)" if attempts > 1 else "")
        if response.status_code == 204 or not response.content:
            return None
        try:
            return response.json()
        except ValueError as exc:
            raise TransportError(
                operation,
                sid,
                f"HTTP {response.status_code} with a body that is not JSON from {self._base_url}",
            ) from exc


def _instance_path(sid: str) -> str:
    return f"/v1/FlexFlows/{quote(sid, safe='')}"


def _api_error(operation: str, sid: str | None, response: requests.Response, attempts: str = "") -> TwilioApiError:
    try:
        body = response.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    code = body.get("code")
    message = body.get("message") or response.reason or "no message"
    error_class = FlexFlowNotFoundError if response.status_code == 404 else TwilioApiError
    return error_class(
        operation,
        sid,
        response.status_code,
        code if isinstance(code, int) else None,
        str(message) + attempts,
        body.get("more_info"),
    )
