"""Bounds on retries, and how they are read from config: apart from `_retry` so that reading the settings
(as `check` does in every preview) loads no HTTP library."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ._errors import ConfigurationError
from ._settings_keys import how_to_set


@dataclass(frozen=True)
class RetrySettings:
    """Bounds on retries: attempts per request, and seconds from the first attempt to the last wait."""

    max_attempts: int = 5
    max_elapsed: float = 60.0
    backoff_initial: float = 0.5  # first wait in seconds; doubles each retry, plus up to as much jitter
    backoff_max: float = 8.0


def retry_settings(lookup: Callable[[str], str | None]) -> RetrySettings:
    """Retry bounds from `twilio:maxAttempts` and `twilio:retryTimeout` (or the environment); defaults otherwise."""
    defaults = RetrySettings()
    attempts, timeout = lookup("twilio:maxAttempts"), lookup("twilio:retryTimeout")
    try:
        max_attempts = int(attempts) if attempts is not None else defaults.max_attempts
        if max_attempts < 1:
            raise ValueError
    except ValueError:
        raise ConfigurationError(
            "twilio:maxAttempts",
            f"twilio:maxAttempts (TWILIO_MAX_ATTEMPTS) must be a whole number of at least 1 (the value is not "
            f"repeated here); set it with {how_to_set('twilio:maxAttempts')}.",
        ) from None
    try:
        max_elapsed = float(timeout) if timeout is not None else defaults.max_elapsed
        if not max_elapsed >= 0:
            raise ValueError
    except ValueError:
        raise ConfigurationError(
            "twilio:retryTimeout",
            f"twilio:retryTimeout (TWILIO_RETRY_TIMEOUT) must be a number of seconds of at least 0 (the value is "
            f"not repeated here); set it with {how_to_set('twilio:retryTimeout')}.",
        ) from None
    return RetrySettings(max_attempts=max_attempts, max_elapsed=max_elapsed)
