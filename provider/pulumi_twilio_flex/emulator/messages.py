"""The request and the answer as every service sees them, and the form parser that builds the request.

Shared by all services, so a fault hook or a control route handles a Flex Flows request and a Conversations
request alike.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl

from .exceptions import FlexApiError

DATE_FORMAT = "%Y-%m-%dT%H:%M:%SZ"  # Twilio's ISO 8601: UTC, whole seconds, a Z


class FormData(dict[str, str]):
    """Form or query parameters: ``form[name]`` is the last value sent, ``getlist(name)`` every one in order.

    Twilio's array parameters (``AutoCreation.WebhookFilters``) arrive as one key repeated, which a plain
    dict would collapse to its last value. Compares equal to a dict of the last values.
    """

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        super().__init__()
        self._lists: dict[str, list[str]] = {}
        for name, value in pairs:
            self._lists.setdefault(name, []).append(value)
            self[name] = value

    def getlist(self, name: str) -> list[str]:
        """Every value sent under ``name``, in order; ``[]`` when it was not sent."""
        return list(self._lists.get(name, ()))

    def copy(self) -> FormData:
        return FormData((name, value) for name, values in self._lists.items() for value in values)


def parse_form(text: str) -> FormData:
    """Form or query pairs (``a=1&b=2&b=3``), repeated names kept."""
    return FormData(parse_qsl(text, keep_blank_values=True))


def format_date(moment: datetime) -> str:
    return moment.strftime(DATE_FORMAT)


def lower_keys(headers: Mapping[str, str]) -> dict[str, str]:
    return {str(name).lower(): str(value) for name, value in headers.items()}


@dataclass
class EmulatorRequest:
    """A request as the handlers (and fault hooks) see it. ``headers`` keys are lower-case."""

    method: str
    path: str
    query: FormData
    form: FormData
    headers: dict[str, str]
    base_url: str  # scheme and host the request came in on, e.g. "http://127.0.0.1:45123"
    path_params: dict[str, str] = field(default_factory=dict)
    account_sid: str | None = None
    body: bytes = b""

    @property
    def params(self) -> FormData:
        """The form for POST, the query string otherwise (what the journal records)."""
        return self.form if self.method == "POST" else self.query

    @property
    def account(self) -> str:
        """The Account SID the request acts for; the app authenticates before any handler runs."""
        if self.account_sid is None:
            raise RuntimeError("request reached a handler without an account")
        return self.account_sid


@dataclass
class EmulatorResponse:
    """A complete answer: status, headers, body bytes."""

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    lost: bool = False  # processed, but the connection closes before any answer (an injected fault)

    @classmethod
    def json(cls, status: int, payload: Any) -> EmulatorResponse:
        body = json.dumps(payload).encode("utf-8")
        return cls(status, {"Content-Type": "application/json; charset=utf-8"}, body)

    @classmethod
    def empty(cls, status: int = 204) -> EmulatorResponse:
        return cls(status, {}, b"")

    @classmethod
    def error(cls, error: FlexApiError) -> EmulatorResponse:
        response = cls.json(error.status, error.to_dict())
        response.headers.update(error.headers)
        return response
