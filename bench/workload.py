"""The N flows both programs declare: the same inputs, the three integration types in turn."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

INPUTS_FILE = "flows.json"  # read by both programs, in their working directory


def _hex(seed: int) -> str:
    return f"{seed:032x}"


def flow_inputs(count: int, generation: int = 0) -> dict[str, dict[str, Any]]:
    """Inputs of `count` flows; generation 1 changes one field (`friendly_name`) of every flow."""
    suffix = "" if generation == 0 else f" (rev {generation})"
    flows: dict[str, dict[str, Any]] = {}
    for i in range(count):
        kind = ("studio", "external", "task")[i % 3]
        args: dict[str, Any] = {
            "friendly_name": f"Bench flow {i:04d}{suffix}",
            "chat_service_sid": "IS" + _hex(i),
            "channel_type": ("web", "sms", "whatsapp")[i % 3],
            "integration_type": kind,
            "enabled": True,
            "janitor_enabled": False,
            "long_lived": False,
        }
        if kind == "studio":
            args["integration"] = {"flow_sid": "FW" + _hex(i), "retry_count": 1}
        elif kind == "external":
            args["integration"] = {"url": f"https://hooks.example.com/flex/{i}", "retry_count": 2}
            args["contact_identity"] = f"+1500555{i % 10000:04d}"
        else:
            args["integration"] = {
                "workspace_sid": "WS" + _hex(i),
                "workflow_sid": "WW" + _hex(i),
                "channel": "chat",
                "priority": 10,
                "timeout": 3600,
            }
        flows[f"flow-{i:04d}"] = args
    return flows


def write_inputs(project_dir: Path, count: int, generation: int = 0) -> None:
    (project_dir / INPUTS_FILE).write_text(json.dumps(flow_inputs(count, generation), indent=1))
