"""The measurement schedule: for each run and N, both stacks step through the same operations, interleaved.

Every operation runs on the floor and on the flows back to back (which goes first alternates from run to
run), so both see the same machine load; the ratio of the two is taken within the run. Refresh runs a
second time with the API's latency right after the first, while the flows exist; create and destroy run
again with latency after the rest.
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
# The program each kind of stack runs, by resource under test: the floor is the same for every resource.
PROGRAMS = {
    ("floor", "flows"): "floor",
    ("floor", "addresses"): "floor",
    ("flows", "flows"): "flows",
    ("flows", "addresses"): "addresses",
}
OPERATIONS = ("create", "preview", "noop-up", "update", "refresh", "destroy")
LATENCY_OPERATIONS = ("create", "refresh", "destroy")
SETUP_OPERATIONS = ("create", "destroy")  # always run: the others need the flows, the next size an empty account
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


def latency_bound(n: int, latency_ms: int, floor_seconds: float, op: str = "create", requests: int = 0) -> float:
    """The best possible time with `latency_ms` per request, plus the floor's time.

    Create and destroy make one request per flow from the provider's 4 worker threads: ceil(N/4) rounds of
    latency. Refresh makes `requests` requests (a GET, then the listing's pages): counted one after another.
    """
    rounds = requests if op == "refresh" else math.ceil(n / WORKERS)
    return rounds * latency_ms / 1000 + floor_seconds


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
    operations: Iterable[str] = OPERATIONS,
    resource: str = "flows",
) -> None:
    """Run the schedule, handing every record of `operations` to `on_record` as soon as it is taken.

    Create and destroy run whether they are in `operations` or not, unrecorded when they are not. `resource`:
    `flows` (FlexFlow) or `addresses` (AddressConfiguration), the program the floor is measured against; its
    records keep the kind `flows` (the stack under test), and the report names the resource.
    """
    timed = frozenset(operations)

    def keep(record: Record) -> None:
        if record.op in timed:
            on_record(record)

    with Emulator() as emulator:
        for run in range(runs):
            for n in sizes:
                with tempfile.TemporaryDirectory(prefix=f"bench-{n}-") as workdir:
                    stacks = [
                        Stack.create(kind, Path(workdir), bin_dir, emulator.url, program=PROGRAMS[kind, resource])
                        for kind in KINDS
                    ]
                    if run % 2:
                        stacks.reverse()
                    _one_size(stacks, emulator, run, n, latency_ms, keep, timed, resource)


def _one_size(
    stacks: list[Stack],
    emulator: Emulator,
    run: int,
    n: int,
    latency_ms: int,
    on_record: Callable[[Record], None],
    timed: frozenset[str],
    resource: str = "flows",
) -> None:
    for stack in stacks:
        write_inputs(stack.root, n, resource=resource)
    for op in OPERATIONS:
        if op not in timed and op not in SETUP_OPERATIONS:
            continue
        for stack in stacks:
            if op == "update":
                write_inputs(stack.root, n, generation=1, resource=resource)
            record = _timed(stack, emulator, run, n, op, 0)
            if op == "create" and op in timed:
                record.state_bytes = stack.export_bytes()
            on_record(record)
        if op == "refresh" and latency_ms > 0:
            _with_latency(stacks, emulator, run, n, ("refresh",), latency_ms, on_record)
    if latency_ms > 0 and timed & set(SETUP_OPERATIONS):  # create and destroy again, under latency
        _with_latency(stacks, emulator, run, n, SETUP_OPERATIONS, latency_ms, on_record)


def _with_latency(
    stacks: list[Stack],
    emulator: Emulator,
    run: int,
    n: int,
    operations: Iterable[str],
    latency_ms: int,
    on_record: Callable[[Record], None],
) -> None:
    emulator.set_latency(latency_ms)
    try:
        for op in operations:
            for stack in stacks:
                on_record(_timed(stack, emulator, run, n, op, latency_ms))
    finally:
        emulator.set_latency(0)


def to_json(record: Record) -> dict[str, Any]:
    return asdict(record)
