"""Paging of list endpoints as Twilio does it: ``Page``/``PageSize``/``PageToken`` in, the ``meta`` envelope out.

Page tokens are this emulator's own (``PA<sequence>`` after, ``PB<sequence>`` before an item), so a page
follows its ``next_page_url`` correctly while items are created or deleted between requests.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol
from urllib.parse import urlencode

from .converters import integer
from .exceptions import InvalidPageTokenError, InvalidParameterError, PageSizeTooLargeError
from .messages import EmulatorRequest, EmulatorResponse

DEFAULT_PAGE_SIZE = 50


class Sequenced(Protocol):
    sequence: int  # creation order


def page_token(raw: str) -> tuple[str, int]:
    """("after"|"before", sequence) from a PageToken this emulator issued; InvalidPageTokenError otherwise."""
    kinds = {"PA": "after", "PB": "before"}
    digits = raw[2:]
    if raw[:2] not in kinds or not 0 < len(digits) <= 18 or not digits.isascii() or not digits.isdigit():
        raise InvalidPageTokenError()
    return kinds[raw[:2]], int(digits)


def page_size(raw: str, maximum: int, *, clamp: bool = False) -> int:
    """PageSize: 1..maximum. Above it Twilio answers 20007 (Page size too large), or, with ``clamp``, the
    maximum is used; other values are 20001."""
    try:
        return integer(raw, 1, maximum)
    except ValueError as exc:
        digits = raw.removeprefix("+").lstrip("0")
        if digits.isascii() and digits.isdigit() and (len(digits) > 4 or int(digits) > maximum):
            if clamp:
                return maximum
            raise PageSizeTooLargeError(maximum) from None
        raise InvalidParameterError("PageSize", str(exc)) from None


def list_page(
    request: EmulatorRequest,
    items: Sequence[Sequenced],
    *,
    path: str,
    key: str,
    filters: Mapping[str, str],
    serialize: Callable[[Any], dict[str, Any]],
    max_page_size: int,
    clamp: bool = False,
) -> EmulatorResponse:
    """One page of ``items`` (already filtered, in creation order) in Twilio's list envelope.

    ``filters``: the filter parameters the request used, repeated in every page URL before the paging ones.
    """
    query = request.query
    size, page = DEFAULT_PAGE_SIZE, 0
    if "PageSize" in query:
        size = page_size(query["PageSize"], max_page_size, clamp=clamp)
    try:
        if "Page" in query:
            page = integer(query["Page"], minimum=0)
    except ValueError as exc:
        raise InvalidParameterError("Page", str(exc)) from None
    token = query.get("PageToken") or None

    if token is None:
        chosen = list(items[page * size : (page + 1) * size])
    else:
        direction, sequence = page_token(token)
        if direction == "after":
            chosen = [item for item in items if item.sequence > sequence][:size]
        else:
            chosen = [item for item in items if item.sequence < sequence][-size:]

    def page_url(number: int, token_: str | None) -> str:
        params: dict[str, str | int] = dict(filters)
        params["PageSize"] = size
        params["Page"] = number
        if token_ is not None:
            params["PageToken"] = token_
        return f"{request.base_url}{path}?{urlencode(params)}"

    more = bool(chosen) and items[-1].sequence > chosen[-1].sequence
    next_url = page_url(page + 1, f"PA{chosen[-1].sequence}") if more else None
    previous_url = None
    if page > 0:
        previous_url = page_url(page - 1, f"PB{chosen[0].sequence}" if chosen else None)
    meta = {
        "page": page,
        "page_size": size,
        "first_page_url": page_url(0, None),
        "previous_page_url": previous_url,
        "url": page_url(page, token),
        "next_page_url": next_url,
        "key": key,
    }
    return EmulatorResponse.json(200, {key: [serialize(item) for item in chosen], "meta": meta})
