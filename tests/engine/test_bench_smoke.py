"""The benchmark command still runs end to end (N = 5, one run): a smoke test, not a timed one."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from engine_support import REPO

pytestmark = pytest.mark.engine


def test_bench_command_writes_its_report(tmp_path, pulumi_bin_dir):
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--sizes", "5", "--runs", "1", "--latency-ms", "20", "--out", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]

    records = json.loads((tmp_path / "raw.json").read_text())["records"]
    flows = {(r["op"], r["latency_ms"]): r for r in records if r["kind"] == "flows"}
    operations = ("create", "preview", "noop-up", "update", "refresh", "destroy")
    latency = [("create", 20), ("refresh", 20), ("destroy", 20)]
    assert sorted(flows) == sorted([(op, 0) for op in operations] + latency)
    # The counters the report is built on: one request per flow and change, none for a no-change preview, and
    # a GET then one listing for a refresh.
    assert {op: r["requests_total"] for (op, latency), r in flows.items() if not latency} == {
        "create": 5,
        "preview": 0,
        "noop-up": 0,
        "update": 5,
        "refresh": 2,
        "destroy": 5,
    }
    assert flows[("refresh", 20)]["requests"] == {"fetch": {"200": 1}, "list": {"200": 1}}
    assert all(r["requests_total"] == 0 for r in records if r["kind"] == "floor")
    for kind in ("floor", "flows"):  # the provider process of each stack was seen by the memory sampler
        assert any(r["peak_kib"] for r in records if r["kind"] == kind)
    assert all(r["state_bytes"] > 0 for r in records if r["op"] == "create" and not r["latency_ms"])

    report = (tmp_path / "results.md").read_text()
    for heading in ("## Wall time", "## HTTP requests", "## State size", "## With API latency", "## Peak memory"):
        assert heading in report
    assert "| 5 | 1 | create |" in report
    assert (tmp_path / "results.png").stat().st_size > 0


def test_bench_command_measures_address_configurations_against_the_same_floor(tmp_path, pulumi_bin_dir):
    command = [sys.executable, "-m", "bench", "--resource", "addresses", "--sizes", "5", "--runs", "1"]
    done = subprocess.run(
        [*command, "--latency-ms", "0", "--out", str(tmp_path), "--no-plot"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    saved = json.loads((tmp_path / "raw.json").read_text())
    assert saved["context"]["resource"] == "AddressConfiguration"
    measured = {r["op"]: r for r in saved["records"] if r["kind"] == "flows"}
    assert measured["create"]["requests"] == {"address_configuration.create": {"201": 5}}
    assert measured["update"]["requests_total"] == 5 and measured["preview"]["requests_total"] == 0
    assert (
        (tmp_path / "results.md")
        .read_text()
        .startswith("# Benchmarks: the AddressConfiguration provider against the engine's floor")
    )
