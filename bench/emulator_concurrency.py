"""Benchmark of the emulator's threaded server: ``python -m bench.emulator_concurrency``.

Prints the wall time of 64 concurrent creates, each on its own connection, and of sequential requests on
one kept-alive session. Targets on a laptop: 64 creates well under a second, a request under 5 ms.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests

from pulumi_twilio_flex.emulator import EmulatorServer

ACCOUNT = "AC" + "0" * 32
FORM = {
    "FriendlyName": "x",
    "ChatServiceSid": "IS" + "a" * 32,
    "ChannelType": "web",
    "Integration.FlowSid": "FW" + "b" * 32,
}


def concurrent_creates(server: EmulatorServer, count: int = 64) -> tuple[float, float, int]:
    """(wall seconds, slowest request seconds, distinct SIDs) of ``count`` creates started together."""
    start = threading.Barrier(count)

    def create(_: int) -> tuple[float, str]:
        with requests.Session() as session:
            start.wait()
            began = time.perf_counter()
            response = session.post(f"{server.url}/v1/FlexFlows", data=FORM, auth=(ACCOUNT, "t"), timeout=60)
            response.raise_for_status()
            return time.perf_counter() - began, response.json()["sid"]

    began = time.perf_counter()
    with ThreadPoolExecutor(count) as pool:
        results = list(pool.map(create, range(count)))
    return time.perf_counter() - began, max(t for t, _ in results), len({sid for _, sid in results})


def sequential(server: EmulatorServer, count: int = 200) -> float:
    """Seconds per request of ``count`` fetches of a one-item page on one session."""
    with requests.Session() as session:
        began = time.perf_counter()
        for _ in range(count):
            session.get(f"{server.url}/v1/FlexFlows?PageSize=1", auth=(ACCOUNT, "t"), timeout=10).raise_for_status()
        return (time.perf_counter() - began) / count


def main() -> None:
    with EmulatorServer() as server:
        for run in range(3):
            wall, slowest, sids = concurrent_creates(server)
            print(f"64 concurrent creates, run {run}: {wall:.3f} s wall, slowest {slowest:.3f} s, {sids} SIDs")
        server.app.stats.clear()
        print(
            f"sequential on one session: {sequential(server) * 1000:.2f} ms per request, "
            f"{server.app.counters()['connections_opened']} connection(s)"
        )


if __name__ == "__main__":
    main()
