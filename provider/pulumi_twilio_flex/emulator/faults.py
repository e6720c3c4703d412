"""Fault injection: rate limits, transient errors, lost responses and latency, off by default.

A fault answers instead of the API and the request is not processed (Twilio states a 429 never was).
A lost response is the opposite: the request is processed, then the connection closes before any answer.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from .exceptions import (
    FlexApiError,
    InternalServerError,
    InvalidParameterError,
    ServiceUnavailableError,
    TooManyRequestsError,
    UnknownParameterError,
)

# "429" answers with Retry-After, "429-" without it.
FAULT_CODES = ("429", "429-", "500", "503")
DEFAULT_FAULT_CODES = ("429", "500", "503")
LOST_RESPONSE = "lost_response"


@dataclass(frozen=True)
class FaultSettings:
    """What to inject. Rates are probabilities per request; ``seed`` makes the draws repeatable."""

    fault_rate: float = 0.0
    fault_codes: tuple[str, ...] = field(default=DEFAULT_FAULT_CODES)
    retry_after: int = 1
    lost_response_rate: float = 0.0
    latency_ms: int = 0
    seed: int | None = None

    def __post_init__(self) -> None:
        if isinstance(self.fault_codes, (list, str)):
            object.__setattr__(self, "fault_codes", parse_fault_codes(self.fault_codes))
        for name, value in asdict(self).items():
            try:
                _CHECKS[name](value)
            except ValueError as exc:
                raise ValueError(f"{name}: {exc}") from None

    def to_json(self) -> dict[str, Any]:
        settings = asdict(self)
        settings["fault_codes"] = list(self.fault_codes)
        return settings

    def updated(self, changes: Mapping[str, Any]) -> FaultSettings:
        """A copy with ``changes`` (JSON values) applied; InvalidParameterError names the first bad key."""
        converted: dict[str, Any] = {}
        for key, value in changes.items():
            if key not in _CHECKS:
                raise UnknownParameterError(key)
            try:
                converted[key] = _CONVERT.get(key, _same)(value)
                _CHECKS[key](converted[key])
            except (TypeError, ValueError) as exc:
                raise InvalidParameterError(key, str(exc)) from None
        return replace(self, **converted)


def _same(value: Any) -> Any:
    return value


def _rate(value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
        raise ValueError(f"{value!r} is not a number between 0 and 1")


def _whole(value: Any, *, nullable: bool = False) -> None:
    if value is None and nullable:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{value!r} is not a whole number of at least 0")


def _codes(value: Any) -> None:
    if not isinstance(value, tuple):
        raise ValueError(f"{value!r} is not a list")
    for code in value:
        if code not in FAULT_CODES:
            raise ValueError(f"{code!r} is not one of {', '.join(FAULT_CODES)}")


def parse_fault_codes(value: Any) -> tuple[str, ...]:
    """``"429,500"`` (the command line) or ``["429", 500]`` (JSON) as a tuple of strings."""
    if isinstance(value, str):
        items: list[Any] = [item.strip() for item in value.split(",") if item.strip()]
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        raise ValueError(f"{value!r} is not a list of HTTP statuses")
    # Anything but a string or an integer keeps its repr, which the check then refuses by name.
    return tuple(
        str(item) if isinstance(item, (str, int)) and not isinstance(item, bool) else repr(item) for item in items
    )


_CHECKS = {
    "fault_rate": _rate,
    "fault_codes": _codes,
    "retry_after": _whole,
    "lost_response_rate": _rate,
    "latency_ms": _whole,
    "seed": lambda value: _whole(value, nullable=True),
}
_CONVERT = {"fault_codes": parse_fault_codes}


class FaultInjector:
    """Draws, per request, whether to inject a fault and whether to lose the response. Thread-safe."""

    def __init__(self, settings: FaultSettings | None = None) -> None:
        self._lock = threading.Lock()
        self.settings = settings if settings is not None else FaultSettings()

    @property
    def settings(self) -> FaultSettings:
        return self._settings

    @settings.setter
    def settings(self, settings: FaultSettings) -> None:
        with self._lock:
            self._settings = settings
            self._random = random.Random(settings.seed)

    def update(self, changes: Mapping[str, Any]) -> FaultSettings:
        """Apply JSON ``changes`` atomically; a new seed restarts the draws."""
        with self._lock:
            settings = self._settings.updated(changes)
            self._settings = settings
            if "seed" in changes:
                self._random = random.Random(settings.seed)
            return settings

    def draw_fault(self) -> str | None:
        """The fault code to answer with instead of processing, or None."""
        with self._lock:
            settings = self._settings
            if settings.fault_rate <= 0 or not settings.fault_codes or self._random.random() >= settings.fault_rate:
                return None
            return self._random.choice(settings.fault_codes)

    def draw_lost(self) -> bool:
        """Whether to drop the answer to a request that was just processed."""
        with self._lock:
            rate = self._settings.lost_response_rate
            return rate > 0 and self._random.random() < rate

    def error(self, code: str) -> FlexApiError:
        """The Twilio error a fault code answers with."""
        if code == "429":
            return TooManyRequestsError(retry_after=self._settings.retry_after)
        if code == "429-":
            return TooManyRequestsError()
        if code == "503":
            return ServiceUnavailableError()
        return InternalServerError()
