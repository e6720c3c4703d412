"""The seed document (Twilio's Create Flex Flow reference) read as data: body parameters, response fields."""

from __future__ import annotations

import re
from pathlib import Path

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "000_aa35c84d5e27ad3f.txt"


def seed_sections() -> tuple[set[str], set[str]]:
    """(body parameter names, response field names) as the seed document lists them."""
    text = SEED.read_text(encoding="utf-8")
    body, responses = text.split("## Responses", 1)
    return set(re.findall(r"\*\*([A-Za-z.]+)\*\* \(", body)), set(re.findall(r"\*\*([a-z_]+)\*\* \(", responses))
