"""The emulator's default address, as its --help, its module docstring and the README state it, and a taken port."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

import pulumi_twilio_flex.emulator.__main__ as cli

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_emulator_usage() -> str:
    """The usage block of the README's "The emulator" section."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## The emulator\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(python -m pulumi_twilio_flex\.emulator .*?)```", section, re.DOTALL)
    assert block, "the README's emulator section has no usage block"
    return block.group(1)


def help_defaults() -> dict[str, str]:
    """``--host`` and ``--port`` defaults as ``--help`` prints them."""
    result = subprocess.run(
        [sys.executable, "-m", "pulumi_twilio_flex.emulator", "--help"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    found = {flag: re.search(rf"--{flag} [A-Z]+ [^()\[\]]*\(default: ([^)]+)\)", text) for flag in ("host", "port")}
    assert all(found.values()), text
    return {flag: match.group(1) for flag, match in found.items() if match}


def test_help_docstring_and_readme_agree_on_the_default_address() -> None:
    defaults = help_defaults()
    assert defaults == {"host": "127.0.0.1", "port": "8718"}
    usage = readme_emulator_usage()
    assert f"[--host {defaults['host']}] [--port {defaults['port']}]" in usage
    assert f"[--host {defaults['host']}] [--port {defaults['port']}]" in (cli.__doc__ or "")
    assert f"`{defaults['host']}:{defaults['port']}`" in README.read_text(encoding="utf-8")  # the quick start


def test_taken_port_exits_1_naming_it_and_the_way_out() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "pulumi_twilio_flex.emulator", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"cannot listen on 127.0.0.1 port {port}: Address already in use" in result.stderr
    assert "--port 0 picks a free port" in result.stderr
    assert "Traceback" not in result.stderr


def test_port_out_of_range_exits_2_naming_the_flag() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pulumi_twilio_flex.emulator", "--port", "70000"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "--port" in result.stderr and "is not a port number between 0 and 65535" in result.stderr
