"""The same figures for the code before this work's changes (bench/before.json), beside today's."""

from __future__ import annotations

import statistics
from typing import Any

from .measure import OPERATIONS
from .report import Raw, ratios


def _state_ratio(records: Raw, n: int) -> float | None:
    pairs = [
        (a["state_bytes"], b["state_bytes"])
        for a in records
        for b in records
        if a["kind"] == "floor" and b["kind"] == "flows" and a["n"] == b["n"] == n and a["run"] == b["run"]
        if a["state_bytes"] and b["state_bytes"]
    ]
    return statistics.median(flows / floor for floor, flows in pairs) if pairs else None


def _runs(records: Raw, n: int) -> int:
    return len({r["run"] for r in records if r["n"] == n})


def before_after(before: Raw, before_context: dict[str, Any], records: Raw) -> list[str]:
    """A table of ratios to the floor, before and now, for the sizes both measured."""
    then, now = ratios(before), ratios(records)
    sizes = sorted({r["n"] for r in before} & {r["n"] for r in records})
    if not sizes:
        return []
    lines = [
        "",
        "## Before and after",
        "",
        f"Ratios to the floor measured the same way on {before_context.get('code', 'the earlier code')} "
        f"({before_context.get('date', 'date unknown')}; medians of the runs shown).",
        "",
        "| N | runs before / now | operation | before | now |",
        "|---:|---|---|---:|---:|",
    ]
    for n in sizes:
        for op in OPERATIONS:
            if n in then.get(op, {}) and n in now.get(op, {}):
                runs = f"{_runs(before, n)} / {_runs(records, n)}"
                lines.append(f"| {n} | {runs} | {op} | {then[op][n]:.2f}× | {now[op][n]:.2f}× |")
        old_state, new_state = _state_ratio(before, n), _state_ratio(records, n)
        if old_state and new_state:
            lines.append(f"| {n} | | state bytes per resource | {old_state:.2f}× | {new_state:.2f}× |")
    return lines
