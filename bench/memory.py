"""Peak resident memory of a stack's provider process, sampled from /proc while a command runs.

The engine starts the provider (`python -u -m pulumi.dynamic`, through the `pulumi-resource-pulumi-python`
script) in the program's directory and kills it at the end, so nothing can be recorded at its exit. Instead a
thread polls every process whose working directory is the program's and whose command line runs
`pulumi.dynamic`, and keeps its `VmHWM` (the kernel's high-water mark of resident memory, which only grows):
the last sample before the process ends is its peak, short of what it may add in its last interval.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from types import TracebackType

INTERVAL = 0.1  # seconds between samples


def _read(path: str) -> str:
    try:
        with open(path, "rb") as file:
            return file.read().decode(errors="replace")
    except OSError:
        return ""


def _hwm_kib(pid: str) -> int | None:
    for line in _read(f"/proc/{pid}/status").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None


class ProviderPeakMemory:
    """`with ProviderPeakMemory(project_dir) as peak: ...` then `peak.kib` (None if no provider was seen)."""

    def __init__(self, project_dir: Path) -> None:
        self._cwd = str(project_dir.resolve())
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._known: set[str] = set()
        self._skipped: set[str] = set()
        self._seen_once: set[str] = set()
        self.kib: int | None = None

    def __enter__(self) -> ProviderPeakMemory:
        self._skipped = {pid for pid in os.listdir("/proc") if pid.isdigit()}  # running before the command
        self._thread.start()
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self._stop.set()
        self._thread.join()

    def _poll(self) -> None:
        while not self._stop.wait(INTERVAL):
            for pid in os.listdir("/proc"):
                if not pid.isdigit() or pid in self._skipped:
                    continue
                if pid not in self._known and not self._is_provider(pid):
                    # Seen twice as something else: not a provider (a fork has not exec'd python yet once).
                    (self._skipped if pid in self._seen_once else self._seen_once).add(pid)
                    continue
                self._known.add(pid)
                hwm = _hwm_kib(pid)
                if hwm is not None and (self.kib is None or hwm > self.kib):
                    self.kib = hwm

    def _is_provider(self, pid: str) -> bool:
        cmdline = _read(f"/proc/{pid}/cmdline").split("\0")
        if "pulumi.dynamic" not in cmdline:
            return False
        try:
            return os.readlink(f"/proc/{pid}/cwd") == self._cwd
        except OSError:
            return False
