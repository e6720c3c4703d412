"""Converters of wire parameters shared by the services, as Twilio applies them, and the strict-mode check.

A converter takes the raw form or query string and returns the Python value, or raises ValueError with a
detail that becomes ``Invalid parameter <Name>: <detail>``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from .exceptions import InvalidParameterError, UnknownParameterError

Converter = Callable[[str], Any]

_INTEGER = re.compile(r"[+-]?[0-9]+", re.ASCII)
INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1


def text(raw: str) -> str:
    if raw == "":
        raise ValueError("must not be empty")
    return raw


def enum(allowed: tuple[str, ...]) -> Converter:
    def convert(raw: str) -> str:
        if raw not in allowed:
            raise ValueError(f"{raw!r} is not one of {', '.join(allowed)}")
        return raw

    return convert


def sid(prefix: str, *, echo: bool = True) -> Converter:
    """A SID with this prefix. `echo`: the message repeats the value (a service whose values may be personal
    data, such as an address, says only the rule)."""
    pattern = re.compile(prefix + r"[0-9a-fA-F]{32}", re.ASCII)

    def convert(raw: str) -> str:
        if not pattern.fullmatch(raw):
            broken = f"{raw!r} does not match" if echo else "must match"
            raise ValueError(f"{broken} ^{prefix}[0-9a-fA-F]{{32}}$")
        return raw

    return convert


def booleans(*, echo: bool = True) -> Converter:
    """`true`/`false` in any letter case: twilio-python before 9.x sent `True`/`False`, and Twilio accepts them."""

    def convert(raw: str) -> bool:
        if raw.lower() not in ("true", "false"):
            raise ValueError(f"{raw!r} is not a boolean (true or false)" if echo else "must be true or false")
        return raw.lower() == "true"

    return convert


boolean = booleans()


def integer(raw: str, minimum: int | None = None, maximum: int | None = None) -> int:
    """A decimal 32-bit integer within [minimum, maximum]; ValueError with a detail otherwise.

    Twilio's integer parameters are 32-bit; a longer one is refused rather than stored, since a stored
    value beyond 32 bits breaks clients that read it back (the Go SDK's list).
    """
    if not _INTEGER.fullmatch(raw):
        raise ValueError(f"{raw!r} is not an integer")
    digits = raw.lstrip("+-").lstrip("0")
    if len(digits) > 10 or not INT32_MIN <= int(raw) <= INT32_MAX:
        shown = raw if len(raw) <= 24 else f"{raw[:20]}... ({len(raw)} characters)"
        raise ValueError(f"{shown} is not a 32-bit integer")
    value = int(raw)
    if minimum is not None and maximum is not None and not minimum <= value <= maximum:
        raise ValueError(f"{value} is not between {minimum} and {maximum}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{value} is less than {minimum}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{value} is greater than {maximum}")
    return value


def integer_in(minimum: int | None = None, maximum: int | None = None) -> Converter:
    return lambda raw: integer(raw, minimum, maximum)


def url(raw: str) -> str:
    try:
        parts = urlsplit(raw)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in raw):
        raise ValueError(f"{raw!r} is not an absolute http(s) URL")
    return raw


def reject_unknown(params: Mapping[str, str], known: tuple[str, ...] | Mapping[str, Any]) -> None:
    """UnknownParameterError for the first parameter not in ``known``."""
    for name in params:
        if name not in known:
            raise UnknownParameterError(name)


def convert_all(form: Mapping[str, str], specs: Mapping[str, tuple[str, Converter]]) -> dict[str, Any]:
    """The sent parameters of ``specs`` (wire name -> (attribute, converter)) converted, keyed by attribute."""
    values: dict[str, Any] = {}
    for name, (attr, convert) in specs.items():
        if name not in form:
            continue
        try:
            values[attr] = convert(form[name])
        except ValueError as exc:
            raise InvalidParameterError(name, str(exc)) from None
    return values
