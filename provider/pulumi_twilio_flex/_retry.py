"""When a request to Twilio is tried again, and for how long.

Twilio answers 429 (code 20429) to a request it never processed: always safe to send again, on every method.
A 5xx answer, a timeout or a connection lost after sending leave the outcome unknown: sending again is safe
only for idempotent requests (GET, DELETE, and updates, which carry the whole desired state). A create whose
outcome is unknown is not sent again blindly: `_reconcile` looks for the flow first.

The loop is tenacity's (bounded in attempts and in total time, exponential backoff with jitter); `Retry-After`
is parsed by urllib3's `Retry` and waited for when it asks for more than the backoff.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from typing import TypeVar

import requests
import tenacity
from urllib3.exceptions import ConnectTimeoutError, InvalidHeader
from urllib3.util.retry import Retry

# The settings live apart so that reading config loads no HTTP library; still importable from here.
from ._retry_settings import RetrySettings, retry_settings  # noqa: F401

T = TypeVar("T")

RETRY_AFTER_STATUSES = frozenset({429, 503})
NEVER_PROCESSED_STATUSES = frozenset({429})  # Twilio: "never processed, always safe to retry"
UNKNOWN_OUTCOME_STATUSES = frozenset({500, 502, 503, 504})


class RetryableAnswer(Exception):
    """An attempt that may be tried again: the answer (or the connection error) and what it means."""

    def __init__(
        self,
        *,
        response: requests.Response | None = None,
        error: requests.RequestException | None = None,
        processed: bool | None,
        reason: str | None = None,
    ) -> None:
        super().__init__(reason or describe(response, error))
        self.response = response
        self.error = error
        self.processed = processed  # False: certainly not processed; None: unknown
        self.attempts = 1  # set by Retrier.run: attempts made when this one was raised


def describe(response: requests.Response | None, error: BaseException | None) -> str:
    """A short, token-free description of a failed attempt (an HTTP status or the exception's class)."""
    if response is not None:
        return f"HTTP {response.status_code}"
    if error is None:
        return "no answer"
    reason = _os_reason(error)
    return f"{type(error).__name__} ({reason})" if reason else type(error).__name__


def _os_reason(error: BaseException) -> str | None:
    """The operating system's words for the failure at the root of `error` ("Connection refused"), if any.

    `strerror` never holds the URL or a credential, unlike the messages of requests' and urllib3's wrappers.
    """
    seen: set[int] = set()
    pending: list[BaseException] = [error]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, OSError) and isinstance(current.strerror, str) and current.strerror:
            return current.strerror
        pending += [e for e in (current.__cause__, current.__context__) if e is not None]
        pending += [a for a in current.args if isinstance(a, BaseException)]
        reason = getattr(current, "reason", None)
        if isinstance(reason, BaseException):
            pending.append(reason)
    return None


def answer_for_error(error: requests.RequestException) -> RetryableAnswer:
    """A connection error or timeout: not processed if the connection never opened, else unknown."""
    return RetryableAnswer(error=error, processed=False if never_sent(error) else None)


def answer_for_response(response: requests.Response) -> RetryableAnswer | None:
    """A RetryableAnswer for 429 (never processed) and 5xx (unknown outcome); None when the answer is final."""
    if response.status_code in NEVER_PROCESSED_STATUSES:
        return RetryableAnswer(response=response, processed=False)
    if response.status_code in UNKNOWN_OUTCOME_STATUSES:
        return RetryableAnswer(response=response, processed=None)
    return None


def never_sent(error: requests.RequestException) -> bool:
    """True when the connection could not be opened, so the request cannot have reached Twilio."""
    if isinstance(error, requests.ConnectTimeout):
        return True
    reason = getattr(error.args[0], "reason", None) if error.args else None
    return isinstance(reason, ConnectTimeoutError)  # NewConnectionError (refused, DNS) is one too


def retry_after_seconds(response: requests.Response | None) -> float:
    """The wait the server asked for in `Retry-After` (seconds or an HTTP date), 0 when absent or unreadable."""
    if response is None or response.status_code not in RETRY_AFTER_STATUSES:
        return 0.0
    value = response.headers.get("Retry-After")
    if not value:
        return 0.0
    try:
        return max(0.0, float(Retry(0).parse_retry_after(value)))
    except InvalidHeader:
        return 0.0


class Retrier:
    """Runs one attempt function until it succeeds, fails for good, or the bounds are reached."""

    def __init__(
        self,
        settings: RetrySettings,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self._sleep = sleep
        self._backoff = tenacity.wait_exponential_jitter(
            multiplier=settings.backoff_initial, max=settings.backoff_max, jitter=settings.backoff_initial
        )

    def within(self, seconds: float) -> Retrier:
        """The same bounds, but with at most `seconds` from the first attempt to the last wait."""
        return Retrier(dataclasses.replace(self.settings, max_elapsed=max(0.0, seconds)), self._sleep)

    def run(self, attempt: Callable[[int], T]) -> tuple[T, int]:
        """Call `attempt(n)` for n = 1, 2, ...; return its result and the attempt count.

        `attempt` raises RetryableAnswer for a failure worth another try (any other exception is final).
        When the bounds are reached, the last RetryableAnswer is raised with `attempts` set on it.
        """
        settings = self.settings
        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(settings.max_attempts) | tenacity.stop_before_delay(settings.max_elapsed),
            wait=self._wait,
            retry=tenacity.retry_if_exception_type(RetryableAnswer),
            sleep=self._sleep,
            reraise=True,
        )
        count = 0

        def counted() -> T:
            nonlocal count
            count += 1
            try:
                return attempt(count)
            except RetryableAnswer as answer:
                answer.attempts = count
                raise

        return retrying(counted), count

    def _wait(self, state: tenacity.RetryCallState) -> float:
        answer = state.outcome.exception() if state.outcome is not None else None
        asked = retry_after_seconds(answer.response) if isinstance(answer, RetryableAnswer) else 0.0
        return max(asked, float(self._backoff(state)))
