"""The measurement schedule: for each run and N, both stacks step through the same operations, interleaved.

Every operation runs on the floor and on the flows back to back (which goes first alternates from run to
run), so both see the same machine load; the ratio of the two is taken within the run.
"""

from __future__ import annotations

import math
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .emulator import Emulator
from .memory import ProviderPeakMemory
from .stacks import Stack
from .workload import write_inputs

KINDS = ("floor", "flows")
OPERATIONS = ("create", "preview", "noop-up", "update", "refresh", "destroy")
LATENCY_OPERATIONS = ("create", "destroy")
WORKERS = 4  # the dynamic provider server's thread pool (pulumi/dynamic/__main__.py)


@dataclass
class Record:
    """One timed command on one stack."""

    run: int
    n: int
    kind: str
    op: str
    seconds: float
    cpu_seconds: float
    latency_ms: int = 0
    requests: dict[str, dict[str, int]] = field(default_factory=dict)
    requests_total: int = 0
    connections: int = 0
    peak_kib: int | None = None
    state_bytes: int | None = None
    taken_at: str = field(default_factory=lambda: time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()))


def latency_bound(n: int, latency_ms: int, floor_seconds: float) -> float:
    """The best possible time with `latency_ms` per request: ceil(N/4) rounds of it, plus the floor."""
    return math.ceil(n / WORKERS) * latency_ms / 1000 + floor_seconds


def _timed(stack: Stack, emulator: Emulator, run: int, n: int, op: str, latency_ms: int) -> Record:
    emulator.clear_counters()
    with ProviderPeakMemory(stack.root) as peak:
        seconds, cpu_seconds = stack.operation(op)
    counters = emulator.counters()
    return Record(
        run=run,
        n=n,
        kind=stack.kind,
        op=op,
        seconds=seconds,
        cpu_seconds=cpu_seconds,
        latency_ms=latency_ms,
        requests=counters["requests"],
        requests_total=counters["requests_total"],
        # The GET of the counters opened one connection itself (the DELETE's was opened before the reset).
        connections=counters["connections_opened"] - 1,
        peak_kib=peak.kib,
    )


def measure(
    bin_dir: Path,
    sizes: Iterable[int],
    runs: int,
    latency_ms: int,
    on_record: Callable[[Record], None],
) -> None:
    """Run the schedule, handing every record to `on_record` as soon as it is taken."""
    with Emulator() as emulator:
        for run in range(runs):
            for n in sizes:
                with tempfile.TemporaryDirectory(prefix=f"bench-{n}-") as workdir:
                    stacks = [Stack.create(kind, Path(workdir), bin_dir, emulator.url) for kind in KINDS]
                    if run % 2:
                        stacks.reverse()
                    _one_size(stacks, emulator, run, n, latency_ms, on_record)


def _one_size(
    stacks: list[Stack], emulator: Emulator, run: int, n: int, latency_ms: int, on_record: Callable[[Record], None]
) -> None:
    for stack in stacks:
        write_inputs(stack.root, n)
    for op in OPERATIONS:
        for stack in stacks:
            if op == "update":
                write_inputs(stack.root, n, generation=1)
            record = _timed(stack, emulator, run, n, op, 0)
            if op == "create":
                record.state_bytes = stack.export_bytes()
            on_record(record)
    if latency_ms <= 0:
        return
    emulator.set_latency(latency_ms)
    try:
        for op in LATENCY_OPERATIONS:
            for stack in stacks:
                on_record(_timed(stack, emulator, run, n, op, latency_ms))
    finally:
        emulator.set_latency(0)


def to_json(record: Record) -> dict[str, Any]:
    return asdict(record)
