"""Which declared inputs differ from what Twilio reports, and which removed inputs must be reset.

Only declared inputs count: server-set fields, values the API fills in by default and the serialized
provider never make a difference. A removed input counts only when the API reports something other than its
documented default; that is the value `update` sends back.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ._schema import DEFAULT_INTEGRATION_TYPE, FLOW_FIELDS, INTEGRATION, Field, integration_fields_for
from ._values import is_unknown, normalize


def changed_properties(olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[str]:
    """Property paths (`friendly_name`, `integration.retry_count`) whose desired value differs from `olds`.

    `olds` are the outputs Twilio last reported, `news` the checked inputs.
    """
    changes = [path for field, path, old, declared in _governed(olds, news) if _differs(field, old, declared)]
    if is_unknown(news.get(INTEGRATION)):
        changes.append(INTEGRATION)
    return changes


def removed_inputs(olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[tuple[Field, str]]:
    """(field, path) of each input that is no longer declared while the API reports a non-default value."""
    return [
        (field, path)
        for field, path, old, declared in _governed(olds, news)
        if field.name not in declared and _needs_reset(field, old)
    ]


def _governed(olds: Mapping[str, Any], news: Mapping[str, Any]) -> Iterator[tuple[Field, str, Any, Mapping[str, Any]]]:
    """Each field the desired state governs: (field, path, reported value, the mapping that would declare it).

    Integration fields are those of the desired integration type; none while the integration is unknown.
    """
    olds = normalize(dict(olds))
    for field in FLOW_FIELDS:
        yield field, field.name, olds.get(field.name), news
    new_integration = news.get(INTEGRATION) or {}
    if is_unknown(new_integration):
        return
    old_integration = olds.get(INTEGRATION) or {}
    for field in integration_fields_for(_integration_type(news)):
        yield field, f"{INTEGRATION}.{field.name}", old_integration.get(field.name), new_integration


def _integration_type(news: Mapping[str, Any]) -> str:
    value = news.get("integration_type", DEFAULT_INTEGRATION_TYPE)
    return value if isinstance(value, str) else DEFAULT_INTEGRATION_TYPE


def _differs(field: Field, old: Any, declared: Mapping[str, Any]) -> bool:
    if field.name not in declared:
        return _needs_reset(field, old)
    new = declared[field.name]
    if is_unknown(new):
        return True
    return field.canonical(normalize(new)) != field.canonical(old)


def _needs_reset(field: Field, old: Any) -> bool:
    if not field.resettable or old is None:
        return False
    return old not in (field.default, field.reset_value)
