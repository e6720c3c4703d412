"""The N resources both programs declare: the same inputs; flows of the three integration types in turn, or
address configurations of the three auto-creation types in turn."""

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


def address_inputs(count: int, generation: int = 0) -> dict[str, dict[str, Any]]:
    """Inputs of `count` address configurations; generation 1 changes one field (`friendly_name`) of each."""
    suffix = "" if generation == 0 else f" (rev {generation})"
    addresses: dict[str, dict[str, Any]] = {}
    for i in range(count):
        kind = ("studio", "webhook", "default")[i % 3]
        auto: dict[str, Any] = {"enabled": True, "type": kind, "conversation_service_sid": "IS" + _hex(i)}
        if kind == "studio":
            auto.update(studio_flow_sid="FW" + _hex(i), studio_retry_count=1)
        elif kind == "webhook":
            auto.update(
                webhook_url=f"https://hooks.example.com/conversations/{i}",
                webhook_method="POST",
                webhook_filters=["onMessageAdded", "onParticipantAdded"],
            )
        addresses[f"address-{i:04d}"] = {
            "type": ("sms", "whatsapp", "chat")[i % 3],
            "address": f"{('', 'whatsapp:', 'chat-')[i % 3]}+1500555{i:04d}",
            "friendly_name": f"Bench address {i:04d}{suffix}",
            "auto_creation": auto,
        }
    return addresses


WORKLOADS = {"flows": flow_inputs, "addresses": address_inputs}


def write_inputs(project_dir: Path, count: int, generation: int = 0, resource: str = "flows") -> None:
    (project_dir / INPUTS_FILE).write_text(json.dumps(WORKLOADS[resource](count, generation), indent=1))
