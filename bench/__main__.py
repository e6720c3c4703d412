"""python -m bench [--sizes 10,100,500] [--runs 3] [--latency-ms 50] [--operations LIST] [--out bench] [--keep]
                   [--resource flows|addresses]

Measures the provider against the floor through the real pulumi CLI and the emulator on loopback, then
writes OUT/raw.json (every command), OUT/results.md (medians) and OUT/results.png (ratio against N).
With --keep, records already in OUT/raw.json for sizes or operations not measured now are kept, so N = 500,
or new figures for one operation (`--operations refresh`), can be added to a report later; --report-only
rewrites results.md and the plot from raw.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from . import report
from .compare import before_after
from .measure import OPERATIONS, SETUP_OPERATIONS, Record, measure, to_json
from .stacks import pulumi_bin_dir

HERE = Path(__file__).resolve().parent


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part]
    except ValueError:
        raise argparse.ArgumentTypeError(f"--sizes: {text!r} is not a comma-separated list of whole numbers") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"--sizes: {text!r} must list numbers of flows of at least 1")
    return sizes


def _operations(text: str) -> list[str]:
    chosen = [part for part in text.split(",") if part]
    unknown = [op for op in chosen if op not in OPERATIONS]
    if not chosen or unknown:
        raise argparse.ArgumentTypeError(f"--operations: {text!r} must list some of {', '.join(OPERATIONS)}")
    return chosen


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=_sizes, default=[10, 100, 500], help="numbers of flows (default 10,100,500)")
    parser.add_argument("--runs", type=int, default=3, help="runs per size; figures are medians (default 3)")
    parser.add_argument(
        "--latency-ms", type=int, default=50, help="emulator latency for create, refresh, destroy; 0 skips"
    )
    parser.add_argument(
        "--operations",
        type=_operations,
        default=list(OPERATIONS),
        help=f"operations to time (default all); {' and '.join(SETUP_OPERATIONS)} run anyway, untimed if not listed",
    )
    parser.add_argument("--out", type=Path, default=HERE, help="directory for raw.json, results.md, results.png")
    parser.add_argument("--keep", action="store_true", help="keep OUT/raw.json records of other sizes or operations")
    parser.add_argument(
        "--resource",
        choices=("flows", "addresses"),
        default="flows",
        help="the resource measured against the floor: FlexFlow (default) or AddressConfiguration",
    )
    parser.add_argument("--report-only", action="store_true", help="only rewrite results.md and the plot")
    parser.add_argument("--no-plot", action="store_true", help="skip results.png")
    return parser


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _context(bin_dir: Path) -> dict[str, str]:
    from importlib.metadata import version

    cli = subprocess.run([str(bin_dir / "pulumi"), "version"], capture_output=True, text=True, check=False)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False)
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{_cpu_model()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        "versions": (
            f"pulumi CLI {cli.stdout.strip()}, Python SDK {version('pulumi')}, Python {platform.python_version()}"
        ),
        "code": f"commit {commit.stdout.strip() or 'unknown'}",
        "load average at the end": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.runs < 1 or args.latency_ms < 0:
        parser.error("--runs must be at least 1 and --latency-ms at least 0")
    args.out.mkdir(parents=True, exist_ok=True)
    raw_path = args.out / "raw.json"
    saved: dict[str, Any] = json.loads(raw_path.read_text()) if raw_path.exists() else {"records": []}
    records: list[dict[str, Any]] = saved["records"]
    bin_dir = pulumi_bin_dir()
    if not args.report_only:
        if not args.keep:
            records = []
        records = [r for r in records if r["n"] not in args.sizes or r["op"] not in args.operations]

        context = _context(bin_dir)  # written with every record, so a stopped run can still be reported
        kept_code = saved.get("context", {}).get("code")
        if records and kept_code:  # say which rows come from which commit
            if kept_code.split(" for ", 1)[0] == context["code"]:
                context["code"] = kept_code
            else:
                measured = f"{', '.join(args.operations)} at N = {', '.join(map(str, args.sizes))}"
                context["code"] += f" for {measured}; the other rows kept from {kept_code}"

        def keep(record: Record) -> None:
            records.append(to_json(record))
            context["date"] = f"{min(r['taken_at'] for r in records)} to {record.taken_at} (commands timed)"
            raw_path.write_text(json.dumps({"records": records, "context": context}, indent=1))
            print(
                f"run {record.run} N={record.n} L={record.latency_ms}ms {record.op:8s} {record.kind:6s} "
                f"{record.seconds:7.2f}s requests={record.requests_total} connections={record.connections}",
                flush=True,
            )

        context["resource"] = {"flows": "FlexFlow", "addresses": "AddressConfiguration"}[args.resource]
        measure(bin_dir, args.sizes, args.runs, args.latency_ms, keep, args.operations, args.resource)
        context["load average at the end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
        saved["context"] = context
    raw_path.write_text(json.dumps({"records": records, "context": saved.get("context", {})}, indent=1))
    # The comparison with the earlier code and the notes on it belong to this repository's own report only.
    notes, extra = "", []
    if args.out.resolve() == HERE:
        notes = (HERE / "notes.md").read_text() if (HERE / "notes.md").exists() else ""
        if (HERE / "before.json").exists():
            before = json.loads((HERE / "before.json").read_text())
            extra = before_after(before["records"], before.get("context", {}), records)
    (args.out / "results.md").write_text(report.render(records, saved.get("context", {}), notes, extra))
    if not args.no_plot:
        report.plot(records, args.out / "results.png")
    print(f"wrote {args.out / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
