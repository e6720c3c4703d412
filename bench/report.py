"""Medians of the raw records, written as bench/results.md and plotted as bench/results.png."""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .measure import LATENCY_OPERATIONS, OPERATIONS, latency_bound

Raw = Sequence[dict[str, Any]]
TARGET_N = 100
LIMITS = {"create": 1.10, "preview": 1.10}  # the targets for the ratio to the floor at N = 100
REFRESH_N, REFRESH_LIMIT = 500, 1.10  # refresh reads the account in a handful of requests: the target at N = 500
PAGE_SIZE = 1000  # flows per page of the listing refresh shares (`_account_snapshot`)


def _group(records: Raw, latency: bool) -> dict[tuple[int, str, str], list[dict[str, Any]]]:
    groups: dict[tuple[int, str, str], list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        if bool(record["latency_ms"]) == latency:
            groups[(record["n"], record["op"], record["kind"])].append(record)
    return groups


def _runs(groups: dict[tuple[int, str, str], list[dict[str, Any]]], n: int, op: str) -> list[tuple[dict, dict]]:
    """Floor and flows records of the same run, paired."""
    floor = {r["run"]: r for r in groups.get((n, op, "floor"), [])}
    return [(floor[r["run"]], r) for r in groups.get((n, op, "flows"), []) if r["run"] in floor]


def ratios(records: Raw) -> dict[str, dict[int, float]]:
    """Median over runs of flows time / floor time, by operation and N."""
    groups = _group(records, latency=False)
    out: dict[str, dict[int, float]] = defaultdict(dict)
    for n, op, _kind in groups:
        pairs = _runs(groups, n, op)
        if pairs:
            out[op][n] = statistics.median(b["seconds"] / a["seconds"] for a, b in pairs)
    return out


def _requests(record: dict[str, Any]) -> str:
    parts = [f"{op} {status}×{count}" for op, by in sorted(record["requests"].items()) for status, count in by.items()]
    return ", ".join(parts) or "none"


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def render(records: Raw, context: dict[str, str], notes: str = "", extra: Sequence[str] = ()) -> str:
    groups = _group(records, latency=False)
    sizes = sorted({r["n"] for r in records})
    by_ratio = ratios(records)
    resource = context.get("resource", "FlexFlow")
    lines = [
        f"# Benchmarks: the {resource} provider against the engine's floor",
        "",
        *(f"- **{key}**: {value}" for key, value in context.items()),
        "",
        "The floor is the same program declaring N trivial dynamic resources with the same inputs, in a module",
        "beside the program (pickled by reference, like FlexFlow's provider, and with the SDK's defaults): its",
        "provider keeps the inputs as outputs and makes no HTTP call. Both stacks run each operation back to",
        "back (which one goes first alternates per run); the ratio is flows ÷ floor within a run, and every",
        "figure is the median over runs. Commands: `up --skip-preview` (create; `noop-up` with no change;",
        "update, of one field of every flow), `preview` with no change, `refresh --skip-preview`,",
        "`destroy --skip-preview`. CPU is the user + system time of every process of the command (CLI,",
        "language host, program, provider), which other load on the machine disturbs far less than wall",
        "time; the emulator's own work is not in it.",
        "",
        "## Wall time (seconds) and ratio to the floor",
        "",
        "| N | runs | operation | floor | flows | ratio | CPU s floor | CPU s flows | CPU ratio |",
        "|---:|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for n in sizes:
        for op in OPERATIONS:
            pairs = _runs(groups, n, op)
            if not pairs:
                continue
            floor = _median([a["seconds"] for a, _ in pairs])
            flows = _median([b["seconds"] for _, b in pairs])
            cpu_floor = _median([a["cpu_seconds"] for a, _ in pairs])
            cpu_flows = _median([b["cpu_seconds"] for _, b in pairs])
            cpu_ratio = _median([b["cpu_seconds"] / a["cpu_seconds"] for a, b in pairs])
            lines.append(
                f"| {n} | {len(pairs)} | {op} | {floor:.2f} | {flows:.2f} | {by_ratio[op][n]:.2f}× | "
                f"{cpu_floor:.2f} | {cpu_flows:.2f} | {cpu_ratio:.2f}× |"
            )
    lines += [
        "",
        "## HTTP requests and TCP connections per command (the emulator's counters, flows stack)",
        "",
        "| N | operation | requests (operation status×count) | per flow | connections opened (most of any run) |",
        "|---:|---|---|---:|---:|",
    ]
    for n in sizes:
        for op in OPERATIONS:
            taken = groups.get((n, op, "flows"), [])
            if not taken:
                continue
            last = taken[-1]
            per_flow = _median([r["requests_total"] / n for r in taken])
            connections = max(r["connections"] for r in taken)
            lines.append(f"| {n} | {op} | {_requests(last)} | {per_flow:g} | {connections} |")
    floor_requests = sum(r["requests_total"] for r in records if r["kind"] == "floor")
    lines += ["", f"The floor's stacks sent {floor_requests} requests in all (it makes no HTTP call).", ""]
    lines += [
        "## State size (`pulumi stack export` bytes ÷ N, after create)",
        "",
        "| N | floor | flows | ratio |",
        "|---:|---:|---:|---:|",
    ]
    for n in sizes:
        pairs = [(a, b) for a, b in _runs(groups, n, "create") if a["state_bytes"] and b["state_bytes"]]
        if pairs:
            floor = _median([a["state_bytes"] / n for a, _ in pairs])
            flows = _median([b["state_bytes"] / n for _, b in pairs])
            lines.append(f"| {n} | {floor:.0f} | {flows:.0f} | {flows / floor:.2f}× |")
    lines += _latency_section(records)
    lines += _memory_section(records, sizes)
    lines += _targets(records, by_ratio)
    lines += extra
    if notes:
        lines += ["", notes.strip()]
    return "\n".join(lines) + "\n"


def _bound(floor: dict[str, Any], flows: dict[str, Any]) -> float:
    return latency_bound(flows["n"], flows["latency_ms"], floor["seconds"], flows["op"], flows["requests_total"])


def _latency_section(records: Raw) -> list[str]:
    groups = _group(records, latency=True)
    keys = sorted({(n, op) for n, op, _ in groups}, key=lambda k: (k[0], LATENCY_OPERATIONS.index(k[1])))
    if not keys:
        return ["", "## With API latency", "", "Not run (`--latency-ms 0`)."]
    lines = [
        "",
        "## With API latency: against the best possible time",
        "",
        "The emulator delays every request by L. Create and destroy make one request per flow from the",
        "provider server's 4 worker threads, so their best possible time (the bound) is ceil(N/4)·L plus the",
        "floor's time for the same operation in the same run. Refresh makes a handful of requests (one GET,",
        "then one listing of the account shared by every other read), so its bound is requests·L plus the",
        "floor's time, counting the requests one after another.",
        "",
        "| N | L (ms) | runs | operation | floor | flows | bound | flows ÷ bound | requests | connections |",
        "|---:|---:|---:|---|---:|---:|---:|---:|---|---:|",
    ]
    for n, op in keys:
        pairs = _runs(groups, n, op)
        if not pairs:
            continue
        latency = pairs[0][1]["latency_ms"]
        bounds = [_bound(a, b) for a, b in pairs]
        share = _median([b["seconds"] / bound for (_, b), bound in zip(pairs, bounds, strict=True)])
        lines.append(
            f"| {n} | {latency} | {len(pairs)} | {op} | {_median([a['seconds'] for a, _ in pairs]):.2f} | "
            f"{_median([b['seconds'] for _, b in pairs]):.2f} | {_median(bounds):.2f} | {share:.2f}× | "
            f"{_requests(pairs[-1][1])} | {max(b['connections'] for _, b in pairs)} |"
        )
    return lines


def _memory_section(records: Raw, sizes: list[int]) -> list[str]:
    lines = [
        "",
        "## Peak memory of the provider process (MiB, highest over the commands of a run)",
        "",
        "`VmHWM` of the `python -m pulumi.dynamic` process, sampled from /proc every 0.1 s.",
        "",
        "| N | floor | flows |",
        "|---:|---:|---:|",
    ]
    for n in sizes:
        peaks: dict[str, list[float]] = defaultdict(list)
        for kind in ("floor", "flows"):
            by_run: dict[int, int] = defaultdict(int)
            for r in records:
                if r["n"] == n and r["kind"] == kind and r["peak_kib"]:
                    by_run[r["run"]] = max(by_run[r["run"]], r["peak_kib"])
            peaks[kind] = [kib / 1024 for kib in by_run.values()]
        lines.append(f"| {n} | {_median(peaks['floor']):.1f} | {_median(peaks['flows']):.1f} |")
    return lines


def _targets(records: Raw, by_ratio: dict[str, dict[int, float]]) -> list[str]:
    """The issue's targets, each with the figure measured here."""
    lines = ["", "## Targets", "", "| target | measured | met |", "|---|---|---|"]

    def row(target: str, measured: str, met: bool | None) -> None:
        lines.append(f"| {target} | {measured} | {'n/a' if met is None else ('yes' if met else '**no**')} |")

    for op, limit in LIMITS.items():
        value = by_ratio.get(op, {}).get(TARGET_N)
        shown = f"{value:.3f}×" if value else "not run"
        row(f"N={TARGET_N}: {op} ≤ {limit:.2f}× floor", shown, None if value is None else value <= limit)
    value = by_ratio.get("refresh", {}).get(REFRESH_N)
    shown = f"{value:.3f}×" if value else "not run"
    met = None if value is None else value <= REFRESH_LIMIT
    row(f"N={REFRESH_N}: refresh ≤ {REFRESH_LIMIT:.2f}× floor", shown, met)
    refreshes = [r for r in records if r["kind"] == "flows" and r["op"] == "refresh"]
    if refreshes:
        sizes = sorted({r["n"] for r in refreshes})
        most = {n: max(r["requests_total"] for r in refreshes if r["n"] == n) for n in sizes}
        met = all(count <= 1 + math.ceil(n / PAGE_SIZE) for n, count in most.items())
        shown = ", ".join(f"N={n}: {count}" for n, count in most.items())
        row("refresh of N flows: ≤ 1 + ceil(N/1000) requests (most of any run)", shown, met)
    at_n = [r for r in records if r["n"] == TARGET_N and r["kind"] == "flows" and not r["latency_ms"]]
    if at_n:
        expected = {"create": 1, "update": 1, "destroy": 1, "preview": 0, "noop-up": 0}
        per = {op: sorted({r["requests_total"] / TARGET_N for r in at_n if r["op"] == op}) for op in expected}
        per = {op: values for op, values in per.items() if values}  # operations this run did not measure
        met = all(values == [float(expected[op])] for op, values in per.items())
        shown = ", ".join(f"{op} {'/'.join(f'{v:g}' for v in values)}" for op, values in per.items())
        row(f"N={TARGET_N}: 1 request per change, 0 for a no-change preview or up", shown, met)
        most = max(r["connections"] for r in at_n)
        row(f"N={TARGET_N}: ≤ 8 connections per command", f"{most} at most", most <= 8)
        states = [(r, f) for r in records for f in records if _same(r, f) and r["state_bytes"] and f["state_bytes"]]
        if states:
            ratio = _median([f["state_bytes"] / r["state_bytes"] for r, f in states])
            row(f"N={TARGET_N}: state ≤ 1.10× floor per resource", f"{ratio:.3f}×", ratio <= 1.10)
    groups = _group(records, latency=True)
    for n in sorted({n for n, _op, _kind in groups}, reverse=True)[:1]:
        for op, bound in (("create", "bound"), ("refresh", "requests·L + floor")):
            pairs = _runs(groups, n, op)
            if pairs:
                share = _median([b["seconds"] / _bound(a, b) for a, b in pairs])
                target = f"N={n}, L={pairs[0][1]['latency_ms']} ms: {op} ≤ 1.2× {bound}"
                row(target, f"{share:.3f}×", share <= 1.2)
    return lines


def _same(floor: dict[str, Any], flows: dict[str, Any]) -> bool:
    return (
        floor["kind"] == "floor"
        and flows["kind"] == "flows"
        and floor["n"] == flows["n"] == TARGET_N
        and floor["run"] == flows["run"]
        and floor["op"] == flows["op"] == "create"
        and not floor["latency_ms"]
        and not flows["latency_ms"]
    )


def plot(records: Raw, path: Path) -> None:
    """Ratio to the floor against N, one line per operation."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    by_ratio = ratios(records)
    figure, axes = plt.subplots(figsize=(7, 4.2), dpi=110)
    for op in OPERATIONS:
        points = sorted(by_ratio.get(op, {}).items())
        if points:
            axes.plot([n for n, _ in points], [r for _, r in points], marker="o", label=op)
    axes.axhline(1.0, color="grey", linewidth=0.8)
    axes.axhline(1.1, color="grey", linewidth=0.8, linestyle="--", label="1.10× (target for up, preview)")
    axes.set_xscale("log")
    sizes = sorted({r["n"] for r in records})
    axes.set_xticks(sizes, [str(n) for n in sizes])
    axes.minorticks_off()
    axes.set_xlabel("flows (N)")
    axes.set_ylabel("wall time ÷ floor's (median)")
    axes.set_title("pulumi-twilio-flex against N trivial dynamic resources")
    axes.legend(fontsize="small")
    axes.grid(True, which="both", alpha=0.3)
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
