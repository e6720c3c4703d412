"""Which declared inputs differ from what Twilio reports, and which removed inputs must be reset.

Only declared inputs count: server-set fields, values the API fills in by default and the serialized
provider never make a difference. A removed input counts only when the API reports something other than its
documented default; that is the value `update` sends back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._schema import DEFAULT_INTEGRATION_TYPE, FLOW_FIELDS, INTEGRATION, Field, integration_fields_for
from ._values import is_unknown, normalize


def changed_properties(olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[str]:
    """Property paths (`friendly_name`, `integration.retry_count`) whose desired value differs from `olds`.

    `olds` are the outputs Twilio last reported, `news` the checked inputs.
    """
    olds, news = normalize(dict(olds)), dict(news)
    changes = [f.name for f in FLOW_FIELDS if _differs(f, olds.get(f.name), news, f.name)]
    new_integration = news.get(INTEGRATION) or {}
    if is_unknown(new_integration):
        return changes + [INTEGRATION]
    old_integration = olds.get(INTEGRATION) or {}
    for field in integration_fields_for(_integration_type(news)):
        if _differs(field, old_integration.get(field.name), new_integration, field.name):
            changes.append(f"{INTEGRATION}.{field.name}")
    return changes


def removed_inputs(olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[tuple[Field, str]]:
    """(field, path) of each input that is no longer declared while the API reports a non-default value."""
    olds = normalize(dict(olds))
    removed = [(f, f.name) for f in FLOW_FIELDS if f.name not in news and _needs_reset(f, olds.get(f.name))]
    old_integration = olds.get(INTEGRATION) or {}
    new_integration = news.get(INTEGRATION) or {}
    for field in integration_fields_for(_integration_type(news)):
        if field.name not in new_integration and _needs_reset(field, old_integration.get(field.name)):
            removed.append((field, f"{INTEGRATION}.{field.name}"))
    return removed


def _integration_type(news: Mapping[str, Any]) -> str:
    value = news.get("integration_type", DEFAULT_INTEGRATION_TYPE)
    return value if isinstance(value, str) else DEFAULT_INTEGRATION_TYPE


def _differs(field: Field, old: Any, news: Mapping[str, Any], name: str) -> bool:
    if name not in news:
        return _needs_reset(field, old)
    new = news[name]
    if is_unknown(new):
        return True
    return normalize(new) != old


def _needs_reset(field: Field, old: Any) -> bool:
    if not field.resettable or old is None:
        return False
    return old not in (field.default, field.reset_value)
