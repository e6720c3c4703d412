"""The seed document (Twilio's Create Flex Flow reference) read as data: body parameters, response fields.

Found through FLEX_SEED_DOCUMENT (default: ../shared/seed/ beside the checkout). Where it cannot be had (hosted
CI, which sets FLEX_SEED_DOCUMENT_OPTIONAL=1), the tests that read it skip and say so; the contract tests check
the same fields against Twilio's OpenAPI description. Anywhere else a missing seed is an error.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

DEFAULT_SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "000_aa35c84d5e27ad3f.txt"
SEED = Path(os.environ.get("FLEX_SEED_DOCUMENT") or DEFAULT_SEED)


def seed_sections() -> tuple[set[str], set[str]]:
    """(body parameter names, response field names) as the seed document lists them."""
    if not SEED.is_file() and os.environ.get("FLEX_SEED_DOCUMENT_OPTIONAL"):
        pytest.skip(f"the seed document {SEED} is not available here and FLEX_SEED_DOCUMENT_OPTIONAL is set")
    text = SEED.read_text(encoding="utf-8")
    body, responses = text.split("## Responses", 1)
    return set(re.findall(r"\*\*([A-Za-z.]+)\*\* \(", body)), set(re.findall(r"\*\*([a-z_]+)\*\* \(", responses))
