"""A session through which Prism judges every request the provider sends, telling its one known gap apart.

Prism (5.x) reads a form body as a flat map of strings, so an array sent the way Twilio's SDKs send it, the key
repeated once per item, reaches its validator as a string (stoplightio/prism#2473): it flags
`AutoCreation.WebhookFilters` with "must be array" whatever the items are. For a request that carried that key
(once per filter: once for a list of one) and that Prism flagged at that one property alone, the session judges
the filters itself and has Prism judge the rest:

1. the body is decoded with `urllib.parse.parse_qs`; the key must not carry one filter twice, and the list must
   keep the spec's schema for the property, its items held to the events the spec's description names
   (`conversations_oai.AddressesSpec.webhook_filters_schema`); the test then compares the list, in order, with
   what was declared (`Verdict.filters`);
2. the same request (method, URL, headers, the other pairs in their order) is sent again with the filter pairs
   removed, and Prism must find nothing wrong with it; its answer is what the client gets.

Anything else Prism reports is a violation: a violation at any other location, one beside the filters', one at
the filters' location in a request that did not carry the key, any other error status. Every request is judged
as it is sent, including one whose answer is then withheld from the client to stage a lost answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlencode, urlsplit

import requests
from conversations_oai import LIST_PATH, WEBHOOK_FILTERS, AddressesSpec
from flex_oai import violations
from prism import RecordingSession

FILTERS_LOCATION = ["body", WEBHOOK_FILTERS]


@dataclass
class Verdict:
    """Prism's judgement of one request, once the known gap is told apart."""

    method: str
    path: str
    query: dict[str, list[str]]
    form: dict[str, list[str]]  # the body as sent, decoded by parse_qs
    status: int  # Prism's answer (to the request sent again without the filters, on the gap path)
    violations: list[str] = field(default_factory=list)  # anything here fails the test
    filters: list[str] | None = None  # AutoCreation.WebhookFilters item by item, when the request carried it
    gap: bool = False  # Prism flagged the filters alone, and the request was judged without them

    def __str__(self) -> str:
        where = f"{self.method} {self.path}" + (f"?{urlencode(self.query, doseq=True)}" if self.query else "")
        lines = "".join(f"\n    {line}" for line in self.violations)
        return f"{where} -> HTTP {self.status}{' (filters judged apart)' if self.gap else ''}{lines}"


class JudgingSession(RecordingSession):
    """Sends each request to Prism, records a `Verdict`, and can withhold one answer to stage a lost one."""

    def __init__(self, spec: AddressesSpec) -> None:
        super().__init__()
        self.spec = spec
        self.verdicts: list[Verdict] = []
        self._lose: tuple[str, str] | None = None

    def lose_next_answer(self, method: str, path: str) -> None:
        """The next `method` request to `path` is sent and judged, but the client sees a read timeout."""
        self._lose = (method, path)

    def unexplained(self) -> list[Verdict]:
        """The verdicts that hold a violation: empty when Prism, with the gap told apart, found nothing."""
        return [verdict for verdict in self.verdicts if verdict.violations]

    def report(self) -> str:
        return "\n  ".join(str(verdict) for verdict in self.verdicts)

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        response = super().send(request, **kwargs)
        verdict, answer = self._judge(request, response, kwargs)
        self.verdicts.append(verdict)
        if self._lose == (verdict.method, verdict.path):
            self._lose = None
            raise requests.ReadTimeout("the answer was withheld by the test (a lost answer)", request=request)
        return answer

    def _judge(
        self, request: requests.PreparedRequest, response: requests.Response, kwargs: dict[str, Any]
    ) -> tuple[Verdict, requests.Response]:
        url = urlsplit(request.url or "")
        form = parse_qs(_text(request.body), keep_blank_values=True)
        filters = form.get(WEBHOOK_FILTERS)
        verdict = Verdict(str(request.method), url.path, parse_qs(url.query), form, response.status_code)
        verdict.filters = filters
        if filters is not None:
            operation = "create" if url.path == LIST_PATH else "update"
            verdict.violations += own_filter_problems(filters, self.spec.webhook_filters_schema(operation))
        found = reported(response)
        gap = [item for item in found if item.get("location") == FILTERS_LOCATION]
        if filters is None or not gap or len(gap) != len(found):
            not_excused = " (Prism's known gap, not set apart: " + (
                "the request did not carry the key)" if filters is None else "other violations beside it)"
            )
            lines = [_line(item) + (not_excused if item in gap else "") for item in found]
            verdict.violations += lines + _error_status(response)
            return verdict, response
        again = super().send(without_filters(request), **kwargs)
        verdict.status, verdict.gap = again.status_code, True
        verdict.violations += [_line(item) for item in reported(again)] + _error_status(again)
        return verdict, again


def own_filter_problems(filters: list[str], schema: dict[str, Any]) -> list[str]:
    """What is wrong with the filters as sent: a filter twice, or a list outside the property's schema."""
    problems = [f"{WEBHOOK_FILTERS} (judged apart): {line}" for line in violations(schema, filters)]
    twice = sorted({item for item in filters if filters.count(item) > 1})
    if twice:
        problems.append(f"{WEBHOOK_FILTERS} (judged apart): sent more than once: {', '.join(twice)}")
    return problems


def without_filters(request: requests.PreparedRequest) -> requests.PreparedRequest:
    """The same request with every AutoCreation.WebhookFilters pair removed, the other pairs in their order."""
    pairs = [(k, v) for k, v in parse_qsl(_text(request.body), keep_blank_values=True) if k != WEBHOOK_FILTERS]
    again = request.copy()
    again.body = urlencode(pairs)
    again.headers["Content-Length"] = str(len(again.body))
    return again


def reported(response: requests.Response) -> list[dict[str, Any]]:
    """The `validation` items of Prism's 422 answer (location, code, message); none for any other status."""
    if response.status_code != 422:
        return []
    try:
        body = response.json()
    except ValueError:
        return [{"location": [], "message": f"HTTP 422 whose body is not JSON: {response.text[:300]!r}"}]
    items = body.get("validation") if isinstance(body, dict) else None
    if not isinstance(items, list) or not items:
        return [{"location": [], "message": f"HTTP 422 without a validation list: {response.text[:300]!r}"}]
    return [item if isinstance(item, dict) else {"location": [], "message": repr(item)} for item in items]


def _error_status(response: requests.Response) -> list[str]:
    """An error status other than Prism's 422 (no such path or method, no credentials) is a failure too."""
    if response.status_code >= 400 and response.status_code != 422:
        return [f"HTTP {response.status_code}: {response.text[:300]}"]
    return []


def _line(item: dict[str, Any]) -> str:
    return f"{'.'.join(map(str, item.get('location') or []))}: {item.get('message')}"


def _text(body: str | bytes | None) -> str:
    return body.decode() if isinstance(body, bytes) else (body or "")
