"""What every service's state shares: the clock, creation order and a lock. No HTTP here."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from datetime import datetime, timezone

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def whole_seconds(moment: datetime) -> datetime:
    """``moment`` in UTC without its fraction: Twilio stamps whole seconds."""
    if moment.tzinfo is None:
        raise ValueError("the emulator clock must return timezone-aware datetimes")
    return moment.astimezone(timezone.utc).replace(microsecond=0)


class ServiceBackend:
    """Base of one service's state: resources per Account SID, kept by the subclass, reset with ``reset``.

    ``clock`` is read at every stamp, so a test's fake clock set on the root backend applies at once.
    Thread-safe through ``_lock``: the threaded server calls it from many threads.
    """

    def __init__(self, clock: Callable[[], Clock]) -> None:
        self._clock = clock
        self._lock = threading.RLock()
        self._sequence = itertools.count(1)

    def now(self) -> datetime:
        return whole_seconds(self._clock()())

    def next_sequence(self) -> int:
        return next(self._sequence)

    def reset(self) -> None:
        """Forget every resource of every account."""
        with self._lock:
            self._sequence = itertools.count(1)
            self._clear()

    def _clear(self) -> None:
        raise NotImplementedError
