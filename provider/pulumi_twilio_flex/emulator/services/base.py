"""The base of every service's responses class: dispatch by handler name, Twilio errors as error bodies."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..converters import reject_unknown
from ..exceptions import FlexApiError
from ..messages import EmulatorRequest, EmulatorResponse, format_date
from ..paging import Sequenced, list_page


def attributes(resource: Any, names: Sequence[str]) -> dict[str, Any]:
    """The named attributes of a model, under their own names (the JSON of fields stored as Twilio reports them)."""
    return {name: getattr(resource, name) for name in names}


def server_fields(resource: Any, base_url: str, path: str) -> dict[str, Any]:
    """The fields Twilio sets on every resource it answers with: SID, account, dates and the instance URL."""
    return {
        "sid": resource.sid,
        "account_sid": resource.account_sid,
        "date_created": format_date(resource.date_created),
        "date_updated": format_date(resource.date_updated),
        "url": f"{base_url}{path}/{resource.sid}",
    }


class Handlers:
    """Calls a request's handler by name; a Twilio error it raises becomes Twilio's error body."""

    def dispatch(self, handler: str, request: EmulatorRequest) -> EmulatorResponse:
        try:
            response: EmulatorResponse = getattr(self, handler)(request)
        except FlexApiError as error:
            return EmulatorResponse.error(error)
        return response


class ServiceResponses(Handlers):
    """Parses a request, calls the service's backend, serializes the answer. Holds options, never request
    state. ``strict``: reject parameters the API does not define (Twilio ignores them)."""

    def __init__(self, *, strict: bool = False) -> None:
        self.strict = strict

    def list_response(
        self,
        request: EmulatorRequest,
        *,
        list_params: tuple[str, ...] | Mapping[str, Any],
        filter_param: str,
        items: Callable[[str | None], Sequence[Sequenced]],
        page: dict[str, Any],
    ) -> EmulatorResponse:
        """A list request: its one filter (`FriendlyName`, `Type`) given to `items`, the result as one page.

        ``page``: the keyword arguments of `list_page` that describe the service's collection.
        """
        if self.strict:
            reject_unknown(request.query, list_params)
        value = request.query.get(filter_param) or None
        filters = {filter_param: value} if value is not None else {}
        return list_page(request, items(value), filters=filters, **page)
