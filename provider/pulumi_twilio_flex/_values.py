"""Small helpers for values as they cross Pulumi's wire: numbers arrive as floats, unknowns as markers."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from pulumi.output import Unknown


def is_unknown(value: Any) -> bool:
    """True for a value Pulumi does not know yet (preview of an input that depends on another resource)."""
    return isinstance(value, Unknown)


def normalize(value: Any) -> Any:
    """Integral floats become ints (Pulumi sends `3` back as `3.0`), recursively; None-valued keys are dropped."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: normalize(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [normalize(v) for v in value]
    return value


def is_integer(value: Any) -> bool:
    """An int that is not a bool (normalize first so 3.0 counts)."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_http_url(value: str) -> bool:
    """An absolute http(s) URL with a host, no spaces, and a port that parses."""
    try:
        parsed = urlsplit(value)
        _ = parsed.port
    except ValueError:
        return False
    return parsed.scheme in ("http", "https") and bool(parsed.hostname) and not any(c.isspace() for c in value)
